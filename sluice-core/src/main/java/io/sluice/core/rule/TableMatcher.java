package io.sluice.core.rule;

import io.sluice.core.task.NamePattern;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A schema pattern and an optional table pattern, the "which tables" part of every rule: routes,
 * filters, column mappings and row predicates. Without a table pattern the matcher is a schema-level
 * rule that matches every table of the matching schemas.
 */
public record TableMatcher(NamePattern schema, Optional<NamePattern> table)
{
    public TableMatcher
    {
        requireNonNull(schema, "schema is null");
        requireNonNull(table, "table is null");
    }

    public static TableMatcher of(NamePattern schema, NamePattern table)
    {
        return new TableMatcher(schema, Optional.ofNullable(table));
    }

    public boolean matchesSchema(String database)
    {
        return schema.matches(database);
    }

    /** Whether the table matches; a schema-level matcher matches every table of its schemas. */
    public boolean matches(String database, String tableName)
    {
        return schema.matches(database) && table.map(pattern -> pattern.matches(tableName)).orElse(true);
    }

    public boolean isSchemaLevel()
    {
        return table.isEmpty();
    }

    @Override
    public String toString()
    {
        return schema + table.map(pattern -> "." + pattern).orElse("");
    }
}
