package io.sluice.core.event;

import static java.util.Objects.requireNonNull;

import io.sluice.core.position.FilePosition;
import io.sluice.core.position.TransactionId;

/**
 * What is known when a transaction's first change arrives: its id, the server that wrote it,
 * where it starts, and the source session its first statement ran in (a DDL transaction's
 * statement replays on a target under it).
 */
public record TransactionHeader(TransactionId id, long serverId, FilePosition start, SourceSession session) {
    public TransactionHeader {
        requireNonNull(id, "id is null");
        requireNonNull(start, "start is null");
        requireNonNull(session, "session is null");
        if (serverId < 0 || serverId > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("server id out of range: " + serverId);
        }
    }
}
