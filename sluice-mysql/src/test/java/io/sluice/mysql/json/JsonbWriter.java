package io.sluice.mysql.json;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Test-side encoder for MySQL binary JSON, written from the format description in sql/json_binary.h and the
 * serializer in sql/json_binary.cc ({@code serialize_json_value}, {@code append_key_entries},
 * {@code attempt_inline_value}, {@code append_variable_length}). Used to hand-encode documents that are
 * awkward to write as hex (large containers, long strings). Unlike MySQL it keeps object keys in the order
 * given (MySQL sorts them by length, then bytes), so tests can also check the decoder prints stored order.
 *
 * <p>Values: {@code null}, {@link Boolean}, {@link Short}/{@link Integer}/{@link Long} (int16/int32/int64
 * picked by magnitude, like MySQL), {@link UInt} (uint16/uint32/uint64), {@link Double}, {@link String},
 * {@link Opaque}, {@link Map} (object, iteration order), {@link List} (array).
 */
final class JsonbWriter {

    /** An unsigned JSON integer (MySQL Json_uint); {@code value} is read as unsigned 64-bit. */
    record UInt(long value) {}

    /** A JSON opaque value: a MySQL field type and its payload. */
    record Opaque(int fieldType, byte[] data) {}

    private final boolean forceLarge;

    private JsonbWriter(boolean forceLarge) {
        this.forceLarge = forceLarge;
    }

    /** Encodes a document like MySQL: containers small unless they do not fit in 64 KiB. */
    static byte[] document(Object value) {
        return new JsonbWriter(false).top(value);
    }

    /** Encodes a document with every container in the large format (valid, though MySQL would not choose it). */
    static byte[] largeDocument(Object value) {
        return new JsonbWriter(true).top(value);
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("[\\s_]", ""));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] variableLength(long length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int ch = (int) (length & 0x7F);
            length >>>= 7;
            if (length != 0) {
                ch |= 0x80;
            }
            out.write(ch);
        } while (length != 0);
        return out.toByteArray();
    }

    /** A top-level opaque document: 0x0F, field type, length, data. */
    static byte[] opaqueDocument(int fieldType, byte[] data) {
        return document(new Opaque(fieldType, data));
    }

    static byte[] le64(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    private byte[] top(Object value) {
        Encoded e = encode(value);
        return concat(new byte[] {(byte) e.type}, e.bytes);
    }

    private record Encoded(int type, byte[] bytes) {}

    private Encoded encode(Object v) {
        if (v == null) {
            return new Encoded(MysqlJsonBinaryDecoder.TYPE_LITERAL, new byte[] {0});
        }
        if (v instanceof Boolean bool) {
            return new Encoded(MysqlJsonBinaryDecoder.TYPE_LITERAL, new byte[] {(byte) (bool ? 1 : 2)});
        }
        if (v instanceof Short || v instanceof Integer || v instanceof Long) {
            long n = ((Number) v).longValue();
            if (n >= Short.MIN_VALUE && n <= Short.MAX_VALUE) {
                return new Encoded(MysqlJsonBinaryDecoder.TYPE_INT16, le(n, 2));
            }
            if (n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
                return new Encoded(MysqlJsonBinaryDecoder.TYPE_INT32, le(n, 4));
            }
            return new Encoded(MysqlJsonBinaryDecoder.TYPE_INT64, le(n, 8));
        }
        if (v instanceof UInt u) {
            long n = u.value();
            if (Long.compareUnsigned(n, 0xFFFF) <= 0) {
                return new Encoded(MysqlJsonBinaryDecoder.TYPE_UINT16, le(n, 2));
            }
            if (Long.compareUnsigned(n, 0xFFFF_FFFFL) <= 0) {
                return new Encoded(MysqlJsonBinaryDecoder.TYPE_UINT32, le(n, 4));
            }
            return new Encoded(MysqlJsonBinaryDecoder.TYPE_UINT64, le(n, 8));
        }
        if (v instanceof Double d) {
            return new Encoded(MysqlJsonBinaryDecoder.TYPE_DOUBLE, le(Double.doubleToRawLongBits(d), 8));
        }
        if (v instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            return new Encoded(MysqlJsonBinaryDecoder.TYPE_STRING, concat(variableLength(utf8.length), utf8));
        }
        if (v instanceof Opaque o) {
            return new Encoded(MysqlJsonBinaryDecoder.TYPE_OPAQUE,
                    concat(new byte[] {(byte) o.fieldType()}, variableLength(o.data().length), o.data()));
        }
        if (v instanceof Map<?, ?> map) {
            List<String> keys = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            map.forEach((k, val) -> {
                keys.add((String) k);
                values.add(val);
            });
            return container(keys, values);
        }
        if (v instanceof List<?> list) {
            return container(null, new ArrayList<>(list));
        }
        throw new IllegalArgumentException("cannot encode " + v.getClass());
    }

    private Encoded container(List<String> keys, List<Object> values) {
        if (!forceLarge) {
            byte[] small = container(keys, values, false);
            if (small != null) {
                return new Encoded(keys != null ? 0x00 : 0x02, small);
            }
        }
        return new Encoded(keys != null ? 0x01 : 0x03, container(keys, values, true));
    }

    /** One container body (after its type byte), or null if it does not fit the small format. */
    private byte[] container(List<String> keys, List<Object> values, boolean large) {
        int os = large ? 4 : 2;
        int n = values.size();
        int header = 2 * os + (keys != null ? n * (2 + os) : 0) + n * (1 + os);
        ByteArrayOutputStream keyEntries = new ByteArrayOutputStream();
        ByteArrayOutputStream valueEntries = new ByteArrayOutputStream();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        long offset = header;
        if (keys != null) {
            for (String k : keys) {
                byte[] kb = k.getBytes(StandardCharsets.UTF_8);
                keyEntries.writeBytes(le(offset, os));
                keyEntries.writeBytes(le(kb.length, 2));
                data.writeBytes(kb);
                offset += kb.length;
            }
        }
        for (Object v : values) {
            Encoded e = encode(v);
            valueEntries.write(e.type);
            boolean inline = switch (e.type) {
                case MysqlJsonBinaryDecoder.TYPE_LITERAL, MysqlJsonBinaryDecoder.TYPE_INT16,
                        MysqlJsonBinaryDecoder.TYPE_UINT16 -> true;
                case MysqlJsonBinaryDecoder.TYPE_INT32, MysqlJsonBinaryDecoder.TYPE_UINT32 -> large;
                default -> false;
            };
            if (inline) {
                byte[] padded = new byte[os];
                System.arraycopy(e.bytes, 0, padded, 0, e.bytes.length);
                valueEntries.writeBytes(padded);
            } else {
                valueEntries.writeBytes(le(offset, os));
                data.writeBytes(e.bytes);
                offset += e.bytes.length;
            }
        }
        long size = offset;
        if (!large && size > 0xFFFF) {
            return null;
        }
        return concat(le(n, os), le(size, os), keyEntries.toByteArray(), valueEntries.toByteArray(),
                data.toByteArray());
    }

    private static byte[] le(long v, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }
}
