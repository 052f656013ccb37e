package io.sluice.core.value;

import java.io.Serializable;

/**
 * A TIME value: a signed duration, not a time of day, so hours above 23 and negative values are
 * normal. The range is MariaDB's, {@code -838:59:59.999999} to {@code 838:59:59.999999}; MySQL's
 * ends at {@code 838:59:59.000000}, a subset, so values from either server fit.
 */
public record MysqlTime(boolean negative, int hours, int minutes, int seconds, int micros) implements Serializable {
    public MysqlTime {
        if (hours < 0 || hours > 838 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59) {
            throw new IllegalArgumentException("Invalid TIME %s%d:%02d:%02d".formatted(negative ? "-" : "", hours, minutes, seconds));
        }
        Fraction.checkMicros(micros);
        if (negative && hours == 0 && minutes == 0 && seconds == 0 && micros == 0) {
            negative = false;
        }
    }

    /** MySQL text form with {@code fsp} fractional digits, e.g. {@code -838:59:59.000000}. */
    public String format(int fsp) {
        StringBuilder out = new StringBuilder(17);
        if (negative) {
            out.append('-');
        }
        Fraction.pad(out, hours, 2);
        out.append(':');
        Fraction.pad(out, minutes, 2);
        out.append(':');
        Fraction.pad(out, seconds, 2);
        Fraction.append(out, micros, fsp);
        return out.toString();
    }

    /** Total microseconds, negative for negative times. */
    public long totalMicros() {
        long total = ((hours * 60L + minutes) * 60L + seconds) * 1_000_000L + micros;
        return negative ? -total : total;
    }

    @Override
    public String toString() {
        return format(micros == 0 ? 0 : 6);
    }
}
