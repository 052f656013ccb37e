package io.sluice.core.event;

import static java.util.Objects.requireNonNull;

/**
 * A statement that changes schema (CREATE/ALTER/DROP/RENAME/TRUNCATE...), with the default
 * database it ran in (empty when none was selected), exactly as the source logged it.
 */
public record DdlEvent(String database, String sql) implements ChangeEvent {
    public DdlEvent {
        requireNonNull(database, "database is null");
        requireNonNull(sql, "sql is null");
        if (sql.isBlank()) {
            throw new IllegalArgumentException("DDL statement is empty");
        }
    }
}
