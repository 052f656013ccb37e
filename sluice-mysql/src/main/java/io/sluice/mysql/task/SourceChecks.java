package io.sluice.mysql.task;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Check unit's source checks: what must hold before a subtask may start, each failure with
 * the setting or privilege to change. Binlog settings matter because with anything but row-based,
 * full-image binlogs Sluice could not reproduce changes exactly.
 */
final class SourceChecks {
    private static final Logger LOG = LoggerFactory.getLogger(SourceChecks.class);

    private SourceChecks() {}

    static void verify(Connection connection, String name) throws SQLException {
        String logBin = variable(connection, "log_bin");
        if (!"ON".equalsIgnoreCase(logBin) && !"1".equals(logBin)) {
            throw new SluiceException(ErrorCode.BINLOG_NOT_ENABLED, name + ": binary logging is off on the source (log_bin=" + logBin + ").",
                    "Start the source with log_bin, binlog_format=ROW and binlog_row_image=FULL (my.cnf), then start the task again.");
        }
        String format = variable(connection, "binlog_format");
        if (!"ROW".equalsIgnoreCase(format)) {
            throw new SluiceException(ErrorCode.BINLOG_FORMAT_UNSUPPORTED, name + ": the source logs binlog_format=" + format + "; Sluice needs ROW.",
                    "SET GLOBAL binlog_format='ROW' and set it in my.cnf; sessions already connected keep the old format until they reconnect.");
        }
        String image = variable(connection, "binlog_row_image");
        if (!"FULL".equalsIgnoreCase(image)) {
            throw new SluiceException(ErrorCode.BINLOG_FORMAT_UNSUPPORTED, name + ": the source logs binlog_row_image=" + image
                    + "; Sluice needs FULL images to replay changes exactly (keyless tables, restarts during the copy).",
                    "SET GLOBAL binlog_row_image='FULL' and set it in my.cnf.");
        }
        if ("0".equals(variable(connection, "server_id"))) {
            throw new SluiceException(ErrorCode.BINLOG_NOT_ENABLED, name + ": the source has server_id=0 and cannot serve replicas.",
                    "Give the source a unique non-zero server_id in my.cnf and restart it.");
        }
        String metadata = variable(connection, "binlog_row_metadata");
        if (metadata != null && !"FULL".equalsIgnoreCase(metadata)) {
            LOG.warn("{}: the source logs binlog_row_metadata={}; with FULL, rows decode with the schema they were written under "
                    + "even across DDL (SET GLOBAL binlog_row_metadata='FULL')", name, metadata);
        }
        List<String> grants = grants(connection);
        boolean all = grants.stream().anyMatch(grant -> grant.contains("GRANT ALL PRIVILEGES ON *.*"));
        boolean replication = all || grants.stream().anyMatch(grant -> grant.contains(" ON *.*")
                && (grant.contains("REPLICATION SLAVE") || grant.contains("REPLICATION REPLICA")));
        if (!replication) {
            throw new SluiceException(ErrorCode.SOURCE_PRIVILEGE_MISSING, name + ": the source user lacks the REPLICATION SLAVE privilege.",
                    "GRANT REPLICATION SLAVE, REPLICATION CLIENT, SELECT ON *.* TO the user in the source file.");
        }
    }

    private static String variable(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SHOW GLOBAL VARIABLES LIKE '" + name + "'")) {
            return rs.next() ? rs.getString(2) : null;
        }
    }

    private static List<String> grants(Connection connection) throws SQLException {
        List<String> grants = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SHOW GRANTS")) {
            while (rs.next()) {
                grants.add(rs.getString(1).toUpperCase(Locale.ROOT));
            }
        }
        return grants;
    }
}
