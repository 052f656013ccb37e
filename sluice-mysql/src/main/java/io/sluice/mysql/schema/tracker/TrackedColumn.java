package io.sluice.mysql.schema.tracker;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.schema.Column;
import io.sluice.core.schema.ColumnType;
import io.sluice.core.schema.TableId;

import java.util.List;
import java.util.Set;

/**
 * One column as the tracker keeps it: fully resolved (charset and collation decided, aliases
 * mapped), so that later changes to table or database defaults do not touch it.
 *
 * @param dataType the type as {@code information_schema.COLUMNS.DATA_TYPE} names it ({@code varchar},
 *        {@code longtext} for JSON...), or the lower-case name of a type Sluice does not support
 * @param unknownType the type as written, for a type Sluice does not support; null otherwise
 * @param length characters for CHAR/VARCHAR, bytes for BINARY/VARBINARY and the TEXT/BLOB types, bits for BIT
 */
record TrackedColumn(
        String name,
        String dataType,
        String unknownType,
        boolean unsigned,
        long length,
        int precision,
        int scale,
        int fsp,
        String charset,
        String collation,
        List<String> members,
        boolean nullable) {
    static final long TINY = 255;
    static final long REGULAR = 65_535;
    static final long MEDIUM = 16_777_215;
    static final long LONG = 4_294_967_295L;

    static final Set<String> TEXT_TYPES = Set.of("tinytext", "text", "mediumtext", "longtext");
    static final Set<String> BLOB_TYPES = Set.of("tinyblob", "blob", "mediumblob", "longblob");
    static final Set<String> INTEGER_TYPES = Set.of("tinyint", "smallint", "mediumint", "int", "bigint");
    static final Set<String> GEOMETRY_TYPES = Set.of("geometry", "point", "linestring", "polygon", "multipoint",
            "multilinestring", "multipolygon", "geometrycollection");

    TrackedColumn {
        requireNonNull(name, "name is null");
        requireNonNull(dataType, "dataType is null");
        members = List.copyOf(members);
    }

    /** Whether the column has a character set (text types, ENUM, SET). */
    boolean hasCharset() {
        return charset != null;
    }

    TrackedColumn withName(String newName) {
        return new TrackedColumn(newName, dataType, unknownType, unsigned, length, precision, scale, fsp, charset, collation, members, nullable);
    }

    TrackedColumn withNullable(boolean newNullable) {
        return new TrackedColumn(name, dataType, unknownType, unsigned, length, precision, scale, fsp, charset, collation, members, newNullable);
    }

    TrackedColumn withText(String newDataType, long newLength, String newCharset, String newCollation) {
        return new TrackedColumn(name, newDataType, unknownType, unsigned, newLength, precision, scale, fsp, newCharset, newCollation, members, nullable);
    }

    /** The TEXT type that holds {@code bytes} bytes. */
    static String textTypeFor(long bytes) {
        return bytes <= TINY ? "tinytext" : bytes <= REGULAR ? "text" : bytes <= MEDIUM ? "mediumtext" : "longtext";
    }

    /** The BLOB type that holds {@code bytes} bytes. */
    static String blobTypeFor(long bytes) {
        return bytes <= TINY ? "tinyblob" : bytes <= REGULAR ? "blob" : bytes <= MEDIUM ? "mediumblob" : "longblob";
    }

    /** The byte capacity of a TEXT or BLOB type. */
    static long capacity(String textOrBlobType) {
        return switch (textOrBlobType) {
            case "tinytext", "tinyblob" -> TINY;
            case "text", "blob" -> REGULAR;
            case "mediumtext", "mediumblob" -> MEDIUM;
            default -> LONG;
        };
    }

    /** The column in Sluice's model; SCHEMA_MISMATCH for a type Sluice does not support, as {@code InformationSchemaLoader} reports it. */
    Column toColumn(TableId table) {
        ColumnType type;
        try {
            type = unknownType != null ? ColumnType.fromDataType(unknownType) : ColumnType.fromDataType(dataType);
        }
        catch (IllegalArgumentException e) {
            throw new SluiceException(ErrorCode.SCHEMA_MISMATCH,
                    "Column " + name + " of " + table + " has type " + (unknownType != null ? unknownType : dataType)
                            + ", which Sluice does not support yet.",
                    "Exclude the table from the task, or change the column to a standard MySQL type.", e);
        }
        long columnLength = switch (type.category()) {
            case TEXT, BINARY, BIT -> length;
            default -> 0;
        };
        boolean decimal = type == ColumnType.DECIMAL;
        int columnFsp = switch (type.category()) {
            case TIME, DATETIME, TIMESTAMP -> fsp;
            default -> 0;
        };
        String columnCharset = type.hasCharset() ? (charset == null ? "binary" : charset) : null;
        String columnCollation = type.hasCharset() ? collation : null;
        List<String> columnMembers = type == ColumnType.ENUM || type == ColumnType.SET ? members : List.of();
        return new Column(name, type, unsigned, columnLength, decimal ? precision : 0, decimal ? scale : 0, columnFsp,
                columnCharset, columnCollation, columnMembers, nullable);
    }

    /** The column's definition in a CREATE TABLE, with every attribute explicit. */
    String render() {
        StringBuilder sql = new StringBuilder(Names.quote(name)).append(' ').append(renderType());
        if (charset != null) {
            sql.append(" CHARACTER SET ").append(charset).append(" COLLATE ").append(collation);
        }
        sql.append(nullable ? " NULL" : " NOT NULL");
        return sql.toString();
    }

    private String renderType() {
        if (unknownType != null) {
            return unknownType;
        }
        String sign = unsigned ? " unsigned" : "";
        return switch (dataType) {
            case "decimal" -> "decimal(" + precision + "," + scale + ")" + sign;
            case "float", "double" -> dataType + sign;
            case "bit", "char", "varchar", "binary", "varbinary" -> dataType + "(" + length + ")";
            case "time", "datetime", "timestamp" -> fsp > 0 ? dataType + "(" + fsp + ")" : dataType;
            case "enum", "set" -> {
                StringBuilder list = new StringBuilder(dataType).append('(');
                for (int i = 0; i < members.size(); i++) {
                    if (i > 0) {
                        list.append(',');
                    }
                    list.append('\'').append(members.get(i).replace("\\", "\\\\").replace("'", "''")).append('\'');
                }
                yield list.append(')').toString();
            }
            default -> INTEGER_TYPES.contains(dataType) ? dataType + sign : dataType;
        };
    }
}
