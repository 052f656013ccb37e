package io.sluice.core.value;

import java.io.Serializable;

/**
 * A DATE value exactly as MySQL stores it, including the zero date {@code 0000-00-00} and dates
 * with a zero month or day that {@code java.time} cannot represent.
 */
public record MysqlDate(int year, int month, int day) implements Serializable {
    public MysqlDate {
        if (year < 0 || year > 9999 || month < 0 || month > 12 || day < 0 || day > 31) {
            throw new IllegalArgumentException("Invalid DATE %04d-%02d-%02d".formatted(year, month, day));
        }
    }

    public boolean isZero() {
        return year == 0 && month == 0 && day == 0;
    }

    /** MySQL text form, {@code YYYY-MM-DD}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(10);
        appendTo(out, year, month, day);
        return out.toString();
    }

    static void appendTo(StringBuilder out, int year, int month, int day) {
        Fraction.pad(out, year, 4);
        out.append('-');
        Fraction.pad(out, month, 2);
        out.append('-');
        Fraction.pad(out, day, 2);
    }
}
