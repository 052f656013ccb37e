package io.sluice.mysql.sink;

import com.alibaba.druid.DbType;
import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.statement.SQLColumnDefinition;
import com.alibaba.druid.sql.ast.statement.SQLCreateTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLSelectOrderByItem;
import com.alibaba.druid.sql.ast.statement.SQLTableElement;
import com.alibaba.druid.sql.ast.statement.SQLUnique;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.schema.Column;
import io.sluice.core.schema.TableId;
import io.sluice.mysql.ddl.SqlLexing;
import io.sluice.mysql.rule.TablePlan;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Target table definitions derived from the source's: {@code SHOW CREATE TABLE} renamed to the
 * routed target and, when a column map chooses the columns, reduced to those columns in the map's
 * order (keys kept only when all their columns are, foreign keys and checks dropped since they may
 * name absent columns). Also reads what exists on the target, for the decisions the loader makes.
 */
public final class TargetTables {
    private static final Pattern CREATE_TABLE = Pattern.compile("^CREATE TABLE `(?:[^`]|``)+`", Pattern.CASE_INSENSITIVE);
    private static final Pattern CREATE_DATABASE = Pattern.compile("^CREATE DATABASE (?:IF NOT EXISTS )?`(?:[^`]|``)+`", Pattern.CASE_INSENSITIVE);
    private static final Pattern AUTO_INCREMENT = Pattern.compile(" AUTO_INCREMENT=\\d+");

    private TargetTables() {}

    /** {@code CREATE DATABASE IF NOT EXISTS} under the given name, with the source database's options. */
    public static String createDatabase(String showCreateDatabase, String name) {
        Matcher matcher = CREATE_DATABASE.matcher(showCreateDatabase);
        if (!matcher.find()) {
            throw new IllegalStateException("unexpected SHOW CREATE DATABASE output: " + showCreateDatabase);
        }
        return "CREATE DATABASE IF NOT EXISTS " + TableId.quote(name) + showCreateDatabase.substring(matcher.end());
    }

    /** The CREATE TABLE statement for the plan's target, fully qualified. */
    public static String createStatement(Connection source, TablePlan plan) throws SQLException {
        String definition = showCreate(source, plan.source().id())
                .orElseThrow(() -> new SQLException("Table '" + plan.source().id() + "' doesn't exist", "42S02", 1146));
        Matcher matcher = CREATE_TABLE.matcher(definition);
        if (!matcher.find()) {
            throw new IllegalStateException("unexpected SHOW CREATE TABLE output: " + definition);
        }
        String renamed = "CREATE TABLE " + plan.target().id().quoted() + definition.substring(matcher.end());
        return plan.columnMapped() ? project(renamed, plan) : renamed;
    }

    /** Whether two CREATE TABLE statements define the same table, whatever its name and next AUTO_INCREMENT value. */
    public static boolean sameDefinition(String a, String b) {
        return normalize(a).equals(normalize(b));
    }

    private static String normalize(String definition) {
        Matcher matcher = CREATE_TABLE.matcher(definition);
        String body = matcher.find() ? definition.substring(matcher.end()) : definition;
        return AUTO_INCREMENT.matcher(body).replaceAll("");
    }

    /**
     * The table's definition without its name and next AUTO_INCREMENT value (which rows written by
     * others move), or "-" when neither it nor its database exists.
     */
    static String definitionOrAbsent(Connection connection, TableId table) throws SQLException {
        try {
            return showCreate(connection, table).map(TargetTables::normalize).orElse("-");
        }
        catch (SQLException e) {
            if (e.getErrorCode() == 1049) {
                return "-";
            }
            throw e;
        }
    }

