package io.sluice.mysql.binlog;

import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import io.sluice.core.value.MysqlDate;
import io.sluice.core.value.MysqlDateTime;
import io.sluice.core.value.MysqlTime;
import io.sluice.core.value.MysqlTimestamp;

import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Decodes one cell of a rows event from its binlog encoding into a raw value that still lacks
 * what only the table schema knows (signedness, charset, ENUM/SET members).
 *
 * <p>Written by hand, not delegated to the binlog library, because the library's temporal
 * decoding goes through {@code java.util.Date} and loses zero dates, negative and >24h TIMEs and
 * microseconds, reads YEAR 0000 as 1900, and decodes strings with the platform charset. Raw
 * values: TINY..LONG an {@code Integer} and LONGLONG a {@code Long} (signed, two's complement),
 * FLOAT/DOUBLE, exact {@code BigDecimal}, BIT a {@code Long}, the {@code io.sluice.core.value}
 * temporal types, YEAR an {@code Integer}, ENUM an {@code Integer} index, SET a {@code Long}
 * bitmap, and {@code byte[]} for strings, blobs, JSON and geometry.
 */
final class BinlogCells {
    private static final int DIGITS_PER_INTEGER = 9;
    private static final int[] BYTES_FOR_DIGITS = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
    // up to 18 digits the unscaled value of a DECIMAL fits a long
    private static final int MAX_LONG_DIGITS = 18;
    private static final long[] POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L};

    private BinlogCells() {}

    static Serializable decode(ColumnType type, int meta, int length, ByteArrayInputStream in) throws IOException {
        return switch (type) {
            case TINY -> (int) (byte) in.readInteger(1);
            case SHORT -> (int) (short) in.readInteger(2);
            case INT24 -> (in.readInteger(3) << 8) >> 8;
            case LONG -> in.readInteger(4);
            case LONGLONG -> in.readLong(8);
            case FLOAT -> Float.intBitsToFloat(in.readInteger(4));
            case DOUBLE -> Double.longBitsToDouble(in.readLong(8));
            case NEWDECIMAL -> decimal(meta & 0xFF, meta >> 8, in);
            case BIT -> bit(meta, in);
            case DATE -> date(in.readInteger(3));
            case TIME -> oldTime(in);
            case TIME_V2 -> time(meta, in);
            case TIMESTAMP -> new MysqlTimestamp(in.readLong(4), 0);
            case TIMESTAMP_V2 -> new MysqlTimestamp(bigEndian(in.read(4)), fraction(meta, in));
            case DATETIME -> oldDateTime(in.readLong(8));
            case DATETIME_V2 -> dateTime(meta, in);
            case YEAR -> year(in.readInteger(1));
            case STRING -> in.read(length < 256 ? in.readInteger(1) : in.readInteger(2));
            case VARCHAR, VAR_STRING -> in.read(meta < 256 ? in.readInteger(1) : in.readInteger(2));
            case BLOB, GEOMETRY, JSON, VECTOR -> in.read(in.readInteger(meta));
            case ENUM -> in.readInteger(length);
            case SET -> in.readLong(length);
            default -> throw new IOException("Unsupported binlog column type " + type
                    + " (pre-5.0 DECIMAL, NULL or a MariaDB pre-10.1 temporal format); upgrade the table with ALTER TABLE ... FORCE");
        };
    }

    /** DECIMAL: groups of 9 digits in 4 bytes, big-endian, sign in the first bit, negatives inverted. */
    static BigDecimal decimal(int precision, int scale, ByteArrayInputStream in) throws IOException {
        int integerDigits = precision - scale;
        int fullIntegerGroups = integerDigits / DIGITS_PER_INTEGER;
        int leadingDigits = integerDigits - fullIntegerGroups * DIGITS_PER_INTEGER;
        int fullFractionGroups = scale / DIGITS_PER_INTEGER;
        int trailingDigits = scale - fullFractionGroups * DIGITS_PER_INTEGER;
        int size = BYTES_FOR_DIGITS[leadingDigits] + fullIntegerGroups * 4 + fullFractionGroups * 4 + BYTES_FOR_DIGITS[trailingDigits];
        byte[] bytes = in.read(size);
        boolean positive = (bytes[0] & 0x80) != 0;
        bytes[0] ^= (byte) 0x80;
        if (!positive) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] ^= (byte) 0xFF;
            }
        }
        if (precision <= MAX_LONG_DIGITS) {
            BigDecimal value = smallDecimal(bytes, positive, scale, leadingDigits, fullIntegerGroups, fullFractionGroups, trailingDigits);
            if (value != null) {
                return value;
            }
        }
        StringBuilder digits = new StringBuilder(precision + 2);
        if (!positive) {
            digits.append('-');
        }
        int offset = 0;
        int width = BYTES_FOR_DIGITS[leadingDigits];
        if (width > 0) {
            digits.append(bigEndian(bytes, offset, width));
            offset += width;
        }
        for (int i = 0; i < fullIntegerGroups; i++, offset += 4) {
            appendPadded(digits, bigEndian(bytes, offset, 4), DIGITS_PER_INTEGER);
        }
        if (integerDigits == 0 || digits.length() == (positive ? 0 : 1)) {
            digits.append('0');
        }
        if (scale > 0) {
            digits.append('.');
            for (int i = 0; i < fullFractionGroups; i++, offset += 4) {
                appendPadded(digits, bigEndian(bytes, offset, 4), DIGITS_PER_INTEGER);
            }
            if (trailingDigits > 0) {
                appendPadded(digits, bigEndian(bytes, offset, BYTES_FOR_DIGITS[trailingDigits]), trailingDigits);
            }
        }
        BigDecimal value = new BigDecimal(digits.toString());
        // MySQL has no negative zero; normalise so "-0.00" compares equal to "0.00"
        return value.signum() == 0 ? value.abs() : value;
    }

    /**
     * The common DECIMAL(p,s) with p <= 18 as an unscaled long, the same value the digit text gives
     * without building and parsing it; null when a group holds more digits than its width (no
     * server writes that), so the text path decides those exactly as before.
     */
    private static BigDecimal smallDecimal(byte[] bytes, boolean positive, int scale, int leadingDigits, int fullIntegerGroups,
            int fullFractionGroups, int trailingDigits) {
        long unscaled = 0;
        int offset = 0;
        int width = BYTES_FOR_DIGITS[leadingDigits];
        if (width > 0) {
            long leading = bigEndian(bytes, offset, width);
            if (leading >= POWERS_OF_TEN[leadingDigits]) {
                return null;
            }
            unscaled = leading;
            offset += width;
        }
        for (int i = 0; i < fullIntegerGroups + fullFractionGroups; i++, offset += 4) {
            long group = bigEndian(bytes, offset, 4);
            if (group >= POWERS_OF_TEN[DIGITS_PER_INTEGER]) {
                return null;
            }
            unscaled = unscaled * POWERS_OF_TEN[DIGITS_PER_INTEGER] + group;
        }
        if (trailingDigits > 0) {
            long trailing = bigEndian(bytes, offset, BYTES_FOR_DIGITS[trailingDigits]);
            if (trailing >= POWERS_OF_TEN[trailingDigits]) {
                return null;
            }
            unscaled = unscaled * POWERS_OF_TEN[trailingDigits] + trailing;
        }
        // MySQL has no negative zero: a zero keeps its scale and loses the sign, as in the text path
        return BigDecimal.valueOf(positive ? unscaled : -unscaled, scale);
    }

    private static Long bit(int meta, ByteArrayInputStream in) throws IOException {
        int bits = (meta >> 8) * 8 + (meta & 0xFF);
        return bigEndian(in.read((bits + 7) / 8));
    }

    private static MysqlDate date(int packed) {
        return new MysqlDate(packed >>> 9, (packed >>> 5) & 0x0F, packed & 0x1F);
    }

    private static Integer year(int stored) {
        return stored == 0 ? 0 : 1900 + stored;
    }

    /** Pre-5.6 TIME: a signed 3-byte integer HHMMSS. */
    private static MysqlTime oldTime(ByteArrayInputStream in) throws IOException {
        int value = (in.readInteger(3) << 8) >> 8;
        boolean negative = value < 0;
        int magnitude = Math.abs(value);
        return new MysqlTime(negative, magnitude / 10000, (magnitude / 100) % 100, magnitude % 100, 0);
    }

    /** Pre-5.6 DATETIME: an 8-byte integer YYYYMMDDhhmmss. */
    private static MysqlDateTime oldDateTime(long value) {
        int date = (int) (value / 1_000_000L);
        int time = (int) (value % 1_000_000L);
        return new MysqlDateTime(date / 10000, (date / 100) % 100, date % 100, time / 10000, (time / 100) % 100, time % 100, 0);
    }

    /**
     * TIME2 (MySQL 5.6+ / MariaDB mysql56_temporal_format): an offset-binary big-endian packed
     * value; for negative times with a fraction the integer part is stored rounded up, as in
     * MySQL's {@code my_time_packed_from_binary}.
     */
    private static MysqlTime time(int fsp, ByteArrayInputStream in) throws IOException {
        long intPart = bigEndian(in.read(3)) - 0x800000L;
        long packed;
        switch (fsp) {
            case 1, 2 -> {
                long fraction = in.readInteger(1);
                if (intPart < 0 && fraction != 0) {
                    intPart++;
                    fraction -= 0x100;
                }
                packed = (intPart << 24) + fraction * 10_000;
            }
            case 3, 4 -> {
                long fraction = bigEndian(in.read(2));
                if (intPart < 0 && fraction != 0) {
                    intPart++;
                    fraction -= 0x10000;
                }
                packed = (intPart << 24) + fraction * 100;
            }
            case 5, 6 -> packed = ((intPart + 0x800000L) << 24 | bigEndian(in.read(3))) - 0x800000000000L;
            default -> packed = intPart << 24;
        }
        boolean negative = packed < 0;
        long magnitude = Math.abs(packed);
        long hms = magnitude >> 24;
        return new MysqlTime(negative, (int) ((hms >> 12) % (1 << 10)), (int) ((hms >> 6) % (1 << 6)),
                (int) (hms % (1 << 6)), (int) (magnitude % (1 << 24)));
    }

    /** DATETIME2: 5 bytes offset-binary big-endian (year*13+month, day, hour, minute, second) plus fraction. */
    private static MysqlDateTime dateTime(int fsp, ByteArrayInputStream in) throws IOException {
        long intPart = bigEndian(in.read(5)) - 0x8000000000L;
        int micros = fraction(fsp, in);
        long ymd = intPart >> 17;
        long hms = intPart % (1 << 17);
        long yearMonth = ymd >> 5;
        return new MysqlDateTime((int) (yearMonth / 13), (int) (yearMonth % 13), (int) (ymd % (1 << 5)),
                (int) (hms >> 12), (int) ((hms >> 6) % (1 << 6)), (int) (hms % (1 << 6)), micros);
    }

    /** Fractional seconds of TIMESTAMP2/DATETIME2: 0..3 big-endian bytes by precision, as microseconds. */
    private static int fraction(int fsp, ByteArrayInputStream in) throws IOException {
        return switch (fsp) {
            case 1, 2 -> in.readInteger(1) * 10_000;
            case 3, 4 -> (int) bigEndian(in.read(2)) * 100;
            case 5, 6 -> (int) bigEndian(in.read(3));
            default -> 0;
        };
    }

    private static void appendPadded(StringBuilder out, long value, int width) {
        String text = Long.toString(value);
        for (int i = text.length(); i < width; i++) {
            out.append('0');
        }
        out.append(text);
    }

    // Reading these few bytes one at a time (in.readLong and a byte swap) saves the array but measured
    // slower: every byte is a synchronized java.io.ByteArrayInputStream.read() inside the library.
    private static long bigEndian(byte[] bytes) {
        return bigEndian(bytes, 0, bytes.length);
    }

    private static long bigEndian(byte[] bytes, int offset, int length) {
        long result = 0;
        for (int i = offset; i < offset + length; i++) {
            result = (result << 8) | (bytes[i] & 0xFF);
        }
        return result;
    }

    /** BIGINT UNSIGNED from the two's-complement long the binlog carries. */
    static BigInteger unsigned(long value) {
        return value >= 0 ? BigInteger.valueOf(value) : BigInteger.valueOf(value).add(BigInteger.ONE.shiftLeft(64));
    }
}
