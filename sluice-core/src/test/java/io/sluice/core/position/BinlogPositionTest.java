package io.sluice.core.position;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinlogPositionTest
{
    private static final String A = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    private static final String B = "4f22ab58-82db-22f2-af44-d91bba53a673";

    @Test
    void testParseFilePosition()
    {
        assertThat(BinlogPosition.parse("mysql-bin.000003:4")).isEqualTo(new FilePosition("mysql-bin.000003", 4));
        assertThat(BinlogPosition.parse(" binlog.000123:0\n")).isEqualTo(new FilePosition("binlog.000123", 0));
        assertThat(BinlogPosition.parse("binlog:120")).isEqualTo(new FilePosition("binlog", 120));
        // A hex-looking but short file name is still a file name.
        assertThat(BinlogPosition.parse("abc-def.000001:4")).isEqualTo(new FilePosition("abc-def.000001", 4));
    }

    @Test
    void testParseMariaDbGtidList()
    {
        assertThat(BinlogPosition.parse("0-1-100")).isEqualTo(MariaDbGtidList.empty().with(new MariaDbGtid(0, 1, 100)));
        assertThat(BinlogPosition.parse("0-1-100,1-2-5")).isEqualTo(MariaDbGtidList.parse("0-1-100,1-2-5"));
        assertThat(BinlogPosition.parse("1-2-5,\n 0-1-100\n")).hasToString("0-1-100,1-2-5");
    }

    @Test
    void testParseMySqlGtidSet()
    {
        assertThat(BinlogPosition.parse(A + ":1-5")).isEqualTo(MySqlGtidSet.parse(A + ":1-5"));
        assertThat(BinlogPosition.parse(A + ":1-5:7," + B + ":3"))
                .isInstanceOf(MySqlGtidSet.class)
                .hasToString(A + ":1-5:7," + B + ":3");
        assertThat(BinlogPosition.parse(A.toUpperCase() + ":1-5,\n" + B + ":3\n")).hasToString(A + ":1-5," + B + ":3");
        assertThat(BinlogPosition.parse(A + ":1-3:4-5")).hasToString(A + ":1-5");
    }

    @Test
    void testRoundTripOfEveryKind()
    {
        BinlogPosition[] positions = {
                new FilePosition("mysql-bin.000003", 4),
                MariaDbGtidList.parse("0-1-100,1-2-5,4294967295-4294967295-9223372036854775807"),
                MySqlGtidSet.parse(A + ":1-5:7," + B + ":1-9223372036854775807"),
                MySqlGtidSet.empty().with(new MySqlGtid(UUID.fromString(A), 1)),
        };
        for (BinlogPosition position : positions) {
            assertThat(BinlogPosition.parse(position.toString())).isEqualTo(position);
        }
    }

    @Test
    void testPatternMatchingOverSealedHierarchy()
    {
        BinlogPosition position = BinlogPosition.parse("0-1-100");
        String kind = switch (position) {
            case FilePosition file -> "file " + file.file();
            case MySqlGtidSet set -> "mysql " + set.sourceIds();
            case MariaDbGtidList list -> "mariadb " + list.gtids().size();
        };
        assertThat(kind).isEqualTo("mariadb 1");
    }

    @Test
    void testParseNull()
    {
        assertThatThrownBy(() -> BinlogPosition.parse(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("text is null");
    }

    // Input that fits no form at all gets the message listing every form.
    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "   ",
            "\n",
            "mysql-bin.000003",
            "hello",
            "3@1234",
            "0-1-100;1-2-5",
            "0.1.100",
    })
    void testRejectsUnrecognizedInput(String text)
    {
        assertThatThrownBy(() -> BinlogPosition.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid binlog position '" + text + "': expected file:position such as mysql-bin.000003:4, a MariaDB GTID list such as 0-1-100,1-2-5 or a MySQL GTID set such as 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5");
    }

    // Input that clearly attempts one form gets that form's precise message.
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            mysql-bin.000003:                                 | Invalid binlog file position
            mysql-bin.000003:-4                               | Invalid binlog file position
            mysql-bin.000003:4,                               | Invalid binlog file position
            :4                                                | Invalid binlog file position
            abc:1-5                                           | Invalid binlog file position
            3e11fa47-71ca-11e1-9e33-c80aa9429562:0            | Invalid MySQL GTID set
            3e11fa47-71ca-11e1-9e33-c80aa9429562:5-3          | Invalid MySQL GTID set
            3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,         | Invalid MySQL GTID set
            3e11fa47-71ca-11e1-9e33-c80aa942956:1-5           | Invalid MySQL GTID set
            3e11fa47-71ca-11e1-9e33-c80aa9429562:tag:1-5      | Invalid MySQL GTID set
            0-1                                               | Invalid MariaDB GTID list
            0-1-100,                                          | Invalid MariaDB GTID list
            0-1-100,0-2-5                                     | Invalid MariaDB GTID list
            4294967296-1-1                                    | Invalid MariaDB GTID list
            -1-1-1                                            | Invalid MariaDB GTID list
            """)
    void testRejectsMalformedWithSpecificMessage(String text, String prefix)
    {
        assertThatThrownBy(() -> BinlogPosition.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(prefix + " '" + text + "': expected ");
    }
}
