package io.sluice.core.rule;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * SQL boolean expressions over a table's columns, evaluated with MySQL semantics, that decide
 * which rows of the table are replicated. Two dialects share this record:
 * <ul>
 * <li>dtle's {@code Where} ({@code where}): only rows for which it is TRUE are replicated; an
 * UPDATE whose row enters the predicate becomes an INSERT on the target, one that leaves it a
 * DELETE, so the target holds exactly the matching rows;</li>
 * <li>DM's {@code expression-filter}: rows for which {@code insertValueExpr} (inserts and copied
 * rows), {@code deleteValueExpr} (deletes) are TRUE are not replicated, and an UPDATE is not
 * replicated when the given update expressions are TRUE on its old and new values alike.</li>
 * </ul>
 */
public record RowPredicateRule(TableMatcher matcher, Optional<String> where, Optional<String> insertValueExpr,
        Optional<String> updateOldValueExpr, Optional<String> updateNewValueExpr, Optional<String> deleteValueExpr, String origin)
{
    public RowPredicateRule
    {
        requireNonNull(matcher, "matcher is null");
        requireNonNull(where, "where is null");
        requireNonNull(insertValueExpr, "insertValueExpr is null");
        requireNonNull(updateOldValueExpr, "updateOldValueExpr is null");
        requireNonNull(updateNewValueExpr, "updateNewValueExpr is null");
        requireNonNull(deleteValueExpr, "deleteValueExpr is null");
        requireNonNull(origin, "origin is null");
        if (where.isEmpty() && insertValueExpr.isEmpty() && updateOldValueExpr.isEmpty() && updateNewValueExpr.isEmpty() && deleteValueExpr.isEmpty()) {
            throw new IllegalArgumentException("a row predicate rule needs at least one expression");
        }
        if (where.isPresent() && (insertValueExpr.isPresent() || updateOldValueExpr.isPresent() || updateNewValueExpr.isPresent() || deleteValueExpr.isPresent())) {
            throw new IllegalArgumentException("a Where predicate cannot be combined with expression-filter expressions in one rule");
        }
    }

    public static RowPredicateRule where(TableMatcher matcher, String expression, String origin)
    {
        return new RowPredicateRule(matcher, Optional.of(expression), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), origin);
    }
}
