package io.sluice.mysql.schema;

import static java.util.Objects.requireNonNull;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.DdlEvent;
import io.sluice.core.schema.Column;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;
import io.sluice.mysql.binlog.ExactTableMap;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a table's schema from the table map event itself when the source logs
 * {@code binlog_row_metadata=FULL}: column names, signedness, charsets, ENUM/SET members and the
 * primary key travel with every transaction, so events decode with the schema they were written
 * under, across any DDL, without replaying history. Falls back to another provider for table maps
 * without names (MINIMAL or NO_LOG metadata). Unique keys other than the primary key are not in
 * the metadata and are left empty.
 */
public final class FullMetadataSchemas implements TableSchemaProvider {
    private static final int BINARY_COLLATION = 63;

    private final Map<Integer, String> charsetByCollation;
    private final Map<Integer, String> collationNames;
    private final TableSchemaProvider fallback;

    public FullMetadataSchemas(Map<Integer, String> charsetByCollation, Map<Integer, String> collationNames, TableSchemaProvider fallback) {
        this.charsetByCollation = Map.copyOf(requireNonNull(charsetByCollation, "charsetByCollation is null"));
        this.collationNames = Map.copyOf(requireNonNull(collationNames, "collationNames is null"));
        this.fallback = requireNonNull(fallback, "fallback is null");
    }

