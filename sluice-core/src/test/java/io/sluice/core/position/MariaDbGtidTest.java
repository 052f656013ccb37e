package io.sluice.core.position;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MariaDbGtidTest
{
    @Test
    void testParseAndFormat()
    {
        MariaDbGtid gtid = MariaDbGtid.parse("0-1-100");
        assertThat(gtid).isEqualTo(new MariaDbGtid(0, 1, 100));
        assertThat(gtid.toString()).isEqualTo("0-1-100");
        assertThat(MariaDbGtid.parse(gtid.toString())).isEqualTo(gtid);
        assertThat(MariaDbGtid.parse("\t0-0-0 ")).isEqualTo(new MariaDbGtid(0, 0, 0));
    }

    @Test
    void testMaxValues()
    {
        MariaDbGtid gtid = MariaDbGtid.parse("4294967295-4294967295-9223372036854775807");
        assertThat(gtid).isEqualTo(new MariaDbGtid(4294967295L, 4294967295L, Long.MAX_VALUE));
        assertThat(gtid.toString()).isEqualTo("4294967295-4294967295-9223372036854775807");
    }

    @Test
    void testConstructorValidation()
    {
        assertThatThrownBy(() -> new MariaDbGtid(-1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("domainId must be between 0 and 4294967295: -1");
        assertThatThrownBy(() -> new MariaDbGtid(4294967296L, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("domainId must be between 0 and 4294967295: 4294967296");
        assertThatThrownBy(() -> new MariaDbGtid(0, -1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("serverId must be between 0 and 4294967295: -1");
        assertThatThrownBy(() -> new MariaDbGtid(0, 4294967296L, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("serverId must be between 0 and 4294967295: 4294967296");
        assertThatThrownBy(() -> new MariaDbGtid(0, 1, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sequence must not be negative: -1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            " ",
            "0",
            "0-1",
            "0-1-",
            "-1-100",
            "0--100",
            "0-1-2-3",
            "-0-1-2",
            "0-1--2",
            "0-1-+2",
            "4294967296-1-1",
            "0-4294967296-1",
            "0-1-9223372036854775808",
            "0-1-18446744073709551615",
            "0-1-1e3",
            "a-b-c",
            "0 - 1 - 2",
            "0-1-100,1-2-5",
            "0:1:100",
    })
    void testMalformed(String text)
    {
        assertThatThrownBy(() -> MariaDbGtid.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid MariaDB GTID '" + text + "': expected domain-server-sequence such as 0-1-100 (");
    }
}
