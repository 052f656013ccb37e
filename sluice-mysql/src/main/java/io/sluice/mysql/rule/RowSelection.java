package io.sluice.mysql.rule;

import io.sluice.core.event.Row;
import io.sluice.core.rule.RowPredicateRule;
import io.sluice.core.schema.TableSchema;
import io.sluice.mysql.predicate.BoundExpression;
import io.sluice.mysql.predicate.RowExpression;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The row predicates of one table, bound to its columns: dtle's {@code Where} (rows kept when it
 * is TRUE; several are ANDed) and DM's expression filters (rows dropped when theirs are TRUE). The
 * snapshot pushes the same expressions into its SELECT, which is why {@link #snapshotWhere()} is
 * derived from the very expressions {@link #keeps} and {@link #ignoresInsert} evaluate.
 */
final class RowSelection {
    private final List<BoundExpression> where;
    private final List<IgnoreRule> ignoreRules;

    private RowSelection(List<BoundExpression> where, List<IgnoreRule> ignoreRules) {
        this.where = List.copyOf(where);
        this.ignoreRules = List.copyOf(ignoreRules);
    }

    /** The selection for a table, or empty when no predicate applies to it. */
    static Optional<RowSelection> of(List<RowPredicateRule> rules, TableSchema table) {
        List<BoundExpression> where = new ArrayList<>();
        List<IgnoreRule> ignore = new ArrayList<>();
        for (RowPredicateRule rule : rules) {
            if (!rule.matcher().matches(table.id().database(), table.id().table())) {
                continue;
            }
            rule.where().ifPresent(text -> where.add(bind(text, table)));
            if (rule.where().isEmpty()) {
                ignore.add(new IgnoreRule(bind(rule.insertValueExpr(), table), bind(rule.updateOldValueExpr(), table),
                        bind(rule.updateNewValueExpr(), table), bind(rule.deleteValueExpr(), table)));
            }
        }
        return where.isEmpty() && ignore.isEmpty() ? Optional.empty() : Optional.of(new RowSelection(where, ignore));
    }

    /** Whether the row lies inside every {@code Where} predicate. */
    boolean keeps(Row row) {
        for (BoundExpression expression : where) {
            if (!expression.isTrue(row)) {
                return false;
            }
        }
        return true;
    }

    boolean ignoresInsert(Row after) {
        for (IgnoreRule rule : ignoreRules) {
            if (rule.insert != null && rule.insert.isTrue(after)) {
                return true;
            }
        }
        return false;
    }

    boolean ignoresDelete(Row before) {
        for (IgnoreRule rule : ignoreRules) {
            if (rule.delete != null && rule.delete.isTrue(before)) {
                return true;
            }
        }
        return false;
    }

    /** As DM: an UPDATE is dropped when a rule's old-value and new-value expressions (those it has) are both TRUE. */
    boolean ignoresUpdate(Row before, Row after) {
        for (IgnoreRule rule : ignoreRules) {
            if (rule.updateOld == null && rule.updateNew == null) {
                continue;
            }
            if ((rule.updateOld == null || rule.updateOld.isTrue(before)) && (rule.updateNew == null || rule.updateNew.isTrue(after))) {
                return true;
            }
        }
        return false;
    }

    /** The condition a copied row (an insert) must meet, as SQL for the source, or null for every row. */
    String snapshotWhere() {
        StringJoiner conditions = new StringJoiner(" AND ");
        for (BoundExpression expression : where) {
            conditions.add("(" + expression.sql() + ") IS TRUE");
        }
        for (IgnoreRule rule : ignoreRules) {
            if (rule.insert != null) {
                conditions.add("NOT ((" + rule.insert.sql() + ") IS TRUE)");
            }
        }
        return conditions.length() == 0 ? null : conditions.toString();
    }

    private static BoundExpression bind(String text, TableSchema table) {
        return RowExpression.parse(text).bind(table);
    }

    private static BoundExpression bind(Optional<String> text, TableSchema table) {
        return text.map(value -> bind(value, table)).orElse(null);
    }

    /** One DM expression-filter entry; null where the entry has no such expression. */
    private record IgnoreRule(BoundExpression insert, BoundExpression updateOld, BoundExpression updateNew, BoundExpression delete) {
    }
}
