package io.sluice.mysql.predicate;

import static java.util.Objects.requireNonNull;

import io.sluice.core.event.Row;
import io.sluice.mysql.predicate.Node.IsTest;

import java.math.BigDecimal;

/**
 * Three-valued logic as MySQL evaluates it: AND and OR stop at the first operand that decides
 * them (so a later operand's error is never raised); XOR, NOT, IS TRUE/FALSE and IF read their
 * operands as booleans ({@code val_bool}: non-zero; strings through their numeric prefix).
 */
final class Logic {
    private Logic() {}

    /** val_bool of any operand that has a numeric value. */
    static Condition truth(Eval e) {
        if (e instanceof Condition condition) {
            return condition;
        }
        return switch (e.type().kind()) {
            case NULL -> Condition.constant(Truth.UNKNOWN);
            case INT -> new ValueTruth(e, v -> (Long) v != 0);
            case DECIMAL -> new ValueTruth(e, v -> ((BigDecimal) v).signum() != 0);
            case DOUBLE -> new ValueTruth(e, v -> (Double) v != 0.0);
            case STRING -> new ValueTruth(Conversions.toDouble(e), v -> (Double) v != 0.0);
            case DATE, DATETIME, TIME -> throw new IllegalArgumentException("a " + e.type().describe()
                    + " value is not a condition; compare it with something");
        };
    }

    /**
     * AND; in the WHERE clause's own AND/OR tree ({@code whereTree}) the optimizer replaces a
     * conjunction with a constant FALSE operand by FALSE, so the other operand is never evaluated
     * (nor its errors raised).
     */
    static Condition and(Condition left, Condition right, boolean whereTree) {
        if (whereTree && (isConstant(left, Truth.FALSE) || isConstant(right, Truth.FALSE))) {
            return Condition.constant(Truth.FALSE);
        }
        return new Binary(left, right) {
            @Override
            Truth test(Row row) {
                Truth first = left.test(row);
                return first == Truth.FALSE ? Truth.FALSE : first.and(right.test(row));
            }
        };
    }

    /** OR; in the WHERE clause's AND/OR tree a constant TRUE operand makes it TRUE without evaluating the other. */
    static Condition or(Condition left, Condition right, boolean whereTree) {
        if (whereTree && (isConstant(left, Truth.TRUE) || isConstant(right, Truth.TRUE))) {
            return Condition.constant(Truth.TRUE);
        }
        return new Binary(left, right) {
            @Override
            Truth test(Row row) {
                Truth first = left.test(row);
                return first == Truth.TRUE ? Truth.TRUE : first.or(right.test(row));
            }
        };
    }

    private static boolean isConstant(Condition condition, Truth truth) {
        if (!condition.isConstant()) {
            return false;
        }
        try {
            return condition.test(null) == truth;
        }
        catch (SqlError e) {
            return false;
        }
    }

    /** XOR of the operands as booleans; NULL as soon as one is (the second is then not evaluated). */
    static Condition xor(Condition left, Condition right) {
        return new Binary(left, right) {
            @Override
            Truth test(Row row) {
                Truth first = left.test(row);
                return first == Truth.UNKNOWN ? Truth.UNKNOWN : first.xor(right.test(row));
            }
        };
    }

    static Condition not(Condition operand) {
        return new Condition() {
            @Override
            Truth test(Row row) {
                return operand.test(row).not();
            }

            @Override
            public boolean isConstant() {
                return operand.isConstant();
            }

            @Override
            public boolean nullable() {
                return operand.nullable();
            }
        };
    }

    /** IS [NOT] TRUE/FALSE/UNKNOWN: never UNKNOWN itself. */
    static Condition is(Condition operand, IsTest test, boolean negated) {
        requireNonNull(test, "test is null");
        Truth expected = switch (test) {
            case TRUE -> Truth.TRUE;
            case FALSE -> Truth.FALSE;
            case NULL, UNKNOWN -> Truth.UNKNOWN;
        };
        return new Condition() {
            @Override
            Truth test(Row row) {
                return Truth.of((operand.test(row) == expected) != negated);
            }

            @Override
            public boolean isConstant() {
                return operand.isConstant();
            }

            @Override
            public boolean nullable() {
                return false;
            }
        };
    }

    /**
     * IS [NOT] NULL of any value. MariaDB's IS NULL of a value that cannot be NULL is a constant
     * FALSE and the value is never computed; its IS NOT NULL has no such shortcut.
     */
    static Condition isNull(Eval operand, boolean negated) {
        if (!negated && !operand.nullable()) {
            return Condition.constant(Truth.FALSE);
        }
        return new Condition() {
            @Override
            Truth test(Row row) {
                return Truth.of((operand.eval(row) == null) != negated);
            }

            @Override
            public boolean isConstant() {
                return operand.isConstant();
            }

            @Override
            public boolean nullable() {
                return false;
            }
        };
    }

    private abstract static class Binary extends Condition {
        private final Condition left;
        private final Condition right;

        Binary(Condition left, Condition right) {
            this.left = requireNonNull(left, "left is null");
            this.right = requireNonNull(right, "right is null");
        }

        @Override
        public boolean isConstant() {
            return left.isConstant() && right.isConstant();
        }

        @Override
        public boolean nullable() {
            return left.nullable() || right.nullable();
        }
    }

    private static final class ValueTruth extends Condition {
        private final Eval value;
        private final java.util.function.Predicate<Object> nonZero;

        ValueTruth(Eval value, java.util.function.Predicate<Object> nonZero) {
            this.value = requireNonNull(value, "value is null");
            this.nonZero = requireNonNull(nonZero, "nonZero is null");
        }

        @Override
        Truth test(Row row) {
            Object v = value.eval(row);
            return v == null ? Truth.UNKNOWN : Truth.of(nonZero.test(v));
        }

        @Override
        public boolean isConstant() {
            return value.isConstant();
        }

        @Override
        public boolean nullable() {
            return value.nullable();
        }
    }
}
