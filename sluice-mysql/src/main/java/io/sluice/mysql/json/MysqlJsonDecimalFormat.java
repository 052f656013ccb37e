package io.sluice.mysql.json;

/**
 * Prints the payload of a JSON opaque value of field type NEWDECIMAL (246) the way MySQL does.
 *
 * <p>The payload is {@code Json_decimal::get_binary()}: one byte precision, one byte scale, then the number
 * in MySQL's packed DECIMAL column format ({@code decimal2bin()}: big-endian groups of nine digits in four
 * bytes, the leading/trailing partial groups in 1-4 bytes, the sign in the inverted top bit of the first
 * byte, negative numbers stored as the one's complement). {@code Json_decimal::convert_from_binary()} reads it
 * back with {@code binary2my_decimal(..., keep_prec = true)} and {@code wrapper_to_string()} prints it with
 * {@code decimal2string()}: an optional {@code '-'}, the integer digits without leading zeros (at least one
 * digit), and when the scale is positive a point followed by exactly {@code scale} digits. So DECIMAL(5,2)
 * 3.10 prints {@code 3.10}, 0 with scale 2 prints {@code 0.00}, -0.012345 with scale 6 prints
 * {@code -0.012345}. The sign is printed as stored (MySQL never stores a negative zero).
 *
 * <p>MySQL refuses to print (ER_INVALID_JSON_BINARY_DATA) when the payload length does not match
 * {@code decimal_bin_size(precision, scale)}, when the number needs more than MySQL's nine 32-bit digit words,
 * or when a digit group is out of range; this class throws {@link MalformedJsonBinaryException} in those
 * cases, and also for a leading partial group with more digits than it may hold (which MySQL's reader lets
 * through by one digit but never writes) and for precision/scale bytes above 127 or a scale above the
 * precision.
 */
final class MysqlJsonDecimalFormat {

    private static final int DIG_PER_DEC1 = 9;
    private static final int DIG_MAX = 999_999_999;
    /** my_decimal buffers hold DECIMAL_BUFF_LENGTH = 9 words. */
    private static final int DECIMAL_BUFF_LENGTH = 9;
    private static final int[] DIG2BYTES = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
    private static final int[] POWERS10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000, 1_000_000_000};

    private MysqlJsonDecimalFormat() {}

    /** The binary size of a DECIMAL(precision, scale) value, {@code decimal_bin_size()}. */
    static int binarySize(int precision, int scale) {
        int intg = precision - scale;
        return intg / DIG_PER_DEC1 * 4 + DIG2BYTES[intg % DIG_PER_DEC1]
                + scale / DIG_PER_DEC1 * 4 + DIG2BYTES[scale % DIG_PER_DEC1];
    }

    /**
     * Decodes {@code b[off, off+len)} (precision, scale, packed digits) into MySQL's text for it.
     *
     * @throws MalformedJsonBinaryException if the payload is not a valid packed decimal
     */
    static String toText(byte[] b, int off, int len) {
        if (len < 2) {
            throw new MalformedJsonBinaryException("DECIMAL payload needs precision and scale bytes, has " + len
                    + " bytes", off);
        }
        int precision = b[off]; // signed char in MySQL
        int scale = b[off + 1];
        if (precision < 0 || scale < 0 || scale > precision) {
            throw new MalformedJsonBinaryException("DECIMAL with impossible precision " + precision + " and scale "
                    + scale, off);
        }
        int intg = precision - scale;
        int intg0 = intg / DIG_PER_DEC1;
        int intg0x = intg % DIG_PER_DEC1;
        int frac0 = scale / DIG_PER_DEC1;
        int frac0x = scale % DIG_PER_DEC1;
        if (intg0 + (intg0x > 0 ? 1 : 0) + frac0 + (frac0x > 0 ? 1 : 0) > DECIMAL_BUFF_LENGTH) {
            throw new MalformedJsonBinaryException("DECIMAL(" + precision + "," + scale
                    + ") needs more digits than MySQL can hold", off);
        }
        int size = binarySize(precision, scale);
        if (size != len - 2) {
            throw new MalformedJsonBinaryException("DECIMAL(" + precision + "," + scale + ") needs " + size
                    + " bytes of digits, payload has " + (len - 2), off);
        }
        if (size == 0) {
            return "0"; // precision 0: MySQL reads the number zero
        }
        int p = off + 2;
        boolean negative = (b[p] & 0x80) == 0;
        StringBuilder intDigits = new StringBuilder(intg);
        StringBuilder fracDigits = new StringBuilder(scale);
        boolean first = true;
        if (intg0x > 0) {
            int n = DIG2BYTES[intg0x];
            int group = group(b, p, n, negative, first);
            if (group >= POWERS10[intg0x]) {
                throw new MalformedJsonBinaryException("DECIMAL leading digit group " + group + " has more than "
                        + intg0x + " digits", p);
            }
            appendPadded(intDigits, group, intg0x);
            p += n;
            first = false;
        }
        for (int i = 0; i < intg0; i++) {
            int group = group(b, p, 4, negative, first);
            checkFull(group, p);
            appendPadded(intDigits, group, DIG_PER_DEC1);
            p += 4;
            first = false;
        }
        for (int i = 0; i < frac0; i++) {
            int group = group(b, p, 4, negative, first);
            checkFull(group, p);
            appendPadded(fracDigits, group, DIG_PER_DEC1);
            p += 4;
            first = false;
        }
        if (frac0x > 0) {
            int n = DIG2BYTES[frac0x];
            int group = group(b, p, n, negative, first);
            if (group >= POWERS10[frac0x]) {
                throw new MalformedJsonBinaryException("DECIMAL trailing digit group " + group + " has more than "
                        + frac0x + " digits", p);
            }
            appendPadded(fracDigits, group, frac0x);
        }

        StringBuilder out = new StringBuilder(precision + 3);
        if (negative) {
            out.append('-');
        }
        int lead = 0;
        while (lead < intDigits.length() && intDigits.charAt(lead) == '0') {
            lead++;
        }
        if (lead == intDigits.length()) {
            out.append('0');
        } else {
            out.append(intDigits, lead, intDigits.length());
        }
        if (scale > 0) {
            out.append('.').append(fracDigits);
        }
        return out.toString();
    }

    /** Reads an n-byte big-endian digit group, undoing the sign-bit flip (first byte) and the complement. */
    private static int group(byte[] b, int at, int n, boolean negative, boolean first) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            int octet = b[at + i] & 0xFF;
            if (first && i == 0) {
                octet ^= 0x80;
            }
            v = v << 8 | octet;
        }
        if (negative) {
            v = ~v & ((1L << (8 * n)) - 1);
        }
        return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
    }

    private static void checkFull(int group, int at) {
        if (group > DIG_MAX) {
            throw new MalformedJsonBinaryException("DECIMAL digit group " + group + " exceeds nine digits", at);
        }
    }

    private static void appendPadded(StringBuilder sb, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }
}
