package io.sluice.mysql.check;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.SluiceException;
import io.sluice.core.schema.TableId;
import io.sluice.core.task.BlockAllowList;
import io.sluice.core.task.Endpoint;
import io.sluice.core.task.InstanceConfig;
import io.sluice.core.task.NamePattern;
import io.sluice.core.task.SourceConfig;
import io.sluice.core.task.TableRef;
import io.sluice.core.task.TaskConfig;
import io.sluice.mysql.jdbc.MysqlConnections;
import io.sluice.mysql.jdbc.SourceErrors;
import io.sluice.mysql.rule.TablePlan;
import io.sluice.mysql.rule.TableRules;
import io.sluice.mysql.sink.MetaStore;
import io.sluice.mysql.sink.SubtaskState;
import io.sluice.mysql.sink.TargetErrors;
import io.sluice.mysql.sink.TargetTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * DM's Check unit and {@code check-task} for a whole task: runs every {@link PrecheckItem} against
 * the real source and target servers and returns a {@link PrecheckReport} saying, per item and
 * server, what passed, what would fail the task (and why), and the exact statement or my.cnf line
 * that fixes it. It changes nothing on any server: it reads variables, grants, the binlog list,
 * {@code information_schema} and the target's checkpoints.
 *
 * <p>Items the task lists in {@code ignore-checking-items} (or all of them, with {@code all}) are
 * not run and are reported as {@link CheckState#SKIPPED}. A server that cannot be reached fails
 * every item that needed it, with the connection error (never a password), and the other servers
 * are still checked. The binlog items apply in every task mode, because a subtask records binlog
 * positions even for a full copy. Sources are checked one after another; {@link #run()} may be
 * called again to check anew.
 */
public final class TaskPrecheck {
    private static final Logger LOG = LoggerFactory.getLogger(TaskPrecheck.class);
    private static final Set<PrecheckItem> TABLE_ITEMS = EnumSet.of(PrecheckItem.TABLE_SCHEMA, PrecheckItem.SCHEMA_OF_SHARD_TABLES,
            PrecheckItem.AUTO_INCREMENT_ID, PrecheckItem.DUMP_PRIVILEGE, PrecheckItem.BINLOG_DB, PrecheckItem.TARGET_PRIVILEGE);

    private static final int MIN_REDACTED_LENGTH = 4;

    private final TaskConfig task;
    private final List<SourceConfig> sources;

    /**
     * @param sources the source configurations of the task's instances (others are ignored)
     * @throws IllegalArgumentException when an instance's source is missing
     */
    public TaskPrecheck(TaskConfig task, Collection<SourceConfig> sources) {
        this.task = requireNonNull(task, "task is null");
        Map<String, SourceConfig> byId = new HashMap<>();
        requireNonNull(sources, "sources is null").forEach(source -> byId.put(source.sourceId(), source));
        List<SourceConfig> ordered = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (InstanceConfig instance : task.instances()) {
            SourceConfig source = byId.get(instance.sourceId());
            if (source == null) {
                missing.add(instance.sourceId());
            }
            else {
                ordered.add(source);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("task " + task.name() + " reads sources with no source configuration: " + String.join(", ", missing));
        }
        this.sources = List.copyOf(ordered);
    }

    public PrecheckReport run() {
        long start = System.nanoTime();
        Set<PrecheckItem> skipped = skippedItems();
        List<CheckResult> results = new ArrayList<>();
        TargetInspection target = null;
        try {
            if (!skipped.containsAll(EnumSet.allOf(PrecheckItem.class))) {
                target = TargetInspection.open(task, this::redact);
            }
            List<SourceInspection> inspections = new ArrayList<>();
            for (int i = 0; i < sources.size(); i++) {
                inspections.add(inspectSource(task.instances().get(i), sources.get(i), target, skipped));
            }
            for (SourceInspection inspection : inspections) {
                results.addAll(sourceResults(inspection, target, skipped));
            }
            results.addAll(shardResults(inspections, skipped));
            results.addAll(targetResults(target, inspections, skipped));
        }
        finally {
            if (target != null) {
                target.close();
            }
        }
        // server messages are quoted in findings; whatever a server or driver echoed, no password leaves here
        results.replaceAll(this::redact);
        List<String> order = sources.stream().map(SourceConfig::sourceId).toList();
        results.sort(Comparator.comparingInt((CheckResult result) -> result.source().equals(CheckResult.TARGET) ? order.size() : order.indexOf(result.source()))
                .thenComparing(CheckResult::item));
        PrecheckReport report = new PrecheckReport(task.name(), results);
        // an unreachable server fails every item with the same message: say it once, with the items
        Map<List<String>, List<String>> failures = new LinkedHashMap<>();
        for (CheckResult failure : report.failures()) {
            failures.computeIfAbsent(List.of(failure.source(), failure.message()), key -> new ArrayList<>()).add(failure.name());
        }
        failures.forEach((key, items) -> LOG.warn("{}: precheck {} failed on {}: {}", task.name(), String.join(", ", items), key.get(0), key.get(1)));
        LOG.info("{}: precheck {} in {} ms: {} checks, {} warnings, {} failed, {} skipped", task.name(), report.passed() ? "passed" : "failed",
                (System.nanoTime() - start) / 1_000_000, results.size(), report.warnings().size(), report.failures().size(), report.skipped().size());
        return report;
    }

    private Set<PrecheckItem> skippedItems() {
        Set<PrecheckItem> skipped = EnumSet.noneOf(PrecheckItem.class);
        for (String name : task.ignoreCheckingItems()) {
            if (name.equals(PrecheckItem.ALL)) {
                return EnumSet.allOf(PrecheckItem.class);
            }
            // DM items Sluice has no counterpart for (online_ddl, free_space...) skip nothing here
            PrecheckItem.fromConfigName(name).ifPresent(skipped::add);
        }
        return skipped;
    }

    /** What one source told us; {@code unreachable} is set when nothing could be read. */
    private record SourceInspection(InstanceConfig instance, SourceConfig config, TableRules rules, ServerFacts facts, SourceTables tables,
            Finding tablesProblem, Optional<SubtaskState> checkpoint, Finding unreachable) {}

    private SourceInspection inspectSource(InstanceConfig instance, SourceConfig config, TargetInspection target, Set<PrecheckItem> skipped) {
        TableRules rules = new TableRules(instance.rules(), task.shardMode().isPresent());
        if (skipped.containsAll(EnumSet.allOf(PrecheckItem.class))) {
            return new SourceInspection(instance, config, rules, null, null, null, Optional.empty(), null);
        }
        Optional<SubtaskState> checkpoint = skipped.contains(PrecheckItem.META_POSITION) || target == null ? Optional.empty() : target.checkpoint(config.sourceId());
        Endpoint from = config.from();
        try (Connection connection = MysqlConnections.open(from)) {
            ServerFacts facts = ServerFacts.read(connection).redacted(this::redact);
            SourceTables tables = null;
            Finding tablesProblem = null;
            if (!skipped.containsAll(TABLE_ITEMS)) {
                try {
                    tables = SourceTables.read(connection, rules, target == null ? table -> List.of() : target.columns());
                }
                catch (SQLException e) {
                    tablesProblem = Finding.fail("cannot list the selected tables of source " + config.sourceId() + ": " + redact(e.getMessage()),
                            "Check that " + facts.grantee() + " may read information_schema on the source.");
                }
            }
            return new SourceInspection(instance, config, rules, facts, tables, tablesProblem, checkpoint, null);
        }
        catch (SQLException e) {
            SluiceException error = SourceErrors.classify(e, from, "precheck of task " + task.name(),
                    "Correct the user and password in the source file of " + config.sourceId() + ".");
            return unreachable(instance, config, rules, Finding.fail(redact(error.reason()), error.fix()));
        }
        catch (SluiceException e) {
            return unreachable(instance, config, rules, Finding.fail(
                    "cannot connect to source " + config.sourceId() + " (" + from.host() + ":" + from.port() + "): " + redact(e.reason()), e.fix()));
        }
    }

    private static SourceInspection unreachable(InstanceConfig instance, SourceConfig config, TableRules rules, Finding problem) {
        return new SourceInspection(instance, config, rules, null, null, null, Optional.empty(), problem);
    }

    private List<CheckResult> sourceResults(SourceInspection inspection, TargetInspection target, Set<PrecheckItem> skipped) {
        String source = inspection.config().sourceId();
        List<CheckResult> results = new ArrayList<>();
        for (PrecheckItem item : PrecheckItem.values()) {
            if (!item.isSourceItem() || item == PrecheckItem.SCHEMA_OF_SHARD_TABLES || item == PrecheckItem.AUTO_INCREMENT_ID) {
                continue;
            }
            if (skipped.contains(item)) {
                results.add(CheckResult.skipped(item, source));
                continue;
            }
            if (inspection.unreachable() != null) {
                results.add(CheckResult.of(item, source, List.of(inspection.unreachable()), ""));
                continue;
            }
            ServerFacts facts = inspection.facts();
            SourceTables tables = inspection.tables();
            if (tables == null && TABLE_ITEMS.contains(item)) {
                results.add(CheckResult.of(item, source, List.of(inspection.tablesProblem()), ""));
                continue;
            }
            results.add(switch (item) {
                case VERSION -> ServerChecks.version(source, facts);
                case SERVER_ID -> ServerChecks.serverId(source, facts);
                case BINLOG_ENABLE -> ServerChecks.binlogEnable(source, facts);
                case BINLOG_FORMAT -> ServerChecks.binlogFormat(source, facts);
                case BINLOG_ROW_IMAGE -> ServerChecks.binlogRowImage(source, facts);
                case BINLOG_DB -> TableChecks.binlogDb(source, facts, tables);
                case GTID -> ServerChecks.gtid(source, facts, inspection.config().enableGtid());
                case REPLICATION_PRIVILEGE -> PrivilegeChecks.replication(source, facts);
                case DUMP_PRIVILEGE -> PrivilegeChecks.dump(source, facts, task.mode(), tables.selected(), namedDatabases(inspection.instance()));
                case META_POSITION -> PositionChecks.metaPosition(source, facts, inspection.config(), inspection.instance(), task.mode(),
                        inspection.checkpoint(), task.metaSchema(), task.name());
                case CONN_NUMBER -> ConnectionChecks.check(source, facts, ConnectionChecks.sourceConnections(task));
                case TABLE_SCHEMA -> TableChecks.tableSchema(source, task, tables, target != null && target.reachable() ? target.columns() : null,
                        target != null && target.reachable() ? target.charsets() : Set.of(), namedTables(inspection.instance()));
                default -> throw new IllegalStateException("not a per-source item: " + item);
            });
        }
        return results;
    }

    private List<CheckResult> shardResults(List<SourceInspection> inspections, Set<PrecheckItem> skipped) {
        List<ShardChecks.Shards> shards = new ArrayList<>();
        List<CheckResult> results = new ArrayList<>();
        for (SourceInspection inspection : inspections) {
            if (inspection.tables() != null) {
                shards.add(new ShardChecks.Shards(inspection.config().sourceId(), inspection.rules(), inspection.tables()));
            }
        }
        for (PrecheckItem item : List.of(PrecheckItem.SCHEMA_OF_SHARD_TABLES, PrecheckItem.AUTO_INCREMENT_ID)) {
            Map<String, CheckResult> checked = skipped.contains(item) ? Map.of()
                    : item == PrecheckItem.SCHEMA_OF_SHARD_TABLES ? ShardChecks.schemaOfShardTables(shards) : ShardChecks.autoIncrementId(shards);
            for (SourceInspection inspection : inspections) {
                String source = inspection.config().sourceId();
                if (skipped.contains(item)) {
                    results.add(CheckResult.skipped(item, source));
                }
                else if (checked.containsKey(source)) {
                    results.add(checked.get(source));
                }
                else {
                    results.add(CheckResult.of(item, source, List.of(inspection.unreachable() != null ? inspection.unreachable() : inspection.tablesProblem()), ""));
                }
            }
        }
        return results;
    }

    private List<CheckResult> targetResults(TargetInspection target, List<SourceInspection> inspections, Set<PrecheckItem> skipped) {
        List<CheckResult> results = new ArrayList<>();
        for (PrecheckItem item : PrecheckItem.values()) {
            if (!item.isTargetItem()) {
                continue;
            }
            if (skipped.contains(item)) {
                results.add(CheckResult.skipped(item, CheckResult.TARGET));
                continue;
            }
            if (!target.reachable()) {
                results.add(CheckResult.of(item, CheckResult.TARGET, List.of(target.unreachable()), ""));
                continue;
            }
            results.add(switch (item) {
                case VERSION -> ServerChecks.version(CheckResult.TARGET, target.facts());
                case CONN_NUMBER -> ConnectionChecks.check(CheckResult.TARGET, target.facts(), ConnectionChecks.targetConnections(task));
                case TARGET_PRIVILEGE -> PrivilegeChecks.target(target.facts(), targetDatabases(inspections), task.metaSchema());
                default -> throw new IllegalStateException("not a target item: " + item);
            });
        }
        return results;
    }

    /** The target databases the task writes to: every selected database and table, routed. */
    private static Set<String> targetDatabases(List<SourceInspection> inspections) {
        Set<String> databases = new LinkedHashSet<>();
        for (SourceInspection inspection : inspections) {
            if (inspection.tables() == null) {
                continue;
            }
            inspection.tables().databases().forEach(database -> databases.add(inspection.rules().routeDatabase(database)));
            for (TablePlan plan : inspection.tables().plans().values()) {
                databases.add(plan.target().id().database());
            }
        }
        return databases;
    }

    private Set<String> namedDatabases(InstanceConfig instance) {
        Set<String> names = new LinkedHashSet<>();
        if (instance.rules().selector() instanceof BlockAllowList list) {
            for (String database : list.doDbs()) {
                if (NamePattern.parse(database, task.caseSensitive()).isExactName() && !BlockAllowList.isSystemSchema(database)) {
                    names.add(database);
                }
            }
        }
        return names;
    }

    private List<TableRef> namedTables(InstanceConfig instance) {
        List<TableRef> names = new ArrayList<>();
        if (instance.rules().selector() instanceof BlockAllowList list) {
            for (TableRef table : list.doTables()) {
                if (NamePattern.parse(table.database(), task.caseSensitive()).isExactName() && NamePattern.parse(table.table(), task.caseSensitive()).isExactName()
                        && list.allowsTable(table.database(), table.table())) {
                    names.add(table);
                }
            }
        }
        return names;
    }

    private CheckResult redact(CheckResult result) {
        List<Finding> findings = result.findings().stream()
                .map(finding -> new Finding(finding.severity(), redact(finding.message()), redact(finding.instruction())))
                .toList();
        return new CheckResult(result.item(), result.source(), result.state(), redact(result.message()), redact(result.instruction()), findings);
    }

    /** Removes every configured password from text that came from a server or driver. */
    private String redact(String text) {
        if (text == null) {
            return "";
        }
        String redacted = text;
        List<Endpoint> endpoints = new ArrayList<>();
        endpoints.add(task.target());
        sources.forEach(source -> endpoints.add(source.from()));
        for (Endpoint endpoint : endpoints) {
            String secret = endpoint.password().reveal();
            // a password of one to three characters would match ordinary words and garble every message
            if (secret.length() >= MIN_REDACTED_LENGTH) {
                redacted = redacted.replace(secret, "******");
            }
        }
        return redacted;
    }

    /** The target connection, kept open while the sources are inspected, and what it told us. */
    private static final class TargetInspection implements AutoCloseable {
        private final TaskConfig task;
        private final Connection connection;
        private final ServerFacts facts;
        private final Set<String> charsets;
        private final Finding unreachable;
        private final Map<TableId, List<String>> columns = new HashMap<>();

        private TargetInspection(TaskConfig task, Connection connection, ServerFacts facts, Set<String> charsets, Finding unreachable) {
            this.task = task;
            this.connection = connection;
            this.facts = facts;
            this.charsets = charsets;
            this.unreachable = unreachable;
        }

        static TargetInspection open(TaskConfig task, UnaryOperator<String> redact) {
            Endpoint target = task.target();
            Connection connection = null;
            try {
                connection = MysqlConnections.open(target);
                ServerFacts facts = ServerFacts.read(connection).redacted(redact);
                Set<String> charsets = new LinkedHashSet<>();
                try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SHOW CHARACTER SET")) {
                    while (rs.next()) {
                        charsets.add(rs.getString(1).toLowerCase(Locale.ROOT));
                    }
                }
                return new TargetInspection(task, connection, facts, charsets, null);
            }
            catch (SQLException e) {
                close(connection);
                SluiceException error = TargetErrors.classify(e, target.host() + ":" + target.port(), target.user(), "during the precheck");
                return new TargetInspection(task, null, null, Set.of(), Finding.fail(redact.apply(error.reason()), error.fix()));
            }
            catch (SluiceException e) {
                close(connection);
                return new TargetInspection(task, null, null, Set.of(), Finding.fail(
                        "cannot connect to the target " + target.host() + ":" + target.port() + ": " + redact.apply(e.reason()), e.fix()));
            }
        }

        boolean reachable() {
            return connection != null;
        }

        ServerFacts facts() {
            return facts;
        }

        Set<String> charsets() {
            return charsets;
        }

        Finding unreachable() {
            return unreachable;
        }

        /** The target table's columns in order, empty when it does not exist (or cannot be read). */
        Function<TableId, List<String>> columns() {
            if (connection == null) {
                return table -> List.of();
            }
            Function<TableId, List<String>> lookup = TargetTables.columnsOf(connection);
            return table -> columns.computeIfAbsent(table, key -> {
                try {
                    return lookup.apply(key);
                }
                catch (SluiceException e) {
                    LOG.debug("{}: cannot read the columns of target table {}: {}", task.name(), key, e.reason());
                    return List.of();
                }
            });
        }

        /** The subtask's checkpoint in the meta schema, if it has one. */
        Optional<SubtaskState> checkpoint(String source) {
            if (connection == null) {
                return Optional.empty();
            }
            try {
                try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'checkpoint'")) {
                    statement.setString(1, task.metaSchema());
                    try (ResultSet rs = statement.executeQuery()) {
                        if (!rs.next()) {
                            return Optional.empty();
                        }
                    }
                }
                return new MetaStore(task.metaSchema(), task.name(), source).load(connection);
            }
            catch (SQLException | RuntimeException e) {
                // without the checkpoint, meta_position checks the task's meta, which is what a first start would use
                LOG.warn("{}: cannot read the checkpoint of source {} from the target: {}", task.name(), source, e.getMessage());
                return Optional.empty();
            }
        }

        @Override
        public void close() {
            close(connection);
        }

        private static void close(Connection connection) {
            if (connection == null) {
                return;
            }
            try {
                connection.close();
            }
            catch (SQLException e) {
                LOG.debug("closing a precheck connection failed: {}", e.toString());
            }
        }
    }
}
