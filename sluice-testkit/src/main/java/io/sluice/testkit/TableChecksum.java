package io.sluice.testkit;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Order-independent checksums of the base tables of one database, computed in SQL on the server,
 * for asserting that a replica holds the same data as its source.
 *
 * <p>Each row is encoded as the hex of every column value in column order (strings converted to
 * utf8mb4, binary values as stored, everything else as text, SQL NULL as a marker distinct from
 * any value), hashed with MD5, and the two 64-bit halves of the hashes are summed over the table.
 * Sums, unlike XOR, also tell duplicated rows apart. Temporal values are read in UTC, so servers
 * with different time zones compare equal. Two tables compare equal when they have the same
 * column order and the same multiset of rows.
 */
public final class TableChecksum
{
    private static final Set<String> STRING_TYPES = Set.of(
            "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set", "json");
    private static final Set<String> BINARY_TYPES = Set.of(
            "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob", "bit",
            "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
            "geometrycollection");

    private TableChecksum() {}

    /**
     * Row count and checksum of one table.
     */
    public record Result(long rowCount, String checksum)
    {
        public Result
        {
            requireNonNull(checksum, "checksum is null");
        }
    }

    /**
     * Checksums of all base tables (not views) of {@code database}, by table name in name order.
     *
     * @throws IllegalArgumentException if the database does not exist
     */
    public static Map<String, Result> of(MariaDbServer server, String database)
    {
        requireNonNull(server, "server is null");
        requireNonNull(database, "database is null");
        return compute(server, database).orElseThrow(() ->
                new IllegalArgumentException("Database " + database + " does not exist on " + server));
    }

    /**
     * Asserts that {@code database} holds the same tables with the same rows on both servers.
     *
     * @throws AssertionError listing every table that is missing on one side or differs
     */
    public static void assertSame(MariaDbServer source, MariaDbServer target, String database)
    {
        requireNonNull(source, "source is null");
        requireNonNull(target, "target is null");
        requireNonNull(database, "database is null");
        Optional<SortedMap<String, Result>> sourceTables = compute(source, database);
        Optional<SortedMap<String, Result>> targetTables = compute(target, database);
        if (sourceTables.isEmpty() || targetTables.isEmpty()) {
            throw new AssertionError("Database " + database + " does not exist on " +
                    (sourceTables.isEmpty() ? "source " + source : "target " + target));
        }
        List<String> differences = differences(sourceTables.get(), targetTables.get());
        if (!differences.isEmpty()) {
            throw new AssertionError("Database " + database + " differs between source " + source + " and target " + target +
                    " in " + differences.size() + " table(s):\n  " + String.join("\n  ", differences));
        }
    }

    static List<String> differences(Map<String, Result> source, Map<String, Result> target)
    {
        Set<String> tables = new TreeSet<>(source.keySet());
        tables.addAll(target.keySet());
        List<String> differences = new ArrayList<>();
        for (String table : tables) {
            Result sourceResult = source.get(table);
            Result targetResult = target.get(table);
            if (targetResult == null) {
                differences.add(table + ": missing on target");
            }
            else if (sourceResult == null) {
                differences.add(table + ": missing on source");
            }
            else if (!sourceResult.equals(targetResult)) {
                differences.add(table + ": source " + describe(sourceResult) + ", target " + describe(targetResult));
            }
        }
        return differences;
    }

    private static String describe(Result result)
    {
        return result.rowCount() + " rows, checksum " + result.checksum();
    }

    private static Optional<SortedMap<String, Result>> compute(MariaDbServer server, String database)
    {
        try (Connection connection = server.connect()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET time_zone = '+00:00'");
            }
            if (!databaseExists(connection, database)) {
                return Optional.empty();
            }
            SortedMap<String, Result> results = new TreeMap<>();
            for (String table : tables(connection, database)) {
                results.put(table, checksum(connection, database, table));
            }
            return Optional.of(Collections.unmodifiableSortedMap(results));
        }
        catch (SQLException e) {
            throw new RuntimeException("Cannot compute table checksums of database " + database + " on " + server + ": " + e.getMessage(), e);
        }
    }

    private static boolean databaseExists(Connection connection, String database)
            throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM information_schema.schemata WHERE schema_name = ?")) {
            statement.setString(1, database);
            try (ResultSet resultSet = statement.executeQuery()) {
                return resultSet.next();
            }
        }
    }

    private static List<String> tables(Connection connection, String database)
            throws SQLException
    {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            statement.setString(1, database);
            try (ResultSet resultSet = statement.executeQuery()) {
                while (resultSet.next()) {
                    tables.add(resultSet.getString(1));
                }
            }
        }
        return tables;
    }

    private static Result checksum(Connection connection, String database, String table)
            throws SQLException
    {
        String sql = checksumSql(database, table, columns(connection, database, table));
        try (Statement statement = connection.createStatement(); ResultSet resultSet = statement.executeQuery(sql)) {
            resultSet.next();
            long rowCount = resultSet.getLong(1);
            BigDecimal high = resultSet.getBigDecimal(2);
            BigDecimal low = resultSet.getBigDecimal(3);
            return new Result(rowCount, high.toBigInteger().toString(16) + ":" + low.toBigInteger().toString(16));
        }
        catch (SQLException e) {
            throw new SQLException("Checksum query failed for " + database + "." + table + ": " + sql, e);
        }
    }

    private static List<Column> columns(Connection connection, String database, String table)
            throws SQLException
    {
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            statement.setString(1, database);
            statement.setString(2, table);
            try (ResultSet resultSet = statement.executeQuery()) {
                while (resultSet.next()) {
                    columns.add(new Column(resultSet.getString(1), resultSet.getString(2).toLowerCase(Locale.ROOT)));
                }
            }
        }
        return columns;
    }

    static String checksumSql(String database, String table, List<Column> columns)
    {
        List<String> encoded = new ArrayList<>();
        for (Column column : columns) {
            String name = quote(column.name());
            String text;
            if (STRING_TYPES.contains(column.dataType())) {
                text = "CONVERT(" + name + " USING utf8mb4)";
            }
            else if (BINARY_TYPES.contains(column.dataType())) {
                text = name;
            }
            else if (column.dataType().equals("float")) {
                // FLOAT prints with 6 significant digits; its exact value prints as DOUBLE
                text = "CAST(CAST(" + name + " AS DOUBLE) AS CHAR)";
            }
            else {
                text = "CAST(" + name + " AS CHAR)";
            }
            // hex digits never contain the separator or the NULL marker
            encoded.add("IF(" + name + " IS NULL, 'N', HEX(" + text + "))");
        }
        String row = "MD5(CONCAT_WS(',', " + String.join(", ", encoded) + "))";
        return "SELECT COUNT(*), " +
                "COALESCE(SUM(CAST(CONV(SUBSTRING(h, 1, 16), 16, 10) AS UNSIGNED)), 0), " +
                "COALESCE(SUM(CAST(CONV(SUBSTRING(h, 17, 16), 16, 10) AS UNSIGNED)), 0) " +
                "FROM (SELECT " + row + " AS h FROM " + quote(database) + "." + quote(table) + ") AS row_hashes";
    }

    private static String quote(String identifier)
    {
        return "`" + identifier.replace("`", "``") + "`";
    }

    record Column(String name, String dataType)
    {
        Column
        {
            requireNonNull(name, "name is null");
            requireNonNull(dataType, "dataType is null");
        }
    }
}
