package io.sluice.core.event;

import static java.util.Objects.requireNonNull;

import io.sluice.core.position.FilePosition;
import io.sluice.core.position.TransactionId;

import java.time.Instant;
import java.util.List;

/**
 * One whole source transaction, the unit Sluice applies atomically: its id, the server that
 * originally wrote it, its commit timestamp (second precision, as the binlog records it), where
 * it starts, where to resume after it, and its changes in binlog order. A DDL statement is a
 * transaction of its own with a single {@link DdlEvent}.
 */
public record Transaction(
        TransactionId id,
        long serverId,
        Instant commitTimestamp,
        FilePosition start,
        ResumePosition resumeAfter,
        List<ChangeEvent> events) {
    public Transaction {
        requireNonNull(id, "id is null");
        requireNonNull(commitTimestamp, "commitTimestamp is null");
        requireNonNull(start, "start is null");
        requireNonNull(resumeAfter, "resumeAfter is null");
        events = List.copyOf(requireNonNull(events, "events is null"));
        if (serverId < 0 || serverId > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("server id out of range: " + serverId);
        }
    }

    /** True when the transaction is a single DDL statement. */
    public boolean isDdl() {
        return events.size() == 1 && events.getFirst() instanceof DdlEvent;
    }

    public long rowCount() {
        return events.stream().filter(RowChange.class::isInstance).count();
    }
}
