package io.sluice.mysql.task;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * DDL to run on the target once, as DM's {@code sql-inject} says it: the statements are executed,
 * in order, right before the next source transaction is applied, as if they were a binlog event of
 * their own (the checkpoint does not move for them). Only schema changes are accepted, for the same
 * reason as in {@link SqlOperator}.
 *
 * @param id names the injection for listing, removing and its consumption; unique for the life of the task
 */
public record SqlInjection(String id, List<String> statements) {
    public static final String COMMAND = "sql-inject";
    public static final int MAX_ID_LENGTH = SqlOperator.MAX_ID_LENGTH;

    public SqlInjection {
        requireNonNull(id, "id is null");
        statements = List.copyOf(requireNonNull(statements, "statements is null"));
        if (id.isBlank() || id.length() > MAX_ID_LENGTH || id.chars().anyMatch(Character::isISOControl)) {
            // the id is recorded in the meta schema (sql_operator.operator_id, ddl_journal.txn_id)
            throw new IllegalArgumentException("id must be 1 to " + MAX_ID_LENGTH + " characters, none of them control characters: '" + id + "'");
        }
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("sql-inject needs at least one statement");
        }
        statements.forEach(statement -> SqlStatements.requireDdl(statement, COMMAND));
    }

    /** The injection of {@code "SQL1; SQL2;"} as the DBA typed it. */
    public static SqlInjection parse(String id, String text) {
        return new SqlInjection(id, SqlStatements.parseDdl(text, COMMAND));
    }

    public String describe() {
        return COMMAND + " \"" + String.join("; ", statements) + ";\" (id " + id + ")";
    }
}
