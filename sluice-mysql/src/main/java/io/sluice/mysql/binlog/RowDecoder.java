package io.sluice.mysql.binlog;

import static java.util.Objects.requireNonNull;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.Row;
import io.sluice.core.schema.Column;
import io.sluice.core.schema.TableSchema;
import io.sluice.mysql.json.MysqlJsonBinaryDecoder;
import io.sluice.mysql.schema.MysqlCharsets;

import java.io.Serializable;
import java.util.BitSet;
import java.util.List;
import java.util.StringJoiner;

/**
 * Turns the raw cells of one table's rows events ({@link BinlogCells}) into {@link Row}s typed by
 * the table schema. Built once per table map and schema so that the per-row work is a plain loop
 * over precomputed converters.
 */
final class RowDecoder {
    // the charsets in which MariaDB's information_schema (utf8mb3) cannot show every character
    private static final java.util.Set<String> FOUR_BYTE_CHARSETS = java.util.Set.of("utf8mb4", "utf16", "utf16le", "utf32");

    private final TableSchema schema;
    // per column; null where the raw cell already is the value
    private final CellConverter[] converters;

    private RowDecoder(TableSchema schema, CellConverter[] converters) {
        this.schema = schema;
        this.converters = converters;
    }

    TableSchema schema() {
        return schema;
    }

    /**
     * Checks that the schema matches what the binlog says about the table and prepares the converters.
     *
     * @param position where the table map event is, for the error message
     */
    static RowDecoder create(TableMapEventData tableMap, TableSchema schema, String position) {
        requireNonNull(tableMap, "tableMap is null");
        requireNonNull(schema, "schema is null");
        byte[] types = tableMap.getColumnTypes();
        List<String> binlogNames = tableMap.getEventMetadata() == null ? null : tableMap.getEventMetadata().getColumnNames();
        if (types.length != schema.columnCount()) {
            throw mismatch(schema, position, "the binlog event has " + types.length + " columns but the schema has "
                    + schema.columnCount() + " (" + names(schema) + ")");
        }
        CellConverter[] converters = new CellConverter[types.length];
        int enumIndex = 0;
        int setIndex = 0;
        for (int i = 0; i < types.length; i++) {
            Column column = schema.columns().get(i);
            if (binlogNames != null && !binlogNames.isEmpty() && !binlogNames.get(i).equalsIgnoreCase(column.name())) {
                throw mismatch(schema, position, "column " + (i + 1) + " is '" + binlogNames.get(i)
                        + "' in the binlog but '" + column.name() + "' in the schema");
            }
            ColumnType binlogType = binlogType(types[i] & 0xFF, tableMap.getColumnMetadata()[i]);
            List<String> members = switch (binlogType) {
                case ENUM -> members(tableMap, column, schema, position, true, enumIndex++);
                case SET -> members(tableMap, column, schema, position, false, setIndex++);
                default -> column.members();
            };
            converters[i] = converter(column, members, binlogType, schema, position);
        }
        return new RowDecoder(schema, converters);
    }

    /** CHAR, ENUM and SET are all logged as STRING with the real type in the metadata. */
    private static ColumnType binlogType(int code, int meta) {
        if (code == ColumnType.STRING.getCode() && meta >= 256) {
            int realType = meta >> 8;
            if (realType == ColumnType.ENUM.getCode() || realType == ColumnType.SET.getCode()) {
                return ColumnType.byCode(realType);
            }
        }
        return ColumnType.byCode(code);
    }

    Row decode(Serializable[] cells, BitSet included) {
        int count = converters.length;
        Object[] values = new Object[count];
        // a FULL row image (what the source checks require) holds every column, one cell each, in order
        if (included.nextClearBit(0) >= count && included.length() <= count) {
            for (int i = 0; i < count; i++) {
                values[i] = convert(i, cells[i]);
            }
            return new Row(schema, values, null);
        }
        int cell = 0;
        for (int i = 0; i < count; i++) {
            if (included.get(i)) {
                values[i] = convert(i, cells[cell++]);
            }
        }
        return new Row(schema, values, included);
    }

