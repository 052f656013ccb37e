package io.sluice.mysql.predicate;

import io.sluice.core.value.MysqlDate;
import io.sluice.core.value.MysqlDateTime;
import io.sluice.core.value.MysqlTime;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Temporal values in comparisons: parsing the constant strings they are compared with, and the
 * packed numbers MariaDB compares (a DATE compares as the DATETIME at midnight, so DATE and
 * DATETIME share one ordering; TIME is a signed duration). Only the unambiguous text forms are
 * accepted: MySQL's lenient parser reads {@code '2024-01-01x'} or {@code '24-1-1'} too, with rules
 * row predicates do not reproduce, so those are rejected when the expression is bound.
 */
final class Temporals {
    private static final Pattern DATETIME = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[ T](\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.(\\d{1,6}))?)?");
    private static final Pattern TIME = Pattern.compile("(-?)(\\d{1,3}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,6}))?)?");

    private Temporals() {}

    /** Parses {@code YYYY-MM-DD[ hh:mm:ss[.ffffff]]}; zero and partly zero dates are allowed, as in comparisons. */
    static Optional<MysqlDateTime> parseDateTime(String text) {
        Matcher m = DATETIME.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
        int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        if (month > 12 || day > 31 || hour > 23 || minute > 59 || second > 59) {
            return Optional.empty();
        }
        return Optional.of(new MysqlDateTime(Integer.parseInt(m.group(1)), month, day, hour, minute, second, micros(m.group(7))));
    }

    /** The number of fractional digits written in a datetime or time text. */
    static int fractionDigits(String text) {
        int point = text.lastIndexOf('.');
        return point < 0 ? 0 : text.length() - point - 1;
    }

    /** Parses {@code [-]h:mm[:ss[.ffffff]]} up to MariaDB's 838:59:59.999999. */
    static Optional<MysqlTime> parseTime(String text) {
        Matcher m = TIME.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int hours = Integer.parseInt(m.group(2));
        int minutes = Integer.parseInt(m.group(3));
        int seconds = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        int micros = micros(m.group(5));
        // MariaDB's range ends at 838:59:59.999999 (MySQL's at 838:59:59): any hour 838 with valid minutes and seconds is in range
        if (minutes > 59 || seconds > 59 || hours > 838) {
            return Optional.empty();
        }
        return Optional.of(new MysqlTime(!m.group(1).isEmpty(), hours, minutes, seconds, micros));
    }

    /** A calendar-valid date (DATE literals are strict). */
    static boolean isValidDate(int year, int month, int day) {
        if (year < 1 || month < 1 || day < 1) {
            return false;
        }
        return day <= java.time.YearMonth.of(year, month).lengthOfMonth();
    }

    private static int micros(String fraction) {
        if (fraction == null) {
            return 0;
        }
        return Integer.parseInt((fraction + "00000").substring(0, 6));
    }

    static long pack(MysqlDate date) {
        return pack(date.year(), date.month(), date.day(), 0, 0, 0, 0);
    }

    static long pack(MysqlDateTime value) {
        return pack(value.year(), value.month(), value.day(), value.hour(), value.minute(), value.second(), value.micros());
    }

    /** MySQL's packed DATETIME: ((year * 13 + month) * 32 + day) << 17 | hh << 12 | mm << 6 | ss, then << 24 | micros. */
    private static long pack(int year, int month, int day, int hour, int minute, int second, int micros) {
        long ymd = ((long) (year * 13 + month) << 5) | day;
        long hms = ((long) hour << 12) | ((long) minute << 6) | second;
        return (((ymd << 17) | hms) << 24) | micros;
    }

    /** The comparison key of a DATE, DATETIME or TIME value. */
    static long key(Object value) {
        return switch (value) {
            case MysqlDate date -> pack(date);
            case MysqlDateTime dateTime -> pack(dateTime);
            case MysqlTime time -> time.totalMicros();
            default -> throw new IllegalArgumentException("not a temporal value: " + value);
        };
    }

    static MysqlDateTime toDateTime(Object value) {
        return switch (value) {
            case MysqlDate d -> new MysqlDateTime(d.year(), d.month(), d.day(), 0, 0, 0, 0);
            case MysqlDateTime dt -> dt;
            default -> throw new IllegalArgumentException("not a date: " + value);
        };
    }

    static MysqlDate toDate(Object value) {
        return switch (value) {
            case MysqlDate d -> d;
            case MysqlDateTime dt -> new MysqlDate(dt.year(), dt.month(), dt.day());
            default -> throw new IllegalArgumentException("not a date: " + value);
        };
    }

    /** Drops fractional digits beyond {@code fsp}, as MariaDB does without TIME_ROUND_FRACTIONAL. */
    static MysqlDateTime truncate(MysqlDateTime value, int fsp) {
        int factor = (int) Math.pow(10, 6 - fsp);
        int micros = value.micros() / factor * factor;
        return micros == value.micros() ? value
                : new MysqlDateTime(value.year(), value.month(), value.day(), value.hour(), value.minute(), value.second(), micros);
    }

    /** The text MySQL gives a temporal value with {@code fsp} fractional digits. */
    static String text(Object value, int fsp) {
        return switch (value) {
            case MysqlDate d -> d.toString();
            case MysqlDateTime dt -> dt.format(fsp);
            case MysqlTime t -> t.format(fsp);
            default -> throw new IllegalArgumentException("not a temporal value: " + value);
        };
    }
}
