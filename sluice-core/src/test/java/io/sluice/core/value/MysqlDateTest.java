package io.sluice.core.value;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MysqlDateTest
{
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            2024 | 2  | 29 | 2024-02-29
            1000 | 1  | 1  | 1000-01-01
            9999 | 12 | 31 | 9999-12-31
            1    | 1  | 1  | 0001-01-01
            0    | 0  | 0  | 0000-00-00
            2024 | 0  | 0  | 2024-00-00
            2024 | 5  | 0  | 2024-05-00
            2024 | 0  | 15 | 2024-00-15
            0    | 1  | 1  | 0000-01-01
            0    | 0  | 31 | 0000-00-31
            2023 | 2  | 31 | 2023-02-31
            """)
    void testValidDates(int year, int month, int day, String text)
    {
        MysqlDate date = new MysqlDate(year, month, day);
        assertThat(date.year()).isEqualTo(year);
        assertThat(date.month()).isEqualTo(month);
        assertThat(date.day()).isEqualTo(day);
        assertThat(date.toString()).isEqualTo(text);
    }

    @Test
    void testIsZero()
    {
        assertThat(new MysqlDate(0, 0, 0).isZero()).isTrue();
        assertThat(new MysqlDate(2024, 0, 0).isZero()).isFalse();
        assertThat(new MysqlDate(0, 1, 0).isZero()).isFalse();
        assertThat(new MysqlDate(0, 0, 1).isZero()).isFalse();
        assertThat(new MysqlDate(2024, 1, 1).isZero()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            -1, 1, 1
            10000, 1, 1
            2024, 13, 1
            2024, -1, 1
            2024, 1, 32
            2024, 1, -1
            -2147483648, 0, 0
            0, 2147483647, 0
            0, 0, 100
            """)
    void testOutOfRangeRejected(int year, int month, int day)
    {
        assertThatThrownBy(() -> new MysqlDate(year, month, day))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid DATE ");
    }

    @Test
    void testErrorMessageShowsTheDate()
    {
        assertThatThrownBy(() -> new MysqlDate(2024, 13, 1))
                .hasMessage("Invalid DATE 2024-13-01");
    }

    @Test
    void testEquality()
    {
        assertThat(new MysqlDate(2024, 2, 29)).isEqualTo(new MysqlDate(2024, 2, 29));
        assertThat(new MysqlDate(2024, 2, 29)).hasSameHashCodeAs(new MysqlDate(2024, 2, 29));
        assertThat(new MysqlDate(2024, 2, 29)).isNotEqualTo(new MysqlDate(2024, 2, 28));
    }
}
