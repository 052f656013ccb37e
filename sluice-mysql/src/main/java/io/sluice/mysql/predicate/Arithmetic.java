package io.sluice.mysql.predicate;

import static java.util.Objects.requireNonNull;

import io.sluice.core.event.Row;
import io.sluice.mysql.predicate.Node.ArithmeticOp;
import io.sluice.mysql.predicate.SqlType.Kind;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * MySQL arithmetic. Integers stay 64-bit and unsigned when an operand is, and a result outside the
 * result type's range is an error, as in the server (so the source's SELECT fails too); DECIMAL
 * is exact, with MariaDB's digits for division (the quotient is cut after a whole number of
 * nine-digit groups, at least the dividend's scale + 4); DOUBLE is IEEE with overflow as an error;
 * division and modulo by zero give NULL. Strings take part as DOUBLE.
 */
final class Arithmetic {
    static final int DIV_PRECISION_INCREMENT = 4;
    private static final int FLOATING_POINT_DECIMALS = 31;
    private static final int MAX_SCALE = 38;

    private Arithmetic() {}

    /** The kind the operation is computed in (Item_num_op's type aggregation). */
    static Kind kind(ArithmeticOp op, SqlType left, SqlType right) {
        for (SqlType type : new SqlType[] {left, right}) {
            if (type.isTemporal()) {
                throw new IllegalArgumentException("arithmetic on " + type.describe() + " values is not supported; "
                        + "use YEAR(), MONTH(), DAYOFMONTH() or compare with a date");
            }
        }
        Kind a = left.isNull() ? Kind.INT : left.kind();
        Kind b = right.isNull() ? Kind.INT : right.kind();
        if (a == Kind.DOUBLE || b == Kind.DOUBLE || a == Kind.STRING || b == Kind.STRING) {
            return Kind.DOUBLE;
        }
        if (a == Kind.INT && b == Kind.INT) {
            return op == ArithmeticOp.DIVIDE ? Kind.DECIMAL : Kind.INT;
        }
        return Kind.DECIMAL;
    }

    static Eval of(ArithmeticOp op, Eval leftOperand, Eval rightOperand, String sql) {
        Eval left = Conversions.numericOperand(leftOperand);
        Eval right = Conversions.numericOperand(rightOperand);
        Kind kind = kind(op, left.type(), right.type());
        if (op == ArithmeticOp.INTEGER_DIVIDE) {
            if (kind == Kind.DOUBLE) {
                throw new IllegalArgumentException("DIV of FLOAT, DOUBLE or string operands goes through an inexact DECIMAL "
                        + "conversion; use FLOOR(a / b) or exact operands");
            }
            boolean unsigned = left.type().unsigned() || right.type().unsigned();
            return kind == Kind.INT ? new IntegerOp(op, left, right, unsigned, sql) : new DecimalDiv(Conversions.toDecimal(left),
                    Conversions.toDecimal(right), unsigned, sql);
        }
        return switch (kind) {
            case INT -> {
                boolean unsigned = op == ArithmeticOp.MODULO ? left.type().unsigned() : left.type().unsigned() || right.type().unsigned();
                yield new IntegerOp(op, left, right, unsigned, sql);
            }
            case DECIMAL -> new DecimalOp(op, Conversions.toDecimal(left), Conversions.toDecimal(right), decimalScale(op, left.type(), right.type()));
            default -> {
                int decimals = Math.max(left.type().realDecimals(), right.type().realDecimals());
                // a DOUBLE quotient of operands with fixed decimals gets 4 more, at most FLOATING_POINT_DECIMALS (31)
                yield new DoubleOp(op, Conversions.toDouble(left), Conversions.toDouble(right), sql,
                        op == ArithmeticOp.DIVIDE && decimals < SqlType.NOT_FIXED
                                ? Math.min(decimals + DIV_PRECISION_INCREMENT, FLOATING_POINT_DECIMALS) : decimals);
            }
        };
    }

    /** The decimals MariaDB gives the result: max for + - %, the sum for *, dividend + 4 for /. */
    private static int decimalScale(ArithmeticOp op, SqlType left, SqlType right) {
        int a = left.kind() == Kind.DECIMAL ? left.scale() : 0;
        int b = right.kind() == Kind.DECIMAL ? right.scale() : 0;
        return switch (op) {
            case MULTIPLY -> Math.min(a + b, MAX_SCALE);
            case DIVIDE -> Math.min(a + DIV_PRECISION_INCREMENT, MAX_SCALE);
            default -> Math.max(a, b);
        };
    }

