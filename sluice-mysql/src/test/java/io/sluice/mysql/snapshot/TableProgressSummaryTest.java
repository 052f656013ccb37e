package io.sluice.mysql.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.position.FilePosition;
import io.sluice.mysql.sink.MetaStore.RangeProgress;
import io.sluice.mysql.sink.MetaStore.TableProgress;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

/** A table copied in key ranges is summarised for the snapshot/binlog boundary as a table copied over several runs. */
class TableProgressSummaryTest {
    private static final FilePosition P1 = new FilePosition("bin.000001", 900);
    private static final FilePosition P2 = new FilePosition("bin.000002", 4);
    private static final FilePosition P3 = new FilePosition("bin.000002", 500);
    private static final FilePosition P4 = new FilePosition("bin.000010", 100);

    @Test
    void nothingCommittedYetIsNoProgress() {
        assertThat(TableProgress.summarize(null, List.of(RangeProgress.planned(0, null, "10", "d"), RangeProgress.planned(1, "10", null, "d")))).isEmpty();
    }

    @Test
    void earliestFirstAndLatestLastSnapshotOverStartedRanges() {
        List<RangeProgress> ranges = List.of(
                RangeProgress.planned(0, null, "10", "d").advance("a", 5, true, P2, P3),
                RangeProgress.planned(1, "10", "20", "d").advance("b", 7, false, P1, P2),
                RangeProgress.planned(2, "20", "30", "d"),
                RangeProgress.planned(3, "30", null, "d").advance("c", 1, false, P3, P4));
        Optional<TableProgress> summary = TableProgress.summarize(null, ranges);
        assertThat(summary).contains(new TableProgress(null, 13, false, P1, P4));
    }

    @Test
    void doneWhenEveryRangeIs() {
        List<RangeProgress> ranges = List.of(
                RangeProgress.planned(0, null, "10", "d").advance("a", 5, true, P3, P3),
                RangeProgress.planned(1, "10", null, "d").advance(null, 0, true, P2, P2));
        assertThat(TableProgress.summarize(null, ranges)).contains(new TableProgress(null, 5, true, P2, P3));
    }

    @Test
    void aWholeTableRowCountsAsOneMoreRange() {
        TableProgress whole = new TableProgress("k", 100, false, P2, P2);
        assertThat(TableProgress.summarize(whole, List.of())).contains(whole);
        assertThat(TableProgress.summarize(whole, List.of(RangeProgress.planned(0, null, null, "d").advance("x", 3, true, P1, P4))))
                .contains(new TableProgress("k", 103, false, P1, P4));
    }

    @Test
    void aCopiedRangeHasBothPositions() {
        assertThatThrownBy(() -> new RangeProgress(0, null, null, "d", null, 0, true, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RangeProgress(0, null, null, "d", "k", 1, false, P1, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
