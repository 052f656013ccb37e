package io.sluice.mysql.json;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Decodes MySQL's binary JSON (binlog/storage form) into the JSON text MySQL prints for it. Stateless and
 * thread-safe.
 *
 * <h2>Format</h2>
 * The input is the value of a {@code JSON} column as it appears in a row image of the binlog (or in InnoDB),
 * i.e. what MySQL's {@code json_binary::serialize()} produces (sql/json_binary.h / json_binary.cc): one type
 * byte followed by the value. Containers are small (16-bit counts, sizes and offsets) or large (32-bit); each
 * starts with an element count and its byte size, then key entries (objects only: offset + 16-bit length),
 * then value entries (type byte + offset, or the value itself when it is inlined: literals, int16 and uint16
 * always, int32 and uint32 in large containers). All offsets are relative to the start of the container
 * (just after its type byte). Strings and opaque values carry a variable-length length (7 bits per byte,
 * least significant group first). Opaque values carry a MySQL field type byte.
 *
 * <h2>Output</h2>
 * The text is what {@code SELECT json_col} returns on MySQL 8.0 ({@code Json_wrapper::to_string()} ->
 * {@code wrapper_to_string()} in sql/json_dom.cc):
 * <ul>
 *   <li>{@code ", "} between elements, {@code ": "} after keys, keys in stored order;</li>
 *   <li>strings (and keys) escaped as {@code double_quote()} does: backslash-escaped quote and backslash,
 *       {@code \b \f \n \r \t}, and backslash-u00xx (lowercase hex) for the other control characters below
 *       0x20; nothing else is escaped (not '/', not non-ASCII);</li>
 *   <li>integers and unsigned integers in decimal, uint64 exact;</li>
 *   <li>doubles as {@code my_gcvt(d, MY_GCVT_ARG_DOUBLE, MY_GCVT_MAX_FIELD_WIDTH)} plus {@code ".0"} when
 *       the result has neither a point nor an exponent (see {@link MysqlJsonDoubleFormat});</li>
 *   <li>opaque NEWDECIMAL unquoted with all digits of its scale ({@code decimal2string()}, see
 *       {@link MysqlJsonDecimalFormat});</li>
 *   <li>opaque DATE/TIME/DATETIME/TIMESTAMP quoted, {@code my_TIME_to_str(t, 6)}: {@code "2015-01-15"},
 *       {@code "23:24:25.000000"}, {@code "2015-01-15 23:24:25.000000"} (see {@link MysqlJsonTemporalFormat});</li>
 *   <li>opaque VAR_STRING (field type 253) as a plain JSON string (MySQL 8.0 treats it as J_STRING);</li>
 *   <li>every other opaque value as the quoted string {@code "base64:type<N>:<base64>"} where the base64 text is
 *       MySQL's own encoding: standard alphabet, padded, with a line feed after every 76 characters (which
 *       {@code double_quote()} then prints as {@code \n}).</li>
 * </ul>
 *
 * <h2>Empty input</h2>
 * An empty array decodes to {@code null}. MySQL writes an empty value for a JSON column when a NULL was
 * forced into a {@code NOT NULL} JSON column with {@code INSERT IGNORE} or a non-strict SQL mode, and
 * {@code json_binary::parse_binary()} deliberately reads such an empty value as the JSON {@code null}
 * literal, which is what MySQL prints for it. (A SQL {@code NULL} column value is not a byte array at all
 * and is the caller's business.)
 *
 * <h2>Validation</h2>
 * The decoder performs the same bounds checks MySQL's reader does ({@code parse_binary},
 * {@code parse_array_or_object}, {@code Value::element}, {@code Value::key}, {@code parse_scalar}) and
 * throws {@link MalformedJsonBinaryException} where MySQL would report an error, so it accepts what MySQL
 * accepts; in particular bytes after the end of the top-level value are ignored, like MySQL does. Nesting
 * deeper than MySQL's limit of 100 levels is rejected, as MySQL refuses to print it. Corrupt DECIMAL digit
 * groups and unreadable temporal payloads are rejected too. It never lets an
 * {@link ArrayIndexOutOfBoundsException} escape. String and key bytes are decoded as UTF-8 (MySQL only stores
 * valid utf8mb4 in JSON); an invalid sequence, which MySQL would pass through as raw bytes, becomes U+FFFD.
 */
public final class MysqlJsonBinaryDecoder {

