package io.sluice.mysql.schema;

import static java.util.Objects.requireNonNull;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.DdlEvent;
import io.sluice.core.schema.Column;
import io.sluice.core.schema.ColumnType;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Reads table schemas from the live server's {@code information_schema}. It knows the schema as
 * of now, not as of an old binlog event, so it is right only while no DDL lies between the event
 * and now: the reader's column-count and type cross-check catches the cases where it is not.
 * The schema tracker that replays DDL replaces it for replication; this loader also seeds that tracker.
 */
public final class InformationSchemaLoader implements TableSchemaProvider {
    private static final String COLUMNS_SQL = """
            SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, CHARACTER_MAXIMUM_LENGTH, CHARACTER_OCTET_LENGTH,
                   NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, CHARACTER_SET_NAME, COLLATION_NAME, IS_NULLABLE
            FROM information_schema.COLUMNS
            WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?
            ORDER BY ORDINAL_POSITION""";
    private static final String KEYS_SQL = """
            SELECT INDEX_NAME, COLUMN_NAME
            FROM information_schema.STATISTICS
            WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND NON_UNIQUE = 0
            ORDER BY INDEX_NAME = 'PRIMARY' DESC, INDEX_NAME, SEQ_IN_INDEX""";

    private final ConnectionSupplier connections;
    private final Map<TableId, TableSchema> cache = new HashMap<>();

    public InformationSchemaLoader(ConnectionSupplier connections) {
        this.connections = requireNonNull(connections, "connections is null");
    }

    @Override
    public TableSchema schemaOf(TableId table, TableMapEventData tableMap) {
        TableSchema cached = cache.get(table);
        if (cached == null) {
            cached = load(table);
            cache.put(table, cached);
        }
        return cached;
    }

    @Override
    public void onDdl(DdlEvent ddl) {
        // DDL can rename across databases; dropping the whole cache is cheap and always right
        cache.clear();
    }

    /** The base tables (no views) the predicate selects, ordered by database and name. */
    public List<TableId> baseTables(BiPredicate<String, String> selected) throws SQLException {
        List<TableId> tables = new ArrayList<>();
        try (Statement statement = connections.get().createStatement();
                ResultSet rs = statement.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES "
                        + "WHERE TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_SCHEMA, TABLE_NAME")) {
            while (rs.next()) {
                if (selected.test(rs.getString(1), rs.getString(2))) {
                    tables.add(new TableId(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return tables;
    }

    /** Reads the table's current schema, bypassing the cache. */
    public TableSchema load(TableId table) {
        try {
            Connection connection = connections.get();
            List<Column> columns = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(COLUMNS_SQL)) {
                statement.setString(1, table.database());
                statement.setString(2, table.table());
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        columns.add(column(rs));
                    }
                }
            }
            if (columns.isEmpty()) {
                throw new SluiceException(ErrorCode.SCHEMA_UNKNOWN_TABLE,
                        "Table " + table + " does not exist on the source (or the user cannot see it).",
                        "Check that the table exists and grant SELECT on it to the replication user.");
            }
            Map<String, List<String>> keys = new LinkedHashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(KEYS_SQL)) {
                statement.setString(1, table.database());
                statement.setString(2, table.table());
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        keys.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                    }
                }
            }
            List<String> primaryKey = keys.getOrDefault("PRIMARY", List.of());
            List<List<String>> uniqueKeys = keys.entrySet().stream()
                    .filter(entry -> !entry.getKey().equals("PRIMARY"))
                    .map(Map.Entry::getValue)
                    .toList();
            return new TableSchema(table, columns, primaryKey, uniqueKeys);
        }
        catch (SQLException e) {
            throw new SluiceException(ErrorCode.SOURCE_UNREACHABLE,
                    "Cannot read the schema of " + table + " from information_schema: " + e.getMessage(),
                    "Check that the source is reachable and the user may read information_schema.", e);
        }
    }

    private static Column column(ResultSet rs) throws SQLException {
        String name = rs.getString("COLUMN_NAME");
        String columnType = rs.getString("COLUMN_TYPE");
        ColumnType type;
        try {
            type = ColumnType.fromDataType(rs.getString("DATA_TYPE"));
        }
        catch (IllegalArgumentException e) {
            throw new SluiceException(ErrorCode.SCHEMA_MISMATCH,
                    "Column " + name + " has type " + columnType + ", which Sluice does not support yet.",
                    "Exclude the table from the task, or change the column to a standard MySQL type.", e);
        }
        boolean unsigned = columnType.toLowerCase(Locale.ROOT).contains("unsigned");
        long length = switch (type.category()) {
            case TEXT -> rs.getLong("CHARACTER_MAXIMUM_LENGTH");
            case BINARY -> rs.getLong("CHARACTER_OCTET_LENGTH");
            case BIT -> rs.getLong("NUMERIC_PRECISION");
            default -> 0;
        };
        int precision = type == ColumnType.DECIMAL ? rs.getInt("NUMERIC_PRECISION") : 0;
        int scale = type == ColumnType.DECIMAL ? rs.getInt("NUMERIC_SCALE") : 0;
        int fsp = switch (type.category()) {
            case TIME, DATETIME, TIMESTAMP -> rs.getInt("DATETIME_PRECISION");
            default -> 0;
        };
        String charset = type.hasCharset() ? rs.getString("CHARACTER_SET_NAME") : null;
        String collation = type.hasCharset() ? rs.getString("COLLATION_NAME") : null;
        if (type.hasCharset() && charset == null) {
            charset = "binary";
        }
        List<String> members = type == ColumnType.ENUM || type == ColumnType.SET ? members(columnType) : List.of();
        return new Column(name, type, unsigned, length, precision, scale, fsp, charset, collation, members,
                "YES".equals(rs.getString("IS_NULLABLE")));
    }

    /** Parses the members of {@code enum('a','it''s')} or {@code set(...)}; quotes inside members are doubled. */
    static List<String> members(String columnType) {
        int open = columnType.indexOf('(');
        int close = columnType.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("Cannot parse members of '" + columnType + "'");
        }
        List<String> members = new ArrayList<>();
        String body = columnType.substring(open + 1, close);
        int i = 0;
        while (i < body.length()) {
            if (body.charAt(i) != '\'') {
                throw new IllegalArgumentException("Cannot parse members of '" + columnType + "' at " + i);
            }
            StringBuilder member = new StringBuilder();
            i++;
            while (true) {
                if (i >= body.length()) {
                    throw new IllegalArgumentException("Unterminated member in '" + columnType + "'");
                }
                char c = body.charAt(i);
                if (c == '\'' && i + 1 < body.length() && body.charAt(i + 1) == '\'') {
                    member.append('\'');
                    i += 2;
                }
                else if (c == '\'') {
                    i++;
                    break;
                }
                else if (c == '\\' && i + 1 < body.length()) {
                    member.append(body.charAt(i + 1));
                    i += 2;
                }
                else {
                    member.append(c);
                    i++;
                }
            }
            members.add(member.toString());
            if (i < body.length() && body.charAt(i) == ',') {
                i++;
            }
        }
        return members;
    }

    /** Opens or reuses a JDBC connection to the source. */
    @FunctionalInterface
    public interface ConnectionSupplier {
        Connection get() throws SQLException;
    }
}
