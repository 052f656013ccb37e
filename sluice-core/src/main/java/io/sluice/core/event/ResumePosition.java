package io.sluice.core.event;

import static java.util.Objects.requireNonNull;

import io.sluice.core.position.FilePosition;
import io.sluice.core.position.GtidPosition;

import java.util.Optional;

/**
 * Where to resume reading after a transaction: the binlog file position just past its last event,
 * and, when the source runs with GTIDs, the GTID state including it. Restarting from either gives
 * the next transaction, never the middle of one.
 */
public record ResumePosition(FilePosition file, GtidPosition gtid) {
    public ResumePosition {
        requireNonNull(file, "file is null");
    }

    public Optional<GtidPosition> gtidPosition() {
        return Optional.ofNullable(gtid);
    }

    @Override
    public String toString() {
        return gtid == null ? file.toString() : file + " gtid=" + gtid;
    }
}