    static final int TYPE_SMALL_OBJECT = 0x00;
    static final int TYPE_LARGE_OBJECT = 0x01;
    static final int TYPE_SMALL_ARRAY = 0x02;
    static final int TYPE_LARGE_ARRAY = 0x03;
    static final int TYPE_LITERAL = 0x04;
    static final int TYPE_INT16 = 0x05;
    static final int TYPE_UINT16 = 0x06;
    static final int TYPE_INT32 = 0x07;
    static final int TYPE_UINT32 = 0x08;
    static final int TYPE_INT64 = 0x09;
    static final int TYPE_UINT64 = 0x0A;
    static final int TYPE_DOUBLE = 0x0B;
    static final int TYPE_STRING = 0x0C;
    static final int TYPE_OPAQUE = 0x0F;

    static final int LITERAL_NULL = 0x00;
    static final int LITERAL_TRUE = 0x01;
    static final int LITERAL_FALSE = 0x02;

    /** MySQL field types (enum_field_types) that get special treatment inside opaque values. */
    static final int FIELD_TYPE_TIMESTAMP = 7;
    static final int FIELD_TYPE_DATE = 10;
    static final int FIELD_TYPE_TIME = 11;
    static final int FIELD_TYPE_DATETIME = 12;
    static final int FIELD_TYPE_NEWDECIMAL = 246;
    static final int FIELD_TYPE_VAR_STRING = 253;

    /** JSON_DOCUMENT_MAX_DEPTH in MySQL: deeper documents are refused by {@code wrapper_to_string()}. */
    static final int MAX_DEPTH = 100;

    private static final char[] HEX_LOWER = "0123456789abcdef".toCharArray();

    /** MySQL's base64_encode(): standard alphabet, '=' padding, '\n' after every 76 output characters. */
    private static final Base64.Encoder MYSQL_BASE64 = Base64.getMimeEncoder(76, new byte[] {'\n'});

    private MysqlJsonBinaryDecoder() {}

    /**
     * Decodes one binary JSON value into the JSON text MySQL prints for it.
     *
     * @param binary the binary JSON value (for example the bytes of a JSON column in a binlog row image,
     *               without the column's length prefix); an empty array means JSON {@code null}
     * @return the JSON text, as {@code SELECT json_col} prints it on MySQL 8.0
     * @throws MalformedJsonBinaryException if the bytes are not a well-formed binary JSON value
     * @throws NullPointerException         if {@code binary} is null
     */
    public static String toJsonText(byte[] binary) {
        Objects.requireNonNull(binary, "binary");
        if (binary.length == 0) {
            return "null";
        }
        StringBuilder out = new StringBuilder((int) Math.min(binary.length * 2L + 16, 1 << 20));
        try {
            new Decoder(binary, out).value(binary[0] & 0xFF, 0, 1, binary.length, 0);
        } catch (IndexOutOfBoundsException e) {
            // Every read is bounds-checked first; this is a last line of defence so callers never see it.
            throw new MalformedJsonBinaryException("read past the end of the value (" + e.getMessage() + ")",
                    binary.length);
        }
        return out.toString();
    }

    /** Appends {@code bytes[from, from+length)} (utf8mb4) as a JSON string, escaped like MySQL's double_quote(). */
    static void appendQuoted(StringBuilder out, byte[] bytes, int from, int length) {
        appendQuoted(out, new String(bytes, from, length, StandardCharsets.UTF_8));
    }

