package io.sluice.core.value;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MysqlDateTimeTest
{
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0 | 2024-02-29 23:59:59
            1 | 2024-02-29 23:59:59.1
            2 | 2024-02-29 23:59:59.12
            3 | 2024-02-29 23:59:59.123
            4 | 2024-02-29 23:59:59.1234
            5 | 2024-02-29 23:59:59.12345
            6 | 2024-02-29 23:59:59.123456
            """)
    void testFormatEveryFsp(int fsp, String expected)
    {
        assertThat(new MysqlDateTime(2024, 2, 29, 23, 59, 59, 123_456).format(fsp)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0 | 0001-01-01 00:00:00
            1 | 0001-01-01 00:00:00.0
            3 | 0001-01-01 00:00:00.000
            5 | 0001-01-01 00:00:00.00000
            6 | 0001-01-01 00:00:00.000009
            """)
    void testFormatSmallFraction(int fsp, String expected)
    {
        assertThat(new MysqlDateTime(1, 1, 1, 0, 0, 0, 9).format(fsp)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0    | 0  | 0  | 0000-00-00 00:00:00
            2024 | 0  | 0  | 2024-00-00 00:00:00
            2024 | 3  | 0  | 2024-03-00 00:00:00
            0    | 3  | 7  | 0000-03-07 00:00:00
            """)
    void testZeroAndPartiallyZeroDates(int year, int month, int day, String expected)
    {
        assertThat(new MysqlDateTime(year, month, day, 0, 0, 0, 0).format(0)).isEqualTo(expected);
        assertThat(new MysqlDateTime(year, month, day, 0, 0, 0, 0).toString()).isEqualTo(expected);
    }

    @Test
    void testRangeEnds()
    {
        assertThat(new MysqlDateTime(1000, 1, 1, 0, 0, 0, 0).format(6)).isEqualTo("1000-01-01 00:00:00.000000");
        assertThat(new MysqlDateTime(9999, 12, 31, 23, 59, 59, 999_999).format(6)).isEqualTo("9999-12-31 23:59:59.999999");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            -1, 1, 1
            10000, 1, 1
            2024, 13, 1
            2024, 1, 32
            2024, -1, 1
            2024, 1, -1
            """)
    void testInvalidDatePartRejected(int year, int month, int day)
    {
        assertThatThrownBy(() -> new MysqlDateTime(year, month, day, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid DATE ");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            24, 0, 0
            -1, 0, 0
            0, 60, 0
            0, -1, 0
            0, 0, 60
            0, 0, -1
            838, 0, 0
            """)
    void testInvalidTimePartRejected(int hour, int minute, int second)
    {
        assertThatThrownBy(() -> new MysqlDateTime(2024, 1, 1, hour, minute, second, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid DATETIME time part ");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 1_000_000, Integer.MAX_VALUE})
    void testInvalidMicrosRejected(int micros)
    {
        assertThatThrownBy(() -> new MysqlDateTime(2024, 1, 1, 0, 0, 0, micros))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("microseconds must be 0..999999, was " + micros);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 7})
    void testFormatRejectsBadFsp(int fsp)
    {
        assertThatThrownBy(() -> new MysqlDateTime(2024, 1, 1, 0, 0, 0, 0).format(fsp))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void testToString()
    {
        assertThat(new MysqlDateTime(2024, 1, 2, 3, 4, 5, 0).toString()).isEqualTo("2024-01-02 03:04:05");
        assertThat(new MysqlDateTime(2024, 1, 2, 3, 4, 5, 60).toString()).isEqualTo("2024-01-02 03:04:05.000060");
    }

    @Test
    void testEquality()
    {
        assertThat(new MysqlDateTime(2024, 1, 2, 3, 4, 5, 6)).isEqualTo(new MysqlDateTime(2024, 1, 2, 3, 4, 5, 6));
        assertThat(new MysqlDateTime(2024, 1, 2, 3, 4, 5, 6)).isNotEqualTo(new MysqlDateTime(2024, 1, 2, 3, 4, 5, 7));
    }
}
