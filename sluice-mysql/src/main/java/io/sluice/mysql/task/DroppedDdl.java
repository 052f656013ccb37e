package io.sluice.mysql.task;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.DdlEvent;
import io.sluice.core.schema.TableId;
import io.sluice.mysql.ddl.DdlTables;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The DDL on replicated tables that this run did not execute on the target: dropped by a binlog
 * event filter ({@code Ignore}, DM's {@code sql-pattern}, dtle's {@code NoDDL...}) or skipped with
 * sql-skip. The source's schema moved on while the target's did not, so a later row naming a column
 * the target lacks fails with "Unknown column"; DM stops the same way, and this names the DDL behind
 * it and the fix, which the target's error alone cannot. Kept in memory for the run (a restarted run
 * says the generic cause, see {@code TargetErrors}); the latest statement per table, a few tables.
 */
final class DroppedDdl {
    private static final int MAX_TABLES = 16;
    /** MariaDB's unknown column and column count mismatch. */
    private static final int UNKNOWN_COLUMN = 1054;
    private static final int COLUMN_COUNT = 1136;

    private final Map<TableId, String> dropped = new LinkedHashMap<>();

    /** Records that {@code ddl}, logged at {@code position}, did not run on the target, and {@code why}. */
    void record(DdlEvent ddl, String position, String why) {
        requireNonNull(ddl, "ddl is null");
        for (TableId table : DdlTables.named(ddl)) {
            dropped.remove(table);
            dropped.put(table, "the DDL at " + position + " (" + why + "): " + ddl.sql());
            if (dropped.size() > MAX_TABLES) {
                dropped.remove(dropped.keySet().iterator().next());
            }
        }
    }

    /**
     * {@code failure} with the dropped DDL named, when the target rejected a row for a column it does
     * not have and this run dropped DDL; otherwise {@code failure} itself.
     */
    SluiceException explain(SluiceException failure) {
        requireNonNull(failure, "failure is null");
        if (dropped.isEmpty() || failure.errorCode() != ErrorCode.TARGET_APPLY_FAILED || !columnsRejected(failure)) {
            return failure;
        }
        StringJoiner list = new StringJoiner("; ");
        dropped.forEach((table, what) -> list.add(table + ": " + what));
        return new SluiceException(failure.errorCode(),
                failure.reason() + ". The task did not run DDL on the target that changed these source tables, likely the cause: " + list,
                "Run that DDL on the target by hand (with the target's table name), then run the task again (resume-task); "
                        + "to have later DDL like it replicated, remove or narrow the filter rule that dropped it.",
                failure);
    }

    private static boolean columnsRejected(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && (sql.getErrorCode() == UNKNOWN_COLUMN || sql.getErrorCode() == COLUMN_COUNT)) {
                return true;
            }
        }
        return false;
    }
}
