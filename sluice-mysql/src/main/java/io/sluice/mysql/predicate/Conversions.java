package io.sluice.mysql.predicate;

import static java.util.Objects.requireNonNull;

import io.sluice.core.event.Row;
import io.sluice.core.schema.ColumnType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.Function;

/**
 * The implicit conversions MySQL applies when an operand is used as another type: {@code val_real},
 * {@code val_decimal}, {@code val_int} and {@code val_str} of the server's items. Each returns an
 * {@link Eval} of the target type wrapping the operand, chosen once when the expression is bound.
 * ENUM and SET columns are numbers (the member index, the member bit set) in numeric contexts.
 */
final class Conversions {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal UNSIGNED_MAX = new BigDecimal(TWO_64.subtract(BigInteger.ONE));

    private Conversions() {}

    private static void requireNumeric(Eval e) {
        if (e instanceof Functions.TextOnly) {
            throw new IllegalArgumentException("IFNULL, COALESCE and IF of strings and numbers (or dates) can only be used as strings; "
                    + "give all branches the same type");
        }
    }

    /** val_real: the operand as a DOUBLE. */
    static Eval toDouble(Eval e) {
        requireNumeric(e);
        if (e instanceof HexHybrid hex) {
            return toDouble(hex.asNumber());
        }
        return switch (e.type().kind()) {
            case DOUBLE -> e;
            case NULL -> new Constant(SqlType.DOUBLE, null);
            case INT -> {
                if (e instanceof Constant constant && constant.computed() && constant.type().unsigned() && constant.value() != null
                        && (Long) constant.value() < 0) {
                    // MariaDB caches a constant function result (Item_cache_int) whose val_real ignores the unsigned flag
                    throw new IllegalArgumentException("MariaDB reads the constant " + Long.toUnsignedString((Long) constant.value())
                            + ", computed by a function, as a negative number in DOUBLE arithmetic and comparisons; write it as a literal");
                }
                yield map(e, SqlType.DOUBLE, e.type().unsigned() ? v -> unsignedToDouble((Long) v) : v -> (double) (Long) v);
            }
            case DECIMAL -> map(e, SqlType.DOUBLE, v -> ((BigDecimal) v).doubleValue());
            case STRING -> {
                Function<Object, Object> member = memberNumber(e);
                yield member != null ? map(e, SqlType.DOUBLE, v -> ((Number) member.apply(v)).doubleValue())
                        : map(e, SqlType.DOUBLE, v -> NumericText.toDouble((String) v));
            }
            default -> throw new IllegalArgumentException(e.type().describe() + " values have no numeric value here");
        };
    }

    /** val_decimal of an INT, DECIMAL or string operand. */
    static Eval toDecimal(Eval e) {
        requireNumeric(e);
        if (e instanceof HexHybrid hex) {
            return toDecimal(hex.asNumber());
        }
        return switch (e.type().kind()) {
            case DECIMAL -> e;
            case NULL -> new Constant(SqlType.decimal(0), null);
            case INT -> map(e, SqlType.decimal(0), e.type().unsigned()
                    ? v -> new BigDecimal(unsignedToBig((Long) v))
                    : v -> BigDecimal.valueOf((Long) v));
            case STRING -> {
                Function<Object, Object> member = memberNumber(e);
                yield member != null ? map(e, SqlType.decimal(0), v -> BigDecimal.valueOf((Long) member.apply(v)))
                        : map(e, SqlType.decimal(0), v -> NumericText.toDecimal((String) v));
            }
            default -> throw new IllegalArgumentException(e.type().describe() + " is not an exact number");
        };
    }

    /**
     * val_int: the operand as integer bits of the given signedness; DECIMAL rounds half up, DOUBLE
     * rounds half to even, strings take their integer prefix, all clamped to the range.
     */
    static Eval toInteger(Eval e, boolean unsigned) {
        requireNumeric(e);
        if (e instanceof HexHybrid hex) {
            return toInteger(hex.asNumber(), unsigned);
        }
        SqlType type = SqlType.integer(unsigned);
        return switch (e.type().kind()) {
            case INT -> e.type().unsigned() == unsigned ? e : map(e, type, Function.identity());
            case NULL -> new Constant(type, null);
            case DECIMAL -> map(e, type, v -> decimalToInteger((BigDecimal) v, unsigned));
            case DOUBLE -> map(e, type, v -> doubleToInteger((Double) v, unsigned));
            case STRING -> {
                Function<Object, Object> member = memberNumber(e);
                yield member != null ? map(e, type, member) : map(e, type, v -> NumericText.toIntegerBits((String) v));
            }
            default -> throw new IllegalArgumentException(e.type().describe() + " values have no integer value here");
        };
    }

