package io.sluice.core.value;

import java.io.Serializable;

/**
 * A DATETIME value exactly as stored: a calendar date and a time of day with microseconds,
 * without a time zone, including zero and partially-zero dates.
 */
public record MysqlDateTime(int year, int month, int day, int hour, int minute, int second, int micros)
        implements Serializable {
    public MysqlDateTime {
        new MysqlDate(year, month, day);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            throw new IllegalArgumentException("Invalid DATETIME time part %02d:%02d:%02d".formatted(hour, minute, second));
        }
        Fraction.checkMicros(micros);
    }

    /** MySQL text form with {@code fsp} fractional digits, e.g. {@code 2024-02-29 23:59:59.123}. */
    public String format(int fsp) {
        StringBuilder out = new StringBuilder(26);
        MysqlDate.appendTo(out, year, month, day);
        out.append(' ');
        Fraction.pad(out, hour, 2);
        out.append(':');
        Fraction.pad(out, minute, 2);
        out.append(':');
        Fraction.pad(out, second, 2);
        Fraction.append(out, micros, fsp);
        return out.toString();
    }

    @Override
    public String toString() {
        return format(micros == 0 ? 0 : 6);
    }
}
