package io.sluice.mysql.sink;

import static java.util.Objects.requireNonNull;

import io.sluice.core.event.ResumePosition;
import io.sluice.core.position.FilePosition;

/**
 * A subtask's durable progress as recorded in the target's meta schema.
 *
 * @param stage LOAD while the snapshot is being copied, SYNC once binlog replication runs, FINISHED for a completed full-only task
 * @param position where binlog replication starts or continues: the position after the last applied transaction
 * @param safeUntil while the binlog position is before this, changes may already be in the target
 *        (tables were snapshotted after {@code position}); they are applied idempotently. Null when none.
 */
public record SubtaskState(Stage stage, ResumePosition position, FilePosition safeUntil) {
    public enum Stage { LOAD, SYNC, FINISHED }

    public SubtaskState {
        requireNonNull(stage, "stage is null");
        requireNonNull(position, "position is null");
    }
}
