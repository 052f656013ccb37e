package io.sluice.server.worker;

import static java.util.Objects.requireNonNull;

import io.sluice.core.event.ResumePosition;
import io.sluice.mysql.task.SubtaskStatus;

import java.util.List;
import java.util.Optional;

/**
 * One subtask as the status APIs see it at one moment: task, source, worker, stage, the unit and its
 * counters, the synced position, recent throughput, and the errors that paused it.
 */
public record SubtaskSnapshot(String task, String source, String worker, Stage stage, SubtaskStatus status, Optional<ResumePosition> syncedPosition,
        double totalTps, double recentTps, List<SubtaskError> errors) {
    public SubtaskSnapshot {
        requireNonNull(task, "task is null");
        requireNonNull(source, "source is null");
        requireNonNull(worker, "worker is null");
        requireNonNull(stage, "stage is null");
        requireNonNull(status, "status is null");
        requireNonNull(syncedPosition, "syncedPosition is null");
        errors = List.copyOf(requireNonNull(errors, "errors is null"));
    }
}
