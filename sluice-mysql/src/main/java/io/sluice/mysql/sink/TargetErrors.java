package io.sluice.mysql.sink;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.RetriableSluiceException;
import io.sluice.core.error.SluiceException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Set;

/** Classifies target-side SQL errors into what retrying fixes and what a person must fix. */
public final class TargetErrors {
    /** Errors a DDL gives when it already took effect: re-running it after a crash must not fail the task. */
    static final Set<Integer> ALREADY_APPLIED_DDL = Set.of(
            1007, // database exists
            1008, // database doesn't exist (DROP)
            1050, // table exists
            1051, // unknown table (DROP)
            1054, // unknown column (DROP/CHANGE COLUMN already done)
            1060, // duplicate column
            1061, // duplicate key name
            1068, // multiple primary key
            1091, // can't drop: doesn't exist
            1146, // table doesn't exist (RENAME/ALTER of a renamed table)
            1826); // duplicate foreign key

    private static final Set<Integer> RETRIABLE = Set.of(
            1205, // lock wait timeout
            1213, // deadlock
            1040, // too many connections
            1927, // connection killed
            2006, 2013, // server gone away, lost connection
            1053); // server shutdown in progress

    private TargetErrors() {}

    public static SluiceException classify(SQLException e, String target, String user, String context) {
        int code = e.getErrorCode();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = e.getMessage();
        if (code == 1045) {
            return new SluiceException(ErrorCode.TARGET_AUTHENTICATION_FAILED,
                    "The target " + target + " rejected user '" + user + "': " + message,
                    "Check the user and password of target-database in the task file.", e);
        }
        if (code == 1142 || code == 1044 || code == 1227) {
            return new SluiceException(ErrorCode.TARGET_PRIVILEGE_MISSING,
                    "User '" + user + "' lacks a privilege on the target " + target + " " + context + ": " + message,
                    "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, INDEX ON the replicated schemas and the meta schema to this user.", e);
        }
        // the driver's exception classes are not reliable (it reports "No database selected" as a
        // transient connection error): decide by server error code and SQL state
        if (RETRIABLE.contains(code) || state.startsWith("08") || (code == 0 && e instanceof SQLNonTransientConnectionException)) {
            return new RetriableSluiceException(ErrorCode.TARGET_UNREACHABLE,
                    "Lost or could not open the connection to the target " + target + " " + context + ": " + message,
                    "Check that the target is running and reachable from this host. While it runs, Sluice retries with backoff; "
                            + "once stopped, running the task again continues from the last checkpoint.", e);
        }
        if (code == 1146) {
            return new SluiceException(ErrorCode.TARGET_TABLE_MISSING,
                    "A table is missing on the target " + target + " " + context + ": " + message,
                    "Create the table on the target with the source's rows, then resume. (A task-mode all task copies tables that "
                            + "joined its selection when it starts; a table it already replicated and that was dropped on the target must be restored by hand.)", e);
        }
        if (code == 1054 || code == 1136) {
            // unknown column, column count: a table that already existed on the target with another shape
            return new SluiceException(ErrorCode.TARGET_APPLY_FAILED,
                    "The target table differs from the source's: the target " + target + " rejected a change " + context + ": " + message,
                    "Make the target table's columns match the source's (ALTER TABLE on the target), or drop it and let Sluice create it "
                            + "(task-mode all, or loader drop-table-if-exists), then run the task again. If a filter rule or sql-skip kept a DDL "
                            + "on this table from the target, run that DDL on the target by hand, then run the task again.", e);
        }
        return new SluiceException(ErrorCode.TARGET_APPLY_FAILED,
                "The target " + target + " rejected a change " + context + ": " + message,
                "Make the target table match the source (a duplicate key means the target holds rows the source does not), then resume.", e);
    }
}
