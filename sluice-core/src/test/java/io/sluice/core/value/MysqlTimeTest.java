package io.sluice.core.value;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MysqlTimeTest
{
    @Test
    void testRangeEnds()
    {
        MysqlTime max = new MysqlTime(false, 838, 59, 59, 0);
        MysqlTime min = new MysqlTime(true, 838, 59, 59, 0);
        assertThat(max.format(0)).isEqualTo("838:59:59");
        assertThat(max.format(6)).isEqualTo("838:59:59.000000");
        assertThat(min.format(0)).isEqualTo("-838:59:59");
        assertThat(min.format(6)).isEqualTo("-838:59:59.000000");
        assertThat(max.totalMicros()).isEqualTo(3_020_399_000_000L);
        assertThat(min.totalMicros()).isEqualTo(-3_020_399_000_000L);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            false, 839, 0, 0, 0
            true, 839, 0, 0, 0
            false, -1, 0, 0, 0
            false, 0, 60, 0, 0
            false, 0, -1, 0, 0
            false, 0, 0, 60, 0
            false, 0, 0, -1, 0
            false, 1000, 0, 0, 0
            false, 2147483647, 0, 0, 0
            """)
    void testOutOfRangeRejected(boolean negative, int hours, int minutes, int seconds, int micros)
    {
        assertThatThrownBy(() -> new MysqlTime(negative, hours, minutes, seconds, micros))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid TIME ");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 1_000_000, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void testMicrosOutOfRangeRejected(int micros)
    {
        assertThatThrownBy(() -> new MysqlTime(false, 1, 0, 0, micros))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("microseconds must be 0..999999, was " + micros);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void testFractionAtRangeEndAccepted(boolean negative)
    {
        // MariaDB stores TIME(6) '-838:59:59.999999' (MySQL stops at .000000); the binlog carries it
        MysqlTime time = new MysqlTime(negative, 838, 59, 59, 999_999);
        assertThat(time.format(6)).isEqualTo((negative ? "-" : "") + "838:59:59.999999");
        assertThat(time.totalMicros()).isEqualTo((negative ? -1 : 1) * 3_020_399_999_999L);
        assertThatThrownBy(() -> new MysqlTime(negative, 839, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void testErrorMessageShowsTheTime()
    {
        assertThatThrownBy(() -> new MysqlTime(true, 839, 5, 7, 0)).hasMessage("Invalid TIME -839:05:07");
        assertThatThrownBy(() -> new MysqlTime(false, 1, 60, 0, 0)).hasMessage("Invalid TIME 1:60:00");
    }

    @Test
    void testNegativeZeroIsNormalised()
    {
        MysqlTime negativeZero = new MysqlTime(true, 0, 0, 0, 0);
        assertThat(negativeZero.negative()).isFalse();
        assertThat(negativeZero).isEqualTo(new MysqlTime(false, 0, 0, 0, 0));
        assertThat(negativeZero).hasSameHashCodeAs(new MysqlTime(false, 0, 0, 0, 0));
        assertThat(negativeZero.format(0)).isEqualTo("00:00:00");
        assertThat(negativeZero.format(6)).isEqualTo("00:00:00.000000");
        assertThat(negativeZero.totalMicros()).isZero();
        assertThat(negativeZero.toString()).isEqualTo("00:00:00");
    }

    @Test
    void testNegativeBelowOneSecondKeepsItsSign()
    {
        MysqlTime time = new MysqlTime(true, 0, 0, 0, 1);
        assertThat(time.negative()).isTrue();
        assertThat(time.format(6)).isEqualTo("-00:00:00.000001");
        assertThat(time.format(0)).isEqualTo("-00:00:00");
        assertThat(time.totalMicros()).isEqualTo(-1);
        assertThat(new MysqlTime(true, 0, 0, 1, 0).format(0)).isEqualTo("-00:00:01");
        assertThat(new MysqlTime(true, 0, 1, 0, 0).negative()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0 | 12:34:56
            1 | 12:34:56.1
            2 | 12:34:56.12
            3 | 12:34:56.123
            4 | 12:34:56.1234
            5 | 12:34:56.12345
            6 | 12:34:56.123456
            """)
    void testFormatEveryFsp(int fsp, String expected)
    {
        assertThat(new MysqlTime(false, 12, 34, 56, 123_456).format(fsp)).isEqualTo(expected);
        assertThat(new MysqlTime(true, 12, 34, 56, 123_456).format(fsp)).isEqualTo("-" + expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0 | 100:00:00
            1 | 100:00:00.0
            2 | 100:00:00.00
            3 | 100:00:00.000
            4 | 100:00:00.0000
            5 | 100:00:00.00000
            6 | 100:00:00.000005
            """)
    void testFormatSmallFraction(int fsp, String expected)
    {
        assertThat(new MysqlTime(false, 100, 0, 0, 5).format(fsp)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 7, 100})
    void testFormatRejectsBadFsp(int fsp)
    {
        assertThatThrownBy(() -> new MysqlTime(false, 1, 2, 3, 0).format(fsp))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fractional-second precision must be 0..6, was " + fsp);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            false | 0   | 0  | 0  | 0      | 0
            false | 0   | 0  | 0  | 1      | 1
            false | 0   | 0  | 1  | 0      | 1000000
            false | 0   | 1  | 0  | 0      | 60000000
            false | 1   | 0  | 0  | 0      | 3600000000
            false | 25  | 30 | 15 | 250000 | 91815250000
            true  | 25  | 30 | 15 | 250000 | -91815250000
            true  | 838 | 59 | 59 | 0      | -3020399000000
            """)
    void testTotalMicros(boolean negative, int hours, int minutes, int seconds, int micros, long expected)
    {
        assertThat(new MysqlTime(negative, hours, minutes, seconds, micros).totalMicros()).isEqualTo(expected);
    }

    @Test
    void testToString()
    {
        assertThat(new MysqlTime(false, 1, 2, 3, 0).toString()).isEqualTo("01:02:03");
        assertThat(new MysqlTime(false, 1, 2, 3, 400_000).toString()).isEqualTo("01:02:03.400000");
        assertThat(new MysqlTime(true, 100, 2, 3, 0).toString()).isEqualTo("-100:02:03");
    }
}
