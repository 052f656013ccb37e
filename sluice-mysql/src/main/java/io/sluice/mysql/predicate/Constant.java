package io.sluice.mysql.predicate;

import static java.util.Objects.requireNonNull;

import io.sluice.core.event.Row;

/** A value computed when the expression was bound: a literal, or a folded constant subexpression. */
record Constant(SqlType type, Object value) implements Eval {
    Constant {
        requireNonNull(type, "type is null");
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
