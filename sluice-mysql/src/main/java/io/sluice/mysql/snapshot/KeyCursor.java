package io.sluice.mysql.snapshot;

import io.sluice.core.schema.Column;
import io.sluice.core.schema.TableId;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;

/**
 * The chunking key of a table and the text of the last key copied. Key values travel as the raw
 * bytes the source sent (UTF-8 text as utf8mb4, text in other charsets as its bytes), stored base64 in the meta schema,
 * and are compared back in the column's own type and collation ({@code CAST} for numbers and
 * temporals; text as a coercible string parameter): comparing them as strings or doubles would
 * order rows differently from the index and skip or repeat rows at chunk boundaries.
 */
final class KeyCursor {
    private final List<Column> key;

    KeyCursor(List<Column> key) {
        this.key = List.copyOf(key);
    }

    List<Column> columns() {
        return key;
    }

    /** {@code (`a`, `b`) > (CAST(? AS SIGNED), ?)} */
    String after() {
        StringJoiner names = new StringJoiner(", ", "(", ")");
        StringJoiner values = new StringJoiner(", ", "(", ")");
        for (Column column : key) {
            names.add(TableId.quote(column.name()));
            values.add(parameter(column));
        }
        return names + " > " + values;
    }

    String orderBy() {
        StringJoiner names = new StringJoiner(", ");
        for (Column column : key) {
            names.add(TableId.quote(column.name()));
        }
        return names.toString();
    }

    static String encode(List<byte[]> values) {
        StringJoiner joined = new StringJoiner(",");
        for (byte[] value : values) {
            joined.add(Base64.getEncoder().encodeToString(value));
        }
        return joined.toString();
    }

    static List<byte[]> decode(String text) {
        List<byte[]> values = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            values.add(Base64.getDecoder().decode(part));
        }
        return values;
    }

    private static String parameter(Column column) {
        return switch (column.type().category()) {
            case INTEGER, YEAR -> column.unsigned() ? "CAST(? AS UNSIGNED)" : "CAST(? AS SIGNED)";
            case DECIMAL -> "CAST(? AS DECIMAL(" + column.precision() + "," + column.scale() + "))";
            case FLOAT, DOUBLE -> "CAST(? AS DOUBLE)";
            case DATE -> "CAST(? AS DATE)";
            case TIME -> "CAST(? AS TIME(" + column.fsp() + "))";
            case DATETIME, TIMESTAMP -> "CAST(? AS DATETIME(" + column.fsp() + "))";
            // the bytes of text in a charset utf8mb4 does not carry exactly (TableCopier.sendsBytes), read in that
            // charset and compared in the column's own collation, as the index orders
            default -> TableCopier.sendsBytes(column)
                    ? "CONVERT(? USING " + column.charset() + ")" + (column.collation() == null ? "" : " COLLATE " + column.collation())
                    // a string parameter is coercible: the comparison happens in the column's own collation
                    : "?";
        };
    }

    /** ENUM/SET order by index but compare as text, floats compare inexactly, JSON/GEOMETRY do not order: not chunk keys. */
    static boolean usable(Column column) {
        return switch (column.type().category()) {
            case ENUM, SET, FLOAT, DOUBLE, JSON, GEOMETRY -> false;
            default -> true;
        };
    }
}
