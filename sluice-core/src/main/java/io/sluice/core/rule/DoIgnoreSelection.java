package io.sluice.core.rule;

import io.sluice.core.task.BlockAllowList;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * dtle's table selection: {@code ReplicateDoDb} lists what to replicate (everything when empty),
 * {@code ReplicateIgnoreDb} what to leave out, and an ignore always wins over a do. A schema-level
 * ignore hides the database itself; an ignore naming tables hides only those tables, so the
 * database is still created on the target (dtle's "only the structure of db1" example). A do entry
 * naming tables selects its database and those tables only.
 */
public record DoIgnoreSelection(List<TableMatcher> doRules, List<TableMatcher> ignoreRules) implements TableSelector
{
    public DoIgnoreSelection
    {
        doRules = List.copyOf(requireNonNull(doRules, "doRules is null"));
        ignoreRules = List.copyOf(requireNonNull(ignoreRules, "ignoreRules is null"));
    }

    @Override
    public boolean allowsDatabase(String database)
    {
        requireNonNull(database, "database is null");
        if (BlockAllowList.isSystemSchema(database)) {
            return false;
        }
        for (TableMatcher ignore : ignoreRules) {
            if (ignore.isSchemaLevel() && ignore.matchesSchema(database)) {
                return false;
            }
        }
        if (doRules.isEmpty()) {
            return true;
        }
        for (TableMatcher rule : doRules) {
            if (rule.matchesSchema(database)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean allowsTable(String database, String table)
    {
        requireNonNull(table, "table is null");
        if (!allowsDatabase(database)) {
            return false;
        }
        for (TableMatcher ignore : ignoreRules) {
            if (ignore.matches(database, table)) {
                return false;
            }
        }
        if (doRules.isEmpty()) {
            return true;
        }
        for (TableMatcher rule : doRules) {
            if (rule.matches(database, table)) {
                return true;
            }
        }
        return false;
    }
}
