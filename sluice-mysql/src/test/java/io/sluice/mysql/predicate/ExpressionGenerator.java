package io.sluice.mysql.predicate;

import java.util.List;
import java.util.Random;

/**
 * Generates random row predicates over {@link RowExpressionIT}'s table, mixing column types,
 * literals, operators and functions, so that the differential test also covers combinations
 * nobody thought of. Many are rejected when bound (unsupported mixes); the rest must agree with
 * MariaDB.
 */
final class ExpressionGenerator {
    private static final List<String> NUMERIC_COLUMNS = List.of("i", "ti", "u", "b", "ub", "dm", "dbl", "f", "y", "bt", "e", "st");
    private static final List<String> STRING_COLUMNS = List.of("s", "sb", "c", "l", "vb");
    private static final List<String> TEMPORAL_COLUMNS = List.of("d", "dt", "ts", "tm");
    private static final List<String> NUMBERS = List.of("0", "1", "-1", "5", "12", "42", "2024", "1000", "0.5", "1.5", "-5.5", "2.500",
            "0.333333", "1e3", "2.5e0", "0.1e0", "9223372036854775807", "18446744073709551615", "-9223372036854775808",
            "9007199254740993", "NULL", "TRUE", "0x05", "100.0", "3");
    private static final List<String> STRINGS = List.of("'abc'", "'ABC'", "'12abc'", "' 42'", "''", "'abc '", "'ß'", "'ss'", "'café'",
            "'CAFE'", "'a%'", "'%b%'", "'_b_'", "'5'", "'1e3'", "'-5.5x'", "'0.5'", "'😀'", "'é'", "'zzz'", "'x y'", "NULL", "X'616263'");
    private static final List<String> DATES = List.of("'2024-01-01'", "'2024-02-29 23:59:59.5'", "'0000-00-00'", "'2000-01-01 00:00:00'",
            "DATE '2024-01-01'", "'1999-12-31'", "'9999-12-31 23:59:59'", "NULL");
    private static final List<String> TIMES = List.of("'10:00:00'", "'-01:00:00'", "'00:00:00'", "'838:59:59'", "TIME '12:00:00'", "NULL");
    private static final List<String> COMPARISONS = List.of("=", "<>", "<", "<=", ">", ">=", "<=>", "!=");
    private static final List<String> ARITHMETIC = List.of("+", "-", "*", "/", "DIV", "%");

    private ExpressionGenerator() {}

    static String condition(Random random, int depth) {
        int choice = random.nextInt(depth <= 0 ? 6 : 10);
        return switch (choice) {
            case 0, 1 -> comparison(random);
            case 2 -> numeric(random, 1) + (random.nextBoolean() ? " IS NULL" : " IS NOT NULL");
            case 3 -> in(random);
            case 4 -> between(random);
            case 5 -> like(random);
            case 6 -> "(" + condition(random, depth - 1) + (random.nextBoolean() ? " AND " : " OR ") + condition(random, depth - 1) + ")";
            case 7 -> "NOT (" + condition(random, depth - 1) + ")";
            case 8 -> "(" + condition(random, depth - 1) + " XOR " + condition(random, depth - 1) + ")";
            default -> "(" + condition(random, depth - 1) + ") IS " + pick(random, List.of("TRUE", "FALSE", "NOT TRUE", "UNKNOWN"));
        };
    }

    private static String comparison(Random random) {
        String op = pick(random, COMPARISONS);
        return switch (random.nextInt(6)) {
            case 0, 1 -> numeric(random, 2) + " " + op + " " + numeric(random, 1);
            case 2 -> string(random, 2) + " " + op + " " + string(random, 1);
            case 3 -> string(random, 1) + " " + op + " " + numeric(random, 1);
            case 4 -> {
                String column = pick(random, TEMPORAL_COLUMNS);
                yield column + " " + op + " " + (column.equals("tm") ? pick(random, TIMES) : random.nextBoolean() ? pick(random, DATES)
                        : pick(random, List.of("d", "dt", "ts")));
            }
            default -> numeric(random, 1) + " " + op + " " + string(random, 1);
        };
    }

