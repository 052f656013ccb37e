package io.sluice.mysql.check;

import io.sluice.core.schema.TableId;
import io.sluice.core.task.TaskMode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The privilege items: {@code replication_privilege} and {@code dump_privilege} on each source,
 * {@code target_privilege} on the target. Each failure names the missing privileges and the
 * database they are missing on, and its fix is the GRANT statement to run, for the very account
 * Sluice logged in as ({@code CURRENT_USER()}).
 */
final class PrivilegeChecks {
    // SHOW MASTER STATUS and SHOW BINARY LOGS: MySQL and MariaDB before 10.5 call it REPLICATION CLIENT, MariaDB 10.5+ BINLOG MONITOR
    private static final List<String> BINLOG_MONITOR = List.of("REPLICATION CLIENT", "BINLOG MONITOR", "SUPER");
    private static final List<String> TARGET_REQUIRED = List.of("SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP");
    // needed only when the source sends DDL, so missing them is a warning
    private static final List<String> TARGET_DDL = List.of("ALTER", "INDEX");
    private static final List<String> META_REQUIRED = List.of("SELECT", "INSERT", "UPDATE", "DELETE", "CREATE");
    private static final int MAX_LISTED = 10;

    private PrivilegeChecks() {}

    static CheckResult replication(String source, ServerFacts facts) {
        if (facts.unavailable().containsKey(ServerFacts.GRANTS)) {
            return unreadableGrants(PrecheckItem.REPLICATION_PRIVILEGE, source, facts);
        }
        Grants grants = facts.grants();
        List<String> missing = new ArrayList<>();
        if (!grants.global("REPLICATION SLAVE") && !grants.global("REPLICATION REPLICA")) {
            missing.add("REPLICATION SLAVE");
        }
        if (BINLOG_MONITOR.stream().noneMatch(grants::global)) {
            missing.add(binlogMonitor(facts));
        }
        if (missing.isEmpty()) {
            return CheckResult.passed(PrecheckItem.REPLICATION_PRIVILEGE, source, facts.currentUser() + " has REPLICATION SLAVE and " + binlogMonitor(facts));
        }
        return CheckResult.of(PrecheckItem.REPLICATION_PRIVILEGE, source, List.of(Finding.fail(
                "the source user " + facts.currentUser() + " lacks " + String.join(" and ", missing) + " on *.*, which reading the binlog needs",
                "GRANT " + String.join(", ", missing) + " ON *.* TO " + facts.grantee() + ";")), "");
    }

    /**
     * @param selected the selected tables the user can see
     * @param namedDatabases databases the task names exactly (do-dbs), which the user must be able to read even when it sees none of their tables
     */
    static CheckResult dump(String source, ServerFacts facts, TaskMode mode, List<TableId> selected, Set<String> namedDatabases) {
        if (facts.unavailable().containsKey(ServerFacts.GRANTS)) {
            return unreadableGrants(PrecheckItem.DUMP_PRIVILEGE, source, facts);
        }
        Grants grants = facts.grants();
        List<Finding> findings = new ArrayList<>();
        Map<String, List<TableId>> unreadable = new LinkedHashMap<>();
        for (TableId table : selected) {
            if (!grants.onTable("SELECT", table.database(), table.table())) {
                unreadable.computeIfAbsent(table.database(), key -> new ArrayList<>()).add(table);
            }
        }
        for (String database : namedDatabases) {
            if (grants.onDatabase("SELECT", database)) {
                continue;
            }
            // tables the user has no privilege on are invisible to it, so they cannot be listed: only the database grant proves it reads them all
            if (selected.stream().noneMatch(table -> table.database().equalsIgnoreCase(database))) {
                unreadable.computeIfAbsent(database, key -> new ArrayList<>());
            }
            else {
                findings.add(Finding.warn("the source user " + facts.currentUser() + " has SELECT on only some tables of database " + TableId.quote(database)
                                + ", which the task selects: tables it cannot see are neither copied nor replicated",
                        "GRANT SELECT ON " + TableId.quote(database) + ".* TO " + facts.grantee() + ";"));
            }
        }
        if (selected.isEmpty() && namedDatabases.isEmpty() && !grants.global("SELECT")) {
            findings.add(Finding.fail("the source user " + facts.currentUser() + " has no SELECT on *.* and sees none of the tables the task selects",
                    "GRANT SELECT ON *.* TO " + facts.grantee() + "; (or SELECT on each selected database)"));
        }
        for (Map.Entry<String, List<TableId>> database : unreadable.entrySet()) {
            String what = database.getValue().isEmpty() ? "database " + TableId.quote(database.getKey()) + " named by the task"
                    : "the selected tables " + names(database.getValue());
            findings.add(Finding.fail("the source user " + facts.currentUser() + " lacks SELECT on " + what + ", which the copy and the schema reader need",
                    "GRANT SELECT ON " + TableId.quote(database.getKey()) + ".* TO " + facts.grantee() + ";"));
        }
        // MariaDB reports a consistent snapshot's position without a lock; on MySQL the copy holds FLUSH TABLES WITH READ LOCK briefly
        if (!facts.mariaDb() && mode != TaskMode.INCREMENTAL && !grants.global("RELOAD")) {
            findings.add(Finding.fail("the source user " + facts.currentUser() + " lacks RELOAD on *.*, which the copy needs on MySQL for a brief "
                    + "FLUSH TABLES WITH READ LOCK while it reads the snapshot's binlog position", "GRANT RELOAD ON *.* TO " + facts.grantee() + ";"));
        }
        return CheckResult.of(PrecheckItem.DUMP_PRIVILEGE, source, findings, facts.currentUser() + " may read the " + selected.size() + " selected tables");
    }

