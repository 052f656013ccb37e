package io.sluice.core.value;

import io.sluice.core.schema.Column;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Renders a decoded column value as the text MySQL prints for it ({@code SELECT} in the mysql
 * client), so that what Sluice shows can be compared with what the server shows. TIMESTAMPs are
 * rendered in the given session time zone. MariaDB's UUID, INET6 and INET4 are rendered as the
 * server prints them; other binary values, which have no text form, as {@code 0x}-prefixed hex,
 * and BIT as {@code b'0101'}.
 */
public final class MysqlValueText {
    private static final HexFormat HEX = HexFormat.of();

    private MysqlValueText() {}

    public static String render(Column column, Object value, ZoneId sessionZone) {
        if (value == null) {
            return "NULL";
        }
        return switch (column.type().category()) {
            case FLOAT -> shortest(((Float) value).toString());
            case DOUBLE -> shortest(((Double) value).toString());
            case DECIMAL -> ((BigDecimal) value).toPlainString();
            case BIT -> bits(column, (Long) value);
            case YEAR -> String.format(Locale.ROOT, "%04d", (Integer) value);
            case TIME -> ((MysqlTime) value).format(column.fsp());
            case DATETIME -> ((MysqlDateTime) value).format(column.fsp());
            case TIMESTAMP -> ((MysqlTimestamp) value).format(column.fsp(), sessionZone);
            case BINARY -> switch (column.type()) {
                case UUID -> uuid((byte[]) value);
                case INET6 -> inet6((byte[]) value);
                case INET4 -> inet4((byte[]) value, 0);
                default -> "0x" + HEX.formatHex((byte[]) value);
            };
            default -> value instanceof byte[] bytes ? "0x" + HEX.formatHex(bytes) : value.toString();
        };
    }

    /** A UUID's 16 bytes as MariaDB prints them: lower-case hex in groups of 8-4-4-4-12, in byte order. */
    public static String uuid(byte[] bytes) {
        checkLength(bytes, 16, "UUID");
        String hex = HEX.formatHex(bytes);
        return hex.substring(0, 8) + '-' + hex.substring(8, 12) + '-' + hex.substring(12, 16) + '-' + hex.substring(16, 20) + '-' + hex.substring(20);
    }

    /**
     * An IPv6 address as MariaDB prints it (MySQL's INET6_NTOA rules): lower-case hex groups
     * without leading zeros, the first longest run of zero groups (even a single one) as
     * {@code ::}, and the last 32 bits in dotted form for an IPv4-compatible ({@code ::1.2.3.4},
     * a run of exactly six leading zero groups) or IPv4-mapped ({@code ::ffff:1.2.3.4}) address.
     */
    public static String inet6(byte[] bytes) {
        checkLength(bytes, 16, "INET6");
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = (bytes[2 * i] & 0xFF) << 8 | bytes[2 * i + 1] & 0xFF;
        }
        int gapStart = -1;
        int gapLength = 0;
        int runStart = -1;
        for (int i = 0; i <= 8; i++) {
            if (i < 8 && words[i] == 0) {
                if (runStart < 0) {
                    runStart = i;
                }
            }
            else if (runStart >= 0) {
                // strictly longer: the first of equally long runs is compressed
                if (i - runStart > gapLength) {
                    gapStart = runStart;
                    gapLength = i - runStart;
                }
                runStart = -1;
            }
        }
        boolean embeddedIpv4 = gapStart == 0 && (gapLength == 6 || gapLength == 5 && words[5] == 0xFFFF);
        StringBuilder text = new StringBuilder(45);
        for (int i = 0; i < 8; i++) {
            if (i == gapStart) {
                if (i == 0) {
                    text.append(':');
                }
                text.append(':');
                i += gapLength - 1;
            }
            else if (i == 6 && embeddedIpv4) {
                text.append(inet4(bytes, 12));
                break;
            }
            else {
                text.append(Integer.toHexString(words[i]));
                if (i < 7) {
                    text.append(':');
                }
            }
        }
        return text.toString();
    }

    /** An IPv4 address's 4 bytes at {@code offset} in dotted decimal. */
    private static String inet4(byte[] bytes, int offset) {
        if (offset == 0) {
            checkLength(bytes, 4, "INET4");
        }
        return (bytes[offset] & 0xFF) + "." + (bytes[offset + 1] & 0xFF) + "." + (bytes[offset + 2] & 0xFF) + "." + (bytes[offset + 3] & 0xFF);
    }

    private static void checkLength(byte[] bytes, int length, String type) {
        if (bytes.length != length) {
            throw new IllegalArgumentException(type + " value has " + bytes.length + " bytes, not " + length);
        }
    }

    /** The shortest decimal text that reads back as the same float/double, without an exponent for usual magnitudes. */
    public static String shortest(String javaText) {
        if (javaText.contains("E")) {
            return new BigDecimal(javaText).stripTrailingZeros().toPlainString();
        }
        return javaText.endsWith(".0") ? javaText.substring(0, javaText.length() - 2) : javaText;
    }

    /** BIT values as unsigned numbers: a BIT(64) with the top bit set is above Long.MAX_VALUE. */
    public static BigInteger unsignedBits(long bits) {
        return bits >= 0 ? BigInteger.valueOf(bits) : BigInteger.valueOf(bits).add(BigInteger.ONE.shiftLeft(64));
    }

    private static String bits(Column column, long value) {
        int width = (int) Math.max(1, column.length());
        StringBuilder out = new StringBuilder(width + 3).append("b'");
        for (int bit = width - 1; bit >= 0; bit--) {
            out.append((value >>> bit & 1) == 1 ? '1' : '0');
        }
        return out.append('\'').toString();
    }
}
