package io.sluice.mysql.predicate;

import io.sluice.core.event.Row;

/**
 * A bound expression: its static {@link SqlType} is fixed when the expression is bound to a table,
 * and {@link #eval} computes its value for one row image, {@code null} standing for SQL NULL.
 */
interface Eval {
    SqlType type();

    Object eval(Row row);

    /** Whether the value is the same for every row (no column is read), so binding may compute it once. */
    boolean isConstant();

    /**
     * Whether the value can be NULL (MySQL's {@code maybe_null}); {@code IS NULL} of an expression
     * that cannot be is FALSE without evaluating it, as in the server. True unless known otherwise.
     */
    default boolean nullable() {
        return true;
    }
}
