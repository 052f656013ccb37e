package io.sluice.core.value;

import io.sluice.core.schema.Column;
import io.sluice.core.schema.ColumnType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class MysqlValueTextTest
{
    private static final ZoneId UTC = ZoneOffset.UTC;

    private static String render(Column column, Object value)
    {
        return MysqlValueText.render(column, value, UTC);
    }

    private static Column text(ColumnType type, String charset)
    {
        return new Column("c", type, false, 0, 0, 0, 0, charset, null, List.of(), true);
    }

    private static Column temporal(ColumnType type, int fsp)
    {
        return new Column("c", type, false, 0, 0, 0, fsp, null, null, List.of(), true);
    }

    private static Column bit(int length)
    {
        return new Column("c", ColumnType.BIT, false, length, 0, 0, 0, null, null, List.of(), true);
    }

    @ParameterizedTest
    @EnumSource(ColumnType.class)
    void testNullIsNullForEveryType(ColumnType type)
    {
        Column column = new Column("c", type, false, 0, 0, 0, 0, type.hasCharset() ? "utf8mb4" : null, null,
                type == ColumnType.ENUM || type == ColumnType.SET ? List.of("a") : List.of(), true);
        assertThat(MysqlValueText.render(column, null, UTC)).isEqualTo("NULL");
    }

    @Test
    void testIntegers()
    {
        assertThat(render(Column.of("c", ColumnType.TINYINT), -128)).isEqualTo("-128");
        assertThat(render(Column.of("c", ColumnType.INT), 0)).isEqualTo("0");
        assertThat(render(Column.of("c", ColumnType.INT), 2_147_483_647)).isEqualTo("2147483647");
        assertThat(render(Column.of("c", ColumnType.BIGINT), Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
        Column unsignedBigint = new Column("c", ColumnType.BIGINT, true, 0, 0, 0, 0, null, null, List.of(), true);
        assertThat(render(unsignedBigint, new BigInteger("18446744073709551615"))).isEqualTo("18446744073709551615");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            1.50, 1.50
            0, 0
            0.00, 0.00
            -0.01, -0.01
            1E+3, 1000
            1.2345E+2, 123.45
            12345678901234567890123456789012345.123456789012345678901234567890, 12345678901234567890123456789012345.123456789012345678901234567890
            """)
    void testDecimalKeepsScaleWithoutExponent(String value, String expected)
    {
        Column column = new Column("c", ColumnType.DECIMAL, false, 0, 65, 30, 0, null, null, List.of(), true);
        assertThat(render(column, new BigDecimal(value))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            1.0, 1
            0.0, 0
            -0.0, -0
            0.1, 0.1
            -2.5, -2.5
            1e10, 10000000000
            1.5e7, 15000000
            123456.7, 123456.7
            1e-4, 0.0001
            3.4028235e38, 340282350000000000000000000000000000000
            16777216, 16777216
            """)
    void testFloatShortestText(float value, String expected)
    {
        assertThat(render(Column.of("c", ColumnType.FLOAT), value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            1.0, 1
            0.0, 0
            -0.0, -0
            0.1, 0.1
            0.30000000000000004, 0.30000000000000004
            -1.5, -1.5
            1e10, 10000000000
            1e7, 10000000
            123456789.125, 123456789.125
            1e-5, 0.00001
            """)
    void testDoubleShortestText(double value, String expected)
    {
        assertThat(render(Column.of("c", ColumnType.DOUBLE), value)).isEqualTo(expected);
    }

    @Test
    void testExtremeDoublesRenderedWithoutExponent()
    {
        Column column = Column.of("c", ColumnType.DOUBLE);
        assertThat(render(column, Double.MAX_VALUE)).isEqualTo("17976931348623157" + "0".repeat(292));
        assertThat(render(column, -Double.MAX_VALUE)).isEqualTo("-17976931348623157" + "0".repeat(292));
        assertThat(render(column, Double.MIN_VALUE)).isEqualTo("0." + "0".repeat(323) + "49");
        assertThat(render(column, 1e300)).isEqualTo("1" + "0".repeat(300));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            1.0, 1
            10.0, 10
            100.5, 100.5
            1.0E10, 10000000000
            1.0E-4, 0.0001
            -1.25E-3, -0.00125
            1.2345678E7, 12345678
            -0.0, -0
            2.0E0, 2
            """)
    void testShortest(String javaText, String expected)
    {
        assertThat(MysqlValueText.shortest(javaText)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            1  | 0    | b'0'
            1  | 1    | b'1'
            8  | 0    | b'00000000'
            8  | 255  | b'11111111'
            8  | 5    | b'00000101'
            10 | 5    | b'0000000101'
            10 | 1023 | b'1111111111'
            10 | 512  | b'1000000000'
            64 | -1   | b'1111111111111111111111111111111111111111111111111111111111111111'
            64 | -9223372036854775808 | b'1000000000000000000000000000000000000000000000000000000000000000'
            64 | 1    | b'0000000000000000000000000000000000000000000000000000000000000001'
            """)
    void testBit(int length, long value, String expected)
    {
        assertThat(render(bit(length), value)).isEqualTo(expected);
    }

    @Test
    void testBitWithoutLengthIsOneBit()
    {
        assertThat(render(Column.of("c", ColumnType.BIT), 1L)).isEqualTo("b'1'");
        assertThat(render(Column.of("c", ColumnType.BIT), 0L)).isEqualTo("b'0'");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            0, 0000
            1901, 1901
            2024, 2024
            2155, 2155
            """)
    void testYear(int year, String expected)
    {
        assertThat(render(Column.of("c", ColumnType.YEAR), year)).isEqualTo(expected);
    }

    @Test
    void testYearIgnoresDefaultLocale()
    {
        Locale original = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("th-TH-u-nu-thai"));
            assertThat(render(Column.of("c", ColumnType.YEAR), 2024)).isEqualTo("2024");
        }
        finally {
            Locale.setDefault(original);
        }
    }

    @Test
    void testDate()
    {
        assertThat(render(Column.of("c", ColumnType.DATE), new MysqlDate(2024, 2, 29))).isEqualTo("2024-02-29");
        assertThat(render(Column.of("c", ColumnType.DATE), new MysqlDate(0, 0, 0))).isEqualTo("0000-00-00");
        assertThat(render(Column.of("c", ColumnType.DATE), new MysqlDate(2024, 0, 0))).isEqualTo("2024-00-00");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0 | -12:00:00
            1 | -12:00:00.5
            3 | -12:00:00.500
            6 | -12:00:00.500000
            """)
    void testTimeUsesColumnFsp(int fsp, String expected)
    {
        assertThat(render(temporal(ColumnType.TIME, fsp), new MysqlTime(true, 12, 0, 0, 500_000))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0 | 2024-01-02 03:04:05
            2 | 2024-01-02 03:04:05.00
            6 | 2024-01-02 03:04:05.000000
            """)
    void testDateTimeUsesColumnFsp(int fsp, String expected)
    {
        assertThat(render(temporal(ColumnType.DATETIME, fsp), new MysqlDateTime(2024, 1, 2, 3, 4, 5, 0))).isEqualTo(expected);
    }

    @Test
    void testZeroDateTime()
    {
        assertThat(render(temporal(ColumnType.DATETIME, 0), new MysqlDateTime(0, 0, 0, 0, 0, 0, 0))).isEqualTo("0000-00-00 00:00:00");
    }

    @Test
    void testTimestampUsesColumnFspAndSessionZone()
    {
        MysqlTimestamp value = new MysqlTimestamp(1_700_000_000L, 250_000);
        assertThat(MysqlValueText.render(temporal(ColumnType.TIMESTAMP, 0), value, UTC)).isEqualTo("2023-11-14 22:13:20");
        assertThat(MysqlValueText.render(temporal(ColumnType.TIMESTAMP, 2), value, ZoneId.of("Asia/Kolkata"))).isEqualTo("2023-11-15 03:43:20.25");
        assertThat(MysqlValueText.render(temporal(ColumnType.TIMESTAMP, 6), value, ZoneOffset.ofHours(-8))).isEqualTo("2023-11-14 14:13:20.250000");
        assertThat(MysqlValueText.render(temporal(ColumnType.TIMESTAMP, 3), new MysqlTimestamp(0, 0), ZoneOffset.ofHours(-8)))
                .isEqualTo("0000-00-00 00:00:00.000");
    }

    @Test
    void testText()
    {
        assertThat(render(text(ColumnType.VARCHAR, "utf8mb4"), "héllo wörld ✓")).isEqualTo("héllo wörld ✓");
        assertThat(render(text(ColumnType.CHAR, "latin1"), "")).isEqualTo("");
        assertThat(render(text(ColumnType.LONGTEXT, "utf8mb4"), "NULL")).isEqualTo("NULL");
    }

    @Test
    void testBinaryCharsetTextIsHex()
    {
        assertThat(render(text(ColumnType.VARCHAR, "binary"), "abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo("0x616263");
    }

    @ParameterizedTest
    @EnumSource(value = ColumnType.class, names = {"BINARY", "VARBINARY", "TINYBLOB", "BLOB", "MEDIUMBLOB", "LONGBLOB", "GEOMETRY", "POINT"})
    void testBinaryIsHex(ColumnType type)
    {
        assertThat(render(Column.of("c", type), new byte[] {0x00, 0x10, (byte) 0xab, (byte) 0xff})).isEqualTo("0x0010abff");
        assertThat(render(Column.of("c", type), new byte[0])).isEqualTo("0x");
    }

    @Test
    void testEnumSetAndJson()
    {
        Column enumColumn = new Column("c", ColumnType.ENUM, false, 0, 0, 0, 0, "utf8mb4", null, List.of("red", "green"), true);
        Column setColumn = new Column("c", ColumnType.SET, false, 0, 0, 0, 0, "utf8mb4", null, List.of("a", "b", "c"), true);
        assertThat(render(enumColumn, "green")).isEqualTo("green");
        assertThat(render(enumColumn, "")).isEqualTo("");
        assertThat(render(setColumn, "a,c")).isEqualTo("a,c");
        assertThat(render(Column.of("c", ColumnType.JSON), "{\"a\": [1, 2]}")).isEqualTo("{\"a\": [1, 2]}");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            0, 0
            1, 1
            9223372036854775807, 9223372036854775807
            -1, 18446744073709551615
            -2, 18446744073709551614
            -9223372036854775808, 9223372036854775808
            """)
    void testUnsignedBits(long bits, String expected)
    {
        assertThat(MysqlValueText.unsignedBits(bits)).isEqualTo(new BigInteger(expected));
    }

    // expected texts are what MariaDB 10.11 prints for CAST('<input>' AS INET6)
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            00000000000000000000000000000000 | ::
            00000000000000000000000000000001 | ::1
            00000000000000000000000000000002 | ::2
            00000000000000000000ffff01020304 | ::ffff:1.2.3.4
            00000000000000000000000001020304 | ::1.2.3.4
            00000000000000000000000000000100 | ::100
            00000000000000000000000000010000 | ::0.1.0.0
            00010000000000010000000000000001 | 1:0:0:1::1
            00010000000100000001000000010000 | 1::1:0:1:0:1:0
            20010db8000000000000000000000000 | 2001:db8::
            fe800000000000000001000000000000 | fe80::1:0:0:0
            00000000000100000000000000000000 | 0:0:1::
            00010002000300040005000600070000 | 1:2:3:4:5:6:7::
            abcd00000000000000000000000000ef | abcd::ef
            00000000000000000000ffff00000000 | ::ffff:0.0.0.0
            00000000000000000000fffe01020304 | ::fffe:102:304
            00000000000000000000000100000000 | ::1:0:0
            00010000000000000000000000000000 | 1::
            0123456789abcdef0123456789abcdef | 123:4567:89ab:cdef:123:4567:89ab:cdef
            """)
    void testInet6AsMariaDbPrintsIt(String hex, String expected)
    {
        assertThat(render(Column.of("c", ColumnType.INET6), java.util.HexFormat.of().parseHex(hex))).isEqualTo(expected);
    }

    @Test
    void testUuidAndInet4AsMariaDbPrintsThem()
    {
        java.util.HexFormat hex = java.util.HexFormat.of();
        assertThat(render(Column.of("c", ColumnType.UUID), hex.parseHex("123E4567E89B12D3A456426614174000")))
                .isEqualTo("123e4567-e89b-12d3-a456-426614174000");
        assertThat(render(Column.of("c", ColumnType.UUID), new byte[16])).isEqualTo("00000000-0000-0000-0000-000000000000");
        assertThat(render(Column.of("c", ColumnType.INET4), hex.parseHex("c0a800ff"))).isEqualTo("192.168.0.255");
        assertThat(render(Column.of("c", ColumnType.INET4), new byte[4])).isEqualTo("0.0.0.0");
        assertThat(render(Column.of("c", ColumnType.BINARY), hex.parseHex("c0a800ff"))).isEqualTo("0xc0a800ff");
    }
}
