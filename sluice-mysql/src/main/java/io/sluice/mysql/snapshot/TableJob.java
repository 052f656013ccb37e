package io.sluice.mysql.snapshot;

import static java.util.Objects.requireNonNull;

import io.sluice.mysql.rule.TablePlan;
import io.sluice.mysql.sink.MetaStore.RangeProgress;
import io.sluice.mysql.sink.MetaStore.TableProgress;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One table to copy in a round of the load: as a whole (one unit of work), or as the key ranges
 * it still has to copy (one unit each, shared out among the copy threads). The threads copying
 * its ranges share this object: when one of them finds that the table's definition changed since
 * it was planned, the others stop, and the table is rebuilt and planned again after the round.
 */
final class TableJob {
    private final TablePlan plan;
    private final TableProgress progress;
    private final List<RangeProgress> ranges;
    private final int plannedRanges;
    private final long estimatedRows;
    private final AtomicInteger rangesLeft;
    private volatile boolean changed;

    private TableJob(TablePlan plan, TableProgress progress, List<RangeProgress> ranges, int plannedRanges, long estimatedRows) {
        this.plan = requireNonNull(plan, "plan is null");
        this.progress = progress;
        this.ranges = List.copyOf(ranges);
        this.plannedRanges = plannedRanges;
        this.estimatedRows = estimatedRows;
        this.rangesLeft = new AtomicInteger(this.ranges.size());
    }

    /** The whole table, continuing after {@code progress} (null: from the start). */
    static TableJob whole(TablePlan plan, TableProgress progress, long estimatedRows) {
        return new TableJob(plan, progress, List.of(), 0, estimatedRows);
    }

    /** The ranges of {@code planned} not done yet. */
    static TableJob ranges(TablePlan plan, List<RangeProgress> planned, long estimatedRows) {
        return new TableJob(plan, null, planned.stream().filter(range -> !range.done()).toList(), planned.size(), estimatedRows);
    }

    TablePlan plan() {
        return plan;
    }

    TableProgress progress() {
        return progress;
    }

    boolean split() {
        return plannedRanges > 0;
    }

    int plannedRanges() {
        return plannedRanges;
    }

    /** The units of work, each with its share of the estimated rows (to schedule big units first). */
    List<Unit> units() {
        if (!split()) {
            return List.of(new Unit(this, null, estimatedRows, 0));
        }
        List<Unit> units = new ArrayList<>(ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            units.add(new Unit(this, ranges.get(i), estimatedRows / plannedRanges, i));
        }
        return units;
    }

    void markChanged() {
        changed = true;
    }

    boolean changed() {
        return changed;
    }

    /** Counts a range copied to its end; true for the last of this round. */
    boolean rangeDone() {
        return rangesLeft.decrementAndGet() == 0;
    }

    /**
     * One unit of work: the table, or one range ({@code range} non-null) of it.
     *
     * @param order its place among the units of its table
     */
    record Unit(TableJob job, RangeProgress range, long estimatedRows, int order) {
        Unit {
            requireNonNull(job, "job is null");
        }
    }
}
