package io.sluice.mysql.check;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;
import io.sluice.mysql.rule.TablePlan;
import io.sluice.mysql.rule.TableRules;
import io.sluice.mysql.schema.InformationSchemaLoader;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The tables one source contributes to a task, as the user the task logs in with sees them: every
 * selected base table with its schema and its plan (route, column map, partition id), the
 * databases the selection allows, each table's auto-increment key column, and the tables whose
 * schema or plan could not be made (with the error that a subtask would stop on).
 *
 * @param selected the selected base tables, by database and name
 * @param databases the databases the selection allows (created on the target even when empty)
 * @param plans the plan of each selected table that could be planned
 * @param problems the error of each selected table that could not be loaded or planned
 * @param autoIncrement per table, its auto-increment column when that column is (part of) its primary or a unique key
 */
public record SourceTables(List<TableId> selected, Set<String> databases, Map<TableId, TablePlan> plans, Map<TableId, SluiceException> problems,
        Map<TableId, String> autoIncrement) {
    public SourceTables {
        selected = List.copyOf(requireNonNull(selected, "selected is null"));
        databases = Collections.unmodifiableSet(new LinkedHashSet<>(requireNonNull(databases, "databases is null")));
        plans = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(plans, "plans is null")));
        problems = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(problems, "problems is null")));
        autoIncrement = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(autoIncrement, "autoIncrement is null")));
    }

    /**
     * @param targetColumns the target table's columns in order, empty when it does not exist (column maps need them)
     */
    public static SourceTables read(Connection source, TableRules rules, Function<TableId, List<String>> targetColumns) throws SQLException {
        return read(source, rules, targetColumns, table -> {});
    }

    /** As {@link #read(Connection, TableRules, Function)}; {@code beforeLoad} runs before each table's schema is read (tests race DDL with it). */
    static SourceTables read(Connection source, TableRules rules, Function<TableId, List<String>> targetColumns, Consumer<TableId> beforeLoad) throws SQLException {
        InformationSchemaLoader loader = new InformationSchemaLoader(() -> source);
        List<TableId> selected = loader.baseTables(rules::allowsTable);
        Set<String> databases = new LinkedHashSet<>();
        try (Statement statement = source.createStatement();
                ResultSet rs = statement.executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY 1")) {
            while (rs.next()) {
                if (rules.allowsDatabase(rs.getString(1))) {
                    databases.add(rs.getString(1));
                }
            }
        }
        selected.forEach(table -> databases.add(table.database()));
        Map<TableId, TablePlan> plans = new LinkedHashMap<>();
        Map<TableId, SluiceException> problems = new LinkedHashMap<>();
        List<TableId> vanished = new ArrayList<>();
        for (TableId table : selected) {
            beforeLoad.accept(table);
            TableSchema schema;
            try {
                schema = loader.load(table);
            }
            catch (SluiceException e) {
                if (e.errorCode() == ErrorCode.SCHEMA_UNKNOWN_TABLE) {
                    // listed a moment ago by the same user, so it was dropped or renamed since: a table that is no
                    // longer there is not a problem of the task (the sync follows that DDL from the binlog)
                    vanished.add(table);
                }
                else {
                    problems.put(table, e);
                }
                continue;
            }
            try {
                plans.put(table, rules.plan(schema, targetColumns));
            }
            catch (SluiceException e) {
                problems.put(table, e);
            }
        }
        selected.removeAll(vanished);
        Map<TableId, String> autoIncrement = new LinkedHashMap<>();
        try (Statement statement = source.createStatement();
                ResultSet rs = statement.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS "
                        + "WHERE EXTRA LIKE '%auto_increment%' AND COLUMN_KEY IN ('PRI', 'UNI')")) {
            while (rs.next()) {
                TableId table = new TableId(rs.getString(1), rs.getString(2));
                if (plans.containsKey(table)) {
                    autoIncrement.put(table, rs.getString(3));
                }
            }
        }
        return new SourceTables(selected, databases, plans, problems, autoIncrement);
    }
}
