package io.sluice.core.value;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MysqlTimestampTest
{
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0 | 0000-00-00 00:00:00
            1 | 0000-00-00 00:00:00.0
            2 | 0000-00-00 00:00:00.00
            3 | 0000-00-00 00:00:00.000
            4 | 0000-00-00 00:00:00.0000
            5 | 0000-00-00 00:00:00.00000
            6 | 0000-00-00 00:00:00.000000
            """)
    void testZeroFormatting(int fsp, String expected)
    {
        MysqlTimestamp zero = new MysqlTimestamp(0, 0);
        assertThat(zero.isZero()).isTrue();
        assertThat(zero.format(fsp, ZoneOffset.UTC)).isEqualTo(expected);
        // The zero timestamp is not shifted by the session time zone.
        assertThat(zero.format(fsp, ZoneId.of("America/New_York"))).isEqualTo(expected);
        assertThat(zero.format(fsp, ZoneOffset.ofHours(14))).isEqualTo(expected);
    }

    @Test
    void testZeroToStringAndInstant()
    {
        assertThat(new MysqlTimestamp(0, 0).toString()).isEqualTo("0000-00-00 00:00:00.000000");
        assertThat(new MysqlTimestamp(0, 0).toInstant()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void testNotZero()
    {
        assertThat(new MysqlTimestamp(0, 1).isZero()).isFalse();
        assertThat(new MysqlTimestamp(0, 1).format(6, ZoneOffset.UTC)).isEqualTo("1970-01-01 00:00:00.000001");
        assertThat(new MysqlTimestamp(1, 0).isZero()).isFalse();
        assertThat(new MysqlTimestamp(1, 0).format(0, ZoneOffset.UTC)).isEqualTo("1970-01-01 00:00:01");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0 | 2023-11-14 22:13:20
            1 | 2023-11-14 22:13:20.9
            2 | 2023-11-14 22:13:20.98
            3 | 2023-11-14 22:13:20.987
            4 | 2023-11-14 22:13:20.9876
            5 | 2023-11-14 22:13:20.98765
            6 | 2023-11-14 22:13:20.987654
            """)
    void testFormatEveryFspInUtc(int fsp, String expected)
    {
        assertThat(new MysqlTimestamp(1_700_000_000L, 987_654).format(fsp, ZoneOffset.UTC)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            UTC                | 2023-11-14 22:13:20.500
            +00:00             | 2023-11-14 22:13:20.500
            +05:30             | 2023-11-15 03:43:20.500
            -08:00             | 2023-11-14 14:13:20.500
            +14:00             | 2023-11-15 12:13:20.500
            Asia/Kolkata       | 2023-11-15 03:43:20.500
            America/New_York   | 2023-11-14 17:13:20.500
            Europe/Berlin      | 2023-11-14 23:13:20.500
            """)
    void testFormatInSessionTimeZone(String zone, String expected)
    {
        assertThat(new MysqlTimestamp(1_700_000_000L, 500_000).format(3, ZoneId.of(zone))).isEqualTo(expected);
    }

    @Test
    void testDaylightSavingTime()
    {
        // 2024-07-01T12:00:00Z: New York is on EDT (-04:00), Berlin on CEST (+02:00).
        MysqlTimestamp summer = new MysqlTimestamp(1_719_835_200L, 0);
        assertThat(summer.format(0, ZoneId.of("America/New_York"))).isEqualTo("2024-07-01 08:00:00");
        assertThat(summer.format(0, ZoneId.of("Europe/Berlin"))).isEqualTo("2024-07-01 14:00:00");
    }

    @Test
    void testBeforeEpochInLocalZone()
    {
        assertThat(new MysqlTimestamp(1, 0).format(0, ZoneOffset.ofHours(-5))).isEqualTo("1969-12-31 19:00:01");
    }

    @Test
    void testRangeEnds()
    {
        assertThat(new MysqlTimestamp(2_147_483_647L, 999_999).format(6, ZoneOffset.UTC)).isEqualTo("2038-01-19 03:14:07.999999");
        assertThat(new MysqlTimestamp(0xFFFF_FFFFL, 0).format(0, ZoneOffset.UTC)).isEqualTo("2106-02-07 06:28:15");
    }

    @Test
    void testToStringIsUtcWithSixDigits()
    {
        assertThat(new MysqlTimestamp(1_700_000_000L, 0).toString()).isEqualTo("2023-11-14 22:13:20.000000");
        assertThat(new MysqlTimestamp(1_700_000_000L, 12).toString()).isEqualTo("2023-11-14 22:13:20.000012");
    }

    @Test
    void testToInstant()
    {
        assertThat(new MysqlTimestamp(1_700_000_000L, 123_456).toInstant())
                .isEqualTo(Instant.parse("2023-11-14T22:13:20.123456Z"));
        assertThat(new MysqlTimestamp(0xFFFF_FFFFL, 999_999).toInstant())
                .isEqualTo(Instant.ofEpochSecond(4_294_967_295L, 999_999_000L));
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 4_294_967_296L, Long.MIN_VALUE, Long.MAX_VALUE})
    void testSecondsOutOfRangeRejected(long epochSecond)
    {
        assertThatThrownBy(() -> new MysqlTimestamp(epochSecond, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TIMESTAMP seconds out of range: " + epochSecond);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 1_000_000, Integer.MIN_VALUE})
    void testMicrosOutOfRangeRejected(int micros)
    {
        assertThatThrownBy(() -> new MysqlTimestamp(1, micros))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("microseconds must be 0..999999, was " + micros);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 7})
    void testFormatRejectsBadFsp(int fsp)
    {
        assertThatThrownBy(() -> new MysqlTimestamp(0, 0).format(fsp, ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MysqlTimestamp(1, 0).format(fsp, ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
