package io.sluice.mysql.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.event.Row;
import io.sluice.core.event.RowChange;
import io.sluice.core.schema.Column;
import io.sluice.core.schema.ColumnType;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;
import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.List;

/** The conflict keys of row changes and the writer choice that keeps conflicting transactions in source order. */
class DependencyTrackerTest {
    private static final Column ID = Column.of("id", ColumnType.INT);
    private static final Column CODE = new Column("code", ColumnType.VARCHAR, false, 20, 0, 0, 0, "utf8mb4", "utf8mb4_general_ci", List.of(), true);
    private static final Column CODE_BIN = new Column("code", ColumnType.VARCHAR, false, 20, 0, 0, 0, "utf8mb4", "utf8mb4_bin", List.of(), true);
    private static final Column V = Column.of("v", ColumnType.INT);
    private static final TableSchema T = new TableSchema(new TableId("app", "t"), List.of(ID, CODE, V), List.of("id"), List.of(List.of("code")));
    private static final TableSchema U = new TableSchema(new TableId("app", "u"), List.of(ID, CODE, V), List.of("id"), List.of(List.of("code")));
    private static final TableSchema KEYLESS = new TableSchema(new TableId("app", "k"), List.of(ID, CODE, V), List.of(), List.of());
    private static final TableSchema ONLY_UNIQUE = new TableSchema(new TableId("app", "o"), List.of(ID, CODE, V), List.of(), List.of(List.of("code")));

    private static Row row(TableSchema table, Object... values) {
        return new Row(table, values, null);
    }

    private static long[] keys(RowChange... changes) {
        ConflictKeys.KeySet set = new ConflictKeys.KeySet();
        for (RowChange change : changes) {
            assertThat(ConflictKeys.collect(change, set)).as("usable key: %s", change).isTrue();
        }
        return set.toArray();
    }

