package io.sluice.core.schema;

import static java.util.Objects.requireNonNull;

/** A table's database (schema) and name, as the source names it. */
public record TableId(String database, String table) {
    public TableId {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
        if (database.isEmpty() || table.isEmpty()) {
            throw new IllegalArgumentException("database and table names must not be empty: '" + database + "'.'" + table + "'");
        }
    }

    /** {@code `db`.`table`} with backticks escaped, ready to put into SQL. */
    public String quoted() {
        return quote(database) + "." + quote(table);
    }

    public static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    @Override
    public String toString() {
        return database + "." + table;
    }
}