    /**
     * The operand as a number for arithmetic and numeric functions: ENUM and SET columns are signed
     * integers there (their index and bit set), 0x literals unsigned ones, other operands are unchanged.
     */
    static Eval numericOperand(Eval e) {
        if (e instanceof HexHybrid hex) {
            return hex.asNumber();
        }
        if (e instanceof ColumnValue column && (column.column().type() == ColumnType.ENUM || column.column().type() == ColumnType.SET)) {
            return toInteger(e, false);
        }
        return e;
    }

    /**
     * A function's result that equals its column operand (CEIL of an integer, CAST of a BIGINT AS
     * SIGNED) is still not the column: MariaDB's special treatment of BIGINT and YEAR columns compared
     * with constants applies to the column only.
     */
    static Eval asFunctionResult(Eval e) {
        return e instanceof ColumnValue ? new Mapped(e, e.type(), Function.identity()) : e;
    }

    /** The member index of an ENUM column or the bit set of a SET column, or null for other operands. */
    private static Function<Object, Object> memberNumber(Eval e) {
        if (!(e instanceof ColumnValue column)) {
            return null;
        }
        ColumnType type = column.column().type();
        List<String> members = column.column().members();
        if (type == ColumnType.ENUM) {
            if (members.contains("")) {
                throw new IllegalArgumentException("ENUM column " + column.column().name() + " has an empty member, so its index "
                        + "cannot be told apart from the invalid value ''; compare it with strings instead");
            }
            return v -> (long) (members.indexOf(v) + 1);
        }
        if (type == ColumnType.SET) {
            return v -> {
                String text = (String) v;
                long bits = 0;
                if (!text.isEmpty()) {
                    for (String member : text.split(",", -1)) {
                        bits |= 1L << members.indexOf(member);
                    }
                }
                return bits;
            };
        }
        return null;
    }

    /** my_decimal2int: round half away from zero, then clamp to the signed or unsigned 64-bit range. */
    static long decimalToInteger(BigDecimal value, boolean unsigned) {
        BigDecimal rounded = value.setScale(0, RoundingMode.HALF_UP);
        if (unsigned) {
            if (rounded.signum() < 0) {
                return 0;
            }
            return rounded.compareTo(UNSIGNED_MAX) > 0 ? -1L : rounded.toBigInteger().longValue();
        }
        if (rounded.compareTo(LONG_MIN) < 0) {
            return Long.MIN_VALUE;
        }
        return rounded.compareTo(LONG_MAX) > 0 ? Long.MAX_VALUE : rounded.longValueExact();
    }

    /** Converter_double_to_longlong: rint, then clamp. */
    static long doubleToInteger(double value, boolean unsigned) {
        double rounded = Math.rint(value);
        if (unsigned) {
            if (rounded < 0) {
                return 0;
            }
            if (rounded >= 18446744073709551615.0) {
                return -1L;
            }
            return new BigDecimal(rounded).toBigInteger().longValue();
        }
        if (rounded <= -9223372036854775808.0) {
            return Long.MIN_VALUE;
        }
        if (rounded >= 9223372036854775807.0) {
            return Long.MAX_VALUE;
        }
        return (long) rounded;
    }

    static double unsignedToDouble(long bits) {
        if (bits >= 0) {
            return bits;
        }
        // round to nearest like a C conversion of uint64: halve, keep the sticky bit, double
        return ((bits >>> 1) | (bits & 1)) * 2.0;
    }

    static BigInteger unsignedToBig(long bits) {
        BigInteger value = BigInteger.valueOf(bits);
        return bits >= 0 ? value : value.add(TWO_64);
    }

    /** The decimal text of integer bits. */
    static String integerText(long bits, boolean unsigned) {
        return unsigned ? Long.toUnsignedString(bits) : Long.toString(bits);
    }

    /** Rounds a DECIMAL value to the scale MySQL shows and compares it with (its item's decimals). */
    static BigDecimal atScale(BigDecimal value, int scale) {
        return value.scale() > scale ? value.setScale(scale, RoundingMode.HALF_UP) : value;
    }

    /** A conversion of the operand's non-NULL values; a constant is converted once, now. */
    static Eval map(Eval e, SqlType type, Function<Object, Object> function) {
        if (e instanceof Constant constant) {
            return new Constant(type, constant.value() == null ? null : function.apply(constant.value()));
        }
        return new Mapped(e, type, function);
    }

    /** A conversion of another expression's non-NULL values. */
    private record Mapped(Eval source, SqlType type, Function<Object, Object> function) implements Eval {
        Mapped {
            requireNonNull(source, "source is null");
            requireNonNull(type, "type is null");
            requireNonNull(function, "function is null");
        }

        @Override
        public Object eval(Row row) {
            Object value = source.eval(row);
            return value == null ? null : function.apply(value);
        }

        @Override
        public boolean isConstant() {
            return source.isConstant();
        }
    }
}
