package io.sluice.mysql.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.ChangeEvent;
import io.sluice.core.event.Row;
import io.sluice.core.event.RowChange;
import io.sluice.core.event.Transaction;
import io.sluice.core.schema.Column;
import io.sluice.core.schema.ColumnType;
import io.sluice.core.value.MysqlValueText;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Writes every MySQL/MariaDB column type with its edge values on a real MariaDB, reads the
 * changes back from the binlog, replays them into a map keyed by id and compares each value
 * with what {@code SELECT} returns from the server.
 */
@ExtendWith(MariaDbExtension.class)
public class ValueMatrixIT {
    @Sandbox(sqlMode = "NO_ENGINE_SUBSTITUTION", options = "character_set_server=utf8mb4")
    static MariaDbServer server;

    /** One column type and the literals to store in it, one row each, plus a NULL row. */
    public record Case(String type, List<String> literals) {
        public static Case of(String type, String... literals) {
            return new Case(type, List.of(literals));
        }
    }

    public static final List<Case> CASES = List.of(
            Case.of("TINYINT", "-128", "127", "0", "-1"),
            Case.of("TINYINT UNSIGNED", "0", "255", "128"),
            Case.of("SMALLINT", "-32768", "32767"),
            Case.of("SMALLINT UNSIGNED", "65535", "32768"),
            Case.of("MEDIUMINT", "-8388608", "8388607", "-1"),
            Case.of("MEDIUMINT UNSIGNED", "16777215", "8388608"),
            Case.of("INT", "-2147483648", "2147483647"),
            Case.of("INT UNSIGNED", "4294967295", "2147483648"),
            Case.of("BIGINT", "-9223372036854775808", "9223372036854775807", "0"),
            Case.of("BIGINT UNSIGNED", "18446744073709551615", "9223372036854775808", "0"),
            Case.of("DECIMAL(65,30)", "99999999999999999999999999999999999.999999999999999999999999999999",
                    "-99999999999999999999999999999999999.999999999999999999999999999999",
                    "0", "-0.000000000000000000000000000001", "1.5"),
            Case.of("DECIMAL(65,0)", "99999999999999999999999999999999999999999999999999999999999999999", "-1", "0"),
            Case.of("DECIMAL(38,38)", "0.99999999999999999999999999999999999999", "-0.00000000000000000000000000000000000001"),
            Case.of("DECIMAL(10,0)", "9999999999", "-9999999999", "0"),
            Case.of("DECIMAL(5,2)", "123.45", "-0.01", "0", "-999.99"),
            Case.of("DECIMAL(1,0)", "9", "-9"),
            Case.of("DECIMAL(18,9)", "123456789.123456789", "-0.000000001"),
            Case.of("DECIMAL(19,10) UNSIGNED", "123456789.0123456789"),
            Case.of("FLOAT", "3.14", "-3.4028234e38", "1.17549435e-38", "0", "1e10", "-0.5"),
            Case.of("DOUBLE", "1.7976931348623157e308", "4.9e-324", "-2.2250738585072014e-308", "0.1", "123456789.987654321"),
            Case.of("BIT(1)", "b'0'", "b'1'"),
            Case.of("BIT(8)", "b'10101010'", "b'11111111'"),
            Case.of("BIT(17)", "b'10000000000000001'"),
            Case.of("BIT(64)", "b'1111111111111111111111111111111111111111111111111111111111111111'", "b'1000000000000000000000000000000000000000000000000000000000000000'", "b'0'"),
            Case.of("DATE", "'0000-00-00'", "'1000-01-01'", "'9999-12-31'", "'2024-02-29'", "'2020-00-15'", "'2020-05-00'"),
            Case.of("TIME", "'-838:59:59'", "'838:59:59'", "'00:00:00'", "'-00:00:01'", "'25:00:00'"),
            Case.of("TIME(1)", "'-01:00:00.1'", "'00:00:00.9'", "'-00:00:00.1'"),
            Case.of("TIME(2)", "'-10:00:00.01'", "'10:00:00.99'"),
            Case.of("TIME(3)", "'-00:00:01.001'", "'10:00:00.999'", "'-838:59:59.000'"),
            Case.of("TIME(4)", "'-00:00:00.0001'", "'12:00:00.1234'"),
            Case.of("TIME(5)", "'-23:59:59.99999'", "'100:00:00.00001'"),
            Case.of("TIME(6)", "'-838:59:59.000000'", "'838:59:59.000000'", "'-12:34:56.789012'", "'-00:00:00.000001'", "'12:34:56.000001'"),
            Case.of("DATETIME", "'0000-00-00 00:00:00'", "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59'", "'2020-00-00 10:11:12'"),
            Case.of("DATETIME(1)", "'2024-02-29 12:00:00.1'"),
            Case.of("DATETIME(3)", "'2024-02-29 12:00:00.999'", "'1970-01-01 00:00:00.001'"),
            Case.of("DATETIME(6)", "'9999-12-31 23:59:59.999999'", "'2024-02-29 12:00:00.000001'", "'0000-00-00 00:00:00.000000'"),
            Case.of("TIMESTAMP NULL", "'1970-01-01 00:00:01'", "'2038-01-19 03:14:07'", "'0000-00-00 00:00:00'", "'2024-02-29 12:00:00'"),
            Case.of("TIMESTAMP(2) NULL", "'2000-01-01 00:00:00.01'"),
            Case.of("TIMESTAMP(6) NULL", "'2038-01-19 03:14:07.999999'", "'1970-01-01 00:00:01.000001'"),
            Case.of("YEAR", "1901", "2155", "0", "2024"),
            Case.of("CHAR(10) CHARACTER SET utf8mb4", "'abc'", "''", "'😀👍'", "'trailing  '", "'  lead'"),
            Case.of("CHAR(255) CHARACTER SET utf8mb4", "REPEAT('é', 255)"),
            Case.of("VARCHAR(300) CHARACTER SET utf8mb4", "REPEAT('😀a', 150)", "''", "'quote '' and \\\\ backslash'", "'line\\nbreak\\ttab'"),
            Case.of("VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", "'Case'"),
            Case.of("TINYTEXT CHARACTER SET utf8mb4", "'tiny 😀'"),
            Case.of("TEXT CHARACTER SET utf8mb4", "REPEAT('中', 20000)"),
            Case.of("MEDIUMTEXT CHARACTER SET utf8mb4", "REPEAT('x😀', 40000)"),
            Case.of("LONGTEXT CHARACTER SET utf8mb4", "REPEAT('long', 100000)"),
            Case.of("VARCHAR(20) CHARACTER SET latin1", "'café'", "_latin1 x'80818D8F909DFF'", "'Ünïcödé'"),
            Case.of("CHAR(5) CHARACTER SET latin1", "'ÿ'"),
            Case.of("VARCHAR(20) CHARACTER SET gbk", "'中文字符'", "'汉字abc'"),
            Case.of("TEXT CHARACTER SET gbk", "'简体中文'"),
            Case.of("VARCHAR(10) CHARACTER SET ascii", "'plain'"),
            Case.of("VARCHAR(10) CHARACTER SET binary", "x'00FF10'"),
            Case.of("BINARY(4)", "x'00'", "x'01020304'", "x''", "x'01000000'"),
            Case.of("VARBINARY(300)", "x'00FF'", "x''", "REPEAT(x'AB', 300)"),
            Case.of("TINYBLOB", "x'DEADBEEF'"),
            Case.of("BLOB", "REPEAT(x'00FF', 30000)"),
            Case.of("MEDIUMBLOB", "REPEAT(x'0102030405', 40000)"),
            Case.of("LONGBLOB", "REPEAT(x'FE', 70000)"),
            Case.of("ENUM('a','b','it''s','日本','')", "'a'", "'it''s'", "'日本'", "''", "'b'"),
            Case.of("ENUM('x') CHARACTER SET latin1", "'x'"),
            Case.of("SET('x','y','z')", "''", "'x,z'", "'x,y,z'", "'y'"),
            Case.of("JSON", "'{\"a\": 1, \"b\": [true, null, 1.5], \"c\": \"😀\"}'", "'\"str\"'", "'[]'", "'12345678901234567890'"),
            Case.of("GEOMETRY", "ST_GeomFromText('POINT(1 2)')", "ST_GeomFromText('POLYGON((0 0,1 0,1 1,0 1,0 0))')"),
            Case.of("POINT", "ST_GeomFromText('POINT(-1.5 2.25)', 4326)"),
            Case.of("LINESTRING", "ST_GeomFromText('LINESTRING(0 0,1 1,2 2)')"),
            Case.of("MULTIPOLYGON", "ST_GeomFromText('MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((2 2,3 2,3 3,2 2)))')"),
            Case.of("GEOMETRYCOLLECTION", "ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,1 1))')"));


