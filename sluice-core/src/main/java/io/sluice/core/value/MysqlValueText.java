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
 * rendered in the given session time zone. Binary values, which have no text form, are rendered as
 * {@code 0x}-prefixed hex, and BIT as {@code b'0101'}.
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
            default -> value instanceof byte[] bytes ? "0x" + HEX.formatHex(bytes) : value.toString();
        };
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
