package io.sluice.mysql.predicate;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * How MySQL reads numbers out of strings: the longest numeric prefix counts and the rest is
 * ignored ({@code '12abc'} is 12, {@code 'abc'} is 0, {@code ' 1e3x'} is 1000). Each conversion
 * skips its own set of leading blanks, as the server's {@code my_strtod}, {@code str2my_decimal} and
 * {@code my_strtoll10} do.
 */
final class NumericText {
    private static final BigInteger UNSIGNED_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger SIGNED_MIN_MAGNITUDE = BigInteger.ONE.shiftLeft(63);

    private NumericText() {}

    /** String to DOUBLE: {@code [blanks][sign]digits[.digits][e[sign]digits]}; out-of-range values become +-DBL_MAX. */
    static double toDouble(String s) {
        int start = skipBlanks(s, 0, true);
        int end = numberEnd(s, start, true);
        if (end == start) {
            return 0.0;
        }
        double value = Double.parseDouble(s.substring(start, end));
        if (Double.isInfinite(value)) {
            return value > 0 ? Double.MAX_VALUE : -Double.MAX_VALUE;
        }
        return value;
    }

    /**
     * String to DECIMAL (CAST ... AS DECIMAL): the numeric prefix, exactly; 0 when there is none. An
     * exponent beyond any DECIMAL (MySQL overflows to the largest value, or underflows to 0) gives a
     * stand-in of 10^100 with the sign, or 0.
     */
    static BigDecimal toDecimal(String s) {
        int start = skipBlanks(s, 0, true);
        int end = numberEnd(s, start, true);
        if (end == start) {
            return BigDecimal.ZERO;
        }
        String number = s.substring(start, end);
        int e = Math.max(number.indexOf('e'), number.indexOf('E'));
        if (e > 0) {
            BigDecimal mantissa = new BigDecimal(number.substring(0, e));
            BigInteger exponent = new BigInteger(number.substring(e + 1).replace("+", ""));
            if (mantissa.signum() == 0 || exponent.compareTo(BigInteger.valueOf(-100)) < 0) {
                return BigDecimal.ZERO;
            }
            if (exponent.compareTo(BigInteger.valueOf(100)) > 0) {
                return BigDecimal.TEN.pow(100).multiply(BigDecimal.valueOf(mantissa.signum()));
            }
        }
        return new BigDecimal(number);
    }

    /**
     * String to integer bits (CAST ... AS SIGNED/UNSIGNED): {@code [spaces/tabs][sign]digits}, no
     * fraction or exponent; a negative value below -2^63 becomes -2^63, a positive one above 2^64-1
     * becomes 2^64-1, and the result is the 64 bits, read as signed or unsigned by the caller.
     */
    static long toIntegerBits(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int digitsStart = i;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        if (i == digitsStart) {
            return 0;
        }
        BigInteger magnitude = new BigInteger(s.substring(digitsStart, i));
        if (negative) {
            return magnitude.compareTo(SIGNED_MIN_MAGNITUDE) >= 0 ? Long.MIN_VALUE : -magnitude.longValue();
        }
        return magnitude.compareTo(UNSIGNED_MAX) > 0 ? -1L : magnitude.longValue();
    }

    private static int skipBlanks(String s, int i, boolean allWhitespace) {
        while (i < s.length()) {
            char c = s.charAt(i);
            boolean blank = c == ' ' || c == '\t' || (allWhitespace && (c == '\n' || c == '\r' || c == '\f' || c == 0x0B));
            if (!blank) {
                break;
            }
            i++;
        }
        return i;
    }

    /** The end of the numeric prefix starting at {@code start}, or {@code start} when there is no digit. */
    private static int numberEnd(String s, int start, boolean exponent) {
        int i = start;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int digits = 0;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            int afterPoint = i + 1;
            int j = afterPoint;
            while (j < s.length() && isDigit(s.charAt(j))) {
                j++;
            }
            digits += j - afterPoint;
            if (digits > 0) {
                i = j;
            }
        }
        if (digits == 0) {
            return start;
        }
        if (exponent && i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < s.length() && (s.charAt(j) == '-' || s.charAt(j) == '+')) {
                j++;
            }
            int expStart = j;
            while (j < s.length() && isDigit(s.charAt(j))) {
                j++;
            }
            if (j > expStart) {
                i = j;
            }
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