    /** Appends {@code s} as a JSON string, escaped like MySQL's double_quote() in sql/json_dom.cc. */
    static void appendQuoted(StringBuilder out, CharSequence s) {
        out.append('"');
        int n = s.length();
        int runStart = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c > 0x1F && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, runStart, i);
            runStart = i + 1;
            out.append('\\');
            switch (c) {
                case '\b' -> out.append('b');
                case '\t' -> out.append('t');
                case '\n' -> out.append('n');
                case '\f' -> out.append('f');
                case '\r' -> out.append('r');
                case '"', '\\' -> out.append(c);
                default -> out.append("u00").append(HEX_LOWER[(c >> 4) & 0xF]).append(HEX_LOWER[c & 0xF]);
            }
        }
        out.append(s, runStart, n);
        out.append('"');
    }

    /** One decoding run over one input array. */
    private static final class Decoder {
        private final byte[] b;
        private final StringBuilder out;

        Decoder(byte[] b, StringBuilder out) {
            this.b = b;
            this.out = out;
        }

        /**
         * Decodes a value whose type byte is {@code type} (found at {@code typeAt}) and whose data starts at
         * {@code start}; {@code end} is the end of the bytes it may use (exclusive), {@code depth} the number of
         * enclosing containers.
         */
        void value(int type, int typeAt, int start, int end, int depth) {
            switch (type) {
                case TYPE_SMALL_OBJECT -> container(true, false, start, end, depth);
                case TYPE_LARGE_OBJECT -> container(true, true, start, end, depth);
                case TYPE_SMALL_ARRAY -> container(false, false, start, end, depth);
                case TYPE_LARGE_ARRAY -> container(false, true, start, end, depth);
                default -> scalar(type, typeAt, start, end);
            }
        }

        private void container(boolean object, boolean large, int start, int end, int depth) {
            String what = (large ? "large " : "small ") + (object ? "object" : "array");
            int nesting = depth + 1;
            if (nesting > MAX_DEPTH) {
                throw new MalformedJsonBinaryException(
                        what + " nested deeper than MySQL's maximum JSON depth of " + MAX_DEPTH, start);
            }
            int offsetSize = large ? 4 : 2;
            long available = end - start;
            if (available < 2L * offsetSize) {
                throw new MalformedJsonBinaryException("truncated " + what + " header: needs " + 2 * offsetSize
                        + " bytes for element count and size, " + available + " available", start);
            }
            long count = offsetOrSize(start, large);
            long size = offsetOrSize(start + offsetSize, large);
            if (size > available) {
                throw new MalformedJsonBinaryException(what + " declares a size of " + size + " bytes but only "
                        + available + " are available", start + offsetSize);
            }
            int keyEntrySize = 2 + offsetSize;
            int valueEntrySize = 1 + offsetSize;
            long header = 2L * offsetSize + count * ((object ? keyEntrySize : 0) + valueEntrySize);
            if (header > size) {
                throw new MalformedJsonBinaryException(what + " with " + count + " elements needs a " + header
                        + "-byte header but its size is " + size, start);
            }
            // From here on count * entry sizes fit in the (int-sized) array.
            int n = (int) count;
            int valueEntries = start + 2 * offsetSize + (object ? n * keyEntrySize : 0);
            int containerEnd = start + (int) size;

            out.append(object ? '{' : '[');
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    out.append(", ");
                }
                if (object) {
                    int keyEntry = start + 2 * offsetSize + i * keyEntrySize;
                    long keyOffset = offsetOrSize(keyEntry, large);
                    int keyLength = u16(keyEntry + offsetSize);
                    if (keyOffset < header || keyOffset + keyLength > size) {
                        throw new MalformedJsonBinaryException("key " + i + " of " + what + " has offset " + keyOffset
                                + " and length " + keyLength + ", outside the key area [" + header + ", " + size
                                + ")", keyEntry);
                    }
                    appendQuoted(out, b, start + (int) keyOffset, keyLength);
                    out.append(": ");
                }
                int entry = valueEntries + i * valueEntrySize;
                int valueType = b[entry] & 0xFF;
                if (isInlined(valueType, large)) {
                    scalar(valueType, entry, entry + 1, entry + valueEntrySize);
                } else {
                    long valueOffset = offsetOrSize(entry + 1, large);
                    long entryEnd = (entry - start) + (long) valueEntrySize;
                    if (valueOffset > size || valueOffset < entryEnd) {
                        throw new MalformedJsonBinaryException("value " + i + " of " + what + " has offset "
                                + valueOffset + ", outside [" + entryEnd + ", " + size + "]", entry + 1);
                    }
                    value(valueType, entry, start + (int) valueOffset, containerEnd, nesting);
                }
            }
            out.append(object ? '}' : ']');
        }

        private void scalar(int type, int typeAt, int start, int end) {
            int available = end - start;
            switch (type) {
                case TYPE_LITERAL -> {
                    need(1, available, "literal", start);
                    int literal = b[start] & 0xFF;
                    switch (literal) {
                        case LITERAL_NULL -> out.append("null");
                        case LITERAL_TRUE -> out.append("true");
                        case LITERAL_FALSE -> out.append("false");
                        default -> throw new MalformedJsonBinaryException(
                                String.format("unknown literal 0x%02x", literal), start);
                    }
                }
                case TYPE_INT16 -> {
                    need(2, available, "int16", start);
                    out.append((short) u16(start));
                }
                case TYPE_UINT16 -> {
                    need(2, available, "uint16", start);
                    out.append(u16(start));
                }
                case TYPE_INT32 -> {
                    need(4, available, "int32", start);
                    out.append((int) u32(start));
                }
                case TYPE_UINT32 -> {
                    need(4, available, "uint32", start);
                    out.append(u32(start));
                }
                case TYPE_INT64 -> {
                    need(8, available, "int64", start);
                    out.append(i64(start));
                }
                case TYPE_UINT64 -> {
                    need(8, available, "uint64", start);
                    out.append(Long.toUnsignedString(i64(start)));
                }
                case TYPE_DOUBLE -> {
                    need(8, available, "double", start);
                    out.append(MysqlJsonDoubleFormat.toJsonText(Double.longBitsToDouble(i64(start))));
                }
                case TYPE_STRING -> {
                    int[] lengthAndWidth = variableLength(start, end, "string");
                    int dataStart = start + lengthAndWidth[1];
                    int length = lengthAndWidth[0];
                    if (length > end - dataStart) {
                        throw new MalformedJsonBinaryException("string of " + length + " bytes but only "
                                + (end - dataStart) + " available", start);
                    }
                    appendQuoted(out, b, dataStart, length);
                }
                case TYPE_OPAQUE -> opaque(start, end);
                default -> throw new MalformedJsonBinaryException(
                        String.format("unknown value type 0x%02x", type), typeAt);
            }
        }

        private void opaque(int start, int end) {
            need(1, end - start, "opaque value's field type", start);
            int fieldType = b[start] & 0xFF;
            int[] lengthAndWidth = variableLength(start + 1, end, "opaque value");
            int dataStart = start + 1 + lengthAndWidth[1];
            int length = lengthAndWidth[0];
            if (length > end - dataStart) {
                throw new MalformedJsonBinaryException("opaque value of " + length + " bytes but only "
                        + (end - dataStart) + " available", start + 1);
            }
            switch (fieldType) {
                case FIELD_TYPE_NEWDECIMAL -> out.append(MysqlJsonDecimalFormat.toText(b, dataStart, length));
                case FIELD_TYPE_DATE, FIELD_TYPE_TIME, FIELD_TYPE_DATETIME, FIELD_TYPE_TIMESTAMP -> {
                    if (length < 8) {
                        throw new MalformedJsonBinaryException("temporal opaque value (field type " + fieldType
                                + ") needs 8 packed bytes, has " + length, dataStart);
                    }
                    out.append('"')
                            .append(MysqlJsonTemporalFormat.toText(fieldType, i64(dataStart), dataStart))
                            .append('"');
                }
                case FIELD_TYPE_VAR_STRING -> appendQuoted(out, b, dataStart, length);
                default -> {
                    byte[] data = new byte[length];
                    System.arraycopy(b, dataStart, data, 0, length);
                    appendQuoted(out, "base64:type" + fieldType + ":"
                            + new String(MYSQL_BASE64.encode(data), StandardCharsets.US_ASCII));
                }
            }
        }

        /**
         * Reads a variable-length length (read_variable_length() in json_binary.cc): at most 5 bytes, 7 bits
         * each, least significant first; the value must fit in 32 bits.
         *
         * @return {length, number of bytes it took}
         */
        private int[] variableLength(int start, int end, String what) {
            long length = 0;
            int max = Math.min(end - start, 5);
            for (int i = 0; i < max; i++) {
                int v = b[start + i] & 0xFF;
                length |= (long) (v & 0x7F) << (7 * i);
                if ((v & 0x80) == 0) {
                    if (length > 0xFFFF_FFFFL) {
                        throw new MalformedJsonBinaryException("length of " + what + " exceeds 32 bits", start);
                    }
                    if (length > Integer.MAX_VALUE) {
                        throw new MalformedJsonBinaryException(what + " of " + length
                                + " bytes is longer than the input", start);
                    }
                    return new int[] {(int) length, i + 1};
                }
            }
            throw new MalformedJsonBinaryException(max == 5
                    ? "length of " + what + " has more than 5 bytes"
                    : "truncated length of " + what, start);
        }

        private static boolean isInlined(int type, boolean large) {
            return switch (type) {
                case TYPE_LITERAL, TYPE_INT16, TYPE_UINT16 -> true;
                case TYPE_INT32, TYPE_UINT32 -> large;
                default -> false;
            };
        }

        private static void need(int bytes, int available, String what, int at) {
            if (available < bytes) {
                throw new MalformedJsonBinaryException("truncated " + what + ": needs " + bytes + " bytes, "
                        + Math.max(available, 0) + " available", at);
            }
        }

        private long offsetOrSize(int at, boolean large) {
            return large ? u32(at) : u16(at);
        }

        private int u16(int at) {
            return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
        }

        private long u32(int at) {
            return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
        }

        private long i64(int at) {
            return u32(at) | u32(at + 4) << 32;
        }
    }
}
