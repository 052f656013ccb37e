package io.sluice.mysql.task;

import static java.util.Objects.requireNonNull;

/**
 * A point-in-time view of a subtask for progress display and status APIs.
 *
 * @param unit the unit running now: Load, Sync, or Finished
 * @param rowsCopied rows copied by the snapshot so far
 * @param rowsTotal the source's row estimate for the snapshot
 * @param transactions source transactions applied by sync since start
 * @param lagSeconds how many seconds after its commit on the source the last applied transaction took effect on the target; -1 before the first
 * @param position the position after the last applied transaction, as text
 */
public record SubtaskStatus(String unit, long rowsCopied, long rowsTotal, long transactions, long lagSeconds, String position) {
    public SubtaskStatus {
        requireNonNull(unit, "unit is null");
        requireNonNull(position, "position is null");
    }
}
