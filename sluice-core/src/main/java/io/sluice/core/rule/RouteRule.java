package io.sluice.core.rule;

import io.sluice.core.schema.TableId;
import io.sluice.core.task.NamePattern;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One table route: tables matching {@code matcher} are written to {@code targetSchema} and
 * {@code targetTable} on the target. An empty target keeps the source's name for that part. When a
 * pattern is a regular expression, its target is a rename template whose {@code ${1}} refers to the
 * pattern's groups (dtle's {@code TableSchemaRegex}/{@code TableRegex}); for wildcards and names it is
 * the literal new name (DM's routes). {@code origin} says where the rule was written, for errors.
 */
public record RouteRule(TableMatcher matcher, Optional<String> targetSchema, Optional<String> targetTable, String origin)
{
    public RouteRule
    {
        requireNonNull(matcher, "matcher is null");
        requireNonNull(targetSchema, "targetSchema is null");
        requireNonNull(targetTable, "targetTable is null");
        requireNonNull(origin, "origin is null");
        if (matcher.isSchemaLevel() && targetTable.isPresent()) {
            throw new IllegalArgumentException("a route without a table pattern cannot name a target table");
        }
        if (targetSchema.filter(String::isEmpty).isPresent() || targetTable.filter(String::isEmpty).isPresent()) {
            throw new IllegalArgumentException("a route target is empty");
        }
    }

    public boolean matches(TableId table)
    {
        return matcher.matches(table.database(), table.table());
    }

    /** The target of a table this rule matches. */
    public TableId apply(TableId table)
    {
        return new TableId(renameSchema(table.database()),
                targetTable.map(template -> matcher.table().orElseThrow().rename(table.table(), template)).orElse(table.table()));
    }

    /**
     * Whether the rule can send two source tables to one target table: a literal target reached
     * from a wildcard or regular expression, as when DM merges shards. A regex target built from
     * the match's groups is taken as one-to-one.
     */
    public boolean mayMerge()
    {
        boolean schemaMerges = targetSchema.isPresent() && !matcher.schema().isExactName() && !(matcher.schema().isRegex() && targetSchema.get().contains("$"));
        if (matcher.isSchemaLevel()) {
            return schemaMerges;
        }
        NamePattern table = matcher.table().orElseThrow();
        boolean tableMerges = targetTable.isPresent() && !table.isExactName() && !(table.isRegex() && targetTable.get().contains("$"));
        return schemaMerges || tableMerges;
    }

    /** The target name of a schema this rule's schema pattern matches. */
    public String renameSchema(String database)
    {
        return targetSchema.map(template -> matcher.schema().rename(database, template)).orElse(database);
    }
}
