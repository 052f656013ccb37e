package io.sluice.mysql.check;

import io.sluice.core.error.SluiceException;
import io.sluice.core.schema.Column;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;
import io.sluice.core.task.TableRef;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;
import io.sluice.mysql.rule.TablePlan;
import io.sluice.mysql.schema.MysqlCharsets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The items about one source's selected tables: {@code table_schema} (each table can be planned,
 * has a key that identifies rows, uses character sets Sluice decodes and the target has, and
 * has a target table wherever Sluice will not create one) and {@code binlog_db} (the source's
 * binlog-do-db/binlog-ignore-db settings do not keep a selected database out of the binlog).
 */
final class TableChecks {
    private static final int MAX_FINDINGS = 20;

    private TableChecks() {}

    /**
     * @param targetColumns the target table's column names, empty when it does not exist; null when the target cannot be read,
     *     which leaves the target tables unchecked
     * @param targetCharsets the character sets the target knows, empty when unknown
     * @param namedTables tables the task names exactly (do-tables), reported when the source does not have them
     */
    static CheckResult tableSchema(String source, TaskConfig task, SourceTables tables, Function<TableId, List<String>> targetColumns,
            Set<String> targetCharsets, List<TableRef> namedTables) {
        List<Finding> findings = new ArrayList<>();
        if (tables.selected().isEmpty()) {
            findings.add(Finding.warn("the task selects no table on this source",
                    "Compare block-allow-list (do-dbs, do-tables) with SHOW TABLES on the source; the user sees only tables it has a privilege on."));
        }
        for (TableRef named : namedTables) {
            boolean exists = tables.selected().stream().anyMatch(table -> table.database().equalsIgnoreCase(named.database())
                    && table.table().equalsIgnoreCase(named.table()));
            if (!exists) {
                findings.add(Finding.warn("do-tables names " + new TableId(named.database(), named.table()).quoted()
                                + ", which does not exist on the source (or the user cannot see it)",
                        "Correct the name in do-tables, or create the table on the source."));
            }
        }
        for (Map.Entry<TableId, SluiceException> problem : tables.problems().entrySet()) {
            findings.add(Finding.fail(problem.getKey().quoted() + ": " + problem.getValue().reason(), problem.getValue().fix()));
        }
        List<TableId> keyless = new ArrayList<>();
        List<TableId> missingTargets = new ArrayList<>();
        boolean targetMustExist = task.mode() == TaskMode.INCREMENTAL || task.load().skipCreateTable();
        for (TablePlan plan : tables.plans().values()) {
            TableSchema schema = plan.source();
            if (!hasIdentifyingKey(schema)) {
                keyless.add(schema.id());
            }
            charsetFindings(schema, targetCharsets, findings);
            List<String> existing = targetColumns == null ? null : targetColumns.apply(plan.target().id());
            if (existing == null) {
                continue;
            }
            if (existing.isEmpty()) {
                if (targetMustExist) {
                    missingTargets.add(plan.target().id());
                }
            }
            else if (!plan.columnMapped()) {
                Set<String> present = new LinkedHashSet<>();
                existing.forEach(column -> present.add(column.toLowerCase(Locale.ROOT)));
                List<String> lacking = plan.target().columns().stream().map(Column::name)
                        .filter(column -> !present.contains(column.toLowerCase(Locale.ROOT))).toList();
                if (!lacking.isEmpty()) {
                    findings.add(Finding.fail("the target table " + plan.target().id().quoted() + " exists without the columns "
                                    + String.join(", ", lacking) + " that " + schema.id().quoted() + " writes to it",
                            "Add the missing columns to the target table (ALTER TABLE " + plan.target().id().quoted()
                                    + " ADD COLUMN ...), or drop it so that the copy creates it from the source's definition."));
                }
            }
        }
        if (!missingTargets.isEmpty()) {
            String why = task.mode() == TaskMode.INCREMENTAL ? "task-mode incremental" : "skip-create-table";
            findings.add(Finding.fail("the target tables " + PrivilegeChecks.names(List.copyOf(new LinkedHashSet<>(missingTargets)))
                            + " do not exist (or the target user cannot see them), and with " + why + " Sluice does not create them",
                    "Create them on the target (from SHOW CREATE TABLE on the source), or use task-mode all without skip-create-table so that the copy creates them."));
        }
        if (!keyless.isEmpty()) {
            findings.add(Finding.warn(PrivilegeChecks.names(keyless) + (keyless.size() == 1 ? " has" : " have")
                            + " no primary key and no unique key on NOT NULL columns: updates and deletes must match whole rows on the target, "
                            + "which is slow and cannot tell identical rows apart",
                    "Add a primary key (ALTER TABLE ... ADD PRIMARY KEY (...)) to each such table on the source, or accept slower replication of it."));
        }
        List<Finding> shown = findings.size() <= MAX_FINDINGS ? findings : new ArrayList<>(findings.subList(0, MAX_FINDINGS));
        if (findings.size() > MAX_FINDINGS) {
            CheckState worst = findings.subList(MAX_FINDINGS, findings.size()).stream().map(Finding::severity).reduce(CheckState.WARN, CheckState::worst);
            shown.add(new Finding(worst, "and " + (findings.size() - MAX_FINDINGS) + " more problems like these", ""));
        }
        return CheckResult.of(PrecheckItem.TABLE_SCHEMA, source, shown, tables.plans().size() + " selected tables are ready to replicate");
    }