    /**
     * Values beyond the list: more DECIMAL group boundaries, FLOAT(M,D), odd BIT widths,
     * negative sub-second TIMEs and MariaDB's 838:59:59.999999, zero date parts, every MariaDB
     * charset (including the ones Java has no charset for and the bytes where Java's mapping is
     * not the server's), 2-byte ENUM indexes, 64-member SETs, ZEROFILL and INVISIBLE columns.
     * Not in {@link #CASES}, so that the replication matrix built on those stays as it is.
     */
    public static final List<Case> MORE_CASES = List.of(
            Case.of("SMALLINT UNSIGNED", "0", "1"),
            Case.of("MEDIUMINT UNSIGNED", "0", "1", "8388607"),
            Case.of("DECIMAL(10,10)", "0.9999999999", "-0.0000000001", "0", "-0.0"),
            Case.of("DECIMAL(9,0)", "999999999", "-999999999"),
            Case.of("DECIMAL(9,9)", "0.999999999", "-0.000000001"),
            Case.of("DECIMAL(18,0)", "999999999999999999", "-999999999999999999"),
            Case.of("DECIMAL(19,0)", "9999999999999999999", "-9999999999999999999"),
            Case.of("DECIMAL(27,9)", "-999999999999999999.999999999", "100000000.000000001"),
            Case.of("DECIMAL(30,5)", "-1234567890123456789012345.67891"),
            Case.of("DECIMAL(65,30)", "-0.0", "0.000000000000000000000000000001"),
            Case.of("FLOAT(7,3)", "1234.567", "-9999.999"),
            Case.of("DOUBLE(10,4)", "123456.7891", "-0.0001"),
            Case.of("FLOAT", "1.4e-45", "3.4028235e38", "-0"),
            Case.of("DOUBLE", "2.2250738585072014e-308", "4.9e-322", "-1.7976931348623157e308", "-0"),
            Case.of("BIT(2)", "b'10'", "b'11'"),
            Case.of("BIT(7)", "b'1000001'"),
            Case.of("BIT(9)", "b'100000001'", "b'111111111'"),
            Case.of("BIT(16)", "b'1000000000000001'"),
            Case.of("BIT(33)", "b'100000000000000000000000000000001'"),
            Case.of("BIT(63)", "b'111111111111111111111111111111111111111111111111111111111111111'"),
            Case.of("TIME(1)", "'-00:00:00.5'", "'-838:59:59.9'"),
            Case.of("TIME(2)", "'-00:00:00.5'", "'-00:00:00.01'", "'-838:59:59.99'"),
            Case.of("TIME(3)", "'-00:00:00.5'", "'-00:00:00.001'", "'-1:00:00.999'"),
            Case.of("TIME(4)", "'-00:00:00.5'", "'-838:59:59.9999'"),
            Case.of("TIME(5)", "'-00:00:00.00001'", "'-1:00:00.5'"),
            Case.of("TIME(6)", "'-00:00:00.5'", "'-838:59:59.999999'", "'838:59:59.999999'", "'-00:00:00.999999'"),
            Case.of("TIME", "'-00:00:00'", "'-1:00:00'", "'-838:59:58'"),
            Case.of("DATE", "'0000-01-01'", "'0001-00-00'", "'0000-00-01'", "'0001-01-01'"),
            Case.of("DATETIME(2)", "'2020-00-15 00:00:00.5'", "'0001-01-01 00:00:00.01'"),
            Case.of("DATETIME(4)", "'9999-12-31 23:59:59.9999'", "'0000-00-00 00:00:00.0001'"),
            Case.of("DATETIME(5)", "'1000-01-01 00:00:00.00001'"),
            Case.of("TIMESTAMP(1) NULL", "'1970-01-01 00:00:01.9'"),
            Case.of("TIMESTAMP(3) NULL", "'2038-01-19 03:14:07.999'", "'1999-12-31 23:59:59.500'"),
            Case.of("TIMESTAMP(4) NULL", "'1970-01-01 00:00:01.0001'"),
            Case.of("TIMESTAMP(5) NULL", "'2001-02-03 04:05:06.78901'"),
            Case.of("YEAR", "1999", "'00'", "'69'", "70"),
            Case.of("CHAR(10) CHARACTER SET latin1", "'a  '", "'  '", "''"),
            Case.of("CHAR(5) CHARACTER SET utf16", "'ab '", "'😀'", "''"),
            Case.of("VARCHAR(20) CHARACTER SET utf16", "'😀é中 '", "''"),
            Case.of("VARCHAR(20) CHARACTER SET utf16le", "'😀é中'"),
            Case.of("CHAR(5) CHARACTER SET utf32", "'a😀 '", "'z'"),
            Case.of("VARCHAR(20) CHARACTER SET utf32", "'😀é中'"),
            Case.of("TEXT CHARACTER SET utf32", "'𝄞 music'"),
            Case.of("CHAR(5) CHARACTER SET ucs2", "'é中 '", "'x'"),
            Case.of("VARCHAR(20) CHARACTER SET ucs2", "'Ωmega'"),
            Case.of("VARCHAR(20) CHARACTER SET ujis", "'日本語'", "_ujis x'8FB0A1'", "_ujis x'8EB1'"),
            Case.of("VARCHAR(20) CHARACTER SET sjis", "'ソ表能'", "'\\\\'", "_sjis x'815F'", "_sjis x'5C7E'"),
            Case.of("VARCHAR(20) CHARACTER SET cp932", "'ソ表①'", "_cp932 x'815F'", "_cp932 x'8160'"),
            Case.of("VARCHAR(20) CHARACTER SET eucjpms", "'日本①'"),
            Case.of("VARCHAR(20) CHARACTER SET cp1251", "'Привет'", "_cp1251 x'88'", "_cp1251 x'98'"),
            Case.of("VARCHAR(20) CHARACTER SET big5", "'中文繁體'", "_big5 x'A1C3'", "_big5 x'A145'"),
            Case.of("VARCHAR(20) CHARACTER SET euckr", "'한국어'"),
            Case.of("VARCHAR(20) CHARACTER SET gb2312", "'简体'"),
            Case.of("VARCHAR(20) CHARACTER SET gbk", "_gbk x'A1A4'", "_gbk x'A1AA'"),
            Case.of("VARCHAR(20) CHARACTER SET utf8mb3", "'é中'"),
            Case.of("VARCHAR(20) CHARACTER SET latin2", "'Łódź'"),
            Case.of("VARCHAR(20) CHARACTER SET greek", "'Ελληνικά'"),
            Case.of("VARCHAR(20) CHARACTER SET hebrew", "'עברית'"),
            Case.of("VARCHAR(20) CHARACTER SET koi8r", "'Привет'"),
            Case.of("VARCHAR(20) CHARACTER SET koi8u", "'Привіт'"),
            Case.of("VARCHAR(20) CHARACTER SET cp1250", "'Łódź'"),
            Case.of("VARCHAR(20) CHARACTER SET cp1256", "'عربي'"),
            Case.of("VARCHAR(20) CHARACTER SET cp1257", "'Ąž'"),
            Case.of("VARCHAR(20) CHARACTER SET cp850", "'Ñandú'"),
            Case.of("VARCHAR(20) CHARACTER SET cp852", "'Łódź'"),
            Case.of("VARCHAR(20) CHARACTER SET cp866", "'Привет'"),
            Case.of("VARCHAR(20) CHARACTER SET tis620", "'ภาษาไทย'"),
            Case.of("VARCHAR(20) CHARACTER SET latin5", "'İşğ'"),
            Case.of("VARCHAR(20) CHARACTER SET latin7", "'Ąž'"),
            Case.of("VARCHAR(20) CHARACTER SET swe7", "'abc'"),
            Case.of("VARCHAR(20) CHARACTER SET armscii8", "'Հայ'"),
            Case.of("VARCHAR(20) CHARACTER SET dec8", "'abc'"),
            Case.of("VARCHAR(20) CHARACTER SET hp8", "'abc'"),
            Case.of("VARCHAR(20) CHARACTER SET keybcs2", "'abc'"),
            Case.of("VARCHAR(20) CHARACTER SET macroman", "'café'"),
            Case.of("VARCHAR(20) CHARACTER SET macce", "'abc'"),
            Case.of("VARCHAR(20) CHARACTER SET geostd8", "'abc'"),
            Case.of("VARCHAR(20) CHARACTER SET ascii", "_ascii x'7F00'"),
            Case.of("VARCHAR(20) CHARACTER SET latin1", "_latin1 x'00'", "'a\\0b'"),
            // bytes a charset maps to no Unicode character ('?'), or to the character another byte maps to, or
            // ucs2's lone surrogate: a trip through utf8mb4 would change them
            Case.of("VARCHAR(20) CHARACTER SET armscii8", "_armscii8 x'FF27'", "_armscii8 x'A5A428'"),
            Case.of("VARCHAR(20) CHARACTER SET ascii", "_ascii x'80FF'"),
            Case.of("VARCHAR(20) CHARACTER SET cp1251 COLLATE cp1251_bin", "_cp1251 x'983F'"),
            Case.of("VARCHAR(20) CHARACTER SET swe7", "_swe7 x'7F80'", "_swe7 x'5B'"),
            Case.of("VARCHAR(20) CHARACTER SET tis620", "_tis620 x'DBFF'"),
            Case.of("VARCHAR(20) CHARACTER SET big5", "_big5 x'A3C0'", "_big5 x'C8A1'"),
            Case.of("VARCHAR(20) CHARACTER SET cp932", "_cp932 x'ED40'", "_cp932 x'FA5C'", "_cp932 x'EB40'"),
            Case.of("VARCHAR(20) CHARACTER SET sjis", "_sjis x'815F5C'"),
            Case.of("VARCHAR(20) CHARACTER SET ucs2", "_ucs2 x'D800'"),
            Case.of("BINARY(5)", "x'0000'", "x'FF00'", "x'0000000000'", "x'2020'"),
            Case.of("BINARY(255)", "REPEAT(x'FF', 255)", "x'01'"),
            Case.of("VARBINARY(10)", "x'00'", "x'0000'", "x'80FF00'"),
            Case.of("CHAR(4) CHARACTER SET binary", "x'41'", "x'4100'"),
            Case.of("ENUM(" + IntStream.range(0, 300).mapToObj(i -> "'e" + i + "'").collect(Collectors.joining(",")) + ")", "'e0'", "'e255'", "'e256'", "'e299'"),
            Case.of("SET(" + IntStream.range(0, 64).mapToObj(i -> "'s" + i + "'").collect(Collectors.joining(",")) + ")", "'s63'", "'s0,s63'", "'s31,s32'", "''"),
            Case.of("ENUM('a','b')", "'zzz'", "'b'"),
            Case.of("ENUM('a\\\\b','c''d','日本',' x')", "'a\\\\b'", "'c''d'", "'日本'", "' x'"),
            Case.of("SET('a','b') CHARACTER SET latin1", "'b,a'"),
            // members in the column's charset: the table map carries their bytes, information_schema shows a 4-byte character as '?'
            Case.of("ENUM('a','é','€') CHARACTER SET latin1", "'é'", "'€'", "'a'"),
            Case.of("SET('x','ü','ß') CHARACTER SET latin1", "'ü,ß'", "'x,ß'"),
            Case.of("ENUM('a','😀','b') CHARACTER SET utf8mb4", "'😀'", "'b'"),
            Case.of("SET('x','🐬','?') CHARACTER SET utf8mb4", "'🐬,x'", "'?'", "'x,🐬,?'"),
            Case.of("ENUM('中文','日本') CHARACTER SET gbk", "'日本'", "'中文'"),
            Case.of("ENUM('𝄞','b') CHARACTER SET utf16", "'𝄞'"),
            Case.of("JSON", "'[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]'", "'{\"k\": \"\\\\u00e9\\\\\"q\\\\\\\\\"}'", "'{\"é😀\": null}'"),
            Case.of("MULTIPOINT", "ST_GeomFromText('MULTIPOINT(0 0,1 1)')"),
            Case.of("MULTILINESTRING", "ST_GeomFromText('MULTILINESTRING((0 0,1 1),(2 2,3 3))')"),
            Case.of("POLYGON", "ST_GeomFromText('POLYGON((0 0,10 0,10 10,0 10,0 0),(1 1,2 1,2 2,1 1))', 3857)"),
            Case.of("GEOMETRYCOLLECTION", "ST_GeomFromText('GEOMETRYCOLLECTION EMPTY')", "ST_GeomFromText('GEOMETRYCOLLECTION(MULTIPOLYGON(((0 0,1 0,1 1,0 0))))')"),
            // MariaDB's fixed-width binary types: the binlog strips their trailing zero bytes (0.0.0.0 is logged empty)
            Case.of("UUID", "'00000000-0000-0000-0000-000000000000'", "'123e4567-e89b-12d3-a456-426614174000'",
                    "'ffffffff-ffff-1fff-8fff-ffffffffff00'", "'01000000-0000-0000-0000-000000000000'"),
            Case.of("INET6", "'::'", "'::1'", "'2001:db8::'", "'::ffff:1.2.3.4'", "'::1.2.3.4'", "'1::1:0:1:0:1:0'",
                    "'fe80::1:0:0:0'", "'::ffff:0.0.0.0'", "'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'"),
            Case.of("INET4", "'0.0.0.0'", "'1.0.0.0'", "'192.168.0.1'", "'255.255.255.255'", "'10.0.0.0'"),
            Case.of("INT(5) UNSIGNED ZEROFILL", "5", "4294967295"),
            Case.of("VARCHAR(10) CHARACTER SET utf8mb4 INVISIBLE", "'hidden'"));

