package io.sluice.mysql.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.schema.Column;
import io.sluice.core.schema.ColumnType;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;
import io.sluice.mysql.sink.MetaStore.RangeProgress;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;

class KeyRangeTest {
    private static final Column ID = Column.of("id", ColumnType.BIGINT);

    @Test
    void splitsIntoEqualWidthRangesOpenAtBothEnds() {
        List<KeyRange> ranges = KeyRange.split(BigInteger.ONE, BigInteger.valueOf(100), 4);
        assertThat(ranges).containsExactly(
                new KeyRange(0, null, BigInteger.valueOf(26)),
                new KeyRange(1, BigInteger.valueOf(26), BigInteger.valueOf(51)),
                new KeyRange(2, BigInteger.valueOf(51), BigInteger.valueOf(76)),
                new KeyRange(3, BigInteger.valueOf(76), null));
    }

    @Test
    void fewerRangesThanDistinctValuesNeverEmpty() {
        assertThat(KeyRange.split(BigInteger.valueOf(5), BigInteger.valueOf(7), 16)).containsExactly(
                new KeyRange(0, null, BigInteger.valueOf(6)),
                new KeyRange(1, BigInteger.valueOf(6), BigInteger.valueOf(7)),
                new KeyRange(2, BigInteger.valueOf(7), null));
        assertThat(KeyRange.split(BigInteger.TEN, BigInteger.TEN, 16)).containsExactly(new KeyRange(0, null, null));
    }

