package io.sluice.cli.http;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's {@code time.ParseDuration} text ({@code 30s}, {@code 10m}, {@code 1h30m}, {@code 1.5h}, {@code 500ms}),
 * which dmctl's {@code -rpc-timeout} takes, to and from {@link Duration}.
 */
public final class GoDurations
{
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "µs", 1_000L,
            "μs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);

    private GoDurations() {}

    public static Duration parse(String text)
    {
        String trimmed = text.strip();
        if (trimmed.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = PART.matcher(trimmed);
        BigDecimal nanos = BigDecimal.ZERO;
        int position = 0;
        while (position < trimmed.length()) {
            if (!matcher.find(position) || matcher.start() != position) {
                throw new IllegalArgumentException("invalid duration '" + text + "': use Go duration text such as 30s, 10m or 1h30m");
            }
            nanos = nanos.add(new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(matcher.group(2)))));
            position = matcher.end();
        }
        if (position == 0) {
            throw new IllegalArgumentException("invalid duration '" + text + "': use Go duration text such as 30s, 10m or 1h30m");
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /** Go's form for whole units ({@code 10m}, {@code 1h30m}, {@code 1.5s}); below a second, milliseconds. */
    public static String format(Duration duration)
    {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.toNanos() % 1_000_000 != 0) {
            return duration.toNanos() + "ns";
        }
        if (duration.toSeconds() == 0) {
            return duration.toMillis() + "ms";
        }
        StringBuilder text = new StringBuilder();
        if (duration.toHours() > 0) {
            text.append(duration.toHours()).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            text.append(duration.toMinutesPart()).append('m');
        }
        if (duration.toSecondsPart() > 0 || duration.toMillisPart() > 0) {
            text.append(duration.toSecondsPart());
            if (duration.toMillisPart() > 0) {
                text.append('.').append(String.format("%03d", duration.toMillisPart()).replaceAll("0+$", ""));
            }
            text.append('s');
        }
        return text.toString();
    }
}