    private static boolean conflict(long[] a, long[] b) {
        for (long x : a) {
            for (long y : b) {
                if (x == y) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void sameKeyConflictsOtherKeysDoNot() {
        long[] update1 = keys(RowChange.update(T, row(T, 1, "a", 1), row(T, 1, "a", 2)));
        long[] delete1 = keys(RowChange.delete(T, row(T, 1, "a", 2)));
        long[] insert2 = keys(RowChange.insert(T, row(T, 2, "b", 1)));
        long[] otherTable1 = keys(RowChange.insert(U, row(U, 1, "a", 1)));
        assertThat(conflict(update1, delete1)).isTrue();
        assertThat(conflict(update1, insert2)).isFalse();
        assertThat(conflict(update1, otherTable1)).as("same values in another table").isFalse();
    }

    @Test
    void uniqueKeysAndBothImagesConflict() {
        // txn 1 frees code 'a' (row 1 takes 'z'); txn 2 gives 'a' to row 2: txn 2 must follow txn 1
        long[] free = keys(RowChange.update(T, row(T, 1, "a", 1), row(T, 1, "z", 1)));
        long[] take = keys(RowChange.update(T, row(T, 2, "b", 1), row(T, 2, "a", 1)));
        assertThat(conflict(free, take)).isTrue();
        // a primary key change conflicts with both the old and the new id
        long[] move = keys(RowChange.update(T, row(T, 5, "e", 1), row(T, 6, "e", 1)));
        assertThat(conflict(move, keys(RowChange.insert(T, row(T, 5, "x", 0))))).isTrue();
        assertThat(conflict(move, keys(RowChange.delete(T, row(T, 6, "y", 0))))).isTrue();
    }

    @Test
    void caseInsensitiveCollationsFoldTextBinaryOnesDoNot() {
        assertThat(conflict(keys(RowChange.insert(T, row(T, 1, "Straße ", 1))), keys(RowChange.insert(T, row(T, 2, "STRASSE", 1))))).isTrue();
        assertThat(conflict(keys(RowChange.insert(T, row(T, 1, "é", 1))), keys(RowChange.insert(T, row(T, 2, "E", 1))))).isTrue();
        TableSchema binary = new TableSchema(new TableId("app", "b"), List.of(ID, CODE_BIN, V), List.of("id"), List.of(List.of("code")));
        assertThat(conflict(keys(RowChange.insert(binary, row(binary, 1, "A", 1))), keys(RowChange.insert(binary, row(binary, 2, "a", 1))))).isFalse();
    }

    @Test
    void routedShardsConflictOnTheirTargetTable() {
        // two shards routed into one target table: the mapped changes carry the target's schema
        TableSchema merged = new TableSchema(new TableId("all", "t"), List.of(ID, CODE, V), List.of("id"), List.of(List.of("code")));
        long[] fromShard1 = keys(RowChange.insert(merged, row(merged, 7, "s1", 1)));
        long[] fromShard2 = keys(RowChange.update(merged, row(merged, 7, "s1", 1), row(merged, 7, "s1", 2)));
        assertThat(conflict(fromShard1, fromShard2)).isTrue();
        assertThat(conflict(fromShard1, keys(RowChange.insert(T, row(T, 7, "s1", 1))))).as("the unrouted table").isFalse();
    }

    @Test
    void changesWithoutAUsableKeyAreBarriers() {
        ConflictKeys.KeySet set = new ConflictKeys.KeySet();
        assertThat(ConflictKeys.collect(RowChange.insert(KEYLESS, row(KEYLESS, 1, "a", 1)), set)).isFalse();
        // a unique key with a NULL identifies nothing
        assertThat(ConflictKeys.collect(RowChange.insert(ONLY_UNIQUE, row(ONLY_UNIQUE, 1, null, 1)), set)).isFalse();
        assertThat(ConflictKeys.collect(RowChange.insert(ONLY_UNIQUE, row(ONLY_UNIQUE, 1, "a", 1)), set)).isTrue();
        // an image without its key columns (MINIMAL row image)
        BitSet present = new BitSet();
        present.set(2);
        Row partial = new Row(T, new Object[] {null, null, 5}, present);
        assertThat(ConflictKeys.collect(RowChange.update(T, partial, partial), set)).isFalse();
    }

    @Test
    void conflictingTransactionsQueueBehindTheirWriterOthersSpread() {
        DependencyTracker tracker = new DependencyTracker(4);
        long[] committed = new long[4];
        long[] a = {1L, 2L};
        DependencyTracker.Decision first = tracker.decide(a, w -> committed[w]);
        assertThat(first.mustWait()).isFalse();
        tracker.record(a, first.writer(), 1, w -> committed[w]);
        // same key, not committed: same writer, no wait
        DependencyTracker.Decision second = tracker.decide(new long[] {2L, 3L}, w -> committed[w]);
        assertThat(second.writer()).isEqualTo(first.writer());
        assertThat(second.mustWait()).isFalse();
        tracker.record(new long[] {2L, 3L}, second.writer(), 2, w -> committed[w]);
        // independent keys go to another writer
        DependencyTracker.Decision third = tracker.decide(new long[] {9L}, w -> committed[w]);
        assertThat(third.writer()).isNotEqualTo(first.writer());
        tracker.record(new long[] {9L}, third.writer(), 3, w -> committed[w]);
        // conflicting with two writers: queue behind the latest, wait for the other
        DependencyTracker.Decision fourth = tracker.decide(new long[] {1L, 9L}, w -> committed[w]);
        assertThat(fourth.writer()).isEqualTo(third.writer());
        assertThat(fourth.waitFor()[first.writer()]).as("key 1 was last touched by transaction 1").isEqualTo(1);
        // once committed, a key no longer binds
        committed[first.writer()] = 2;
        committed[third.writer()] = 3;
        DependencyTracker.Decision fifth = tracker.decide(new long[] {1L, 9L}, w -> committed[w]);
        assertThat(fifth.mustWait()).isFalse();
    }
}
