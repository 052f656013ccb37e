package io.sluice.core.task;

import static java.util.Objects.requireNonNull;

/**
 * A table pattern in a block-allow-list rule, exactly as written: each part is a name, a wildcard
 * ({@code *} at the end, {@code ?}, {@code [a-z]}) or, when it starts with {@code ~}, a regular
 * expression. See {@link NamePattern} for how each part matches.
 */
public record TableRef(String database, String table)
{
    public TableRef
    {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
        if (database.isEmpty() || table.isEmpty()) {
            // DM requires both db-name and tbl-name; an empty part would match nothing or everything
            // depending on the matcher, so it is rejected instead of guessed.
            throw new IllegalArgumentException("table pattern needs both a database and a table: '" + database + "'.'" + table + "'");
        }
    }

    @Override
    public String toString()
    {
        return database + "." + table;
    }
}
