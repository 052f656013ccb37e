package io.sluice.mysql.binlog;

import com.github.shyiko.mysql.binlog.network.AuthenticationException;
import com.github.shyiko.mysql.binlog.network.ServerException;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.RetriableSluiceException;
import io.sluice.core.error.SluiceException;

import java.util.Locale;

/** Turns what the binlog connection reports into errors a DBA can act on. */
final class BinlogErrors {
    private static final int ER_ACCESS_DENIED = 1045;
    private static final int ER_SPECIFIC_ACCESS_DENIED = 1227;
    private static final int ER_NO_BINARY_LOGGING = 1381;
    private static final int ER_MASTER_FATAL_ERROR_READING_BINLOG = 1236;

    private BinlogErrors() {}

    static SluiceException classify(Exception failure, String source, String user, String position) {
        if (failure instanceof SluiceException sluice) {
            return sluice;
        }
        if (failure instanceof AuthenticationException || (failure instanceof ServerException server && server.getErrorCode() == ER_ACCESS_DENIED)) {
            return new SluiceException(ErrorCode.SOURCE_AUTHENTICATION_FAILED,
                    "The source " + source + " rejected user '" + user + "': " + failure.getMessage(),
                    "Check the user name and password in the source configuration, and that the user may connect from this host.", failure);
        }
        if (failure instanceof ServerException server) {
            String message = server.getMessage() == null ? "" : server.getMessage();
            String lower = message.toLowerCase(Locale.ROOT);
            switch (server.getErrorCode()) {
                case ER_SPECIFIC_ACCESS_DENIED:
                    return new SluiceException(ErrorCode.SOURCE_PRIVILEGE_MISSING,
                            "User '" + user + "' may not read the binlog of " + source + ": " + message,
                            "GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO the replication user.", failure);
                case ER_NO_BINARY_LOGGING:
                    return binlogOff(source, failure);
                case ER_MASTER_FATAL_ERROR_READING_BINLOG:
                    if (lower.contains("purged") || lower.contains("could not find first log file")
                            || lower.contains("not in the master's binlog") || lower.contains("could not find gtid")
                            || lower.contains("missing") || lower.contains("binary log is not open")) {
                        if (lower.contains("binary log is not open")) {
                            return binlogOff(source, failure);
                        }
                        if (lower.contains("not in the master's binlog")) {
                            // MariaDB: a GTID the source never wrote (ahead of it, or another server's), not a purged one
                            return new SluiceException(ErrorCode.BINLOG_PURGED,
                                    "The GTID position " + position + " is not in the binlog of " + source + ": the source never wrote it "
                                            + "(it is ahead of the source's @@gtid_binlog_pos, or it comes from another server; the source "
                                            + "may have been replaced, restored from a backup, or had its binlog reset): " + message,
                                    "Compare the position with SELECT @@gtid_binlog_pos on the source; start from a position the source "
                                            + "has written, or again with a full copy (task-mode: all).", failure);
                        }
                        return new SluiceException(ErrorCode.BINLOG_PURGED,
                                "The binlog Sluice needs to continue from " + position + " is no longer on " + source + ": " + message,
                                "Start the task again with a full copy (task-mode: all), or from a position the source still has "
                                        + "(see SHOW BINARY LOGS); keep binlogs longer with expire_logs_days / binlog_expire_logs_seconds.", failure);
                    }
                    return new SluiceException(ErrorCode.BINLOG_SERVER_ERROR,
                            "The source " + source + " stopped sending the binlog at " + position + ": " + message,
                            "Read the source's error log around this time; max_allowed_packet on the source may be too small.", failure);
                default:
                    return new RetriableSluiceException(ErrorCode.BINLOG_SERVER_ERROR,
                            "The source " + source + " returned error " + server.getErrorCode() + " on the binlog connection: " + message,
                            "Read the source's error log; Sluice retries this error.", failure);
            }
        }
        return new RetriableSluiceException(ErrorCode.SOURCE_UNREACHABLE,
                "Cannot read the binlog of " + source + ": " + failure.getMessage(),
                "Check that the source is running and reachable from this host; Sluice keeps retrying.", failure);
    }

    private static SluiceException binlogOff(String source, Exception failure) {
        return new SluiceException(ErrorCode.BINLOG_NOT_ENABLED,
                "Binary logging is off on " + source + ".",
                "Enable it with log_bin (and binlog_format=ROW, binlog_row_image=FULL) in the source's configuration and restart it.", failure);
    }
}
