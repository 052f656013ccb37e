package io.sluice.mysql.predicate;

import io.sluice.core.value.MysqlDate;
import io.sluice.core.value.MysqlDateTime;
import io.sluice.core.value.MysqlTime;
import io.sluice.mysql.predicate.SqlType.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HOUR, MINUTE, SECOND, DATEDIFF, DATE_FORMAT and {@code date ± INTERVAL n unit}, computed as
 * MariaDB's {@code sql_time.cc} does: day numbers by its {@code calc_daynr} (whose year 0 is not a
 * leap year, unlike {@code java.time}'s), month arithmetic clamping the day to the month's end, and
 * NULL instead of a date outside 0001-01-01..9999-12-31 or a date with a zero month or day.
 */
final class DateFunctions {
    /** calc_daynr(9999, 12, 31). */
    private static final long MAX_DAY_NUMBER = 3652424;
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    private static final String[] MONTH_NAMES = {"January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"};

    /** The interval units accepted; compound units ({@code DAY_HOUR '1 2'}) are not. */
    enum Unit {
        MICROSECOND, SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, QUARTER, YEAR;

        /** Units that keep a DATE a DATE (MariaDB's {@code int_type <= INTERVAL_DAY} and friends). */
        boolean dateOnly() {
            return this == DAY || this == WEEK || this == MONTH || this == QUARTER || this == YEAR;
        }
    }

    enum TimePart { HOUR, MINUTE, SECOND }

    private DateFunctions() {}

    /** HOUR, MINUTE, SECOND: of a TIME its (unsigned) parts, so HOUR('838:59:59') is 838; of a DATE 0. */
    static Eval timePart(Eval argument, TimePart part) {
        Eval value = temporalArgument(argument, part.name());
        return Conversions.map(value, SqlType.SIGNED, v -> (long) switch (v) {
            case MysqlTime t -> part == TimePart.HOUR ? t.hours() : part == TimePart.MINUTE ? t.minutes() : t.seconds();
            case MysqlDateTime dt -> part == TimePart.HOUR ? dt.hour() : part == TimePart.MINUTE ? dt.minute() : dt.second();
            case MysqlDate ignored -> 0;
            default -> throw new IllegalStateException("not a temporal value: " + v);
        });
    }

    /** DATEDIFF(a, b) = TO_DAYS(a) - TO_DAYS(b); NULL when either has a zero month or day. */
    static Eval dateDiff(Eval a, Eval b) {
        Eval left = Functions.dateArgument(a, "DATEDIFF");
        Eval right = Functions.dateArgument(b, "DATEDIFF");
        return new Binary(SqlType.SIGNED, left, right) {
            @Override
            Object compute(Object x, Object y) {
                MysqlDate first = Temporals.toDate(x);
                MysqlDate second = Temporals.toDate(y);
                if (hasZeroPart(first) || hasZeroPart(second)) {
                    return null;
                }
                return dayNumber(first.year(), first.month(), first.day()) - dayNumber(second.year(), second.month(), second.day());
            }
        };
    }

    /** {@code date + INTERVAL amount unit} (a negative amount subtracts). */
    static Eval addInterval(Eval argument, long amount, Unit unit) {
        Kind kind = argument.type().kind();
        if (kind != Kind.DATE && kind != Kind.DATETIME && kind != Kind.NULL) {
            throw new IllegalArgumentException("INTERVAL arithmetic needs a DATE, DATETIME or TIMESTAMP operand, not "
                    + argument.type().describe() + "; write DATE '2024-01-01' or TIMESTAMP '2024-01-01 10:00:00' for a constant");
        }
        SqlType type;
        if (kind == Kind.DATE && unit.dateOnly()) {
            type = SqlType.DATE;
        }
        else {
            int fsp = kind == Kind.DATETIME ? argument.type().scale() : 0;
            type = SqlType.datetime(unit == Unit.MICROSECOND ? 6 : fsp);
        }
        if (kind == Kind.NULL) {
            return new Constant(type, null);
        }
        boolean toDate = type.kind() == Kind.DATE;
        return new Binary(type, argument, argument) {
            @Override
            Object compute(Object value, Object ignored) {
                MysqlDateTime result = add(Temporals.toDateTime(value), amount, unit);
                if (result == null) {
                    return null;
                }
                return toDate ? Temporals.toDate(result) : result;
            }
        };
    }

