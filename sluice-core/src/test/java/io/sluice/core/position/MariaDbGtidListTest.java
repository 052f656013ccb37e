package io.sluice.core.position;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MariaDbGtidListTest
{
    @Test
    void testEmpty()
    {
        MariaDbGtidList empty = MariaDbGtidList.empty();
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.gtids()).isEmpty();
        assertThat(empty.toString()).isEmpty();
        assertThat(empty.forDomain(0)).isEmpty();
        assertThat(empty.contains(new MariaDbGtid(0, 1, 1))).isFalse();
        assertThat(MariaDbGtidList.parse("")).isEqualTo(empty);
        assertThat(MariaDbGtidList.parse(" \n")).isEqualTo(empty);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "0-1-100",
            "0-1-100,1-2-5",
            "0-1-0",
            "0-1-100,1-2-5,7-3-9,4294967295-4294967295-9223372036854775807",
    })
    void testCanonicalRoundTrip(String text)
    {
        MariaDbGtidList list = MariaDbGtidList.parse(text);
        assertThat(list.toString()).isEqualTo(text);
        assertThat(MariaDbGtidList.parse(list.toString())).isEqualTo(list);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            1-2-5,0-1-100               | 0-1-100,1-2-5
            10-1-1,2-1-1,1-1-1          | 1-1-1,2-1-1,10-1-1
            4294967295-1-1,0-1-1        | 0-1-1,4294967295-1-1
            00-01-0100                  | 0-1-100
            """)
    void testNormalization(String input, String canonical)
    {
        assertThat(MariaDbGtidList.parse(input).toString()).isEqualTo(canonical);
    }

    @Test
    void testWhitespaceAroundCommas()
    {
        assertThat(MariaDbGtidList.parse("\n 0-1-100 ,\n1-2-5\r\n,\t2-3-4 \n").toString()).isEqualTo("0-1-100,1-2-5,2-3-4");
    }

    @Test
    void testMaxValues()
    {
        MariaDbGtidList list = MariaDbGtidList.parse("4294967295-4294967295-9223372036854775807");
        MariaDbGtid max = new MariaDbGtid(4294967295L, 4294967295L, Long.MAX_VALUE);
        assertThat(list.gtids()).containsExactly(max);
        assertThat(list.forDomain(4294967295L)).contains(max);
        assertThat(list.contains(max)).isTrue();
        assertThat(list.contains(new MariaDbGtid(4294967295L, 1, Long.MAX_VALUE - 1))).isTrue();
    }

    @Test
    void testAccessors()
    {
        MariaDbGtidList list = MariaDbGtidList.parse("1-2-5,0-1-100");
        assertThat(list.gtids()).containsExactly(new MariaDbGtid(0, 1, 100), new MariaDbGtid(1, 2, 5));
        assertThat(list.forDomain(0)).contains(new MariaDbGtid(0, 1, 100));
        assertThat(list.forDomain(1)).contains(new MariaDbGtid(1, 2, 5));
        assertThat(list.forDomain(2)).isEmpty();
        assertThat(list.isEmpty()).isFalse();
        assertThatThrownBy(() -> list.gtids().add(new MariaDbGtid(3, 1, 1))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void testDuplicateDomainRejected()
    {
        assertThatThrownBy(() -> MariaDbGtidList.parse("0-1-100,0-2-200"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid MariaDB GTID list '0-1-100,0-2-200': expected ")
                .hasMessageContaining("domain 0 appears more than once");
        assertThatThrownBy(() -> MariaDbGtidList.parse("1-1-1,0-1-100,1-1-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("domain 1 appears more than once");
    }

    @Test
    void testWithReplacesDomainEntry()
    {
        MariaDbGtidList list = MariaDbGtidList.parse("0-1-100,5-2-5");
        assertThat(list.with(new MariaDbGtid(0, 1, 101)).toString()).isEqualTo("0-1-101,5-2-5");
        assertThat(list.with(new MariaDbGtid(0, 3, 101)).toString()).isEqualTo("0-3-101,5-2-5");
        // The last GTID seen wins, even with a lower sequence.
        assertThat(list.with(new MariaDbGtid(5, 2, 1)).toString()).isEqualTo("0-1-100,5-2-1");
        assertThat(list.with(new MariaDbGtid(0, 1, 100))).isSameAs(list);
        assertThat(list.toString()).isEqualTo("0-1-100,5-2-5");
    }

    @Test
    void testWithAddsDomainInOrder()
    {
        MariaDbGtidList list = MariaDbGtidList.parse("1-1-10,5-1-50");
        assertThat(list.with(new MariaDbGtid(0, 1, 1)).toString()).isEqualTo("0-1-1,1-1-10,5-1-50");
        assertThat(list.with(new MariaDbGtid(3, 1, 1)).toString()).isEqualTo("1-1-10,3-1-1,5-1-50");
        assertThat(list.with(new MariaDbGtid(4294967295L, 1, 1)).toString()).isEqualTo("1-1-10,5-1-50,4294967295-1-1");
        assertThat(MariaDbGtidList.empty().with(new MariaDbGtid(0, 1, 1)).toString()).isEqualTo("0-1-1");
        assertThat(list.with(new MariaDbGtid(3, 1, 1)).with(new MariaDbGtid(1, 1, 11)).gtids())
                .extracting(MariaDbGtid::domainId)
                .containsExactly(1L, 3L, 5L);
    }

    @Test
    void testWithRejectsOtherTransactionIds()
    {
        MariaDbGtidList list = MariaDbGtidList.parse("0-1-100");
        MySqlGtid mySqlGtid = new MySqlGtid(UUID.fromString("3e11fa47-71ca-11e1-9e33-c80aa9429562"), 5);
        assertThatThrownBy(() -> list.with(mySqlGtid))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A MariaDB GTID list can only hold MariaDB GTIDs (domain-server-sequence), not MySqlGtid '3e11fa47-71ca-11e1-9e33-c80aa9429562:5'");
        assertThatThrownBy(() -> list.with(new BinlogOffsetId(3, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BinlogOffsetId '3@4'");
        assertThatThrownBy(() -> list.contains(mySqlGtid))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MySqlGtid");
        assertThatThrownBy(() -> list.with(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("gtid is null");
    }

    @Test
    void testContains()
    {
        MariaDbGtidList list = MariaDbGtidList.parse("0-1-100,1-2-5");
        assertThat(list.contains(new MariaDbGtid(0, 1, 1))).isTrue();
        assertThat(list.contains(new MariaDbGtid(0, 1, 99))).isTrue();
        assertThat(list.contains(new MariaDbGtid(0, 1, 100))).isTrue();
        assertThat(list.contains(new MariaDbGtid(0, 1, 101))).isFalse();
        // Sequences are ordered per domain whichever server wrote them.
        assertThat(list.contains(new MariaDbGtid(0, 7, 100))).isTrue();
        assertThat(list.contains(new MariaDbGtid(0, 7, 101))).isFalse();
        assertThat(list.contains(new MariaDbGtid(1, 2, 5))).isTrue();
        assertThat(list.contains(new MariaDbGtid(1, 2, 6))).isFalse();
        assertThat(list.contains(new MariaDbGtid(2, 1, 0))).isFalse();
        assertThat(list.contains(new MariaDbGtid(0, 1, Long.MAX_VALUE))).isFalse();
    }

    @Test
    void testEqualsAndHashCode()
    {
        MariaDbGtidList a = MariaDbGtidList.parse("0-1-100,1-2-5");
        MariaDbGtidList b = MariaDbGtidList.parse("1-2-5,\n0-1-100");
        assertThat(a).isEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
        assertThat(a).isNotEqualTo(MariaDbGtidList.parse("0-1-100,1-2-6"));
        assertThat(a).isNotEqualTo(MariaDbGtidList.parse("0-1-100"));
        assertThat(a).isEqualTo(MariaDbGtidList.empty().with(new MariaDbGtid(1, 2, 5)).with(new MariaDbGtid(0, 1, 100)));
        assertThat(MariaDbGtidList.empty()).isNotEqualTo(MySqlGtidSet.empty());
    }

    @Test
    void testErrorMessage()
    {
        assertThatThrownBy(() -> MariaDbGtidList.parse("0-1-100,1-2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid MariaDB GTID list '0-1-100,1-2': expected domain-server-sequence[,domain-server-sequence...] with one GTID per domain such as 0-1-100,1-2-5 ('1-2' is not three numbers separated by '-')");
        assertThatThrownBy(() -> MariaDbGtidList.parse(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("text is null");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            ",",
            " , ",
            "0-1-100,",
            "0-1-100,\n",
            ",0-1-100",
            "0-1-100,,1-2-5",
            "0-1",
            "0-1-",
            "0-1-2-3",
            "-1-1-1",
            "0--1-5",
            "0-1--5",
            "+0-1-5",
            "4294967296-1-1",
            "0-4294967296-1",
            "0-1-9223372036854775808",
            "0-1-99999999999999999999",
            "a-b-c",
            "0-1-100;1-2-5",
            "0-1-100 1-2-5",
            "0 -1-100",
            "0-1-100,0-2-100",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5",
            "mysql-bin.000003:4",
    })
    void testMalformed(String text)
    {
        assertThatThrownBy(() -> MariaDbGtidList.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid MariaDB GTID list '" + text + "': expected domain-server-sequence[,domain-server-sequence...] with one GTID per domain such as 0-1-100,1-2-5 (");
    }
}