    static CheckResult binlogDb(String source, ServerFacts facts, SourceTables tables) {
        if (facts.unavailable().containsKey(ServerFacts.MASTER_STATUS)) {
            return CheckResult.of(PrecheckItem.BINLOG_DB, source, List.of(Finding.warn(
                    "cannot read binlog-do-db/binlog-ignore-db (SHOW MASTER STATUS failed: " + facts.unavailable().get(ServerFacts.MASTER_STATUS) + ")",
                    "GRANT " + (facts.mariaDb() ? "BINLOG MONITOR" : "REPLICATION CLIENT") + " ON *.* TO " + facts.grantee() + ";")), "");
        }
        boolean ignoreCase = facts.number("lower_case_table_names", 0) != 0;
        List<String> doDbs = split(facts.binlogDoDb());
        List<String> ignoreDbs = split(facts.binlogIgnoreDb());
        Set<String> withTables = new LinkedHashSet<>();
        tables.selected().forEach(table -> withTables.add(table.database()));
        List<Finding> findings = new ArrayList<>();
        for (String database : tables.databases()) {
            boolean hidden = (!doDbs.isEmpty() && !contains(doDbs, database, ignoreCase)) || contains(ignoreDbs, database, ignoreCase);
            if (!hidden) {
                continue;
            }
            String setting = contains(ignoreDbs, database, ignoreCase) ? "binlog-ignore-db=" + String.join(",", ignoreDbs) : "binlog-do-db=" + String.join(",", doDbs);
            String fix = contains(ignoreDbs, database, ignoreCase)
                    ? "Remove `binlog_ignore_db = " + database + "` from [mysqld] in my.cnf and restart the source."
                    : "Add `binlog_do_db = " + database + "` under [mysqld] in my.cnf (or remove every binlog_do_db line) and restart the source.";
            if (withTables.contains(database)) {
                findings.add(Finding.fail("the source does not log changes to the selected database " + TableId.quote(database)
                        + " (" + setting + "): they could never be replicated", fix));
            }
            else {
                findings.add(Finding.warn("the source does not log changes to the selected database " + TableId.quote(database)
                        + " (" + setting + "), which has no tables yet: tables created in it later would not be replicated", fix));
            }
        }
        String passMessage = doDbs.isEmpty() && ignoreDbs.isEmpty() ? "the source has no binlog-do-db or binlog-ignore-db"
                : "binlog-do-db/binlog-ignore-db keep no selected database out of the binlog";
        return CheckResult.of(PrecheckItem.BINLOG_DB, source, findings, passMessage);
    }

    /** A primary key, or a unique key whose columns are all NOT NULL: only those identify one row. */
    static boolean hasIdentifyingKey(TableSchema schema) {
        if (!schema.primaryKey().isEmpty()) {
            return true;
        }
        return schema.uniqueKeys().stream().anyMatch(key -> key.stream()
                .allMatch(name -> schema.column(name).map(column -> !column.nullable()).orElse(false)));
    }

    private static void charsetFindings(TableSchema schema, Set<String> targetCharsets, List<Finding> findings) {
        Map<String, String> columnsByCharset = new LinkedHashMap<>();
        for (Column column : schema.columns()) {
            if (column.charset() != null && !column.charset().equalsIgnoreCase("binary")) {
                columnsByCharset.putIfAbsent(column.charset().toLowerCase(Locale.ROOT), column.name());
            }
        }
        for (Map.Entry<String, String> charset : columnsByCharset.entrySet()) {
            if (!decodable(charset.getKey())) {
                findings.add(Finding.fail(schema.id().quoted() + "." + charset.getValue() + " uses character set " + charset.getKey()
                                + ", which Sluice cannot decode",
                        "Convert the column to utf8mb4 on the source (ALTER TABLE " + schema.id().quoted() + " CONVERT TO CHARACTER SET utf8mb4), "
                                + "or leave the table out of the task."));
            }
            else if (!targetCharsets.isEmpty() && !targetCharsets.contains(charset.getKey())) {
                findings.add(Finding.fail(schema.id().quoted() + "." + charset.getValue() + " uses character set " + charset.getKey()
                                + ", which the target does not have",
                        "Convert the column to a character set the target supports (utf8mb4) on the source, or replicate to a server that has "
                                + charset.getKey() + "."));
            }
        }
    }

    private static boolean decodable(String charset) {
        try {
            MysqlCharsets.decoder(charset);
            return true;
        }
        catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
    }

    private static boolean contains(List<String> names, String database, boolean ignoreCase) {
        return names.stream().anyMatch(name -> ignoreCase ? name.equalsIgnoreCase(database) : name.equals(database));
    }
}
