package io.sluice.core.position;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransactionIdTest
{
    private static final String A = "3e11fa47-71ca-11e1-9e33-c80aa9429562";

    @Test
    void testParseEachKind()
    {
        assertThat(TransactionId.parse(A + ":5")).isEqualTo(new MySqlGtid(UUID.fromString(A), 5));
        assertThat(TransactionId.parse("0-1-100")).isEqualTo(new MariaDbGtid(0, 1, 100));
        assertThat(TransactionId.parse("3@1234")).isEqualTo(new BinlogOffsetId(3, 1234));
        assertThat(TransactionId.parse("  3@1234\n")).isEqualTo(new BinlogOffsetId(3, 1234));
    }

    @Test
    void testRoundTripOfEveryKind()
    {
        TransactionId[] ids = {
                new MySqlGtid(UUID.fromString(A), Long.MAX_VALUE),
                new MariaDbGtid(4294967295L, 4294967295L, Long.MAX_VALUE),
                new MariaDbGtid(0, 0, 0),
                new BinlogOffsetId(0, 4),
        };
        for (TransactionId id : ids) {
            assertThat(TransactionId.parse(id.toString())).isEqualTo(id);
        }
    }

    @Test
    void testParseNull()
    {
        assertThatThrownBy(() -> TransactionId.parse(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("text is null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "abc", "3", "mysql-bin.000003", "0.1.100", "0-1-100,1-2-5"})
    void testRejectsUnrecognizedInput(String text)
    {
        assertThatThrownBy(() -> TransactionId.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid ")
                .hasMessageContaining("'" + text + "': expected ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ""                                              | Invalid transaction id
            abc                                             | Invalid transaction id
            0-1-100,1-2-5                                   | Invalid transaction id
            3                                               | Invalid MariaDB GTID
            3@                                              | Invalid binlog offset transaction id
            -3@4                                            | Invalid binlog offset transaction id
            3e11fa47-71ca-11e1-9e33-c80aa9429562:0          | Invalid MySQL GTID
            3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5        | Invalid MySQL GTID
            mysql-bin.000003:4                              | Invalid MySQL GTID
            0-1                                             | Invalid MariaDB GTID
            0-1-9223372036854775808                         | Invalid MariaDB GTID
            """)
    void testRejectsMalformedWithSpecificMessage(String text, String prefix)
    {
        assertThatThrownBy(() -> TransactionId.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(prefix + " '" + text + "': expected ");
    }
}