    /** date_add_interval; null where MariaDB returns NULL (with a warning). */
    static MysqlDateTime add(MysqlDateTime t, long amount, Unit unit) {
        if (t.month() == 0 || t.day() == 0) {
            return null;
        }
        switch (unit) {
            case YEAR -> {
                long year = t.year() + amount;
                if (year < 0 || year >= 10000) {
                    return null;
                }
                int day = t.month() == 2 && t.day() == 29 && daysInYear((int) year) != 366 ? 28 : t.day();
                return new MysqlDateTime((int) year, t.month(), day, t.hour(), t.minute(), t.second(), t.micros());
            }
            case MONTH, QUARTER -> {
                long months = unit == Unit.QUARTER ? Math.multiplyExact(amount, 3) : amount;
                long period = t.year() * 12L + t.month() - 1 + months;
                if (period < 0 || period >= 120000) {
                    return null;
                }
                int year = (int) (period / 12);
                int month = (int) (period % 12) + 1;
                int day = t.day();
                if (day > DAYS_IN_MONTH[month - 1]) {
                    day = DAYS_IN_MONTH[month - 1] + (month == 2 && daysInYear(year) == 366 ? 1 : 0);
                }
                return new MysqlDateTime(year, month, day, t.hour(), t.minute(), t.second(), t.micros());
            }
            default -> {
                long micros = switch (unit) {
                    case MICROSECOND -> amount;
                    case SECOND -> Math.multiplyExact(amount, 1_000_000L);
                    case MINUTE -> Math.multiplyExact(amount, 60_000_000L);
                    case HOUR -> Math.multiplyExact(amount, 3_600_000_000L);
                    case DAY -> Math.multiplyExact(amount, MICROS_PER_DAY);
                    case WEEK -> Math.multiplyExact(amount, 7 * MICROS_PER_DAY);
                    default -> throw new IllegalStateException("unit " + unit);
                };
                long days = dayNumber(t.year(), t.month(), t.day()) - 1;
                long time = ((t.hour() * 60L + t.minute()) * 60 + t.second()) * 1_000_000L + t.micros();
                long total = Math.addExact(Math.addExact(Math.multiplyExact(days, MICROS_PER_DAY), time), micros);
                if (total < 0) {
                    return null;
                }
                long dayNumber = total / MICROS_PER_DAY + 1;
                // get_date_from_daynr gives no date before 0001-01-01 (day 366) or after 9999-12-31
                if (dayNumber < 366 || dayNumber > MAX_DAY_NUMBER) {
                    return null;
                }
                int[] ymd = fromDayNumber(dayNumber);
                long rest = total % MICROS_PER_DAY;
                int micro = (int) (rest % 1_000_000);
                long seconds = rest / 1_000_000;
                return new MysqlDateTime(ymd[0], ymd[1], ymd[2], (int) (seconds / 3600), (int) (seconds / 60 % 60), (int) (seconds % 60), micro);
            }
        }
    }

    /** DATE_FORMAT(date, 'format') with a constant format of the specifiers MariaDB computes from the date's fields alone. */
    static Eval dateFormat(Eval argument, String format) {
        Eval date = Functions.dateArgument(argument, "DATE_FORMAT");
        List<Object> parts = parseFormat(format);
        boolean needsMonthName = format.contains("%M") || format.contains("%b");
        SqlType type = SqlType.string(Collation.CONNECTION, SqlType.Derivation.COERCIBLE, true);
        return Conversions.map(date, type, v -> {
            MysqlDateTime t = Temporals.toDateTime(v);
            if (needsMonthName && t.month() == 0) {
                return null;
            }
            StringBuilder out = new StringBuilder();
            for (Object part : parts) {
                if (part instanceof String literal) {
                    out.append(literal);
                }
                else {
                    append(out, (Character) part, t);
                }
            }
            return out.toString();
        });
    }

