package io.sluice.mysql.binlog;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.ResumePosition;
import io.sluice.core.position.FilePosition;
import io.sluice.core.position.GtidPosition;
import io.sluice.core.position.MariaDbGtidList;
import io.sluice.core.position.MySqlGtidSet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Asks a source over SQL where its binlog is: the current end (file position and GTID state),
 * and, on MariaDB, which GTID state corresponds to a file position.
 */
public final class SourcePositions {
    private SourcePositions() {}

    /** True when the server is MariaDB rather than MySQL. */
    public static boolean isMariaDb(Connection connection) throws SQLException {
        return scalar(connection, "SELECT VERSION()").toLowerCase(Locale.ROOT).contains("mariadb");
    }

    /** The end of the binlog now; the GTID part is null when the source runs without GTIDs. */
    public static ResumePosition currentEnd(Connection connection) throws SQLException {
        boolean mariaDb = isMariaDb(connection);
        FilePosition file;
        // MySQL 8.4 renamed SHOW MASTER STATUS
        String show = mariaDb || !versionAtLeast(connection, 8, 4) ? "SHOW MASTER STATUS" : "SHOW BINARY LOG STATUS";
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(show)) {
            if (!rs.next()) {
                throw new SluiceException(ErrorCode.BINLOG_NOT_ENABLED,
                        "Binary logging is off on the source (SHOW MASTER STATUS is empty).",
                        "Enable log_bin with binlog_format=ROW and binlog_row_image=FULL on the source and restart it.");
            }
            file = new FilePosition(rs.getString(1), rs.getLong(2));
        }
        GtidPosition gtid;
        if (mariaDb) {
            gtid = MariaDbGtidList.parse(nullToEmpty(scalar(connection, "SELECT @@GLOBAL.gtid_binlog_pos")));
        }
        else {
            String mode = scalar(connection, "SELECT @@GLOBAL.gtid_mode");
            gtid = "ON".equalsIgnoreCase(mode) ? MySqlGtidSet.parse(nullToEmpty(scalar(connection, "SELECT @@GLOBAL.gtid_executed"))) : null;
        }
        return new ResumePosition(file, gtid);
    }

    /** MariaDB's GTID state at a file position ({@code BINLOG_GTID_POS}); null on MySQL or when the server cannot tell. */
    public static GtidPosition gtidAt(Connection connection, FilePosition position) throws SQLException {
        if (!isMariaDb(connection)) {
            return null;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT BINLOG_GTID_POS(?, ?)")) {
            statement.setString(1, position.file());
            statement.setLong(2, position.position());
            try (ResultSet rs = statement.executeQuery()) {
                String text = rs.next() ? rs.getString(1) : null;
                return text == null ? null : MariaDbGtidList.parse(text);
            }
        }
    }

    private static boolean versionAtLeast(Connection connection, int major, int minor) throws SQLException {
        String[] parts = scalar(connection, "SELECT VERSION()").split("[.-]");
        int actualMajor = Integer.parseInt(parts[0]);
        int actualMinor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        return actualMajor > major || (actualMajor == major && actualMinor >= minor);
    }

    private static String scalar(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