    private static final List<Case> ALL = Stream.concat(CASES.stream(), MORE_CASES.stream()).toList();

    @ParameterizedTest(name = "schemas from {0}")
    @ValueSource(strings = {"information_schema", "table map metadata"})
    void everyTypeDecodesToWhatSelectReturns(String schemaSource) throws Exception {
        server.execute("DROP DATABASE IF EXISTS matrix", "CREATE DATABASE matrix");
        boolean fromTableMap = schemaSource.startsWith("table map");
        try (BinlogCapture capture = BinlogCapture.fromNow(server, fromTableMap); Connection connection = server.connect()) {
            int expectedTransactions = 0;
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET time_zone = '+00:00', sql_mode = 'NO_ENGINE_SUBSTITUTION'");
                for (int i = 0; i < ALL.size(); i++) {
                    Case c = ALL.get(i);
                    statement.execute("CREATE TABLE matrix.t" + i + " (id INT PRIMARY KEY, v " + c.type() + ", note VARCHAR(10))");
                    StringBuilder insert = new StringBuilder("INSERT INTO matrix.t" + i + " (id, v) VALUES (0, NULL)");
                    for (int row = 0; row < c.literals().size(); row++) {
                        insert.append(", (").append(row + 1).append(", ").append(c.literals().get(row)).append(")");
                    }
                    statement.execute(insert.toString());
                    // update images: move every row, changing a column other than v, then delete one
                    statement.execute("UPDATE matrix.t" + i + " SET id = id + 100, note = 'moved'");
                    statement.execute("DELETE FROM matrix.t" + i + " WHERE id = 101");
                    expectedTransactions += 4;
                }
            }
            List<Transaction> transactions = capture.await(expectedTransactions);
            Map<String, Map<Integer, Row>> replayed = replay(transactions);
            // every mismatching case in one report, not just the first
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < ALL.size(); i++) {
                try {
                    compareWithSelect(connection, "t" + i, ALL.get(i), replayed.get("t" + i));
                }
                catch (AssertionError e) {
                    failures.add(e.getMessage());
                }
            }
            assertThat(failures).as(String.join("\n", failures)).isEmpty();
        }
    }

    /**
     * Without FULL row metadata the members come from information_schema, where MariaDB shows a
     * 4-byte character as '?': decoding stops with the fix instead of replicating "?".
     */
    @Test
    void fourByteMembersWithoutTableMapMembersStopWithTheFix(@Sandbox(binlogRowMetadata = "MINIMAL") MariaDbServer minimal) throws Exception {
        minimal.execute("CREATE DATABASE m", "CREATE TABLE m.ok (id INT PRIMARY KEY, v ENUM('a','é') CHARACTER SET latin1)",
                "CREATE TABLE m.emoji (id INT PRIMARY KEY, v ENUM('a','😀') CHARACTER SET utf8mb4)");
        try (BinlogCapture capture = BinlogCapture.fromNow(minimal)) {
            minimal.execute("INSERT INTO m.ok VALUES (1, 'é')");
            assertThat(capture.await(1).getLast().events().getFirst()).isInstanceOfSatisfying(RowChange.class,
                    change -> assertThat(change.after().get("v")).isEqualTo("é"));
            minimal.execute("INSERT INTO m.emoji VALUES (1, '😀')");
            assertThat(capture.awaitFailure()).isInstanceOfSatisfying(SluiceException.class, e -> {
                assertThat(e.errorCode()).isEqualTo(ErrorCode.SCHEMA_MISMATCH);
                assertThat(e.getMessage()).contains("m.emoji", "'?'");
                assertThat(e.fix()).contains("binlog_row_metadata=FULL");
            });
        }
    }

    /** Applies inserts, updates and deletes in order, checking each before image against the row it replaces. */
    static Map<String, Map<Integer, Row>> replay(List<Transaction> transactions) {
        Map<String, Map<Integer, Row>> tables = new HashMap<>();
        for (Transaction transaction : transactions) {
            for (ChangeEvent event : transaction.events()) {
                if (!(event instanceof RowChange change)) {
                    continue;
                }
                Map<Integer, Row> rows = tables.computeIfAbsent(change.table().id().table(), t -> new LinkedHashMap<>());
                if (change.before() != null) {
                    Row current = rows.remove((Integer) change.before().get("id"));
                    assertThat(change.before()).as("before image of %s in %s", change.before().get("id"), change.table().id()).isEqualTo(current);
                }
                if (change.after() != null) {
                    rows.put((Integer) change.after().get("id"), change.after());
                }
            }
        }
        return tables;
    }

    private static void compareWithSelect(Connection connection, String table, Case c, Map<Integer, Row> decoded) throws Exception {
        assertThat(decoded).as("rows decoded for %s (%s)", table, c.type()).isNotNull();
        Column column = decoded.values().iterator().next().column(1);
        if (List.of("UUID", "INET6", "INET4").contains(c.type())) {
            // FULL row metadata logs them as BINARY(n): the type must still be known, for the text form
            assertThat(column.type().name()).as("decoded type of %s", c.type()).isEqualTo(c.type());
        }
        String expression = switch (column.type().category()) {
            // UUID/INET6/INET4: the text SELECT shows, which the decoded bytes render to only when they are exact
            case BINARY -> column.type().fixedBinaryLength() > 0 ? "CAST(v AS CHAR)" : "HEX(v)";
            case GEOMETRY -> "HEX(v)";
            case BIT -> "CAST(v + 0 AS CHAR)";
            case TEXT -> column.isBinaryText() ? "HEX(v)" : "v";
            default -> "CAST(v AS CHAR)";
        };
        Map<Integer, String> selected = new LinkedHashMap<>();
        // text the charset cannot carry exactly through Unicode decodes to the column's bytes
        Map<Integer, String> selectedBytes = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT id, " + expression + ", HEX(CAST(v AS BINARY)) FROM matrix." + table + " ORDER BY id")) {
            while (rs.next()) {
                selected.put(rs.getInt(1), rs.getString(2));
                selectedBytes.put(rs.getInt(1), rs.getString(3));
            }
        }
        assertThat(decoded.keySet()).as("ids of %s (%s)", table, c.type()).containsExactlyInAnyOrderElementsOf(selected.keySet());
        for (Map.Entry<Integer, String> entry : selected.entrySet()) {
            Object value = decoded.get(entry.getKey()).get("v");
            String description = "%s (%s) id=%d".formatted(table, c.type(), entry.getKey());
            if (column.type() == ColumnType.FLOAT || column.type() == ColumnType.DOUBLE) {
                assertExactFloatingPoint(connection, table, entry.getKey(), value, description);
                continue;
            }
            if (column.type().category() == ColumnType.Category.TEXT && !column.isBinaryText() && value instanceof byte[] bytes) {
                assertThat(HexFormat.of().withUpperCase().formatHex(bytes)).as(description + " (as bytes)").isEqualTo(selectedBytes.get(entry.getKey()));
                continue;
            }
            assertThat(render(column, value)).as(description).isEqualTo(entry.getValue());
        }
    }

    private static String render(Column column, Object value) {
        if (value == null) {
            return null;
        }
        return switch (column.type().category()) {
            case BIT -> MysqlValueText.unsignedBits((Long) value).toString();
            default -> value instanceof byte[] bytes && column.type().fixedBinaryLength() == 0 ? HexFormat.of().withUpperCase().formatHex(bytes)
                    : MysqlValueText.render(column, value, ZoneOffset.UTC);
        };
    }

    /** Floating point text differs between printers; equality in SQL against the exact double is what matters. */
    private static void assertExactFloatingPoint(Connection connection, String table, int id, Object value, String description) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT v IS NULL, v = ? FROM matrix." + table + " WHERE id = ?")) {
            statement.setDouble(1, value == null ? 0 : ((Number) value).doubleValue());
            statement.setInt(2, id);
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).isTrue();
                if (value == null) {
                    assertThat(rs.getBoolean(1)).as(description).isTrue();
                }
                else {
                    assertThat(rs.getBoolean(2)).as(description + " value " + value).isTrue();
                }
            }
        }
    }
}
