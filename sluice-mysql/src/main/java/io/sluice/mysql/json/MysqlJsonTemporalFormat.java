package io.sluice.mysql.json;

/**
 * Prints the payload of a JSON opaque value of field type DATE (10), TIME (11), DATETIME (12) or
 * TIMESTAMP (7) the way MySQL does.
 *
 * <p>The payload is {@code Json_datetime::to_packed()}: the value's "packed longlong"
 * ({@code TIME_to_longlong_packed()}) as 8 little-endian bytes. {@code wrapper_to_string()} decodes it with
 * {@code TIME_from_longlong_packed()} and prints it with {@code my_TIME_to_str(t, 6)} (mysys/my_time.cc):
 * <ul>
 *   <li>DATE: {@code YYYY-MM-DD};</li>
 *   <li>DATETIME and TIMESTAMP: {@code YYYY-MM-DD hh:mm:ss.ffffff} (always six fractional digits);</li>
 *   <li>TIME: {@code [-]hh:mm:ss.ffffff}, hours with at least two digits (up to 838, or 1023 for
 *       out-of-range bit patterns).</li>
 * </ul>
 * Fields of a DATE/DATETIME that do not fit two digits print as {@code 00}, like MySQL's
 * {@code format_two_digits()}; such values cannot be stored by MySQL anyway.
 *
 * <p>Packed layouts (after taking the absolute value; the sign only matters for TIME): the low 24 bits are
 * the microseconds; above them a DATETIME has {@code ((year * 13 + month) << 5 | day) << 17 | hour << 12 |
 * minute << 6 | second} and a TIME has {@code hour << 12 | minute << 6 | second}.
 */
final class MysqlJsonTemporalFormat {

    private MysqlJsonTemporalFormat() {}

    /**
     * @param fieldType one of 7 (TIMESTAMP), 10 (DATE), 11 (TIME), 12 (DATETIME)
     * @param packed    the packed value
     * @param at        offset of the payload, for error messages
     * @return the text, without quotes
     */
    static String toText(int fieldType, long packed, int at) {
        if (packed == Long.MIN_VALUE) {
            throw new MalformedJsonBinaryException("temporal value has no absolute value (0x8000000000000000)", at);
        }
        boolean negative = packed < 0;
        long tmp = Math.abs(packed);
        long frac = tmp % (1L << 24);
        long intPart = tmp >> 24;
        StringBuilder sb = new StringBuilder(26);
        if (fieldType == MysqlJsonBinaryDecoder.FIELD_TYPE_TIME) {
            long hour = (intPart >> 12) % (1 << 10);
            long minute = (intPart >> 6) % (1 << 6);
            long second = intPart % (1 << 6);
            if (negative) {
                sb.append('-');
            }
            if (hour < 10) {
                sb.append('0');
            }
            sb.append(hour).append(':');
            twoDigits(sb, minute).append(':');
            twoDigits(sb, second);
            microseconds(sb, frac);
            return sb.toString();
        }
        long ymd = intPart >> 17;
        long ym = ymd >> 5;
        long hms = intPart % (1 << 17);
        long day = ymd % (1 << 5);
        long month = ym % 13;
        long year = ym / 13;
        twoDigits(sb, year / 100);
        twoDigits(sb, year % 100).append('-');
        twoDigits(sb, month).append('-');
        twoDigits(sb, day);
        if (fieldType == MysqlJsonBinaryDecoder.FIELD_TYPE_DATE) {
            return sb.toString();
        }
        sb.append(' ');
        twoDigits(sb, hms >> 12).append(':');
        twoDigits(sb, (hms >> 6) % (1 << 6)).append(':');
        twoDigits(sb, hms % (1 << 6));
        microseconds(sb, frac);
        return sb.toString();
    }

    /** format_two_digits(): zero-padded, "00" for values outside 0..99. */
    private static StringBuilder twoDigits(StringBuilder sb, long v) {
        if (v < 0 || v >= 100) {
            v = 0;
        }
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }

    /** my_useconds_to_str(to, us, 6): '.' and six digits (the low six digits of an out-of-range value). */
    private static void microseconds(StringBuilder sb, long us) {
        String s = Long.toString(us % 1_000_000);
        sb.append('.');
        for (int i = s.length(); i < 6; i++) {
            sb.append('0');
        }
        sb.append(s);
    }
}