    static Eval negate(Eval value, String sql) {
        Eval operand = Conversions.numericOperand(value);
        return switch (operand.type().kind()) {
            case INT -> {
                if (operand.isConstant() && operand.type().unsigned()) {
                    Long constant = (Long) operand.eval(null);
                    if (constant != null && Long.compareUnsigned(constant, Long.MIN_VALUE) > 0) {
                        // MySQL turns the negation of an unsigned constant beyond 2^63 into DECIMAL
                        yield new Constant(SqlType.decimal(0), new BigDecimal(Conversions.unsignedToBig(constant).negate()));
                    }
                }
                boolean unsigned = operand.type().unsigned();
                yield Conversions.map(operand, SqlType.SIGNED, v -> {
                    long x = (Long) v;
                    if (unsigned && x == Long.MIN_VALUE) {
                        return Long.MIN_VALUE;
                    }
                    if ((unsigned && x < 0) || (!unsigned && x == Long.MIN_VALUE)) {
                        throw SqlError.outOfRange("BIGINT", sql);
                    }
                    return -x;
                });
            }
            case DECIMAL -> Conversions.map(operand, operand.type(), v -> ((BigDecimal) v).negate());
            case NULL -> new Constant(SqlType.SIGNED, null);
            case DOUBLE, STRING -> Conversions.map(Conversions.toDouble(operand), SqlType.real(operand.type().realDecimals()), v -> -(Double) v);
            default -> throw new IllegalArgumentException("cannot negate " + operand.type().describe() + " values");
        };
    }

    /** ABS(): INT keeps its signedness (ABS of -2^63 is an error), DECIMAL its scale, strings become DOUBLE. */
    static Eval abs(Eval value, String sql) {
        Eval operand = Conversions.numericOperand(value);
        return switch (operand.type().kind()) {
            case INT -> {
                if (operand.type().unsigned()) {
                    yield Conversions.asFunctionResult(operand);
                }
                yield Conversions.map(operand, SqlType.SIGNED, v -> {
                    long x = (Long) v;
                    if (x == Long.MIN_VALUE) {
                        throw SqlError.outOfRange("BIGINT", sql);
                    }
                    return Math.abs(x);
                });
            }
            case DECIMAL -> Conversions.map(operand, operand.type(), v -> Decimals.normalized(((BigDecimal) v).abs()));
            case NULL -> new Constant(SqlType.SIGNED, null);
            case DOUBLE, STRING -> Conversions.map(Conversions.toDouble(operand), SqlType.real(operand.type().realDecimals()), v -> Math.abs((Double) v));
            default -> throw new IllegalArgumentException("ABS of " + operand.type().describe() + " values is not supported");
        };
    }

    /** decimal_div: the quotient truncated to ROUND_UP9(frac1) + ROUND_UP9(frac2) + the unused part of the increment, in whole 9-digit words. */
    static BigDecimal divide(BigDecimal a, BigDecimal b) {
        int f1 = Math.max(a.scale(), 0);
        int f2 = Math.max(b.scale(), 0);
        int frac1 = roundUp9(f1);
        int frac2 = roundUp9(f2);
        int increment = Math.max(0, DIV_PRECISION_INCREMENT - (frac1 - f1) - (frac2 - f2));
        int digits = roundUp9(frac1 + frac2 + increment);
        BigDecimal quotient = a.divide(b, digits, RoundingMode.DOWN);
        // a quotient cut to zero keeps the sign: 1 / -2147483648 is -0.000000000, which IN sees below 0
        return quotient.signum() == 0 && a.signum() != 0 && a.signum() != b.signum() ? new Decimals.NegativeZero(digits) : quotient;
    }

    /**
     * decimal_mod: the sign of the dividend, even when the remainder is zero, if it has decimals
     * (-1.0 % 1 is -0.0, but -1 % 1 is 0).
     */
    private static BigDecimal remainder(BigDecimal x, BigDecimal y) {
        int scale = Math.max(x.scale(), y.scale());
        BigDecimal r = x.remainder(y).setScale(scale, RoundingMode.UNNECESSARY);
        return r.signum() == 0 && x.signum() < 0 && scale > 0 ? new Decimals.NegativeZero(scale) : r;
    }

    private static int roundUp9(int digits) {
        return (digits + 8) / 9 * 9;
    }

    private abstract static class BinaryOp implements Eval {
        final Eval left;
        final Eval right;

