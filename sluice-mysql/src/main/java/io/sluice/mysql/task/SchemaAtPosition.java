package io.sluice.mysql.task;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.ResumePosition;
import io.sluice.mysql.binlog.SourcePositions;
import io.sluice.mysql.schema.tracker.SchemaTracker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.function.BiPredicate;

/**
 * Reads the source's schema together with a binlog position it is exact for, without locking:
 * the position is read before and after the schema, and the binlog between the two is checked for
 * DDL; if any ran meanwhile, it tries again. Schema reads are not transactional, so without this
 * check a DDL committed while the schema was being read would be both in the schema and after the
 * position, and replaying it would fail.
 */
record SchemaAtPosition(ResumePosition position, String trackerState) {
    private static final int ATTEMPTS = 50;

    SchemaAtPosition {
        requireNonNull(position, "position is null");
        requireNonNull(trackerState, "trackerState is null");
    }

    static SchemaAtPosition capture(Connection connection, BiPredicate<String, String> tableFilter, String name) throws SQLException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            ResumePosition before = SourcePositions.currentEnd(connection);
            String state = SchemaTracker.load(connection, tableFilter).serialize();
            ResumePosition after = SourcePositions.currentEnd(connection);
            if (noStatementBetween(connection, before, after)) {
                return new SchemaAtPosition(before, state);
            }
        }
        throw new SluiceException(ErrorCode.SNAPSHOT_FAILED,
                name + ": DDL kept running on the source while its schema was being read (" + ATTEMPTS + " attempts).",
                "Start the task again when the source's schema is not being changed continuously.");
    }

    /** True when the binlog between the two positions holds no statement other than BEGIN/COMMIT (no DDL). */
    static boolean noStatementBetween(Connection connection, ResumePosition before, ResumePosition after) throws SQLException {
        if (before.file().equals(after.file())) {
            return true;
        }
        if (!before.file().file().equals(after.file().file())) {
            return false;
        }
        try (PreparedStatement statement = connection.prepareStatement("SHOW BINLOG EVENTS IN ? FROM " + before.file().position())) {
            statement.setString(1, before.file().file());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong("End_log_pos") > after.file().position()) {
                        return true;
                    }
                    if ("Query".equalsIgnoreCase(rs.getString("Event_type"))) {
                        String info = rs.getString("Info") == null ? "" : rs.getString("Info").strip().toUpperCase(Locale.ROOT);
                        if (!info.startsWith("BEGIN") && !info.startsWith("COMMIT")) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }
}