    private static String in(Random random) {
        boolean strings = random.nextBoolean();
        StringBuilder out = new StringBuilder(strings ? string(random, 1) : numeric(random, 1));
        out.append(random.nextBoolean() ? " IN (" : " NOT IN (");
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            out.append(i > 0 ? ", " : "").append(random.nextInt(4) == 0 ? (strings ? pick(random, NUMBERS) : pick(random, STRINGS))
                    : strings ? pick(random, STRINGS) : pick(random, NUMBERS));
        }
        return out.append(')').toString();
    }

    private static String between(Random random) {
        if (random.nextInt(4) == 0) {
            String column = pick(random, List.of("d", "dt", "ts"));
            return column + " BETWEEN " + pick(random, DATES) + " AND " + pick(random, DATES);
        }
        boolean strings = random.nextBoolean();
        String operand = strings ? string(random, 1) : numeric(random, 1);
        List<String> bounds = strings ? STRINGS : NUMBERS;
        return operand + (random.nextBoolean() ? " BETWEEN " : " NOT BETWEEN ") + pick(random, bounds) + " AND " + pick(random, bounds);
    }

    private static String like(Random random) {
        String pattern = pick(random, List.of("'a%'", "'%b%'", "'_bc'", "'%'", "'abc'", "'ABC%'", "'%é%'", "'caf_'", "'1%'", "'%.5%'",
                "'2024%'", "'%\\\\%%'", "'_'", "'__'", "'%c'", "'s%'", "CONCAT(LEFT(sb, 1), '%')"));
        String operand = random.nextInt(4) == 0 ? pick(random, List.of("i", "dm", "d", "dt", "e", "y")) : string(random, 1);
        return operand + (random.nextBoolean() ? " LIKE " : " NOT LIKE ") + pattern;
    }

    private static String numeric(Random random, int depth) {
        int choice = random.nextInt(depth <= 0 ? 2 : 9);
        return switch (choice) {
            case 0 -> pick(random, NUMERIC_COLUMNS);
            case 1 -> pick(random, NUMBERS);
            case 2, 3 -> "(" + numeric(random, depth - 1) + " " + pick(random, ARITHMETIC) + " " + numeric(random, depth - 1) + ")";
            case 4 -> pick(random, List.of("ABS", "FLOOR", "CEIL", "ROUND")) + "(" + numeric(random, depth - 1) + ")";
            case 5 -> "ROUND(" + numeric(random, depth - 1) + ", " + pick(random, List.of("0", "1", "2", "-1", "-2")) + ")";
            case 6 -> pick(random, List.of("LENGTH", "CHAR_LENGTH")) + "(" + string(random, depth - 1) + ")";
            case 7 -> pick(random, List.of("IFNULL", "COALESCE")) + "(" + numeric(random, depth - 1) + ", " + numeric(random, depth - 1) + ")";
            default -> pick(random, List.of("YEAR(d)", "MONTH(dt)", "DAY(ts)", "CAST(s AS SIGNED)", "CAST(dm AS DECIMAL(10,2))",
                    "-" + pick(random, NUMERIC_COLUMNS), "MOD(i, 7)", "IF(i > 5, dm, i)"));
        };
    }

    private static String string(Random random, int depth) {
        int choice = random.nextInt(depth <= 0 ? 2 : 7);
        return switch (choice) {
            case 0 -> pick(random, STRING_COLUMNS);
            case 1 -> pick(random, STRINGS);
            case 2 -> pick(random, List.of("UPPER", "LOWER", "TRIM", "LTRIM", "RTRIM")) + "(" + string(random, depth - 1) + ")";
            case 3 -> "CONCAT(" + string(random, depth - 1) + ", " + (random.nextBoolean() ? string(random, depth - 1) : numeric(random, 0)) + ")";
            case 4 -> "SUBSTRING(" + string(random, depth - 1) + ", " + pick(random, List.of("1", "2", "-2", "0", "i")) + ")";
            case 5 -> pick(random, List.of("LEFT", "RIGHT")) + "(" + string(random, depth - 1) + ", " + pick(random, List.of("1", "2", "3", "0")) + ")";
            default -> "IFNULL(" + string(random, depth - 1) + ", " + pick(random, STRINGS) + ")";
        };
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
