package io.sluice.mysql.predicate;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.error.SluiceException;
import io.sluice.core.event.Row;
import io.sluice.core.schema.TableSchema;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The differential proof: rows of a table with many column types are written on a real MariaDB and
 * read back from the binlog; for each expression, the ids Java evaluates as TRUE must be exactly the
 * ids {@code SELECT id FROM t WHERE (expr)} returns, and the ids it evaluates as UNKNOWN exactly those
 * of {@code WHERE (expr) IS NULL}. The pushed-down {@link BoundExpression#sql()} must select the same
 * rows as the text the user wrote.
 */
@ExtendWith(MariaDbExtension.class)
public class RowExpressionIT {
    @Sandbox(options = "character_set_server=utf8mb4")
    static MariaDbServer server;

    private static final String TABLE = """
            CREATE TABLE pred.t (
              id INT PRIMARY KEY,
              i INT NULL, ti TINYINT NULL, u INT UNSIGNED NULL, b BIGINT NULL, ub BIGINT UNSIGNED NULL,
              dm DECIMAL(20,6) NULL, dbl DOUBLE NULL, f FLOAT NULL,
              s VARCHAR(40) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NULL,
              sb VARCHAR(40) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
              c CHAR(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NULL,
              l VARCHAR(40) CHARACTER SET latin1 NULL,
              vb VARBINARY(20) NULL,
              d DATE NULL, dt DATETIME(6) NULL, ts TIMESTAMP(3) NULL, tm TIME NULL, y YEAR NULL,
              e ENUM('small','medium','large') NULL, st SET('red','green','blue') NULL, bt BIT(8) NULL,
              uc VARCHAR(40) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NULL,
              u3 VARCHAR(40) CHARACTER SET utf8mb3 COLLATE utf8mb3_unicode_ci NULL,
              un VARCHAR(40) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_nopad_ci NULL)""";

    /**
     * uc, u3 and un of each row (UCA 4.0.0 collations): expansions ('ß' = 'ss', 'Æ' = 'ae', the
     * 'ﬁ' ligature), ignorable characters (a combining acute, a zero-width space), trailing spaces
     * and a no-break space, implicit weights (ideographs, a compatibility ideograph that equals its
     * unified twin), and characters outside the BMP (u3 gets a BMP stand-in).
     */
    private static final List<String> UNICODE = List.of("'abc'", "NULL", "'ABC'", "'Ábc'", "'ss'", "'ß'", "'straße'", "'STRASSE'",
            "'café'", "'CAFE '", "'cafe\u0301'", "'résumé'", "'resume'", "'Æ'", "'ae'", "'œ'", "'oe'", "'ǅ'", "'dž'", "'İ'",
            "'i'", "'ı'", "'I'", "NULL", "'\uD83D\uDE00'", "'\uD83D\uDE01'", "'\uFFFD'", "''", "' '", "'a b'", "'a\u00A0'",
            "'x\u200By'", "'中文'", "'\uF900'", "'\u8C48'", "'ﬁ'", "'fi'", "'Ⅻ'", "'a%b'", "'zzz'");

    /** id, i, ti, u, b, ub, dm, dbl, f, s, sb, c, l, vb, d, dt, ts, tm, y, e, st, bt; then {@link #UNICODE}'s */
    private static final List<String> BASE_ROWS = List.of(
            "(1, 5, 1, 5, 5, 5, 5, 5, 5, 'abc', 'abc', 'abc', 'abc', X'616263', '2024-01-01', '2024-01-01 10:00:00', '2024-01-01 00:00:00', '10:00:00', 2024, 'small', 'red', 5)",
            "(2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
            "(3, -5, -128, 0, -9223372036854775808, 0, -0.000001, -0.5, -0.5, 'ABC', 'ABC', 'ABC', 'ABC', X'414243', '0000-00-00', '0000-00-00 00:00:00', '0000-00-00 00:00:00', '-01:00:00', 0, 'medium', '', 0)",
            "(4, 2147483647, 127, 4294967295, 9223372036854775807, 18446744073709551615, 99999999999999.999999, 1e308, 3.4e38, 'Ábc', 'Ábc', 'ábc  ', 'Ábc', X'FF', '9999-12-31', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.999', '838:59:59', 2155, 'large', 'red,green,blue', 255)",
            "(5, 12, 12, 12, 12, 12, 12, 12, 12, '12abc', '12abc', '12abc', '12abc', X'3132', '2024-02-29', '2024-02-29 23:59:59.5', '2024-02-29 12:00:00', '-838:59:59', 1901, 'medium', 'green', 12)",
            "(6, 42, 42, 42, 42, 42, 42.5, 42.5, 42.5, ' 42', ' 42', ' 42', ' 42', X'20', '2000-01-01', '2000-01-01 00:00:00.000001', '2000-01-01 00:00:00.001', '00:00:00', 2000, 'small', 'blue', 42)",
            "(7, 1000, 100, 1000, 1000, 1000, 1000, 1000, 1000, '1e3', '1e3', '1e3', '1e3', X'316533', '1999-12-31', '1999-12-31 23:59:59', '1999-12-31 23:59:59', '23:59:59', 1999, 'large', 'red,blue', 128)",
            "(8, -5, -5, 5, -5, 5, -5.5, -5.5, -5.5, '-5.5x', '-5.5x', '-5.5x', '-5.5x', NULL, '2024-01-02', '2024-01-01 23:59:59.999999', NULL, '24:00:00', NULL, NULL, NULL, NULL)",
            "(9, 0, 0, 0, 0, 0, 0, 0, 0, '', '', '', '', X'', '2024-01-01', '2024-01-01 00:00:00', '2024-01-01 00:00:00.5', '00:00:01', 2001, 'small', '', 0)",
            "(10, 1, 1, 1, 1, 1, 1, 1, 1, 'abc ', 'abc ', 'abc', 'abc ', X'61626320', '2024-01-01', '2024-01-01 00:00:00.5', '2024-01-01 00:00:01', '-00:00:01', 2024, 'medium', 'red', 1)",
            "(11, 2, 2, 2, 2, 2, 2.5, 2.5, 2.5, 'ß', 'ß', 'ß', 'ß', X'DF', '2023-12-31', '2023-12-31 23:59:59.999999', '2023-12-31 23:59:59.999', '12:00:00', 2023, 'large', 'green,blue', 2)",
            "(12, 3, 3, 3, 3, 3, 0.333333, 0.1, 0.1, 'straße', 'strasse', 'ss', 'strasse', X'73', '2024-03-01', '2024-03-01 00:00:00', '2024-03-01 00:00:00', '100:00:00', 2024, 'small', 'red,green', 3)",
            "(13, 4, 4, 4, 4, 4, 1.5, 1.5, 1.5, 'Café', 'café', 'CAFÉ', 'Café', X'636166C3A9', '2024-01-01', '2024-01-01 10:00:00.000001', '2024-01-01 10:00:00', '10:00:00', 2024, 'small', 'blue', 4)",
            "(14, 6, 6, 6, 6, 6, 2.5, 2.5, -2.5, 'CAFE', 'cafe', 'cafe', 'CAFE', X'43414645', '2024-12-31', '2024-12-31 00:00:00', '2024-12-31 00:00:00', '-10:00:00', 2024, 'large', 'red', 6)",
            "(15, 7, 7, 7, 7, 7, -1.5, -1.5, -1.5, '😀', '😀x', 'é', 'é', X'F09F9880', '2020-00-15', '2020-05-00 10:00:00', '2020-05-05 10:00:00', '01:02:03', 2020, 'medium', 'red,green,blue', 7)",
            "(16, 8, 8, 8, 8, 8, 8.125, 8.125, 8.125, 'a%b', 'a_b', 'a%', 'a_b', X'612562', '2024-01-01', '2024-01-01 10:00:00', '2024-01-01 10:00:00', '10:00:00', 2024, 'small', 'red', 8)",
            "(17, 9, 9, 9, 9, 9, 9.999999, 9.999999, 9.999999, 'a\\\\b', 'a\\\\b', 'x\\\\', 'a\\\\b', X'615C62', '2024-01-01', '2024-01-01 10:00:00', '2024-01-01 10:00:00', '10:00:00', 2024, 'small', 'red', 9)",
            "(18, 10, 10, 10, 9007199254740993, 9007199254740993, 9007199254740.993, 9007199254740992, 16777217, 'abcdef', 'ABCDEF', 'abcdef', 'abcdef', X'00FF', '2024-06-15', '2024-06-15 12:30:45.123456', '2024-06-15 12:30:45.123', '12:30:45', 2024, 'medium', 'blue', 10)",
            "(19, 11, 11, 11, 9007199254740992, 9007199254740992, 9007199254740.992, 9007199254740993, 16777216, 'ABCDEF', 'abcdef', 'ABCDEF', 'ABCDEF', X'0000', '2024-06-15', '2024-06-15 12:30:45.123457', '2024-06-15 12:30:45.124', '12:30:46', 2024, 'large', 'green', 11)",
            "(20, -1, -1, 0, -1, 18446744073709551614, -1, -1, -1, 'Abc', 'aBC', 'aBc', 'aBC', X'416263', '2024-01-01', '2024-01-01 00:00:00', '2024-01-01 00:00:00', '00:00:00', 2024, 'small', 'red', 255)",
            "(21, 100, 100, 100, 100, 100, 0.5, 0.5, 0.5, '0.5', '0.5', '0.5', '0.5', X'302E35', '2024-01-01', '2024-01-01 00:00:00', NULL, '00:30:00', NULL, 'large', 'red', 100)",
            "(22, 15, 15, 15, 15, 15, 14.999999, 15.0000001, 15, '15', '15.0', '15', '15', X'3135', '2024-01-15', '2024-01-15 15:15:15', '2024-01-15 15:15:15', '15:15:15', 2015, 'small', 'green', 15)",
            "(23, 25, 25, 25, 25, 25, 2.25, 2.25, 2.25, 'true', 'TRUE', 'yes', 'no', X'74', '2025-05-25', '2025-05-25 05:25:25', '2025-05-25 05:25:25', '25:00:00', 2025, 'medium', 'blue', 25)",
            "(24, NULL, 0, NULL, 0, NULL, 0, NULL, 0, 'abc', NULL, 'abc', NULL, NULL, '2024-01-01', NULL, '2024-01-01 00:00:00', NULL, 2024, NULL, 'red', NULL)",
            "(25, -2147483648, -128, 0, -9223372036854775807, 9223372036854775808, -99999999999999.999999, -1e308, -3.4e38, 'zzz', 'ZZZ', 'zzz', 'zzz', X'7A7A7A', '1000-01-01', '1000-01-01 00:00:00', '1970-01-01 00:00:01', '-838:59:59', 1901, 'small', 'red', 0)",
            "(26, 3, 3, 3, 3, 3, 3.5, 3.5, 3.5, 'A', 'a', 'á', 'à', X'61', '2024-02-28', '2024-02-28 00:00:00', '2024-02-28 00:00:00', '00:00:00', 2024, 'small', 'red', 3)",
            "(27, 4, 4, 4, 4, 4, 4.5, 4.5, 4.5, 'a', 'A', 'Ä', 'ä', X'41', '2024-02-27', '2024-02-27 00:00:00', '2024-02-27 00:00:00', '00:00:00', 2024, 'small', 'red', 4)",
            "(28, 5, 5, 5, 5, 5, 5.5, 5.5, 5.5, 'b', 'B', 'ö', 'ø', X'62', '2024-02-26', '2024-02-26 00:00:00', '2024-02-26 00:00:00', '00:00:00', 2024, 'small', 'red', 5)",
            "(29, 7, 7, 7, 7, 7, 7.5, 7.5, 7.5, 'x y', 'x  y', 'x', 'y', X'7820', '2024-02-25', '2024-02-25 00:00:00', '2024-02-25 00:00:00', '00:00:00', 2024, 'small', 'red', 7)",
            "(30, 9, 9, 9, 9, 9, 123.456789, 123.456789, 123.456789, 'abc\\tdef', 'abc\\t', 'abc\\t', 'abc\\t', X'09', '2024-02-24', '2024-02-24 00:00:00', '2024-02-24 00:00:00', '00:00:00', 2024, 'small', 'red', 9)",
            "(31, 13, 13, 13, 13, 13, 1.045, 1.045, 1.045, '13', '013', '1.3e1', '0x0D', X'0D', '2024-01-13', '2024-01-13 13:13:13', '2024-01-13 13:13:13', '13:13:13', 2013, 'medium', 'red', 13)",
            "(32, 2, 2, 2, 2, 2, 0.000001, 0.000001, 0.000001, 'ǅ', 'ǆ', 'Ǆ', 'œ', X'C785', '2024-01-01', '2024-01-01 00:00:00', '2024-01-01 00:00:00', '00:00:00', 2024, 'small', 'red', 2)",
            "(33, 1, 1, 1, 1, 1, 1.1, 1.1, 1.1, 'İ', 'ı', 'i', 'I', X'C4B0', '2024-01-01', '2024-01-01 00:00:00', '2024-01-01 00:00:00', '00:00:00', 2024, 'small', 'red', 1)",
            "(34, 0, 0, 0, 0, 0, 0, 0, 0, '0', '0.0', '-0', '0e5', X'30', '2024-01-01', '2024-01-01 00:00:00', '2024-01-01 00:00:00', '00:00:00', 2024, 'small', 'red', 0)",
            "(35, 50, 50, 50, 50, 50, 50, 50, 50, 'Straße', 'STRASSE', 'Ss', 'SS', X'53', '2024-01-01', '2024-01-01 00:00:00', '2024-01-01 00:00:00', '00:00:00', 2024, 'small', 'red', 50)",
            "(36, 60, 60, 60, 60, 60, 60, 60, 60, 'Ωmega', 'ωmega', 'Ω', 'Ý', X'CEA9', '2024-01-01', '2024-01-01 00:00:00', '2024-01-01 00:00:00', '00:00:00', 2024, 'large', 'red', 60)",
            "(37, 70, 70, 70, 70, 70, 70, 70, 70, '%', '_', '%%', '_', X'25', '2024-01-01', '2024-01-01 00:00:00', '2024-01-01 00:00:00', '00:00:00', 2024, 'large', 'red', 70)",
            "(38, 80, 80, 80, 80, 80, 80, 80, 80, 'über', 'ÜBER', 'uber', 'Über', X'C39C', '2024-01-01', '2024-01-01 00:00:00', '2024-01-01 00:00:00', '00:00:00', 2024, 'large', 'red', 80)",
            "(39, 90, 90, 90, 90, 90, 90, 90, 90, 'résumé', 'resume', 'RESUME', 'résumé', X'72', '2024-01-01', '2024-01-01 00:00:00', '2024-01-01 00:00:00', '00:00:00', 2024, 'large', 'red', 90)",
            "(40, 99, 99, 99, 99, 99, 99.99, 99.99, 99.99, '99 bottles', '99', '99.99', '9.9e1', X'3939', '2024-01-01', '2024-01-01 00:00:00', '2024-01-01 00:00:00', '00:00:00', 2024, 'large', 'red', 99)");

    private static final List<String> ROWS = IntStream.range(0, BASE_ROWS.size())
            .mapToObj(i -> {
                String base = BASE_ROWS.get(i);
                String u = UNICODE.get(i);
                String bmp = u.contains("\uD83D") ? "'\u2603'" : u;
                return base.substring(0, base.length() - 1) + ", " + u + ", " + bmp + ", " + u + ")";
            })
            .toList();

    static final List<String> EXPRESSIONS = List.of(
            // UCA 4.0.0 collations: expansions, ignorables, PAD SPACE and NO PAD, implicit weights, LIKE character by character
            "uc = 'ss'", "uc = 'ß'", "uc = 'STRASSE'", "uc = 'strasse'", "uc = 'abc'", "uc = 'abc   '", "uc = 'cafe'", "uc = 'café'",
            "uc = 'a'", "uc = 'á'", "uc = 'xy'", "uc = 'ae'", "uc = 'oe'", "uc = 'fi'", "uc = 'xii'", "uc = 'DŽ'", "uc = 'i'",
            "uc = '中文'", "uc = '\u8C48'", "uc = '\uD83D\uDE02'", "uc = '\uFFFD'", "uc = ''", "uc = ' '", "uc = 'a b'",
            "uc < 'b'", "uc > 'CAFE'", "uc >= 'résumé'", "uc <= 'ss'", "uc <> 'ae'", "uc <=> 'Æ'", "uc > 'ǆ'", "uc < 'ı'",
            "uc > '中'", "uc < '\uD83D\uDE00'", "uc > 'zz'", "uc < ''", "uc > ''", "uc < 'a'", "uc >= 'a '",
            "uc IN ('ss', 'oe', 'fi')", "uc NOT IN ('abc', 'cafe')", "uc IN ('ae', NULL)", "uc IN ('\u8C48', 'x')",
            "uc BETWEEN 'a' AND 'c'", "uc NOT BETWEEN 'ss' AND 'zz'", "uc BETWEEN 'ß' AND 'st'", "uc BETWEEN 'ae' AND 'af'",
            "u3 = 'ss'", "u3 < 'd'", "u3 IN ('i', 'xii')", "u3 = '\u2603'", "u3 BETWEEN 'a' AND 'z'", "uc = u3", "u3 < uc",
            "un = 'abc'", "un = 'abc '", "un < 'abc'", "un > 'CAFE'", "un = 'cafe '", "un = 'a'", "un IN ('ss', 'a b')",
            "un BETWEEN 'a' AND 'c'", "un LIKE 'CAFE '", "un LIKE 'cafe'",
            "uc LIKE 'ss'", "uc LIKE 'ß'", "uc LIKE 'a%'", "uc LIKE '_'", "uc LIKE 'st%e'", "uc LIKE 'stra_e'", "uc LIKE '%E'",
            "uc LIKE '豈'", "uc LIKE '\u8C48'", "uc LIKE '\uD83D\uDE02'", "uc LIKE '\uFFFD'", "uc LIKE 'a_'", "uc LIKE 'abc '",
            "uc LIKE 'cafe'", "uc LIKE 'cafe_'", "uc LIKE '%\u0300'", "uc LIKE 'x_y'", "uc LIKE 'xy'", "uc LIKE 'Æ'", "uc LIKE 'ae'",
            "uc LIKE 'a\\%b'", "uc NOT LIKE '%s%'", "u3 LIKE 'I'", "u3 LIKE '%'", "uc LIKE CONCAT('%', 'S')",
            "uc REGEXP '^a'", "uc REGEXP 'SS'", "UPPER(uc) = 'STRASSE'", "LOWER(uc) LIKE 'stra%'", "CONCAT(uc, 'x') = 'ssx'",
            "LENGTH(uc) > 3", "uc = 0", "COALESCE(uc, 'ss') = 'ß'",

            // integers, signed and unsigned
            "i < 5", "i = 5", "i <> 5", "i != 5", "i >= 42", "i <=> NULL", "i <=> 5", "NOT i <=> NULL",
            "u > 4294967294", "ub = 18446744073709551615", "ub > 9223372036854775807", "ub = -1", "b = -9223372036854775808",
            "b < 0", "ub > b", "u = ub", "i = u", "i < u", "ub > -1", "b < ub", "ub = 9223372036854775808",
            // BIGINT against constant strings and numbers (convert_const_to_int)
            "b = '9007199254740993'", "b = 9007199254740993e0", "ub = '9007199254740993'", "b = 9007199254740992e0",
            "b IN ('9007199254740993', '5')", "b BETWEEN '9007199254740993' AND '9007199254740993'", "b = 9007199254740993.0",
            "b = '5.5'", "ub = '-1'", "b IN (9007199254740993e0, 12)", "i = '12abc'", "b = ' 42'",
            // DECIMAL, DOUBLE, FLOAT
            "dm = 5", "dm > 1.5", "dm = 0.333333", "dm / 3 > 0.1", "dm * 2 = 3", "dm = '1.5'", "dm = 1.5e0",
            "dbl = 0.1", "f = 0.1", "f = 0.1e0", "dbl > 1e307", "f > 1e38", "dbl = dm", "f = dm", "dbl = 9007199254740993",
            "f = 16777217", "dm = 9007199254740.993", "dm / 3 = 0.111111", "i / 3 = 1.6667", "i / 3 = 0.333333333",
            "dm / 7 > 0.2142857", "dm / 3 = dm / 3", "1 / 3 = 0.3333", "dm * dm > 1", "dm - 0.000001 = -0.000002",
            // strings against numbers: DOUBLE with the numeric prefix
            "s = 12", "s = 0", "s > 10", "s = 1000", "s < 0", "s = 42", "s = -5.5", "sb = 15", "c = 13", "l = 99", "l = 13",
            "s = 0.5", "c = 0", "s = 1", "l = 0",
            // arithmetic
            "i + 1 > 5", "i * 2 = 10", "i / 2 = 2.5", "i DIV 2 = 2", "i % 3 = 2", "i MOD 3 = -2", "-i = 5",
            "i / 0 IS NULL", "i DIV 0 IS NULL", "i % 0 IS NULL", "dbl / 0 IS NULL", "dm % 0 IS NULL", "dbl / 3 > 1",
            "dm % 1 = 0", "dm DIV 2 = 2", "(i + 0.5) * 2 > 10", "i + '1' = 6", "s + 0 = 12", "s * 1 > 0", "e + 0 = 2",
            "st + 0 = 3", "bt + 0 > 100", "y > 2000", "y = 2024", "y BETWEEN 1990 AND 2030", "ub + 0 > 0", "u - 1 >= 0",
            "ti * ti > 100", "dbl * 2 > 100", "f + 1 = 6", "e * 1.5 = 3.0", "st - 5 < 0", "ABS(e) = 2", "-e = -2",
            // three-valued logic
            "i > 0 AND s IS NULL", "i > 0 OR s = 'abc'", "i IS NULL OR i > 100", "NOT (i > 5)", "NOT i", "!i", "i XOR s",
            "i > 0 XOR dm > 0", "(i > 0) IS TRUE", "(i > 0) IS NOT FALSE", "(i > 0) IS UNKNOWN", "(i > 0) IS NOT UNKNOWN",
            "s IS TRUE", "dm IS FALSE", "dbl && i", "dbl || s", "i AND NULL", "i OR NULL", "NOT (i AND NULL)", "s", "dm",
            "dbl", "e", "st", "bt", "f", "dm XOR dbl", "s XOR 1", "NULL IS NULL", "NOT NULL", "c", "l",
            // IN and BETWEEN
            "i IN (1, 5, 42)", "i NOT IN (1, 5, NULL)", "i IN (5, NULL)", "s IN ('abc', 'ABC ')", "s IN ('1.0', 12)",
            "sb IN ('abc', 'ABC')", "dm IN (1.5, 2.5, 5)", "i BETWEEN 0 AND 10", "i NOT BETWEEN 0 AND 10",
            "s BETWEEN 'a' AND 'b'",
            "sb BETWEEN 'a' AND 'b'", "d BETWEEN '2024-01-01' AND '2024-12-31'", "dt BETWEEN '2024-01-01' AND '2024-01-01 23:59:59'",
            "i IN ('5', 12)", "s IN (12, 42)", "dm BETWEEN 1 AND 2.5", "i BETWEEN '1' AND '10'", "e IN ('large', 'medium')",
            "i IN (dm, dbl)", "s IN (sb, l)",
            // collations
            "s = 'abc'", "sb = 'abc'", "s = 'ABC'", "sb = 'ABC'", "s = 'abc   '", "sb = 'abc '", "c = 'ábc'", "c = 'abc'",
            "l = 'abc'", "l = 'ÁBC'", "l = 'cafe'", "s = 'cafe'", "s = 'ss'", "s = 'ß'", "s = 's'", "sb = 'ss'", "s > 'b'",
            "sb > 'b'", "s < 'B'", "s = sb", "s = l", "sb = l", "s = c", "s = '😀'", "s = '😁'", "sb = '😀x'", "s < 'a '",
            "s > 'abc'", "s = 'abc\\t'", "l = 'Ä'", "l > 'z'", "l = 'ss'", "l = 'ø'", "l = 'y'", "c = 'a'", "s = 'ı'",
            "s = 'i'", "sb > 'a'", "s = 'Ǆ'", "s = 'Ω'", "l = c", "sb < s", "s = 'ΩMEGA'", "l = 'UBER'", "s = 'uber'",
            "l = 'resume'", "s = 'resume'",
            // LIKE
            "s LIKE 'a%'", "sb LIKE 'a%'", "s LIKE '_bc'", "s LIKE '%b%'", "s LIKE 'abc'", "s LIKE 'abc '", "s NOT LIKE '%c'",
            "s LIKE 'a\\\\%b'", "sb LIKE 'a!_b' ESCAPE '!'", "s LIKE 'caf_'", "l LIKE 'caf_'", "s LIKE '%'", "s LIKE ''",
            "s LIKE '%\\\\\\\\%'", "i LIKE '1%'", "dm LIKE '%.5%'", "d LIKE '2024%'", "dt LIKE '%.5%'", "s LIKE CONCAT(LEFT(sb, 1), '%')",
            "s LIKE '😁'", "s LIKE '_'", "sb LIKE '__'", "l LIKE '_'", "c LIKE '%%'", "s LIKE 'x%y'", "s LIKE 'a%%b'",
            "s LIKE '%\\\\_%'", "s LIKE 'ss'", "s LIKE 'STRA_E'", "l LIKE 'STRA_E'", "s LIKE sb", "e LIKE 's%'", "st LIKE '%green%'",
            "y LIKE '20%'", "ts LIKE '%.500'", "tm LIKE '-%'", "s LIKE 'a%' ESCAPE ''", "s LIKE '%\\\\'",
            // REGEXP: PCRE2 with Unicode properties, without case unless the collation is _bin or _cs
            "s REGEXP '^a'", "sb REGEXP '^a'", "s REGEXP 'B'", "sb REGEXP 'B'", "s NOT REGEXP 'c$'", "s RLIKE '^[a-c]+$'",
            "sb NOT RLIKE '^[A-C]'", "l REGEXP '^[[:alpha:]]+$'", "s REGEXP '^[[:alpha:]]+$'", "s REGEXP '[[:digit:]]'",
            "s REGEXP '^[[:alnum:]]+$'", "s REGEXP '[[:space:]]'", "s REGEXP '^[[:xdigit:]]+$'", "s REGEXP '\\\\d'",
            "s REGEXP '^\\\\w+$'", "s REGEXP '\\\\s'", "s REGEXP '\\\\W'", "s REGEXP '^\\\\D+$'", "s REGEXP '\\\\S$'",
            "s REGEXP '^[\\\\w ]+$'", "s REGEXP 'a.c'", "s REGEXP 'a.*c'", "s REGEXP 'a.+?c'", "s REGEXP 'b{2,}'",
            "s REGEXP '^(ab|st)'", "s REGEXP '(?:ab)+c'", "s REGEXP '(b)\\\\1'", "s REGEXP 'a(?=b)'", "s REGEXP 'a(?!b)'",
            "s REGEXP '(?<=a)b'", "c REGEXP 'é'", "s REGEXP 'É'", "sb REGEXP 'É'", "l REGEXP 'É'", "s REGEXP '😀'", "s REGEXP '^.$'",
            "s REGEXP '^..$'", "i REGEXP '^1'", "dm REGEXP '\\\\.5'", "d REGEXP '^2024-01'", "dt REGEXP '\\\\.5'", "s REGEXP 'ß'",
            "s REGEXP 'SS'", "s REGEXP '[^a-z]'", "sb REGEXP '[^a-z]'", "s REGEXP 'a{'", "s REGEXP 'a{1'", "s REGEXP NULL",
            "s REGEXP 'i'", "s REGEXP 'I'", "s REGEXP 'ı'", "s REGEXP 'Ω'", "s REGEXP 'ǆ'", "s REGEXP '\\\\%'", "s REGEXP '[%_]'",
            "s REGEXP '\\\\x{1F600}'", "s REGEXP '\\\\x41'", "s REGEXP '\\\\t'", "s REGEXP '[\\\\t ]'", "s REGEXP '[]a]'",
            "s REGEXP '[a-]'", "s REGEXP 'c$'", "s REGEXP '^$'", "s REGEXP 'x|y'", "s REGEXP '[.]'", "s REGEXP '[\\\\\\\\]'",
            "e REGEXP '^s'", "st REGEXP 'green'", "CONCAT(s, sb) REGEXP '^abc'", "(s REGEXP 'a') = 1", "s REGEXP 'a' OR s IS NULL",
            "'ı' REGEXP 'I'", "'ı' REGEXP 'i'", "'I' REGEXP 'ı'", "'i' REGEXP 'İ'", "'İ' REGEXP 'İ'", "'ſ' REGEXP 's'", "'S' REGEXP 'ſ'",
            "'K' REGEXP 'k'", "'ß' REGEXP 'ẞ'", "'ǅ' REGEXP 'ǆ'", "'Σ' REGEXP 'ς'", "'ı' REGEXP '[h-j]'", "'İ' REGEXP '[H-J]'",
            // binary strings
            "vb = 'abc'", "vb = X'616263'", "vb = 'ABC'", "vb LIKE 'a%'", "vb > 'a'", "vb = s", "LENGTH(vb) = 3", "vb = sb",
            "vb < X'80'", "vb LIKE '_'", "s = X'616263'", "sb = X'414243'", "s = 0x616263", "i = 0x05", "vb = 0x616263",
            "l = X'E9'",
            // functions
            "LENGTH(s) = 3", "CHAR_LENGTH(s) = 3", "LENGTH(l) = 4", "LENGTH(i) = 2", "LENGTH(dm) > 8", "OCTET_LENGTH(s) > 4",
            "UPPER(s) = 'ABC'", "UPPER(sb) = 'ABC'", "LOWER(sb) = 'abc'", "UPPER(sb) = 'STRASSE'", "UPPER(sb) = 'ÁBC'",
            "LOWER(l) = 'ábc'", "UPPER(sb) = sb", "LOWER(sb) = sb", "UCASE(s) = 'Ǆ'", "LCASE(sb) = 'ǆ'", "UPPER(l) = 'SS'",
            "CONCAT(s, i) = 'abc5'", "CONCAT(sb, 'X') = 'abcX'", "CONCAT(s, NULL) IS NULL", "CONCAT(dm, '') = '5.000000'",
            "CONCAT(d, ' ', tm) = '2024-01-01 10:00:00'", "CONCAT(i, dm) LIKE '%.5%'", "CONCAT(dt) LIKE '%.000001'",
            "CONCAT(i / 3) = '1.6667'", "CONCAT(ub) = '18446744073709551615'", "CONCAT(y) = '2024'", "CONCAT(e, st) = 'smallred'",
            "SUBSTRING(s, 2) = 'bc'", "SUBSTRING(s, -2, 1) = 'b'", "SUBSTRING(sb FROM 1 FOR 2) = 'ab'", "SUBSTR(s, 0) = ''",
            "SUBSTRING(s, 2, 0) = ''", "SUBSTRING(s, -10) = s", "MID(s, 2, 100) = 'bc'", "SUBSTRING(s, i) = ''",
            "LEFT(s, 2) = 'ab'", "RIGHT(sb, 2) = 'bc'", "LEFT(s, -1) = ''", "RIGHT(s, 100) = s", "LEFT(s, i) = s",
            "TRIM(s) = '42'", "TRIM(LEADING 'a' FROM sb) = 'bc'", "TRIM(BOTH 'A' FROM s) = 'bc'", "TRIM(TRAILING 'c' FROM s) = 'ab'",
            "LTRIM(s) = '42'", "RTRIM(sb) = 'abc'", "TRIM('ab' FROM s) = 'c'", "TRIM(s) = s", "TRIM(i) = '5'",
            "IFNULL(i, -1) < 0", "IFNULL(s, 'none') = 'NONE'", "COALESCE(NULL, dm, i) > 1", "IF(i > 5, 'big', 'small') = 'big'",
            "IF(s, 1, 0) = 1", "ISNULL(i)", "ISNULL(s) = 0", "IFNULL(ub, -1) > 0", "IFNULL(ub, 0) = 18446744073709551615",
            "COALESCE(u, i) < 0", "IF(i, dm, dbl) > 1", "IFNULL(sb, s) = 'abc'", "COALESCE(d, '2024-01-01') = '2024-01-01'",
            "ABS(i) = 5", "ABS(dm) > 1", "ABS(s) = 5.5", "ABS(b) > 1", "FLOOR(dm) = 1", "CEIL(dm) = 2", "CEILING(dbl) = -2",
            "FLOOR(s) = 12", "FLOOR(dbl) < 0", "ROUND(dm) = 2", "ROUND(dm, 1) = 1.5", "ROUND(dbl) = 2", "ROUND(i, -1) = 10",
            "ROUND(dm, -1) = 0", "ROUND(dbl, 1) = 1.5", "ROUND(f, 2) = 0.1", "ROUND(dm, 2) = 1.05", "ROUND(dbl, 2) = 1.04",
            "ROUND(i, -3) = 1000", "ROUND(ub, -1) > 0", "MOD(i, 3) = 2", "MOD(dm, 2) = 1.5", "MOD(dbl, 2) > 1",
            "YEAR(d) = 2024", "MONTH(dt) = 2", "DAY(d) = 29", "DAYOFMONTH(dt) = 1", "DATE(dt) = '2024-01-01'", "DATE(dt) = d",
            "YEAR(ts) = 2038", "MONTH(d) = 0", "DAY(d) = 0", "YEAR(d) = 0", "DATE(ts) = '2024-01-01'", "YEAR('2024-05-05') = 2024",
            "HOUR(dt) = 10", "HOUR(tm) > 23", "HOUR(tm) = 1", "MINUTE(dt) = 30", "MINUTE(tm) = 59", "SECOND(dt) = 59", "SECOND(tm) = 1",
            "HOUR(d) = 0", "HOUR(ts) = 12", "SECOND(ts) = 45", "HOUR('10:20:30') = 10", "MINUTE('2024-01-01 10:20:30') = 20",
            "DATEDIFF(d, '2024-01-01') = 0", "DATEDIFF(dt, d) = 0", "DATEDIFF(d, dt) < 0", "DATEDIFF('2024-12-31', d) > 300",
            "DATEDIFF(ts, '2000-01-01') > 8000", "DATEDIFF(d, '0001-01-01') > 700000", "DATEDIFF(dt, '1000-01-01') = 0",
            "DATE_FORMAT(d, '%Y-%m') = '2024-01'", "DATE_FORMAT(dt, '%H:%i:%s') = '10:00:00'", "DATE_FORMAT(dt, '%f') <> '000000'",
            "DATE_FORMAT(d, '%M %D, %Y') = 'February 29th, 2024'", "DATE_FORMAT(dt, '%b %e %l%p') = 'Jan 1 10AM'",
            "DATE_FORMAT(dt, '%r') LIKE '%PM'", "DATE_FORMAT(d, '%d/%c/%y') = '15/0/20'", "DATE_FORMAT(ts, '%T') = '12:30:45'",
            "DATE_FORMAT(dt, '%D') = '0th'", "DATE_FORMAT(d, '%M') IS NULL", "DATE_FORMAT(dt, '%k %h %I %S 100%%') LIKE '0 12%'",
            "d + INTERVAL 1 DAY = '2024-01-02'", "d - INTERVAL 1 DAY < '2000-01-01'", "d + INTERVAL 1 MONTH = '2024-03-29'",
            "d + INTERVAL 1 YEAR = '2025-02-28'", "d - INTERVAL 1 HOUR > '2024-02-28'", "d + INTERVAL 2 WEEK > '2024-12-31'",
            "dt + INTERVAL 1 SECOND > '2024-01-01 10:00:00'", "dt + INTERVAL 1 MICROSECOND = '2024-01-01 10:00:00.000001'",
            "dt - INTERVAL 1 QUARTER < '2000-01-01'", "ts + INTERVAL 1 DAY > '2038-01-20'", "d + INTERVAL -1 MONTH = '2024-01-29'",
            "(d + INTERVAL 1 DAY) IS NULL", "(dt + INTERVAL 1 YEAR) IS NULL", "d - INTERVAL 1000 YEAR = '1024-01-01'",
            "dt - INTERVAL 10 MINUTE = '2024-01-01 09:50:00'", "DATE(dt + INTERVAL 12 HOUR) = d + INTERVAL 1 DAY",
            "DATEDIFF(d + INTERVAL 1 MONTH, d) = 31", "d + INTERVAL 8000 YEAR IS NULL", "d - INTERVAL 3652424 DAY IS NULL",
            "CAST(s AS SIGNED) = 12", "CAST(s AS UNSIGNED) > 0", "CAST(dm AS SIGNED) = 2", "CAST(i AS CHAR) = '5'",
            "CAST(dm AS DECIMAL(10,2)) = 1.50", "CAST(s AS DECIMAL(10,2)) > 10", "CAST(dt AS DATE) = '2024-01-01'",
            "CAST(d AS DATETIME) = '2024-01-01 00:00:00'", "CAST(i AS UNSIGNED) > 100", "CAST(dm AS DECIMAL(3,1)) = 99.9",
            "CAST(b AS UNSIGNED) > 9223372036854775807", "CAST(ub AS SIGNED) < 0", "CAST(dbl AS SIGNED) = 2", "CAST(s AS CHAR(2)) = 'ab'",
            "CAST(dt AS DATETIME) = '2024-01-01 10:00:00'", "CAST(dm AS CHAR) = '1.500000'", "CAST(e AS SIGNED) = 2",
            "CAST(l AS CHAR) = 'abc'", "CAST(i AS DECIMAL(5,2)) = 5", "CAST('2024-01-01' AS DATE) = d",
            // dates and times
            "d = '2024-01-01'", "d > '2024-01-01'", "d = DATE '2024-02-29'", "d < '2000-01-01'", "d = '0000-00-00'",
            "dt > '2024-01-01'", "dt = '2024-01-01 10:00:00'", "dt >= TIMESTAMP '2024-02-29 23:59:59.5'", "d = dt", "d < dt",
            "ts > '2024-01-01 00:00:00'", "ts = '2024-01-01'", "tm > '10:00'", "tm < '00:00:00'", "tm = TIME '838:59:59'",
            "tm BETWEEN '-01:00:00' AND '01:00:00'", "d IN ('2024-01-01', '2024-02-29')", "d = '2020-00-15'",
            "d = '2024-01-01 10:00:00'", "dt = '2024-06-15 12:30:45.123456'", "ts = '2024-06-15 12:30:45.123'",
            "ts < dt", "d <=> NULL", "dt IN (d)", "tm > TIME '-00:00:01'", "tm = '24:00:00'", "d = '2024-2-29'",
            "dt < TIMESTAMP '2024-01-01 00:00:00.5'", "ts = TIMESTAMP '2024-01-01 00:00:00.5'", "d <> '2024-01-01'",
            // ENUM, SET, BIT
            "e = 'small'", "e = 'SMALL'", "e = 2", "e > 'm'", "e < 2", "st = 'red,blue'", "st = 5", "st = 'RED'", "bt = 5",
            "bt > 100", "bt = '5'", "bt BETWEEN 1 AND 10", "e IN (1, 3)", "st IN ('red', 7)",
            // precedence and constants
            "i > 0 AND s = 'abc' OR i < 0", "i > 0 OR s = 'abc' AND i < 0", "NOT i > 0 AND s IS NULL", "i > 0 XOR s = 'abc' OR dm > 1",
            "! i = 0", "-i * 2 = -10", "- -i = 5", "i - -1 = 6", "1 = 1", "0", "NULL", "'abc'", "1 IN (1) AND i", "(i = 5) = 1",
            "(i IN (5)) = 1", "(i BETWEEN 1 AND 10) = 0", "i = 5 IS TRUE", "i > 0 || s IS NULL && dm > 1", "NOT NOT i",
            "1 XOR 1 AND 0", "1 OR 0 XOR 1", "i = 5 AND TRUE", "FALSE OR i = 5", "'abc' = 'ABC'", "'a' = 'a '", "'1.5' = 1.5",
            "`i` = 5", "I = 5", "S = 'ABC'", "i = 5 -- comment", "i = /* inline */ 5", "-9223372036854775808 < b",
            "18446744073709551615 = ub", "- 9223372036854775809 < b", "2 = 2.0", "1e3 = i", "0.1 + 0.2 = 0.3", "0.1e0 + 0.2e0 = 0.3e0");

    /** Expressions the server rejects for some row with an error; Java must fail on some row too. */
    static final List<String> FAILING = List.of("i + 9223372036854775807 > 0", "ub - 1 > 0", "u - 5 > 0", "b * 2 > 0",
            "-b > 0", "ABS(b) > 0", "dbl * 10 > 0", "y - 2000 > 0");

    private static TableSchema schema;
    private static Map<Integer, Row> rows;

    @BeforeAll
    static void loadRows() throws Exception {
        server.execute("CREATE DATABASE pred", TABLE);
        String insert = "INSERT INTO pred.t VALUES " + String.join(",\n", ROWS);
        rows = BinlogRows.inserted(server, "t", ROWS.size(), "SET time_zone = '+00:00'", insert);
        schema = rows.values().iterator().next().schema();
        assertThat(rows).hasSize(ROWS.size());
    }

    @Test
    void javaSelectsTheRowsMariaDbSelects() throws Exception {
        List<String> mismatches = new ArrayList<>();
        int discriminating = 0;
        int withUnknown = 0;
        try (Connection connection = sourceSession()) {
            for (String expression : EXPRESSIONS) {
                if (!compare(connection, expression, mismatches)) {
                    continue;
                }
                Set<Integer> selected = select(connection, "(" + expression + "\n)");
                discriminating += !selected.isEmpty() && selected.size() < ROWS.size() ? 1 : 0;
                withUnknown += select(connection, "(" + expression + "\n) IS NULL").isEmpty() ? 0 : 1;
            }
        }
        assertThat(mismatches).as("expressions where Java and MariaDB disagree (of %d)", EXPRESSIONS.size()).isEmpty();
        // the proof only means something if the expressions tell rows apart and produce NULLs
        assertThat(discriminating).isGreaterThan(EXPRESSIONS.size() * 3 / 4);
        assertThat(withUnknown).isGreaterThan(EXPRESSIONS.size() / 2);
        System.out.printf("RowExpressionIT: %d rows, %d expressions agree (%d select some but not all rows, %d have NULL rows)%n",
                rows.size(), EXPRESSIONS.size(), discriminating, withUnknown);
    }

    /** The UCA cases the differential test relies on, pinned so that a mangled literal cannot make both sides agree on nothing. */
    @Test
    void unicodeCollationsSelectWhatMariaDbDocuments() throws Exception {
        Map<String, Set<Integer>> expected = Map.of(
                "uc = 'ss'", Set.of(5, 6),
                "uc LIKE 'ss'", Set.of(5),
                "uc = 'strasse'", Set.of(7, 8),
                "uc = 'cafe'", Set.of(9, 10, 11),
                "un = 'cafe'", Set.of(9, 11),
                "uc = '\u8C48'", Set.of(34, 35),
                "uc LIKE '\u8C48'", Set.of(35),
                "uc = '\uD83D\uDE02'", Set.of(25, 26),
                "uc LIKE '\uD83D\uDE02'", Set.of());
        try (Connection connection = sourceSession()) {
            for (Map.Entry<String, Set<Integer>> entry : expected.entrySet()) {
                BoundExpression bound = RowExpression.parse(entry.getKey()).bind(schema);
                Set<Integer> java = new TreeSet<>();
                rows.forEach((id, row) -> {
                    if (bound.evaluate(row) == Truth.TRUE) {
                        java.add(id);
                    }
                });
                assertThat(select(connection, entry.getKey())).as(entry.getKey()).isEqualTo(entry.getValue());
                assertThat(java).as(entry.getKey()).isEqualTo(entry.getValue());
            }
        }
    }

    @Test
    void errorsHappenOnBothSides() throws Exception {
        List<String> mismatches = new ArrayList<>();
        try (Connection connection = sourceSession()) {
            for (String expression : FAILING) {
                BoundExpression bound = RowExpression.parse(expression).bind(schema);
                String javaError = null;
                for (Row row : rows.values()) {
                    try {
                        bound.evaluate(row);
                    }
                    catch (SluiceException e) {
                        javaError = e.reason();
                        break;
                    }
                }
                String serverError = null;
                try {
                    select(connection, "(" + expression + ")");
                }
                catch (SQLException e) {
                    serverError = e.getMessage();
                }
                if ((javaError == null) != (serverError == null)) {
                    mismatches.add(expression + ": java=" + javaError + " server=" + serverError);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    /**
     * Random expressions: the rows must agree whenever both sides evaluate. Whether an integer or
     * DOUBLE overflow is raised can differ in expressions where the server's optimizer skips the
     * failing branch (a constant-false conjunct, {@code d <> d}); those are counted, not failed.
     */
    @Test
    void randomExpressionsAgree() throws Exception {
        // -Dpredicate.seed and -Dpredicate.count explore further; the defaults are the reproducible proof
        Random random = new Random(Long.getLong("predicate.seed", 20240601));
        int wanted = Integer.getInteger("predicate.count", 1000);
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        try (Connection connection = sourceSession()) {
            for (int n = 0; n < wanted * 3 && compared < wanted; n++) {
                String expression = ExpressionGenerator.condition(random, 3);
                try {
                    RowExpression.parse(expression).bind(schema);
                }
                catch (SluiceException rejected) {
                    continue;
                }
                if (compare(connection, expression, mismatches)) {
                    compared++;
                }
            }
        }
        List<String> errorOnly = mismatches.stream().filter(m -> m.contains(" fails ")).toList();
        List<String> rowMismatches = mismatches.stream().filter(m -> !m.contains(" fails ")).toList();
        assertThat(compared).isGreaterThan(wanted / 2);
        assertThat(rowMismatches).as("random expressions where Java and MariaDB select different rows (of %d)", compared).isEmpty();
        assertThat(errorOnly.size()).as("error-only disagreements: %s", errorOnly).isLessThanOrEqualTo(Math.max(3, wanted / 100));
        System.out.printf("RowExpressionIT: %d random expressions agree; %d differ only in raising an overflow error%s%n",
                compared, errorOnly.size(), errorOnly.isEmpty() ? "" : ":\n  " + String.join("\n  ", errorOnly));
    }

    /** Compares one expression; returns false when the server failed and Java did too (nothing to compare). */
    private static boolean compare(Connection connection, String expression, List<String> mismatches) throws SQLException {
        BoundExpression bound;
        try {
            bound = RowExpression.parse(expression).bind(schema);
        }
        catch (SluiceException e) {
            mismatches.add(expression + ": rejected: " + e.getMessage());
            return false;
        }
        Set<Integer> javaTrue = new TreeSet<>();
        Set<Integer> javaUnknown = new TreeSet<>();
        String javaError = null;
        for (Map.Entry<Integer, Row> row : rows.entrySet()) {
            try {
                Truth truth = bound.evaluate(row.getValue());
                if (truth == Truth.TRUE) {
                    javaTrue.add(row.getKey());
                }
                else if (truth == Truth.UNKNOWN) {
                    javaUnknown.add(row.getKey());
                }
            }
            catch (SluiceException e) {
                javaError = e.reason();
            }
        }
        Set<Integer> serverTrue;
        Set<Integer> pushedDown;
        try {
            // a newline ends a trailing -- comment before the closing parenthesis
            serverTrue = select(connection, "(" + expression + "\n)");
            pushedDown = select(connection, bound.sql());
        }
        catch (SQLException e) {
            if (javaError == null) {
                mismatches.add(expression + ": the server fails (" + e.getMessage() + ") but Java does not");
            }
            return false;
        }
        if (javaError != null) {
            mismatches.add(expression + ": Java fails (" + javaError + ") but the server does not");
            return false;
        }
        Set<Integer> serverUnknown;
        try {
            serverUnknown = select(connection, "(" + expression + "\n) IS NULL");
        }
        catch (SQLException e) {
            // inside IS NULL the optimizer no longer drops constant-decided AND/OR branches, so a branch
            // that overflows can fail there only; the WHERE result was compared above
            serverUnknown = javaUnknown;
        }
        if (!javaTrue.equals(serverTrue)) {
            mismatches.add(expression + ": TRUE java=" + javaTrue + " server=" + serverTrue + differences(javaTrue, serverTrue));
        }
        if (!javaUnknown.equals(serverUnknown)) {
            mismatches.add(expression + ": UNKNOWN java=" + javaUnknown + " server=" + serverUnknown);
        }
        if (!pushedDown.equals(serverTrue)) {
            mismatches.add(expression + ": pushed-down " + bound.sql() + " selects " + pushedDown + " instead of " + serverTrue);
        }
        return true;
    }

    private static String differences(Set<Integer> java, Set<Integer> server) {
        StringBuilder out = new StringBuilder();
        Set<Integer> all = new TreeSet<>(java);
        all.addAll(server);
        for (Integer id : all) {
            if (java.contains(id) != server.contains(id)) {
                out.append("\n      id ").append(id).append(": ").append(rows.get(id));
            }
        }
        return out.toString();
    }

    private static Set<Integer> select(Connection connection, String condition) throws SQLException {
        Set<Integer> ids = new TreeSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT id FROM pred.t WHERE " + condition)) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }

    /** A session like Sluice's snapshot connections: utf8mb4, UTC. */
    private static Connection sourceSession() throws SQLException {
        Connection connection = server.connect();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET NAMES utf8mb4");
            statement.execute("SET time_zone = '+00:00'");
            try (ResultSet rs = statement.executeQuery("SELECT @@collation_connection")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("utf8mb4_general_ci");
            }
        }
        return connection;
    }
}
