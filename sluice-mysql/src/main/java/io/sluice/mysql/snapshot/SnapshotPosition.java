package io.sluice.mysql.snapshot;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.ResumePosition;
import io.sluice.core.position.FilePosition;
import io.sluice.mysql.binlog.SourcePositions;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Opens a consistent-snapshot transaction on a source connection and returns the binlog position
 * it corresponds to. On MariaDB without any lock: the server reports the position of a consistent
 * snapshot in the {@code binlog_snapshot_file}/{@code binlog_snapshot_position} status variables.
 * MySQL has no such variables, so there the snapshot is opened under a brief global read lock
 * ({@code FLUSH TABLES WITH READ LOCK}, held only while the transaction starts and the position is
 * read, as mydumper does; it needs the RELOAD privilege).
 */
final class SnapshotPosition {
    private SnapshotPosition() {}

    static ResumePosition begin(Connection connection) throws SQLException {
        if (!SourcePositions.isMariaDb(connection)) {
            return beginUnderBriefLock(connection);
        }
        FilePosition position = beginLockFree(connection);
        return new ResumePosition(position, SourcePositions.gtidAt(connection, position));
    }

    /**
     * As {@link #begin} without the GTID state, which a copy does not need: on MariaDB finding it
     * scans the binlog file up to the position ({@code BINLOG_GTID_POS}), tens of milliseconds of
     * source CPU per snapshot once the file holds a few hundred MB, and a table copied in key
     * ranges takes one snapshot per range.
     */
    static FilePosition beginFile(Connection connection) throws SQLException {
        return SourcePositions.isMariaDb(connection) ? beginLockFree(connection) : beginUnderBriefLock(connection).file();
    }

    /** The MySQL path; also valid on MariaDB, where tests exercise it. */
    static ResumePosition beginUnderBriefLock(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            try {
                statement.execute("FLUSH TABLES WITH READ LOCK");
            }
            catch (SQLException e) {
                if (e.getErrorCode() == 1227) {
                    throw new SluiceException(ErrorCode.SOURCE_PRIVILEGE_MISSING,
                            "Copying from MySQL needs a brief global read lock to find the snapshot's binlog position: " + e.getMessage(),
                            "GRANT RELOAD ON *.* TO the source user.", e);
                }
                throw e;
            }
            try {
                statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
                ResumePosition position = SourcePositions.currentEnd(connection);
                return position;
            }
            finally {
                statement.execute("UNLOCK TABLES");
            }
        }
    }

    private static FilePosition beginLockFree(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
            String file = null;
            long position = -1;
            try (ResultSet rs = statement.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
                while (rs.next()) {
                    String name = new String(rs.getBytes(1), java.nio.charset.StandardCharsets.UTF_8);
                    String value = new String(rs.getBytes(2), java.nio.charset.StandardCharsets.UTF_8);
                    if (name.equalsIgnoreCase("binlog_snapshot_file")) {
                        file = value;
                    }
                    else if (name.equalsIgnoreCase("binlog_snapshot_position")) {
                        position = Long.parseLong(value);
                    }
                }
            }
            if (file == null || file.isEmpty() || position < 0) {
                throw new SluiceException(ErrorCode.BINLOG_NOT_ENABLED,
                        "The source does not report a binlog position for its snapshot; binary logging is off.",
                        "Enable log_bin with binlog_format=ROW and binlog_row_image=FULL on the source and restart it.");
            }
            return new FilePosition(file, position);
        }
    }
}
