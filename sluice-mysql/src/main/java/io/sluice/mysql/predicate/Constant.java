package io.sluice.mysql.predicate;

import static java.util.Objects.requireNonNull;

import io.sluice.core.event.Row;

/**
 * A value computed when the expression was bound: a literal, or a folded constant subexpression
 * ({@code computed}), which MariaDB evaluates once and caches.
 */
record Constant(SqlType type, Object value, boolean computed) implements Eval {
    Constant {
        requireNonNull(type, "type is null");
    }

    Constant(SqlType type, Object value) {
        this(type, value, false);
    }

    @Override
    public Object eval(Row row) {
        return value;
    }

    @Override
    public boolean isConstant() {
        return true;
    }

    @Override
    public boolean nullable() {
        return value == null;
    }
}
