package io.sluice.core.position;

import io.sluice.core.position.MySqlGtidSet.Interval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MySqlGtidSetTest
{
    private static final String A = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    private static final String B = "4f22ab58-82db-22f2-af44-d91bba53a673";
    private static final UUID UUID_A = UUID.fromString(A);
    private static final UUID UUID_B = UUID.fromString(B);

    @Test
    void testEmpty()
    {
        MySqlGtidSet empty = MySqlGtidSet.empty();
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.toString()).isEmpty();
        assertThat(empty.sourceIds()).isEmpty();
        assertThat(empty.intervals(UUID_A)).isEmpty();
        assertThat(MySqlGtidSet.parse("")).isEqualTo(empty);
        assertThat(MySqlGtidSet.parse(" \n ")).isEqualTo(empty);
        assertThat(empty.contains(new MySqlGtid(UUID_A, 1))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            A + ":1",
            A + ":1-5",
            A + ":1-5:7",
            A + ":1-5:7-9:11",
            A + ":1-5," + B + ":3",
            A + ":9223372036854775807",
            A + ":1-9223372036854775807",
    })
    void testCanonicalRoundTrip(String text)
    {
        MySqlGtidSet set = MySqlGtidSet.parse(text);
        assertThat(set.toString()).isEqualTo(text);
        assertThat(MySqlGtidSet.parse(set.toString())).isEqualTo(set);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            3e11fa47-71ca-11e1-9e33-c80aa9429562:1-3:4-5                   | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5
            3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:3-8                   | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-8
            3e11fa47-71ca-11e1-9e33-c80aa9429562:7:1-5                     | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7
            3e11fa47-71ca-11e1-9e33-c80aa9429562:5-5                       | 3e11fa47-71ca-11e1-9e33-c80aa9429562:5
            3e11fa47-71ca-11e1-9e33-c80aa9429562:1-10:2-3                  | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-10
            3e11fa47-71ca-11e1-9e33-c80aa9429562:1:2:3                     | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-3
            3e11fa47-71ca-11e1-9e33-c80aa9429562:001-005                   | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5
            3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5                       | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5
            3e11fa47-71ca-11e1-9e33-c80aa9429562:1-3,3E11FA47-71CA-11E1-9E33-C80AA9429562:4-6 | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-6
            4f22ab58-82db-22f2-af44-d91bba53a673:3,3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5 | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,4f22ab58-82db-22f2-af44-d91bba53a673:3
            3e11fa47-71ca-11e1-9e33-c80aa9429562:1-9223372036854775806:9223372036854775807 | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-9223372036854775807
            """)
    void testNormalization(String input, String canonical)
    {
        assertThat(MySqlGtidSet.parse(input).toString()).isEqualTo(canonical);
        assertThat(MySqlGtidSet.parse(input)).isEqualTo(MySqlGtidSet.parse(canonical));
    }

    @Test
    void testWhitespaceAroundCommas()
    {
        // MySQL prints gtid_executed with ",\n" between sources.
        MySqlGtidSet set = MySqlGtidSet.parse("\n " + A + ":1-5 ,\n" + B + ":3\r\n,\t" + A + ":7  \n");
        assertThat(set.toString()).isEqualTo(A + ":1-5:7," + B + ":3");
    }

    @Test
    void testSourceIdsSortedAsLowerCaseText()
    {
        // UUID.compareTo is signed, so it would put "f..." before "0..." and "8..." before "7...".
        String zero = "00000000-0000-0000-0000-000000000001";
        String seven = "7fffffff-ffff-ffff-7fff-ffffffffffff";
        String eight = "80000000-0000-0000-8000-000000000000";
        String eff = "ffffffff-ffff-ffff-ffff-ffffffffffff";
        MySqlGtidSet set = MySqlGtidSet.parse(eff + ":1," + eight + ":1," + seven + ":1," + zero + ":1");
        assertThat(set.toString()).isEqualTo(zero + ":1," + seven + ":1," + eight + ":1," + eff + ":1");
        assertThat(set.sourceIds()).extracting(UUID::toString).containsExactly(zero, seven, eight, eff);
    }

    @Test
    void testAccessors()
    {
        MySqlGtidSet set = MySqlGtidSet.parse(B + ":3," + A + ":1-5:7");
        assertThat(set.sourceIds()).containsExactly(UUID_A, UUID_B);
        assertThat(set.intervals(UUID_A)).containsExactly(new Interval(1, 5), new Interval(7, 7));
        assertThat(set.intervals(UUID_B)).containsExactly(new Interval(3, 3));
        assertThat(set.intervals(UUID.randomUUID())).isEmpty();
        assertThat(set.isEmpty()).isFalse();
    }

    @Test
    void testImmutability()
    {
        MySqlGtidSet set = MySqlGtidSet.parse(A + ":1-5");
        assertThatThrownBy(() -> set.sourceIds().add(UUID_B)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> set.sourceIds().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> set.intervals(UUID_A).add(new Interval(7, 7))).isInstanceOf(UnsupportedOperationException.class);
        set.with(new MySqlGtid(UUID_A, 6));
        set.union(MySqlGtidSet.parse(B + ":1"));
        assertThat(set.toString()).isEqualTo(A + ":1-5");
    }

    @Test
    void testInterval()
    {
        assertThat(new Interval(1, 5).toString()).isEqualTo("1-5");
        assertThat(new Interval(7, 7).toString()).isEqualTo("7");
        assertThat(new Interval(1, 5).contains(1)).isTrue();
        assertThat(new Interval(1, 5).contains(5)).isTrue();
        assertThat(new Interval(1, 5).contains(6)).isFalse();
        assertThat(new Interval(2, 5).contains(1)).isFalse();
        assertThatThrownBy(() -> new Interval(0, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new Interval(5, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5-3");
    }

    @Test
    void testContains()
    {
        MySqlGtidSet set = MySqlGtidSet.parse(A + ":1-5:7:10-20," + B + ":3");
        assertThat(set.contains(gtid(A, 1))).isTrue();
        assertThat(set.contains(gtid(A, 5))).isTrue();
        assertThat(set.contains(gtid(A, 6))).isFalse();
        assertThat(set.contains(gtid(A, 7))).isTrue();
        assertThat(set.contains(gtid(A, 8))).isFalse();
        assertThat(set.contains(gtid(A, 10))).isTrue();
        assertThat(set.contains(gtid(A, 20))).isTrue();
        assertThat(set.contains(gtid(A, 21))).isFalse();
        assertThat(set.contains(gtid(A, Long.MAX_VALUE))).isFalse();
        assertThat(set.contains(gtid(B, 2))).isFalse();
        assertThat(set.contains(gtid(B, 3))).isTrue();
        assertThat(set.contains(gtid(B, 4))).isFalse();
        assertThat(set.contains(new MySqlGtid(UUID.randomUUID(), 1))).isFalse();
        // Through the GtidPosition interface.
        GtidPosition position = set;
        assertThat(position.contains((TransactionId) gtid(A, 3))).isTrue();
        assertThat(position.contains((TransactionId) gtid(A, 6))).isFalse();
    }

    @Test
    void testContainsRejectsOtherTransactionIds()
    {
        MySqlGtidSet set = MySqlGtidSet.parse(A + ":1-5");
        assertThatThrownBy(() -> set.contains(new MariaDbGtid(0, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MariaDbGtid '0-1-1'");
        assertThatThrownBy(() -> set.contains(new BinlogOffsetId(3, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BinlogOffsetId '3@4'");
        assertThatThrownBy(() -> set.contains((TransactionId) null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void testContainsAll()
    {
        MySqlGtidSet set = MySqlGtidSet.parse(A + ":1-5:7-9," + B + ":1-100");
        assertThat(set.containsAll(MySqlGtidSet.empty())).isTrue();
        assertThat(set.containsAll(set)).isTrue();
        assertThat(set.containsAll(MySqlGtidSet.parse(A + ":2-4"))).isTrue();
        assertThat(set.containsAll(MySqlGtidSet.parse(A + ":1-5:8," + B + ":50-60:100"))).isTrue();
        // Spans the gap at 6.
        assertThat(set.containsAll(MySqlGtidSet.parse(A + ":4-8"))).isFalse();
        assertThat(set.containsAll(MySqlGtidSet.parse(A + ":6"))).isFalse();
        assertThat(set.containsAll(MySqlGtidSet.parse(A + ":10"))).isFalse();
        assertThat(set.containsAll(MySqlGtidSet.parse(B + ":100-101"))).isFalse();
        assertThat(set.containsAll(MySqlGtidSet.parse("00000000-0000-0000-0000-000000000001:1"))).isFalse();
        assertThat(MySqlGtidSet.empty().containsAll(set)).isFalse();
        assertThat(MySqlGtidSet.empty().containsAll(MySqlGtidSet.empty())).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            1-5          | 7-9          | 1-5:7-9
            1-5          | 6-9          | 1-9
            1-5          | 3-9          | 1-9
            1-5          | 2-3          | 1-5
            1-5:10-15    | 6-9          | 1-15
            1-5:10-15    | 4-11         | 1-15
            1-2:4-5:7-8  | 3:6          | 1-8
            3-4          | 1:9          | 1:3-4:9
            1-5          | 1-5          | 1-5
            """)
    void testUnionSameSource(String left, String right, String expected)
    {
        MySqlGtidSet leftSet = MySqlGtidSet.parse(A + ":" + left);
        MySqlGtidSet rightSet = MySqlGtidSet.parse(A + ":" + right);
        assertThat(leftSet.union(rightSet).toString()).isEqualTo(A + ":" + expected);
        assertThat(rightSet.union(leftSet).toString()).isEqualTo(A + ":" + expected);
    }

    @Test
    void testUnionMultipleSources()
    {
        MySqlGtidSet left = MySqlGtidSet.parse(A + ":1-5");
        MySqlGtidSet right = MySqlGtidSet.parse(B + ":1-3," + A + ":6-7");
        assertThat(left.union(right).toString()).isEqualTo(A + ":1-7," + B + ":1-3");
        assertThat(left.union(MySqlGtidSet.empty())).isSameAs(left);
        assertThat(MySqlGtidSet.empty().union(left)).isEqualTo(left);
        assertThat(left.union(left)).isEqualTo(left);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            1-10         | 4-6          | 1-3:7-10
            1-10         | 1-3          | 4-10
            1-10         | 8-10         | 1-7
            1-10         | 8-20         | 1-7
            1-10         | 5            | 1-4:6-10
            1-10         | 1            | 2-10
            1-10         | 10           | 1-9
            1-10         | 2:4:6:8      | 1:3:5:7:9-10
            1-10         | 11-20        | 1-10
            1-5:7-9      | 5-7          | 1-4:8-9
            1-5:7-9:11   | 2-10         | 1:11
            1-3:5-7      | 4            | 1-3:5-7
            1-20         | 3-4:8-9:15   | 1-2:5-7:10-14:16-20
            """)
    void testSubtractSameSource(String left, String right, String expected)
    {
        MySqlGtidSet leftSet = MySqlGtidSet.parse(A + ":" + left);
        MySqlGtidSet rightSet = MySqlGtidSet.parse(A + ":" + right);
        assertThat(leftSet.subtract(rightSet).toString()).isEqualTo(A + ":" + expected);
    }

    @Test
    void testSubtractEverything()
    {
        MySqlGtidSet set = MySqlGtidSet.parse(A + ":1-5:7," + B + ":3");
        MySqlGtidSet result = set.subtract(set);
        assertThat(result.isEmpty()).isTrue();
        assertThat(result).isEqualTo(MySqlGtidSet.empty());
        assertThat(result.toString()).isEmpty();
        assertThat(result.sourceIds()).isEmpty();

        assertThat(set.subtract(MySqlGtidSet.parse(A + ":1-100," + B + ":1-100"))).isEqualTo(MySqlGtidSet.empty());
        assertThat(MySqlGtidSet.empty().subtract(set)).isEqualTo(MySqlGtidSet.empty());
    }

    @Test
    void testSubtractMultipleSources()
    {
        MySqlGtidSet set = MySqlGtidSet.parse(A + ":1-10," + B + ":1-10");
        assertThat(set.subtract(MySqlGtidSet.parse(A + ":1-10")).toString()).isEqualTo(B + ":1-10");
        assertThat(set.subtract(MySqlGtidSet.parse(B + ":5")).toString()).isEqualTo(A + ":1-10," + B + ":1-4:6-10");
        assertThat(set.subtract(MySqlGtidSet.parse("00000000-0000-0000-0000-000000000001:1-10"))).isEqualTo(set);
        assertThat(set.subtract(MySqlGtidSet.empty())).isEqualTo(set);
        assertThat(set.subtract(MySqlGtidSet.parse(A + ":1-10")).sourceIds()).containsExactly(UUID_B);
    }

    @Test
    void testSubtractAtLongMaxValue()
    {
        MySqlGtidSet set = MySqlGtidSet.parse(A + ":1-9223372036854775807");
        assertThat(set.subtract(MySqlGtidSet.parse(A + ":9223372036854775807")).toString()).isEqualTo(A + ":1-9223372036854775806");
        assertThat(set.subtract(MySqlGtidSet.parse(A + ":2-9223372036854775806")).toString()).isEqualTo(A + ":1:9223372036854775807");
    }

    @Test
    void testWith()
    {
        MySqlGtidSet set = MySqlGtidSet.parse(A + ":1-3:5");
        assertThat(set.with(gtid(A, 4)).toString()).isEqualTo(A + ":1-5");
        assertThat(set.with(gtid(A, 6)).toString()).isEqualTo(A + ":1-3:5-6");
        assertThat(set.with(gtid(A, 10)).toString()).isEqualTo(A + ":1-3:5:10");
        assertThat(set.with(gtid(B, 1)).toString()).isEqualTo(A + ":1-3:5," + B + ":1");
        assertThat(set.with(gtid(A, 2))).isSameAs(set);
        assertThat(MySqlGtidSet.empty().with(gtid(A, 1)).toString()).isEqualTo(A + ":1");
        assertThat(MySqlGtidSet.empty().with(gtid(A, Long.MAX_VALUE)).toString()).isEqualTo(A + ":9223372036854775807");

        MySqlGtidSet built = MySqlGtidSet.empty();
        for (long n = 1; n <= 100; n++) {
            built = built.with(gtid(A, n));
        }
        assertThat(built.toString()).isEqualTo(A + ":1-100");
        assertThat(built.intervals(UUID_A)).hasSize(1);
    }

    @Test
    void testWithRejectsOtherTransactionIds()
    {
        MySqlGtidSet set = MySqlGtidSet.parse(A + ":1-5");
        assertThatThrownBy(() -> set.with(new MariaDbGtid(0, 1, 100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A MySQL GTID set can only hold MySQL GTIDs (uuid:n), not MariaDbGtid '0-1-100'");
        assertThatThrownBy(() -> set.with(new BinlogOffsetId(3, 1234)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BinlogOffsetId '3@1234'");
        assertThatThrownBy(() -> set.with(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("gtid is null");
    }

    @Test
    void testEqualsAndHashCode()
    {
        MySqlGtidSet a = MySqlGtidSet.parse(A + ":1-3:4-5," + B + ":7");
        MySqlGtidSet b = MySqlGtidSet.parse(B + ":7," + A.toUpperCase() + ":1-5");
        assertThat(a).isEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
        assertThat(a).isNotEqualTo(MySqlGtidSet.parse(A + ":1-5"));
        assertThat(a).isNotEqualTo(MySqlGtidSet.parse(A + ":1-5," + B + ":8"));
        assertThat(MySqlGtidSet.empty()).isNotEqualTo(MariaDbGtidList.empty());
        assertThat(a).isNotEqualTo(a.toString());
    }

    @Test
    void testAgainstBitSetModel()
    {
        // Compares every operation to a brute-force model over small transaction numbers, which
        // exercises far more overlap and adjacency combinations than hand-written cases.
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            BitSet leftBits = randomBits(random);
            BitSet rightBits = randomBits(random);
            MySqlGtidSet left = toSet(leftBits);
            MySqlGtidSet right = toSet(rightBits);

            BitSet union = (BitSet) leftBits.clone();
            union.or(rightBits);
            BitSet difference = (BitSet) leftBits.clone();
            difference.andNot(rightBits);
            BitSet rightOnly = (BitSet) rightBits.clone();
            rightOnly.andNot(leftBits);

            assertThat(left.toString()).isEqualTo(canonical(leftBits));
            assertThat(MySqlGtidSet.parse(left.toString())).isEqualTo(left);
            assertThat(left.union(right)).isEqualTo(toSet(union));
            assertThat(left.union(right).toString()).isEqualTo(canonical(union));
            assertThat(left.subtract(right).toString()).isEqualTo(canonical(difference));
            assertThat(left.containsAll(right)).isEqualTo(rightOnly.isEmpty());
            for (int n = 1; n <= 40; n++) {
                assertThat(left.contains(gtid(A, n))).isEqualTo(leftBits.get(n));
            }
        }
    }

    private static BitSet randomBits(Random random)
    {
        BitSet bits = new BitSet();
        int density = random.nextInt(100);
        for (int n = 1; n <= 40; n++) {
            if (random.nextInt(100) < density) {
                bits.set(n);
            }
        }
        return bits;
    }

    // Builds the set one transaction at a time, in random-ish order, through with().
    private static MySqlGtidSet toSet(BitSet bits)
    {
        MySqlGtidSet set = MySqlGtidSet.empty();
        for (int n = bits.previousSetBit(64); n >= 1; n = bits.previousSetBit(n - 1)) {
            set = set.with(gtid(A, n));
        }
        return set;
    }

    private static String canonical(BitSet bits)
    {
        if (bits.isEmpty()) {
            return "";
        }
        StringJoiner joiner = new StringJoiner(":", A + ":", "");
        for (int start = bits.nextSetBit(1); start >= 0; ) {
            int end = bits.nextClearBit(start) - 1;
            joiner.add(start == end ? Integer.toString(start) : start + "-" + end);
            start = bits.nextSetBit(end + 1);
        }
        return joiner.toString();
    }

    @Test
    void testTaggedGtidRejectedWithClearMessage()
    {
        assertThatThrownBy(() -> MySqlGtidSet.parse(A + ":mytag:1-5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tagged GTIDs")
                .hasMessageContaining("'mytag'");
        assertThatThrownBy(() -> MySqlGtidSet.parse(A + ":1-5:_tag:7"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tagged GTIDs");
    }

    @Test
    void testErrorMessage()
    {
        assertThatThrownBy(() -> MySqlGtidSet.parse("abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid MySQL GTID set 'abc': expected uuid:interval[:interval...][,uuid:...] such as 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5");
        assertThatThrownBy(() -> MySqlGtidSet.parse(A + ":5-3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("(interval end must not be before its start: 5-3)");
        assertThatThrownBy(() -> MySqlGtidSet.parse(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("text is null");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "abc",
            ",",
            " , ",
            A,
            A + ":",
            A + ":0",
            A + ":0-5",
            A + ":5-3",
            A + ":-5",
            A + ":1-",
            A + ":1--5",
            A + ":1-2-3",
            A + ":+5",
            A + ":1-+5",
            A + ":1.5",
            A + ":1 - 5",
            A + ": 1",
            A + " :1",
            A + ":1-5:",
            A + ":1-5::7",
            A + "::1-5",
            A + ":1-5,",
            A + ":1-5,\n",
            "," + A + ":1-5",
            A + ":1-5,," + B + ":3",
            A + ":1-5 " + B + ":3",
            A + ":1-5;" + B + ":3",
            A + ":9223372036854775808",
            A + ":1-9223372036854775808",
            A + ":99999999999999999999-99999999999999999999",
            A + ":\u0661",
            A + ":tag:1-5",
            "3e11fa47-71ca-11e1-9e33-c80aa942956:1-5",
            "3e11fa47-71ca-11e1-9e33-c80aa94295622:1-5",
            "3e11fa47-71ca-11e1-9e33-c80aa942956g:1-5",
            "3e11fa4771ca11e19e33c80aa9429562:1-5",
            "{3e11fa47-71ca-11e1-9e33-c80aa9429562}:1-5",
            "1-2-3-4-5:1",
            ":1-5",
            "0-1-100",
            "mysql-bin.000003:4",
    })
    void testMalformed(String text)
    {
        assertThatThrownBy(() -> MySqlGtidSet.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid MySQL GTID set '" + text + "': expected uuid:interval[:interval...][,uuid:...] such as 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5 (");
    }

    private static MySqlGtid gtid(String sourceId, long transactionNumber)
    {
        return new MySqlGtid(UUID.fromString(sourceId), transactionNumber);
    }

    @Test
    void testIntervalsAreSortedDisjointNonAdjacent()
    {
        MySqlGtidSet set = MySqlGtidSet.parse(A + ":20-25:1:3-4:2:10-12:13:30");
        List<Interval> intervals = set.intervals(UUID_A);
        assertThat(intervals).containsExactly(new Interval(1, 4), new Interval(10, 13), new Interval(20, 25), new Interval(30, 30));
    }
}