    private static List<Object> parseFormat(String format) {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                literal.append(c);
                continue;
            }
            char specifier = format.charAt(++i);
            if ("YymcdeHkhIlisSfpTrMbD".indexOf(specifier) < 0) {
                if (specifier == '%') {
                    literal.append('%');
                    continue;
                }
                throw new IllegalArgumentException("DATE_FORMAT specifier %" + specifier + " is not supported; use %Y %y %m %c %d %e %D "
                        + "%H %k %h %I %l %i %s %S %f %p %T %r %M %b %%");
            }
            if (!literal.isEmpty()) {
                parts.add(literal.toString());
                literal.setLength(0);
            }
            parts.add(specifier);
        }
        if (!literal.isEmpty()) {
            parts.add(literal.toString());
        }
        return parts;
    }

    private static void append(StringBuilder out, char specifier, MysqlDateTime t) {
        int hour12 = (t.hour() + 11) % 12 + 1;
        switch (specifier) {
            case 'Y' -> out.append(pad(t.year(), 4));
            case 'y' -> out.append(pad(t.year() % 100, 2));
            case 'm' -> out.append(pad(t.month(), 2));
            case 'c' -> out.append(t.month());
            case 'd' -> out.append(pad(t.day(), 2));
            case 'e' -> out.append(t.day());
            case 'D' -> out.append(t.day()).append(ordinalSuffix(t.day()));
            case 'H' -> out.append(pad(t.hour(), 2));
            case 'k' -> out.append(t.hour());
            case 'h', 'I' -> out.append(pad(hour12, 2));
            case 'l' -> out.append(hour12);
            case 'i' -> out.append(pad(t.minute(), 2));
            case 's', 'S' -> out.append(pad(t.second(), 2));
            case 'f' -> out.append(pad(t.micros(), 6));
            case 'p' -> out.append(t.hour() < 12 ? "AM" : "PM");
            case 'T' -> out.append(pad(t.hour(), 2)).append(':').append(pad(t.minute(), 2)).append(':').append(pad(t.second(), 2));
            case 'r' -> out.append(pad(hour12, 2)).append(':').append(pad(t.minute(), 2)).append(':').append(pad(t.second(), 2))
                    .append(t.hour() < 12 ? " AM" : " PM");
            case 'M' -> out.append(MONTH_NAMES[t.month() - 1]);
            case 'b' -> out.append(MONTH_NAMES[t.month() - 1], 0, 3);
            default -> throw new IllegalStateException("specifier " + specifier);
        }
    }

    private static String ordinalSuffix(int day) {
        if (day >= 10 && day <= 19) {
            return "th";
        }
        return switch (day % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    private static String pad(int value, int width) {
        String text = Integer.toString(value);
        return text.length() >= width ? text : "0".repeat(width - text.length()) + text;
    }

    /** Reads a temporal argument of HOUR, MINUTE, SECOND: a temporal column or a date, datetime or time string constant. */
    private static Eval temporalArgument(Eval argument, String name) {
        Kind kind = argument.type().kind();
        if (kind == Kind.DATE || kind == Kind.DATETIME || kind == Kind.TIME || kind == Kind.NULL) {
            return argument;
        }
        if (argument.type().isString() && argument.isConstant()) {
            String text = (String) argument.eval(null);
            if (text != null) {
                var dateTime = Temporals.parseDateTime(text);
                if (dateTime.isPresent()) {
                    return new Constant(SqlType.datetime(Temporals.fractionDigits(text)), dateTime.get());
                }
                var time = Temporals.parseTime(text);
                if (time.isPresent()) {
                    return new Constant(SqlType.time(Temporals.fractionDigits(text)), time.get());
                }
            }
            throw new IllegalArgumentException("'" + text + "' is not a date or time; write 'YYYY-MM-DD hh:mm:ss' or 'hh:mm:ss'");
        }
        throw new IllegalArgumentException(name + "() needs a TIME, DATE, DATETIME or TIMESTAMP column or a time string constant, not "
                + argument.type().describe());
    }

    private static boolean hasZeroPart(MysqlDate date) {
        return date.month() == 0 || date.day() == 0;
    }

    /** MySQL's calc_daynr: days since year 0, in which year 0 has 365 days. */
    static long dayNumber(int year, int month, int day) {
        if (year == 0 && month == 0) {
            return 0;
        }
        long sum = 365L * year + 31L * (month - 1) + day;
        int y = year;
        if (month <= 2) {
            y--;
        }
        else {
            sum -= (month * 4 + 23) / 10;
        }
        int temp = ((y / 100 + 1) * 3) / 4;
        return sum + y / 4 - temp;
    }

    /** MySQL's get_date_from_daynr for 366 <= dayNumber <= MAX_DAY_NUMBER. */
    private static int[] fromDayNumber(long dayNumber) {
        int year = (int) (dayNumber * 100 / 36525);
        int temp = (((year - 1) / 100 + 1) * 3) / 4;
        int dayOfYear = (int) (dayNumber - year * 365L) - (year - 1) / 4 + temp;
        int daysInYear;
        while (dayOfYear > (daysInYear = daysInYear(year))) {
            dayOfYear -= daysInYear;
            year++;
        }
        int leapDay = 0;
        if (daysInYear == 366 && dayOfYear > 31 + 28) {
            dayOfYear--;
            if (dayOfYear == 31 + 28) {
                leapDay = 1;
            }
        }
        int month = 1;
        for (int i = 0; dayOfYear > DAYS_IN_MONTH[i]; i++) {
            dayOfYear -= DAYS_IN_MONTH[i];
            month++;
        }
        return new int[] {year, month, dayOfYear + leapDay};
    }

    private static int daysInYear(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || (year % 400 == 0 && year != 0)) ? 366 : 365;
    }

    static Unit unit(String name) {
        try {
            return Unit.valueOf(name.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new ExpressionProblem("INTERVAL unit " + name + " is not supported; use MICROSECOND, SECOND, MINUTE, HOUR, DAY, WEEK, "
                    + "MONTH, QUARTER or YEAR with an integer");
        }
    }

    /** A function of two inputs, NULL when either is. */
    private abstract static class Binary implements Eval {
        private final SqlType type;
        private final Eval left;
        private final Eval right;

        Binary(SqlType type, Eval left, Eval right) {
            this.type = type;
            this.left = left;
            this.right = right;
        }

        abstract Object compute(Object left, Object right);

        @Override
        public SqlType type() {
            return type;
        }

        @Override
        public Object eval(io.sluice.core.event.Row row) {
            Object x = left.eval(row);
            if (x == null) {
                return null;
            }
            Object y = right == left ? x : right.eval(row);
            return y == null ? null : compute(x, y);
        }

        @Override
        public boolean isConstant() {
            return left.isConstant() && right.isConstant();
        }
    }
}