    @Test
    void coversTheWholeUnsignedBigintRangeWithoutOverflow() {
        BigInteger max = new BigInteger("18446744073709551615");
        List<KeyRange> ranges = KeyRange.split(BigInteger.ZERO, max, 16);
        assertThat(ranges).hasSize(16);
        assertThat(ranges.get(1).lower()).isEqualTo(new BigInteger("1152921504606846976"));
        assertThat(ranges.getLast().lower()).isEqualTo(new BigInteger("17293822569102704640"));
        List<KeyRange> signed = KeyRange.split(BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE), 2);
        assertThat(signed.get(1).lower()).isEqualTo(BigInteger.ZERO);
    }

    /** Every value, inside or outside [min, max], falls into exactly one range. */
    @Test
    void rangesPartitionAllValues() {
        Random random = new Random(7);
        for (int i = 0; i < 1000; i++) {
            long min = random.nextInt(2000) - 1000;
            long max = min + random.nextInt(5000);
            List<KeyRange> ranges = KeyRange.split(BigInteger.valueOf(min), BigInteger.valueOf(max), 1 + random.nextInt(20));
            for (int r = 0; r < ranges.size(); r++) {
                assertThat(ranges.get(r).number()).isEqualTo(r);
            }
            for (long value = min - 3; value <= max + 3; value += 1 + random.nextInt(50)) {
                BigInteger v = BigInteger.valueOf(value);
                assertThat(ranges.stream().filter(range -> contains(range, v)).count()).as("%s in %s", value, ranges).isEqualTo(1);
            }
        }
    }

    @Test
    void conditionOnTheFirstKeyColumn() {
        assertThat(new KeyRange(0, null, BigInteger.valueOf(-5)).condition(ID)).isEqualTo("`id` < -5");
        assertThat(new KeyRange(1, BigInteger.valueOf(-5), BigInteger.valueOf(100)).condition(ID)).isEqualTo("`id` >= -5 AND `id` < 100");
        assertThat(new KeyRange(2, BigInteger.valueOf(100), null).condition(ID)).isEqualTo("`id` >= 100");
        assertThat(new KeyRange(0, null, null).condition(ID)).isNull();
        assertThatThrownBy(() -> new KeyRange(0, BigInteger.TEN, BigInteger.TEN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void boundsRoundTripThroughTheMetaRow() {
        KeyRange range = new KeyRange(3, new BigInteger("-9223372036854775808"), new BigInteger("18446744073709551615"));
        RangeProgress planned = range.planned("f00d");
        assertThat(planned).isEqualTo(new RangeProgress(3, "-9223372036854775808", "18446744073709551615", "f00d", null, 0, false, null, null));
        assertThat(planned.started()).isFalse();
        assertThat(KeyRange.of(planned)).isEqualTo(range);
        assertThat(KeyRange.of(new KeyRange(0, null, null).planned(null))).isEqualTo(new KeyRange(0, null, null));
    }

    @Test
    void aTableAloneIsSplitIntoTwoUnitsPerThread() {
        assertThat(KeyRange.parts(1_000_000, 1_000_000, 10_000, 4)).isEqualTo(8);
        assertThat(KeyRange.parts(200_000, 200_000, 2_000, 4)).isEqualTo(8);
        // never ranges of fewer than two chunks, never tables of four chunks or fewer
        assertThat(KeyRange.parts(50_000, 50_000, 10_000, 4)).isEqualTo(2);
        assertThat(KeyRange.parts(40_000, 40_000, 10_000, 4)).isEqualTo(1);
        // estimates can be below what other tables sum up to, or stale: the table's own size counts too
        assertThat(KeyRange.parts(1_000_000, 0, 10_000, 4)).isEqualTo(8);
    }

    @Test
    void tablesThatKeepTheThreadsBusyAreSplitLittleOrNotAtAll() {
        // four equal tables on four threads: two ranges each, eight units
        assertThat(KeyRange.parts(250_000, 1_000_000, 10_000, 4)).isEqualTo(2);
        // eight equal tables on four threads: whole
        assertThat(KeyRange.parts(500_000, 4_000_000, 10_000, 4)).isEqualTo(1);
        // one big table among small ones
        assertThat(KeyRange.parts(1_000_000, 1_030_000, 10_000, 4)).isEqualTo(8);
        assertThat(KeyRange.parts(10_000, 1_030_000, 1_000, 4)).isEqualTo(1);
    }

    @Test
    void oneThreadNeverSplits() {
        assertThat(KeyRange.parts(10_000_000, 10_000_000, 10_000, 1)).isEqualTo(1);
    }

    @Test
    void atMostTwoRangesPerThread() {
        assertThat(KeyRange.parts(10_000_000, 10_000_000, 1_000, 2)).isEqualTo(4);
        assertThat(KeyRange.parts(10_000_000, 10_000_000, 1_000, 64)).isEqualTo(128);
    }

    @Test
    void onlyKeysStartingWithAnIntegerSplit() {
        assertThat(KeyRange.splittable(List.of(ID))).isTrue();
        assertThat(KeyRange.splittable(List.of(Column.of("n", ColumnType.TINYINT), Column.of("d", ColumnType.DATE)))).isTrue();
        assertThat(KeyRange.splittable(List.of(Column.of("d", ColumnType.DATE), ID))).isFalse();
        assertThat(KeyRange.splittable(List.of(Column.of("x", ColumnType.DECIMAL)))).isFalse();
        assertThat(KeyRange.splittable(List.of())).isFalse();
    }

    private static boolean contains(KeyRange range, BigInteger value) {
        return (range.lower() == null || value.compareTo(range.lower()) >= 0) && (range.upper() == null || value.compareTo(range.upper()) < 0);
    }

    @Test
    void definitionFingerprintIsStableAndTellsDefinitionsApart() {
        TableSchema schema = new TableSchema(new TableId("d", "t"), List.of(ID, Column.of("v", ColumnType.INT)), List.of("id"), List.of());
        TableSchema same = new TableSchema(new TableId("d", "t"), List.of(ID, Column.of("v", ColumnType.INT)), List.of("id"), List.of());
        TableSchema wider = new TableSchema(new TableId("d", "t"), List.of(ID, Column.of("v", ColumnType.BIGINT)), List.of("id"), List.of());
        assertThat(SnapshotLoader.fingerprint(schema)).hasSize(64).isEqualTo(SnapshotLoader.fingerprint(same));
        assertThat(SnapshotLoader.fingerprint(wider)).isNotEqualTo(SnapshotLoader.fingerprint(schema));
    }
}