    /** Reads the server's collation ids, which the table map's charset fields refer to. */
    public static FullMetadataSchemas load(Connection connection, TableSchemaProvider fallback) throws SQLException {
        Map<Integer, String> charsets = new HashMap<>();
        Map<Integer, String> names = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT ID, CHARACTER_SET_NAME, COLLATION_NAME FROM information_schema.COLLATIONS WHERE ID IS NOT NULL")) {
            while (rs.next()) {
                charsets.put(rs.getInt(1), rs.getString(2));
                names.put(rs.getInt(1), rs.getString(3));
            }
        }
        return new FullMetadataSchemas(charsets, names, fallback);
    }

    @Override
    public TableSchema schemaOf(TableId table, TableMapEventData tableMap) {
        TableMapEventMetadata metadata = tableMap == null ? null : tableMap.getEventMetadata();
        if (metadata == null || metadata.getColumnNames() == null || metadata.getColumnNames().isEmpty()) {
            return fallback.schemaOf(table, tableMap);
        }
        // the reader keeps one decoder per table map shape, so this runs once per table and DDL
        return build(table, tableMap, metadata);
    }

    @Override
    public void onDdl(DdlEvent ddl) {
        fallback.onDdl(ddl);
    }

    private TableSchema build(TableId table, TableMapEventData tableMap, TableMapEventMetadata metadata) {
        byte[] types = tableMap.getColumnTypes();
        int[] meta = tableMap.getColumnMetadata();
        BitSet unsigned = metadata.getSignedness() == null ? new BitSet() : metadata.getSignedness();
        BitSet nullable = tableMap.getColumnNullability() == null ? new BitSet() : tableMap.getColumnNullability();
        Charsets text = new Charsets(metadata.getDefaultCharset(), metadata.getColumnCharsets());
        Charsets enumSet = new Charsets(metadata.getEnumAndSetDefaultCharset(), metadata.getEnumAndSetColumnCharsets());
        int enumIndex = 0;
        int setIndex = 0;
        List<Column> columns = new ArrayList<>(types.length);
        for (int i = 0; i < types.length; i++) {
            String name = metadata.getColumnNames().get(i);
            ColumnType binlogType = ColumnType.byCode(types[i] & 0xFF);
            int columnMeta = meta[i];
            if (binlogType == ColumnType.STRING && columnMeta >= 256) {
                int real = columnMeta >> 8;
                if (real == ColumnType.ENUM.getCode() || real == ColumnType.SET.getCode()) {
                    binlogType = ColumnType.byCode(real);
                }
            }
            boolean isNullable = nullable.get(i);
            Column column = switch (binlogType) {
                case TINY -> numeric(name, io.sluice.core.schema.ColumnType.TINYINT, unsigned.get(i), isNullable);
                case SHORT -> numeric(name, io.sluice.core.schema.ColumnType.SMALLINT, unsigned.get(i), isNullable);
                case INT24 -> numeric(name, io.sluice.core.schema.ColumnType.MEDIUMINT, unsigned.get(i), isNullable);
                case LONG -> numeric(name, io.sluice.core.schema.ColumnType.INT, unsigned.get(i), isNullable);
                case LONGLONG -> numeric(name, io.sluice.core.schema.ColumnType.BIGINT, unsigned.get(i), isNullable);
                case FLOAT -> numeric(name, io.sluice.core.schema.ColumnType.FLOAT, unsigned.get(i), isNullable);
                case DOUBLE -> numeric(name, io.sluice.core.schema.ColumnType.DOUBLE, unsigned.get(i), isNullable);
                case YEAR -> plain(name, io.sluice.core.schema.ColumnType.YEAR, 0, 0, isNullable);
                case NEWDECIMAL -> new Column(name, io.sluice.core.schema.ColumnType.DECIMAL, unsigned.get(i), 0,
                        columnMeta & 0xFF, columnMeta >> 8, 0, null, null, List.of(), isNullable);
                case BIT -> plain(name, io.sluice.core.schema.ColumnType.BIT, (columnMeta >> 8) * 8L + (columnMeta & 0xFF), 0, isNullable);
                case DATE, NEWDATE -> plain(name, io.sluice.core.schema.ColumnType.DATE, 0, 0, isNullable);
                case TIME, TIME_V2 -> plain(name, io.sluice.core.schema.ColumnType.TIME, 0, fsp(binlogType, columnMeta), isNullable);
                case DATETIME, DATETIME_V2 -> plain(name, io.sluice.core.schema.ColumnType.DATETIME, 0, fsp(binlogType, columnMeta), isNullable);
                case TIMESTAMP, TIMESTAMP_V2 -> plain(name, io.sluice.core.schema.ColumnType.TIMESTAMP, 0, fsp(binlogType, columnMeta), isNullable);
                case STRING -> {
                    int collation = text.next();
                    int byteLength = columnMeta >= 256 ? (((columnMeta >> 4) & 0x300) ^ 0x300) + (columnMeta & 0xFF) : columnMeta;
                    yield collation == BINARY_COLLATION
                            ? plain(name, io.sluice.core.schema.ColumnType.BINARY, byteLength, 0, isNullable)
                            : textColumn(table, name, io.sluice.core.schema.ColumnType.CHAR, collation, isNullable);
                }
                case VARCHAR, VAR_STRING -> {
                    int collation = text.next();
                    yield collation == BINARY_COLLATION
                            ? plain(name, io.sluice.core.schema.ColumnType.VARBINARY, columnMeta, 0, isNullable)
                            : textColumn(table, name, io.sluice.core.schema.ColumnType.VARCHAR, collation, isNullable);
                }
                case BLOB -> {
                    int collation = text.next();
                    boolean binary = collation == BINARY_COLLATION;
                    io.sluice.core.schema.ColumnType type = switch (columnMeta) {
                        case 1 -> binary ? io.sluice.core.schema.ColumnType.TINYBLOB : io.sluice.core.schema.ColumnType.TINYTEXT;
                        case 2 -> binary ? io.sluice.core.schema.ColumnType.BLOB : io.sluice.core.schema.ColumnType.TEXT;
                        case 3 -> binary ? io.sluice.core.schema.ColumnType.MEDIUMBLOB : io.sluice.core.schema.ColumnType.MEDIUMTEXT;
                        default -> binary ? io.sluice.core.schema.ColumnType.LONGBLOB : io.sluice.core.schema.ColumnType.LONGTEXT;
                    };
                    yield binary ? plain(name, type, 0, 0, isNullable) : textColumn(table, name, type, collation, isNullable);
                }
                case ENUM -> {
                    int collation = enumSet.next();
                    int index = enumIndex++;
                    List<String> values = tableMap instanceof ExactTableMap exact
                            ? exact.enumMembers(index, charset(table, name, collation)).orElseGet(() -> List.of(metadata.getEnumStrValues().get(index)))
                            : List.of(metadata.getEnumStrValues().get(index));
                    yield members(table, name, io.sluice.core.schema.ColumnType.ENUM, collation, values, isNullable);
                }
                case SET -> {
                    int collation = enumSet.next();
                    int index = setIndex++;
                    List<String> values = tableMap instanceof ExactTableMap exact
                            ? exact.setMembers(index, charset(table, name, collation)).orElseGet(() -> List.of(metadata.getSetStrValues().get(index)))
                            : List.of(metadata.getSetStrValues().get(index));
                    yield members(table, name, io.sluice.core.schema.ColumnType.SET, collation, values, isNullable);
                }
                case JSON -> plain(name, io.sluice.core.schema.ColumnType.JSON, 0, 0, isNullable);
                case GEOMETRY -> plain(name, io.sluice.core.schema.ColumnType.GEOMETRY, 0, 0, isNullable);
                default -> throw new SluiceException(ErrorCode.BINLOG_EVENT_UNSUPPORTED,
                        "Column " + name + " of " + table + " has the binlog column type " + binlogType + ", which Sluice does not decode.",
                        "Exclude the table from the task, or convert the column to a type Sluice replicates.");
            };
            columns.add(column);
        }
        columns = withMariaDbBinaryTypes(table, tableMap, columns);
        List<String> primaryKey = new ArrayList<>();
        List<Integer> keyColumns = metadata.getSimplePrimaryKeys() != null ? metadata.getSimplePrimaryKeys()
                : metadata.getPrimaryKeysWithPrefix() != null ? new ArrayList<>(metadata.getPrimaryKeysWithPrefix().keySet()) : List.of();
        for (int index : keyColumns) {
            primaryKey.add(columns.get(index).name());
        }
        return new TableSchema(table, columns, primaryKey, List.of());
    }

    /**
     * MariaDB logs UUID, INET6 and INET4 as BINARY(16)/BINARY(4), and the metadata does not name
     * the type: the other provider's schema (the source's information_schema) does. Its column of
     * the same name and width gives the type, so that the value renders as the server shows it;
     * the bytes are the same either way, so a schema that cannot be read keeps BINARY.
     */
    private List<Column> withMariaDbBinaryTypes(TableId table, TableMapEventData tableMap, List<Column> columns) {
        boolean candidates = columns.stream().anyMatch(column -> column.type() == io.sluice.core.schema.ColumnType.BINARY
                && (column.length() == 16 || column.length() == 4));
        if (!candidates) {
            return columns;
        }
        TableSchema current;
        try {
            current = fallback.schemaOf(table, tableMap);
        }
        catch (SluiceException e) {
            return columns;
        }
        List<Column> typed = new ArrayList<>(columns.size());
        for (Column column : columns) {
            Column named = column.type() == io.sluice.core.schema.ColumnType.BINARY ? current.column(column.name()).orElse(null) : null;
            if (named != null && named.type().fixedBinaryLength() == column.length()) {
                column = new Column(column.name(), named.type(), false, column.length(), 0, 0, 0, null, null, List.of(), column.nullable());
            }
            typed.add(column);
        }
        return typed;
    }

    private static int fsp(ColumnType binlogType, int meta) {
        return binlogType == ColumnType.TIME_V2 || binlogType == ColumnType.DATETIME_V2 || binlogType == ColumnType.TIMESTAMP_V2 ? meta : 0;
    }

    private static Column numeric(String name, io.sluice.core.schema.ColumnType type, boolean unsigned, boolean nullable) {
        return new Column(name, type, unsigned, 0, 0, 0, 0, null, null, List.of(), nullable);
    }

    private static Column plain(String name, io.sluice.core.schema.ColumnType type, long length, int fsp, boolean nullable) {
        return new Column(name, type, false, length, 0, 0, fsp, null, null, List.of(), nullable);
    }

    private Column textColumn(TableId table, String name, io.sluice.core.schema.ColumnType type, int collation, boolean nullable) {
        return new Column(name, type, false, 0, 0, 0, 0, charset(table, name, collation), collationNames.get(collation), List.of(), nullable);
    }

    private Column members(TableId table, String name, io.sluice.core.schema.ColumnType type, int collation, List<String> values, boolean nullable) {
        return new Column(name, type, false, 0, 0, 0, 0, charset(table, name, collation), collationNames.get(collation), values, nullable);
    }

    private String charset(TableId table, String column, int collation) {
        String charset = charsetByCollation.get(collation);
        if (charset == null) {
            // decoding the column's bytes with a guessed charset would replicate wrong text
            throw new SluiceException(ErrorCode.SCHEMA_MISMATCH,
                    "Column " + column + " of " + table + " has collation id " + collation + " in the binlog's table metadata, "
                            + "which the source's information_schema.COLLATIONS does not list.",
                    "Read the binlog from the server that wrote it (a binlog copied from another server or version names "
                            + "collations this one lacks), or restart the source if a collation was added to its configuration since; "
                            + "otherwise exclude the table from the task.");
        }
        return charset;
    }

    /**
     * The collation of each character column in order: either one per column (COLUMN_CHARSET) or
     * a default with exceptions indexed by the column's position among character columns.
     */
    private static final class Charsets {
        private final TableMapEventMetadata.DefaultCharset defaults;
        private final List<Integer> perColumn;
        private int index;

        Charsets(TableMapEventMetadata.DefaultCharset defaults, List<Integer> perColumn) {
            this.defaults = defaults;
            this.perColumn = perColumn;
        }

        int next() {
            int position = index++;
            if (perColumn != null) {
                return perColumn.get(position);
            }
            if (defaults == null) {
                throw new SluiceException(ErrorCode.BINLOG_EVENT_UNDECODABLE,
                        "The binlog's table metadata has no charset for character column " + position + ".",
                        "The table map event is malformed; check the source's binlog with mysqlbinlog and report it with the binlog file.");
            }
            Map<Integer, Integer> exceptions = defaults.getCharsetCollations();
            Integer collation = exceptions == null ? null : exceptions.get(position);
            return collation != null ? collation : defaults.getDefaultCharsetCollation();
        }
    }
}