        BinaryOp(Eval left, Eval right) {
            this.left = requireNonNull(left, "left is null");
            this.right = requireNonNull(right, "right is null");
        }

        @Override
        public Object eval(Row row) {
            Object a = left.eval(row);
            if (a == null) {
                return null;
            }
            Object b = right.eval(row);
            return b == null ? null : apply(a, b);
        }

        abstract Object apply(Object a, Object b);

        @Override
        public boolean isConstant() {
            return left.isConstant() && right.isConstant();
        }
    }

    private static final class IntegerOp extends BinaryOp {
        private final ArithmeticOp op;
        private final boolean unsignedA;
        private final boolean unsignedB;
        private final boolean unsigned;
        private final String sql;

        IntegerOp(ArithmeticOp op, Eval left, Eval right, boolean unsigned, String sql) {
            super(Conversions.toInteger(left, left.type().unsigned()), Conversions.toInteger(right, right.type().unsigned()));
            this.op = requireNonNull(op, "op is null");
            this.unsignedA = left.type().unsigned();
            this.unsignedB = right.type().unsigned();
            this.unsigned = unsigned;
            this.sql = requireNonNull(sql, "sql is null");
        }

        @Override
        public SqlType type() {
            return SqlType.integer(unsigned);
        }

        /** Item_func_plus/minus/mul/int_div/mod::int_op of MariaDB, including where they differ from exact arithmetic. */
        @Override
        Object apply(Object a, Object b) {
            long x = (Long) a;
            long y = (Long) b;
            return switch (op) {
                case ADD -> add(x, y);
                case SUBTRACT -> subtract(x, y);
                case MULTIPLY -> multiply(x, y);
                case INTEGER_DIVIDE -> y == 0 ? null : divide(x, y);
                case MODULO -> {
                    if (y == 0) {
                        yield null;
                    }
                    // the sign follows the dividend
                    boolean negative = !unsignedA && x < 0;
                    long r = Long.remainderUnsigned(abs(x, unsignedA), abs(y, unsignedB));
                    yield check(negative ? -r : r, !negative);
                }
                default -> throw new IllegalStateException("not an integer operation: " + op);
            };
        }

        private long add(long x, long y) {
            boolean resultUnsigned = false;
            if (unsignedA) {
                if (unsignedB || y >= 0) {
                    overflowIf(sumOverflows(x, y));
                    resultUnsigned = true;
                }
                else if (x < 0) {
                    resultUnsigned = true;
                }
            }
            else if (unsignedB) {
                if (x >= 0) {
                    overflowIf(sumOverflows(x, y));
                    resultUnsigned = true;
                }
                else if (y < 0) {
                    resultUnsigned = true;
                }
            }
            else if (x >= 0 && y >= 0) {
                resultUnsigned = true;
            }
            else {
                overflowIf(x < 0 && y < 0 && x < Long.MIN_VALUE - y);
            }
            return check(x + y, resultUnsigned);
        }

        private long subtract(long x, long y) {
            boolean resultUnsigned = false;
            if (unsignedA) {
                if (unsignedB) {
                    overflowIf(Long.compareUnsigned(x, y) < 0);
                    resultUnsigned = true;
                }
                else if (y >= 0) {
                    resultUnsigned = Long.compareUnsigned(x, y) > 0;
                }
                else {
                    overflowIf(sumOverflows(x, -y));
                    resultUnsigned = true;
                }
            }
            else if (unsignedB) {
                overflowIf(Long.compareUnsigned(x - Long.MIN_VALUE, y) < 0);
            }
            else if (x > 0 && y < 0) {
                resultUnsigned = true;
            }
            else {
                // 0 - (-2^63) is not caught here and wraps to -2^63, as in MariaDB
                overflowIf(x < 0 && y > 0 && x < Long.MIN_VALUE + y);
            }
            return check(x - y, resultUnsigned);
        }

        private long multiply(long x, long y) {
            boolean negativeA = !unsignedA && x < 0;
            boolean negativeB = !unsignedB && y < 0;
            long ax = negativeA ? -x : x;
            long ay = negativeB ? -y : y;
            overflowIf(Math.unsignedMultiplyHigh(ax, ay) != 0);
            long product = ax * ay;
            if (negativeA != negativeB) {
                // a magnitude of 2^63 + 1 passes this check and wraps, as in MariaDB
                overflowIf(Long.compareUnsigned(product, Long.MIN_VALUE + 1) > 0);
                return check(-product, false);
            }
            return check(product, true);
        }

