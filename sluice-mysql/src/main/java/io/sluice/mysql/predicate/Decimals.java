package io.sluice.mysql.predicate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * DECIMAL details Java's {@link BigDecimal} lacks: MariaDB's decimals carry a sign even when they
 * are zero, and the remainder of a negative dividend ({@code -1.0 % 1}) is a negative zero that
 * compares below 0 and prints as {@code -0.0}. Arithmetic, ABS, FLOOR, CEILING and rounding turn it
 * back into 0; comparison, IFNULL and a ROUND or CAST that does not drop digits keep it. A division
 * whose quotient is cut to zero digits keeps its sign the same way.
 */
final class Decimals {
    private Decimals() {}

    /** A zero with the minus sign. */
    static final class NegativeZero extends BigDecimal {
        NegativeZero(int scale) {
            super(BigInteger.ZERO, scale);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof NegativeZero other && other.scale() == scale();
        }

        @Override
        public int hashCode() {
            return -scale();
        }
    }

    static boolean isNegativeZero(BigDecimal value) {
        return value instanceof NegativeZero;
    }

    /** decimal_cmp: by value, and a negative zero below a positive one. */
    static int compare(BigDecimal a, BigDecimal b) {
        int c = a.compareTo(b);
        if (c == 0 && a.signum() == 0) {
            return Boolean.compare(!isNegativeZero(a), !isNegativeZero(b));
        }
        return c;
    }

    /** Rounds half away from zero to {@code scale} digits; a negative zero stays one when no digit is dropped. */
    static BigDecimal round(BigDecimal value, int scale) {
        if (value.scale() <= scale) {
            return isNegativeZero(value) ? new NegativeZero(scale) : value.setScale(scale, RoundingMode.UNNECESSARY);
        }
        return value.setScale(scale, RoundingMode.HALF_UP);
    }

    /** The value without a negative zero. */
    static BigDecimal normalized(BigDecimal value) {
        return isNegativeZero(value) ? BigDecimal.ZERO.setScale(value.scale(), RoundingMode.UNNECESSARY) : value;
    }

    /** The text MySQL prints with exactly {@code scale} decimals. */
    static String text(BigDecimal value, int scale) {
        BigDecimal rounded = round(value, scale);
        String text = rounded.toPlainString();
        return isNegativeZero(rounded) ? "-" + text : text;
    }
}
