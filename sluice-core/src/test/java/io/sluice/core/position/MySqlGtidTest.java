package io.sluice.core.position;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MySqlGtidTest
{
    private static final UUID SOURCE = UUID.fromString("3e11fa47-71ca-11e1-9e33-c80aa9429562");

    @Test
    void testParseAndFormat()
    {
        MySqlGtid gtid = MySqlGtid.parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:23");
        assertThat(gtid).isEqualTo(new MySqlGtid(SOURCE, 23));
        assertThat(gtid.toString()).isEqualTo("3e11fa47-71ca-11e1-9e33-c80aa9429562:23");
        assertThat(MySqlGtid.parse(gtid.toString())).isEqualTo(gtid);
    }

    @Test
    void testUpperCaseUuidIsNormalized()
    {
        MySqlGtid gtid = MySqlGtid.parse(" 3E11FA47-71CA-11E1-9E33-C80AA9429562:1\n");
        assertThat(gtid).isEqualTo(new MySqlGtid(SOURCE, 1));
        assertThat(gtid.toString()).isEqualTo("3e11fa47-71ca-11e1-9e33-c80aa9429562:1");
    }

    @Test
    void testMaxTransactionNumber()
    {
        MySqlGtid gtid = MySqlGtid.parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:9223372036854775807");
        assertThat(gtid.transactionNumber()).isEqualTo(Long.MAX_VALUE);
        assertThat(MySqlGtid.parse(gtid.toString())).isEqualTo(gtid);
    }

    @Test
    void testConstructorValidation()
    {
        assertThatThrownBy(() -> new MySqlGtid(null, 1))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("sourceId is null");
        assertThatThrownBy(() -> new MySqlGtid(SOURCE, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("transactionNumber must be at least 1: 0");
        assertThatThrownBy(() -> new MySqlGtid(SOURCE, -5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("transactionNumber must be at least 1: -5");
    }

    @Test
    void testTaggedGtidRejectedWithClearMessage()
    {
        assertThatThrownBy(() -> MySqlGtid.parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:mytag:5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tagged GTIDs");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "  ",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:0",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:-1",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:+1",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:1:2",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:tag:5",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:9223372036854775808",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562 :5",
            "3e11fa47-71ca-11e1-9e33-c80aa942956:5",
            "3e11fa47-71ca-11e1-9e33-c80aa94295622:5",
            "3e11fa4771ca11e19e33c80aa9429562:5",
            "3e11fa47-71ca-11e1-9e33-c80aa942956g:5",
            "1-2-3-4-5:5",
            ":5",
            "0-1-100",
    })
    void testMalformed(String text)
    {
        assertThatThrownBy(() -> MySqlGtid.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid MySQL GTID '" + text + "': expected uuid:transactionNumber such as 3e11fa47-71ca-11e1-9e33-c80aa9429562:23 (");
    }
}