    private Object convert(int column, Serializable raw) {
        CellConverter converter = converters[column];
        // most columns keep the raw cell (signed integers, temporal values...): no call through a converter for them
        return raw == null || converter == null ? raw : converter.convert(raw);
    }

    /**
     * An ENUM or SET column's members: the table map's whenever the binlog has them (FULL row
     * metadata), since information_schema and SHOW CREATE TABLE return MariaDB's members in utf8mb3,
     * where a 4-byte character reads as '?'. Without them, such a member cannot be told from a real
     * '?', and decoding would silently replicate "?".
     */
    private static List<String> members(TableMapEventData tableMap, Column column, TableSchema schema, String position, boolean isEnum, int index) {
        if (column.charset() != null && tableMap instanceof ExactTableMap exact) {
            java.util.Optional<List<String>> logged = isEnum ? exact.enumMembers(index, column.charset()) : exact.setMembers(index, column.charset());
            if (logged.isPresent()) {
                if (logged.get().size() != column.members().size()) {
                    throw mismatch(schema, position, "column " + column.name() + " has " + logged.get().size()
                            + " members in the binlog but " + column.members().size() + " in the schema");
                }
                return logged.get();
            }
        }
        if (FOUR_BYTE_CHARSETS.contains(column.charset()) && column.members().stream().anyMatch(member -> member.indexOf('?') >= 0)) {
            throw new SluiceException(ErrorCode.SCHEMA_MISMATCH,
                    "Column " + column.name() + " of " + schema.id() + " at " + position + " is " + column.type() + " " + column.members()
                            + " in " + column.charset() + ": a member with a 4-byte character (an emoji...) reads as '?' from the source's "
                            + "information_schema, so its values cannot be decoded from a binlog without the members.",
                    "Set binlog_row_metadata=FULL on the source (SET GLOBAL binlog_row_metadata='FULL' and in my.cnf) so that the binlog "
                            + "carries the members, then start the task again from a position written after that (or exclude the table).");
        }
        return column.members();
    }