    /**
     * @param databases the target databases the task writes to (routed names)
     */
    static CheckResult target(ServerFacts facts, Set<String> databases, String metaSchema) {
        if (facts.unavailable().containsKey(ServerFacts.GRANTS)) {
            return unreadableGrants(PrecheckItem.TARGET_PRIVILEGE, CheckResult.TARGET, facts);
        }
        Grants grants = facts.grants();
        List<Finding> findings = new ArrayList<>();
        for (String database : databases) {
            List<String> missing = TARGET_REQUIRED.stream().filter(privilege -> !grants.onDatabase(privilege, database)).toList();
            List<String> missingDdl = TARGET_DDL.stream().filter(privilege -> !grants.onDatabase(privilege, database)).toList();
            if (!missing.isEmpty()) {
                List<String> all = new ArrayList<>(missing);
                all.addAll(missingDdl);
                findings.add(Finding.fail("the target user " + facts.currentUser() + " lacks " + String.join(", ", missing) + " on database "
                        + TableId.quote(database) + ", which creating and writing the replicated tables needs",
                        "GRANT " + String.join(", ", all) + " ON " + TableId.quote(database) + ".* TO " + facts.grantee() + ";"));
            }
            else if (!missingDdl.isEmpty()) {
                findings.add(Finding.warn("the target user " + facts.currentUser() + " lacks " + String.join(", ", missingDdl) + " on database "
                        + TableId.quote(database) + ": DDL replicated from the source (ALTER TABLE, CREATE INDEX) would fail",
                        "GRANT " + String.join(", ", missingDdl) + " ON " + TableId.quote(database) + ".* TO " + facts.grantee() + ";"));
            }
        }
        List<String> missingMeta = META_REQUIRED.stream().filter(privilege -> !grants.onDatabase(privilege, metaSchema)).toList();
        if (!missingMeta.isEmpty()) {
            findings.add(Finding.fail("the target user " + facts.currentUser() + " lacks " + String.join(", ", missingMeta) + " on the meta schema "
                    + TableId.quote(metaSchema) + ", where Sluice keeps its checkpoints",
                    "GRANT " + String.join(", ", missingMeta) + " ON " + TableId.quote(metaSchema) + ".* TO " + facts.grantee() + ";"));
        }
        return CheckResult.of(PrecheckItem.TARGET_PRIVILEGE, CheckResult.TARGET, findings,
                facts.currentUser() + " may create and write " + databases.size() + " target databases and the meta schema " + TableId.quote(metaSchema));
    }

    private static CheckResult unreadableGrants(PrecheckItem item, String source, ServerFacts facts) {
        return CheckResult.of(item, source, List.of(Finding.fail(
                "cannot read the grants of " + facts.currentUser() + " (SHOW GRANTS failed: " + facts.unavailable().get(ServerFacts.GRANTS) + ")",
                "Check that " + facts.grantee() + " may run SHOW GRANTS for itself.")), "");
    }

    private static String binlogMonitor(ServerFacts facts) {
        return facts.mariaDb() && ServerFacts.atLeast(facts.version(), 10, 5) ? "BINLOG MONITOR" : "REPLICATION CLIENT";
    }

    static String names(List<TableId> tables) {
        List<String> names = tables.stream().limit(MAX_LISTED).map(TableId::quoted).toList();
        String listed = String.join(", ", names);
        return tables.size() > MAX_LISTED ? listed + " and " + (tables.size() - MAX_LISTED) + " more" : listed;
    }
}
