package io.sluice.cli.command;

import io.sluice.cli.http.GoDurations;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

/** Reads {@code -rpc-timeout} as Go duration text ({@code 30s}, {@code 10m}), as dmctl does. */
public final class DurationConverter
        implements ITypeConverter<Duration>
{
    @Override
    public Duration convert(String value)
    {
        try {
            Duration duration = GoDurations.parse(value);
            if (duration.isZero() || duration.isNegative()) {
                throw new TypeConversionException("the rpc timeout must be positive, e.g. 30s or 10m");
            }
            return duration;
        }
        catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