    public static Optional<String> showCreate(Connection connection, TableId table) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SHOW CREATE TABLE " + table.quoted())) {
            rs.next();
            return Optional.of(new String(rs.getBytes(2), StandardCharsets.UTF_8));
        }
        catch (SQLException e) {
            if (e.getErrorCode() == 1146) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The target's column names in order (empty when the table does not exist), each lookup on a new connection: lookups are rare. */
    public static Function<TableId, List<String>> columnsOf(TargetConnections targets) {
        return table -> {
            try (Connection target = targets.open()) {
                List<String> columns = columns(target, table);
                target.commit();
                return columns;
            }
            catch (SQLException e) {
                throw new SluiceException(ErrorCode.TARGET_UNREACHABLE, "Could not read the columns of target table " + table + ": " + e.getMessage(),
                        "Check that the target is reachable and the user may read information_schema.", e);
            }
        };
    }

    /** The target's column names in order, or an empty list when the table does not exist. */
    public static Function<TableId, List<String>> columnsOf(Connection target) {
        return table -> {
            try {
                return columns(target, table);
            }
            catch (SQLException e) {
                throw new SluiceException(ErrorCode.TARGET_UNREACHABLE, "Could not read the columns of target table " + table + ": " + e.getMessage(),
                        "Check that the target is reachable and the user may read information_schema.", e);
            }
        };
    }

    /** The table's column names in order, or an empty list when the table does not exist. */
    public static List<String> columns(Connection connection, TableId table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            statement.setString(1, table.database());
            statement.setString(2, table.table());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    private static String project(String definition, TablePlan plan) {
        List<SQLStatement> statements = SQLUtils.parseStatements(definition, DbType.mysql);
        if (statements.size() != 1 || !(statements.getFirst() instanceof SQLCreateTableStatement create)) {
            throw new SluiceException(ErrorCode.SCHEMA_DDL_UNSUPPORTED, "Cannot derive the column-mapped definition of " + plan.target().id() + " from: " + definition,
                    "Create the target table yourself and set skip-create-table (SkipCreateDbTable) in the task.");
        }
        List<String> sourceNames = plan.sourceColumns().stream().map(Column::name).toList();
        List<String> targetNames = plan.target().columns().stream().map(Column::name).toList();
        SQLColumnDefinition[] columns = new SQLColumnDefinition[sourceNames.size()];
        List<SQLTableElement> keys = new ArrayList<>();
        for (SQLTableElement element : create.getTableElementList()) {
            if (element instanceof SQLColumnDefinition column) {
                int index = indexOf(sourceNames, unquote(column.getColumnName()));
                if (index >= 0) {
                    column.setName(TableId.quote(targetNames.get(index)));
                    columns[index] = column;
                }
            }
            else if (element instanceof SQLUnique key) {
                List<String> keyColumns = new ArrayList<>();
                for (SQLSelectOrderByItem item : key.getColumns()) {
                    keyColumns.add(unquote(item.getExpr().toString()));
                }
                if (keyColumns.stream().allMatch(column -> indexOf(sourceNames, column) >= 0)) {
                    keys.add(element);
                }
            }
            else if (element.getClass().getSimpleName().equals("MySqlKey") || element.getClass().getSimpleName().equals("MySqlTableIndex")) {
                // secondary indexes: kept only if every column survives
                String text = SQLUtils.toSQLString(element, DbType.mysql);
                if (sourceNames.stream().anyMatch(name -> text.contains("`" + name + "`")) && referencesOnly(text, sourceNames, create)) {
                    keys.add(element);
                }
            }
        }
        create.getTableElementList().clear();
        for (SQLColumnDefinition column : columns) {
            create.getTableElementList().add(column);
        }
        create.getTableElementList().addAll(keys);
        return SQLUtils.toSQLString(create, DbType.mysql);
    }

    private static boolean referencesOnly(String indexText, List<String> kept, SQLCreateTableStatement create) {
        for (SQLTableElement element : create.getTableElementList()) {
            if (element instanceof SQLColumnDefinition column) {
                String name = unquote(column.getColumnName());
                if (indexOf(kept, name) < 0 && indexText.contains("`" + name + "`")) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int indexOf(List<String> names, String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).toLowerCase(Locale.ROOT).equals(wanted)) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String name) {
        return SqlLexing.unquote(name.trim());
    }
}