        private long divide(long x, long y) {
            boolean negative = (!unsignedA && x < 0) != (!unsignedB && y < 0);
            long quotient = Long.divideUnsigned(abs(x, unsignedA), abs(y, unsignedB));
            if (negative) {
                // even -2^63 is refused: MariaDB checks the magnitude against 2^63 - 1
                overflowIf(quotient < 0);
                return check(-quotient, false);
            }
            return check(quotient, true);
        }

        private static long abs(long x, boolean unsigned) {
            return unsigned || x >= 0 ? x : -x;
        }

        private static boolean sumOverflows(long x, long y) {
            return Long.compareUnsigned(x + y, x) < 0;
        }

        private void overflowIf(boolean overflow) {
            if (overflow) {
                throw SqlError.outOfRange(unsigned ? "BIGINT UNSIGNED" : "BIGINT", sql);
            }
        }

        /** check_integer_overflow: the 64 bits read as signed or unsigned must fit the result type. */
        private long check(long value, boolean valueUnsigned) {
            if (unsigned ? !valueUnsigned && value < 0 : valueUnsigned && value < 0) {
                throw SqlError.outOfRange(unsigned ? "BIGINT UNSIGNED" : "BIGINT", sql);
            }
            return value;
        }
    }

    private static final class DecimalOp extends BinaryOp {
        private final ArithmeticOp op;
        private final SqlType type;

        DecimalOp(ArithmeticOp op, Eval left, Eval right, int scale) {
            super(left, right);
            this.op = requireNonNull(op, "op is null");
            this.type = SqlType.decimal(scale);
        }

        @Override
        public SqlType type() {
            return type;
        }

        @Override
        Object apply(Object a, Object b) {
            BigDecimal x = (BigDecimal) a;
            BigDecimal y = (BigDecimal) b;
            return switch (op) {
                case ADD -> x.add(y);
                case SUBTRACT -> x.subtract(y);
                case MULTIPLY -> x.multiply(y);
                case DIVIDE -> y.signum() == 0 ? null : divide(x, y);
                case MODULO -> y.signum() == 0 ? null : remainder(x, y);
                default -> throw new IllegalStateException("not a decimal operation: " + op);
            };
        }
    }

    /** a DIV b with a DECIMAL operand: the truncated quotient as an integer. */
    private static final class DecimalDiv extends BinaryOp {
        private static final BigInteger UNSIGNED_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

        private final boolean unsigned;
        private final String sql;

        DecimalDiv(Eval left, Eval right, boolean unsigned, String sql) {
            super(left, right);
            this.unsigned = unsigned;
            this.sql = sql;
        }

        @Override
        public SqlType type() {
            return SqlType.integer(unsigned);
        }

        @Override
        Object apply(Object a, Object b) {
            BigDecimal y = (BigDecimal) b;
            if (y.signum() == 0) {
                return null;
            }
            BigInteger q = ((BigDecimal) a).divideToIntegralValue(y).toBigInteger();
            if (unsigned ? q.signum() < 0 || q.compareTo(UNSIGNED_MAX) > 0 : q.bitLength() > 63) {
                throw SqlError.outOfRange(unsigned ? "BIGINT UNSIGNED" : "BIGINT", sql);
            }
            return q.longValue();
        }
    }

    private static final class DoubleOp extends BinaryOp {
        private final ArithmeticOp op;
        private final String sql;
        private final SqlType type;

        DoubleOp(ArithmeticOp op, Eval left, Eval right, String sql, int decimals) {
            super(left, right);
            this.op = requireNonNull(op, "op is null");
            this.sql = requireNonNull(sql, "sql is null");
            this.type = SqlType.real(decimals);
        }

        @Override
        public SqlType type() {
            return type;
        }

        @Override
        Object apply(Object a, Object b) {
            double x = (Double) a;
            double y = (Double) b;
            double r = switch (op) {
                case ADD -> x + y;
                case SUBTRACT -> x - y;
                case MULTIPLY -> x * y;
                case DIVIDE -> {
                    if (y == 0.0) {
                        yield Double.NaN;
                    }
                    yield x / y;
                }
                case MODULO -> {
                    if (y == 0.0) {
                        yield Double.NaN;
                    }
                    yield x % y;
                }
                default -> throw new IllegalStateException("not a double operation: " + op);
            };
            if (Double.isNaN(r)) {
                return null;
            }
            if (Double.isInfinite(r)) {
                throw SqlError.outOfRange("DOUBLE", sql);
            }
            return r;
        }
    }
}
