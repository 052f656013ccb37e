package io.sluice.mysql.predicate;

import static java.util.Objects.requireNonNull;

import io.sluice.core.event.Row;

/**
 * An expression whose value is a truth value: comparisons, IN, BETWEEN, LIKE, IS and the logical
 * operators. In a numeric context MySQL sees it as the signed integer 1, 0 or NULL.
 */
abstract class Condition implements Eval {
    abstract Truth test(Row row);

    @Override
    public final SqlType type() {
        return SqlType.SIGNED;
    }

    @Override
    public final Object eval(Row row) {
        return test(row).toInteger();
    }

    /** A fixed truth value, for conditions folded when the expression is bound. */
    static Condition constant(Truth truth) {
        return new Fixed(truth);
    }

    private static final class Fixed extends Condition {
        private final Truth truth;

        Fixed(Truth truth) {
            this.truth = requireNonNull(truth, "truth is null");
        }

        @Override
        Truth test(Row row) {
            return truth;
        }

        @Override
        public boolean isConstant() {
            return true;
        }

        @Override
        public boolean nullable() {
            return truth == Truth.UNKNOWN;
        }
    }
}