    private static CellConverter converter(Column column, List<String> members, ColumnType binlogType, TableSchema schema, String position) {
        var category = column.type().category();
        boolean compatible = switch (category) {
            case INTEGER -> binlogType == ColumnType.TINY || binlogType == ColumnType.SHORT || binlogType == ColumnType.INT24
                    || binlogType == ColumnType.LONG || binlogType == ColumnType.LONGLONG;
            case DECIMAL -> binlogType == ColumnType.NEWDECIMAL;
            case FLOAT -> binlogType == ColumnType.FLOAT;
            case DOUBLE -> binlogType == ColumnType.DOUBLE;
            case BIT -> binlogType == ColumnType.BIT;
            case DATE -> binlogType == ColumnType.DATE || binlogType == ColumnType.NEWDATE;
            case TIME -> binlogType == ColumnType.TIME || binlogType == ColumnType.TIME_V2;
            case DATETIME -> binlogType == ColumnType.DATETIME || binlogType == ColumnType.DATETIME_V2;
            case TIMESTAMP -> binlogType == ColumnType.TIMESTAMP || binlogType == ColumnType.TIMESTAMP_V2;
            case YEAR -> binlogType == ColumnType.YEAR;
            case TEXT, BINARY -> binlogType == ColumnType.STRING || binlogType == ColumnType.VARCHAR
                    || binlogType == ColumnType.VAR_STRING || binlogType == ColumnType.BLOB;
            case ENUM -> binlogType == ColumnType.ENUM;
            case SET -> binlogType == ColumnType.SET;
            case JSON -> binlogType == ColumnType.JSON || binlogType == ColumnType.BLOB;
            case GEOMETRY -> binlogType == ColumnType.GEOMETRY;
        };
        if (!compatible) {
            throw mismatch(schema, position, "column " + column.name() + " is " + column.type()
                    + " in the schema but " + binlogType + " in the binlog");
        }
        return switch (category) {
            case INTEGER -> integer(column);
            case TEXT -> {
                if (column.isBinaryText()) {
                    yield null;
                }
                MysqlCharsets.TextDecoder decoder = textDecoder(column, schema);
                // text the target would store as other bytes (a byte the charset maps to no character, or to one
                // another byte maps to) stays the column's bytes, which the sink sends as such: exact, and matched byte for byte
                yield raw -> {
                    byte[] bytes = (byte[]) raw;
                    String text = decoder.decode(bytes);
                    return decoder.exact(bytes, text) ? text : bytes;
                };
            }
            case ENUM -> {
                yield raw -> {
                    int index = (Integer) raw;
                    // index 0 is the empty string MySQL stores for an invalid value in non-strict mode
                    return index == 0 ? "" : members.get(index - 1);
                };
            }
            case SET -> {
                yield raw -> {
                    long bits = (Long) raw;
                    StringJoiner joiner = new StringJoiner(",");
                    for (int bit = 0; bit < members.size(); bit++) {
                        if ((bits & (1L << bit)) != 0) {
                            joiner.add(members.get(bit));
                        }
                    }
                    return joiner.toString();
                };
            }
            case BINARY -> {
                if (column.type() != io.sluice.core.schema.ColumnType.BINARY && column.type().fixedBinaryLength() == 0) {
                    yield null;
                }
                // the binlog drops the trailing 0x00 padding of BINARY(n), and the trailing zero bytes of a
                // UUID/INET6/INET4 (0.0.0.0 is logged empty); the server's value has them
                int width = (int) column.length();
                yield raw -> {
                    byte[] bytes = (byte[]) raw;
                    return bytes.length >= width ? bytes : java.util.Arrays.copyOf(bytes, width);
                };
            }
            case JSON -> binlogType == ColumnType.JSON
                    ? raw -> MysqlJsonBinaryDecoder.toJsonText((byte[]) raw)
                    : raw -> new String((byte[]) raw, java.nio.charset.StandardCharsets.UTF_8);
            default -> null;
        };
    }

    private static MysqlCharsets.TextDecoder textDecoder(Column column, TableSchema schema) {
        try {
            return MysqlCharsets.decoder(column.charset());
        }
        catch (IllegalArgumentException e) {
            // failing here, before any row, beats decoding the text with a wrong charset
            throw new SluiceException(ErrorCode.SCHEMA_MISMATCH,
                    "Column " + column.name() + " of " + schema.id() + " uses the character set " + column.charset()
                            + ", which Sluice cannot decode.",
                    "Convert the column to utf8mb4 (ALTER TABLE ... CONVERT TO CHARACTER SET utf8mb4), "
                            + "or exclude the table from the task.", e);
        }
    }

    private static CellConverter integer(Column column) {
        if (!column.unsigned()) {
            return null;
        }
        return switch (column.type()) {
            case TINYINT -> raw -> ((Integer) raw) & 0xFF;
            case SMALLINT -> raw -> ((Integer) raw) & 0xFFFF;
            case MEDIUMINT -> raw -> ((Integer) raw) & 0xFF_FFFF;
            case INT -> raw -> ((Integer) raw) & 0xFFFF_FFFFL;
            default -> raw -> BinlogCells.unsigned((Long) raw);
        };
    }

    private static SluiceException mismatch(TableSchema schema, String position, String detail) {
        return new SluiceException(ErrorCode.SCHEMA_MISMATCH,
                "Cannot decode rows of " + schema.id() + " at " + position + ": " + detail + ".",
                "The table's schema changed after this event was written; start from a position after the last DDL "
                        + "on this table, or let the schema tracker replay the DDL history.");
    }

    private static String names(TableSchema schema) {
        return String.join(", ", schema.columns().stream().map(Column::name).toList());
    }

    @FunctionalInterface
    private interface CellConverter {
        Object convert(Serializable raw);
    }
}
