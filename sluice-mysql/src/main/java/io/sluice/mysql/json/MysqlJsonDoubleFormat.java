package io.sluice.mysql.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats a JSON double the way MySQL 8.0 prints it.
 *
 * <p>{@code wrapper_to_string()} (sql/json_dom.cc) prints a J_DOUBLE with
 * {@code my_gcvt(d, MY_GCVT_ARG_DOUBLE, MY_GCVT_MAX_FIELD_WIDTH, ...)} and then appends {@code ".0"} when the
 * result contains neither {@code '.'} nor {@code 'e'}, so that a double never reads back as an integer.
 *
 * <p>{@code my_gcvt()} (strings/dtoa.cc) with a field width of {@code MY_GCVT_MAX_FIELD_WIDTH}
 * ({@code DBL_DIG + 4 + max(5, MAX_DECPT_FOR_F_FORMAT)} = 34, one less for negative numbers) asks
 * {@code dtoa()} in mode 4 for at most that many significant digits; as 34 is more than the 17 any double
 * needs, this yields the <em>shortest</em> digit string that reads back as the same double (and of the
 * shortest candidates the one closest to the exact value). It then chooses between the {@code 'f'} and
 * {@code 'e'} notations; with this width the choice reduces to:
 * <ul>
 *   <li>fixed notation when the decimal exponent {@code decpt} (value = 0.DIGITS &times; 10^decpt) is in
 *       {@code -14..15}, or when the number has a fractional part and fits ({@code decpt < digits}), e.g.
 *       {@code 3.14}, {@code 0.000015}, {@code 0.000000000000001}, {@code 100000000000000} (+ ".0"),
 *       {@code 1234567890123456.8};</li>
 *   <li>otherwise exponent notation without '+' and without zero padding: {@code 1e15}, {@code 1e-16},
 *       {@code 1.8446744073709552e19}, {@code 5e-324}, {@code -1.7976931348623157e308}.</li>
 * </ul>
 * Zero prints as {@code 0.0}, negative zero as {@code -0.0}. Infinities and NaN cannot be stored in a MySQL
 * JSON document; should one appear, MySQL's {@code dtoa()} reports an overflow and {@code my_gcvt()} prints
 * {@code 0}, so this prints {@code 0.0} as MySQL would.
 *
 * <p>The shortest digits come from {@link Double#toString(double)}, which since JDK 19 returns the shortest
 * decimal that rounds to the double (closest to it when several qualify). The single exception is that Java
 * renders at least two significant digits when a two-digit decimal is closer than every one-digit decimal
 * that also rounds to the double (e.g. {@code 4.9E-324} for {@link Double#MIN_VALUE}); {@code dtoa()} takes the
 * one-digit decimal ({@code 5e-324}), so that case is redone exactly with {@link BigDecimal}. The tests check
 * the digits against CPython's {@code repr()}, which is David Gay's dtoa() in mode 0 as well.
 */
final class MysqlJsonDoubleFormat {

    /** MY_GCVT_MAX_FIELD_WIDTH = DBL_DIG + 4 + max(5, MAX_DECPT_FOR_F_FORMAT) with DBL_DIG = 15. */
    static final int MY_GCVT_MAX_FIELD_WIDTH = 15 + 4 + 15;

    /** MAX_DECPT_FOR_F_FORMAT = DBL_DIG. */
    private static final int MAX_DECPT_FOR_F_FORMAT = 15;

    private MysqlJsonDoubleFormat() {}

    /** The text MySQL prints for a JSON double. */
    static String toJsonText(double d) {
        String s = gcvt(d);
        if (s.indexOf('.') < 0 && s.indexOf('e') < 0) {
            return s + ".0";
        }
        return s;
    }

    /** {@code my_gcvt(d, MY_GCVT_ARG_DOUBLE, MY_GCVT_MAX_FIELD_WIDTH, buf, nullptr)}. */
    static String gcvt(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return "0"; // dtoa() returns "0" with decpt = DTOA_OVERFLOW; my_gcvt() prints just that
        }
        int width = MY_GCVT_MAX_FIELD_WIDTH;
        if (x < 0.0) {
            width--;
        }
        boolean sign = (Double.doubleToRawLongBits(x) & Long.MIN_VALUE) != 0; // dtoa reports -0.0 as negative
        String digits;
        int decpt;
        if (x == 0.0) {
            digits = "0";
            decpt = 1;
        } else {
            Digits shortest = shortest(Math.abs(x));
            digits = shortest.digits();
            decpt = shortest.decpt();
        }
        return layout(sign, digits, decpt, width);
    }

    /**
     * The layout part of my_gcvt(), given dtoa()'s digits (no trailing zeros) and decimal point position.
     * Only the paths reachable with a width of at least 33 and at most 17 digits are implemented; the
     * truncating re-conversions cannot happen then.
     */
    static String layout(boolean sign, String digits, int decpt, int width) {
        int len = digits.length();
        int expLen = 1 + (decpt >= 101 || decpt <= -99 ? 1 : 0) + (decpt >= 11 || decpt <= -9 ? 1 : 0);
        int fixedLength = decpt <= 0 ? len - decpt + 2 : decpt < len ? len + 1 : decpt;
        boolean haveSpace = fixedLength <= width;
        boolean forceE = decpt <= 0 && width <= 2 - decpt && width >= 3 + expLen;
        boolean fixed = (haveSpace
                        || (decpt <= width && (decpt >= -1 || (decpt == -2 && (len > 1 || !forceE))) && !forceE))
                && (!haveSpace
                        || (decpt >= -MAX_DECPT_FOR_F_FORMAT + 1 && (decpt <= MAX_DECPT_FOR_F_FORMAT || len > decpt)));
        StringBuilder sb = new StringBuilder(32);
        if (fixed) {
            int room = width - ((decpt < len ? 1 : 0) + (decpt <= 0 ? 1 - decpt : 0));
            if (room < len) {
                throw new IllegalStateException("my_gcvt truncation path reached for " + digits + "e" + decpt);
            }
            if (sign) {
                sb.append('-');
            }
            if (decpt <= 0) {
                sb.append("0.");
                for (int i = decpt; i < 0; i++) {
                    sb.append('0');
                }
                sb.append(digits);
            } else {
                for (int i = 0; i < len; i++) {
                    sb.append(digits.charAt(i));
                    if (i + 1 == decpt && i + 1 < len) {
                        sb.append('.');
                    }
                }
                for (int i = len; i < decpt; i++) {
                    sb.append('0');
                }
            }
        } else {
            int exp = decpt - 1;
            int room = width - (exp < 0 ? 1 : 0) - 1 - expLen - (len > 1 ? 1 : 0);
            if (room < len) {
                throw new IllegalStateException("my_gcvt truncation path reached for " + digits + "e" + decpt);
            }
            if (sign) {
                sb.append('-');
            }
            sb.append(digits.charAt(0));
            if (len > 1) {
                sb.append('.').append(digits, 1, len);
            }
            sb.append('e').append(exp);
        }
        return sb.toString();
    }

    /** Significant digits (no leading or trailing zeros) and decimal point position: value = 0.digits &times; 10^decpt. */
    record Digits(String digits, int decpt) {}

    /** Shortest round-tripping digits of {@code v > 0}, as dtoa() mode 0 produces them. */
    static Digits shortest(double v) {
        String s = Double.toString(v); // "123.45", "1.0E-5", "1.2345E10"
        int ePos = s.indexOf('E');
        int exp = ePos < 0 ? 0 : Integer.parseInt(s, ePos + 1, s.length(), 10);
        String mantissa = ePos < 0 ? s : s.substring(0, ePos);
        int dot = mantissa.indexOf('.');
        String all = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        int point = dot + exp;
        int from = 0;
        while (from < all.length() - 1 && all.charAt(from) == '0') {
            from++;
            point--;
        }
        int to = all.length();
        while (to > from + 1 && all.charAt(to - 1) == '0') {
            to--;
        }
        if (to - from == 2) {
            Digits oneDigit = oneDigit(v);
            if (oneDigit != null) {
                return oneDigit;
            }
        }
        return new Digits(all.substring(from, to), point);
    }

    /** The closest one-significant-digit decimal that reads back as {@code v}, or null if there is none. */
    private static Digits oneDigit(double v) {
        BigDecimal exact = new BigDecimal(v);
        BigDecimal down = exact.round(new MathContext(1, RoundingMode.FLOOR));
        BigDecimal up = exact.round(new MathContext(1, RoundingMode.CEILING));
        boolean downOk = Double.parseDouble(down.toString()) == v;
        boolean upOk = Double.parseDouble(up.toString()) == v;
        BigDecimal pick;
        if (downOk && upOk) {
            int cmp = exact.subtract(down).compareTo(up.subtract(exact));
            if (cmp != 0) {
                pick = cmp < 0 ? down : up;
            } else {
                pick = down.stripTrailingZeros().unscaledValue().testBit(0) ? up : down;
            }
        } else if (downOk) {
            pick = down;
        } else if (upOk) {
            pick = up;
        } else {
            return null;
        }
        BigDecimal stripped = pick.stripTrailingZeros();
        return new Digits(stripped.unscaledValue().toString(), stripped.precision() - stripped.scale());
    }
}
