package io.sluice.mysql.snapshot;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.ResumePosition;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;
import io.sluice.core.task.Endpoint;
import io.sluice.core.task.LoadOptions;
import io.sluice.mysql.jdbc.MysqlConnections;
import io.sluice.mysql.schema.InformationSchemaLoader;
import io.sluice.mysql.sink.MetaStore;
import io.sluice.mysql.sink.MetaStore.TableProgress;
import io.sluice.mysql.sink.TargetConnections;
import io.sluice.mysql.sink.TargetErrors;
import io.sluice.mysql.sink.TargetTables;
import io.sluice.mysql.rule.TablePlan;
import io.sluice.mysql.rule.TableRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Dump and Load units: creates the target databases and tables from the source's
 * definitions, then copies every selected table that is not yet done, {@code copyThreads} tables
 * at a time, each from its own lock-free consistent snapshot. Returns the latest snapshot position
 * used: binlog changes up to it may already be in the copied rows, so sync applies them
 * idempotently until it passes that position.
 */
public final class SnapshotLoader {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotLoader.class);

    private final Endpoint source;
    private final TargetConnections targets;
    private final MetaStore meta;
    private final LoadOptions options;
    private final TableRules rules;
    private final String name;
    // target tables created or dropped by this run: never dropped again (other tables of the run may merge into them)
    private final Set<TableId> preparedThisRun = ConcurrentHashMap.newKeySet();
    private final AtomicLong rowsCopied = new AtomicLong();
    private final AtomicLong rowsTotal = new AtomicLong();
    private volatile boolean stopRequested;

    public SnapshotLoader(Endpoint source, Endpoint target, MetaStore meta, LoadOptions options, TableRules rules, String name) {
        this.source = requireNonNull(source, "source is null");
        this.targets = new TargetConnections(requireNonNull(target, "target is null"));
        this.meta = requireNonNull(meta, "meta is null");
        this.options = requireNonNull(options, "options is null");
        this.rules = requireNonNull(rules, "rules is null");
        this.name = requireNonNull(name, "name is null");
    }

    public long rowsCopied() {
        return rowsCopied.get();
    }

    /** An estimate from the source's statistics; exact once the copy is done. */
    public long rowsTotal() {
        return Math.max(rowsTotal.get(), rowsCopied.get());
    }

    public void stop() {
        stopRequested = true;
    }

    public boolean stopped() {
        return stopRequested;
    }

    /**
     * Copies what is left; returns the latest snapshot position used, or null when nothing was
     * copied now. Tables are listed again after each round so that a table created or renamed
     * while the copy ran is copied too; a table dropped meanwhile is skipped (sync replays its fate).
     */
    public ResumePosition load() {
        ResumePosition latest = null;
        try (Connection sourceConnection = openSource(); Connection target = targets.open()) {
            InformationSchemaLoader schemas = new InformationSchemaLoader(() -> sourceConnection);
            createTargetDatabases(sourceConnection, target);
            for (int round = 0; round < 10 && !stopRequested; round++) {
                Map<TableId, TableProgress> progress = meta.tableProgress(target);
                target.commit();
                List<TablePlan> pending = new ArrayList<>();
                long total = 0;
                long copied = 0;
                for (TableId table : listTables(sourceConnection)) {
                    TableProgress done = progress.get(table);
                    copied += done == null ? 0 : done.rowsCopied();
                    total += done != null && done.done() ? done.rowsCopied() : estimateRows(sourceConnection, table);
                    if (done != null && done.done()) {
                        continue;
                    }
                    try {
                        TablePlan plan = rules.plan(schemas.load(table), TargetTables.columnsOf(target));
                        if (done == null) {
                            createTargetTable(sourceConnection, target, plan);
                        }
                        pending.add(plan);
                    }
                    catch (SQLException | SluiceException e) {
                        if (!(e instanceof SQLException sql && sql.getErrorCode() == 1146)
                                && !(e instanceof SluiceException sluice && sluice.errorCode() == ErrorCode.SCHEMA_UNKNOWN_TABLE)) {
                            throw e;
                        }
                        LOG.info("{}: {} was dropped or renamed while copying; sync replays what happened to it", name, table);
                    }
                }
                rowsTotal.set(total);
                rowsCopied.set(copied);
                if (pending.isEmpty()) {
                    break;
                }
                LOG.info("{}: {} tables to copy, about {} rows in all", name, pending.size(), total);
                ResumePosition position = copyAll(pending, progress);
                if (position != null && (latest == null || position.file().compareTo(latest.file()) > 0)) {
                    latest = position;
                }
            }
            return latest;
        }
        catch (SQLException e) {
            throw new SluiceException(ErrorCode.SNAPSHOT_FAILED, name + ": the snapshot failed: " + e.getMessage(),
                    "Check that source and target are reachable; restarting the task continues from the last copied chunk.", e);
        }
    }

    private ResumePosition copyAll(List<TablePlan> pending, Map<TableId, TableProgress> progress) throws SQLException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(options.copyThreads(), pending.size())),
                Thread.ofPlatform().name(name + "-copy-", 0).factory());
        try {
            List<Future<ResumePosition>> futures = new ArrayList<>();
            for (TablePlan plan : pending) {
                futures.add(pool.submit(() -> copyTable(plan, progress.get(plan.source().id()))));
            }
            ResumePosition latest = null;
            for (Future<ResumePosition> future : futures) {
                ResumePosition position = future.get();
                if (position != null && (latest == null || position.file().compareTo(latest.file()) > 0)) {
                    latest = position;
                }
            }
            return latest;
        }
        catch (ExecutionException e) {
            stopRequested = true;
            if (e.getCause() instanceof SluiceException sluice) {
                throw sluice;
            }
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new SluiceException(ErrorCode.INTERNAL, name + ": copying a table failed: " + e.getCause(), "See the log.", e.getCause());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested = true;
            throw new SluiceException(ErrorCode.INTERNAL, name + ": interrupted while copying.", "None needed.", e);
        }
        finally {
            pool.shutdownNow();
        }
    }

    private ResumePosition copyTable(TablePlan planned, TableProgress progress) throws SQLException {
        try (Connection sourceConnection = openSource(); Connection target = targets.open()) {
            sourceConnection.setAutoCommit(false);
            ResumePosition snapshot = SnapshotPosition.begin(sourceConnection);
            TablePlan plan = lockAndVerify(sourceConnection, target, planned, progress);
            TableProgress resumeFrom = plan == planned ? progress : null;
            TableCopier copier = new TableCopier(plan, meta, options.chunkRows(), rowsCopied, () -> stopRequested);
            ResumePosition position = copier.copy(sourceConnection, target, resumeFrom, snapshot);
            LOG.info("{}: copied {} to {} (snapshot at {})", name, plan.source().id(), plan.target().id(), position.file());
            return position;
        }
        catch (SQLException e) {
            if (e.getErrorCode() == 1146) {
                LOG.info("{}: {} was dropped or renamed while copying; sync replays what happened to it", name, planned.source().id());
                return null;
            }
            SluiceException error = TargetErrors.classify(e, targets.describe(), targets.user(), "copying " + planned.source().id());
            throw error;
        }
    }

    /**
     * Holds the table's metadata lock for the rest of the snapshot transaction (no DDL can change it
     * while it is read) and returns its plan as of the snapshot. A DDL between planning and now
     * means the target table, created or partly filled from the old definition, is rebuilt from the
     * new one and copied from the start: its binlog DDL precedes the snapshot and will be skipped.
     * A target other tables merge into, or one a column map shapes, is never rebuilt: the user fixes it.
     */
    private TablePlan lockAndVerify(Connection source, Connection target, TablePlan planned, TableProgress progress) throws SQLException {
        TableId id = planned.source().id();
        try (Statement statement = source.createStatement()) {
            statement.execute("SELECT * FROM " + id.quoted() + " LIMIT 0");
        }
        TableSchema current = new InformationSchemaLoader(() -> source).load(id);
        if (current.equals(planned.source())) {
            return planned;
        }
        LOG.info("{}: {} changed while the copy was planned; recreating {} on the target from its new definition", name, id, planned.target().id());
        if (options.skipCreateTable() || planned.merged() || planned.columnMapped()) {
            throw new SluiceException(ErrorCode.SNAPSHOT_FAILED,
                    name + ": " + id + " changed on the source while it was being copied, and its target " + planned.target().id()
                            + " is not Sluice's to rebuild (skip-create-table, a merged table, or a column map).",
                    "Apply the same change to the target table and start the task again.");
        }
        if (progress == null && hasRows(target, planned.target().id())) {
            throw new SluiceException(ErrorCode.TARGET_APPLY_FAILED,
                    name + ": target table " + planned.target().id() + " already holds rows, and the source definition of " + id + " changed during the copy.",
                    "Empty the target table and start the task again.");
        }
        TablePlan plan = rules.plan(current, TargetTables.columnsOf(target));
        try (Statement statement = target.createStatement()) {
            // only Sluice's own partial copy is dropped: progress != null, or the table Sluice just created, still empty
            statement.execute("DROP TABLE IF EXISTS " + plan.target().id().quoted());
            statement.execute("USE " + TableId.quote(plan.target().id().database()));
            statement.execute(TargetTables.createStatement(source, plan));
        }
        target.commit();
        rowsCopied.addAndGet(-(progress == null ? 0 : progress.rowsCopied()));
        return plan;
    }

    private static boolean hasRows(Connection target, TableId table) throws SQLException {
        try (Statement statement = target.createStatement();
                ResultSet rs = statement.executeQuery("SELECT 1 FROM " + table.quoted() + " LIMIT 1")) {
            return rs.next();
        }
    }

    private List<TableId> listTables(Connection connection) throws SQLException {
        List<TableId> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES "
                        + "WHERE TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_SCHEMA, TABLE_NAME")) {
            while (rs.next()) {
                String database = rs.getString(1);
                String table = rs.getString(2);
                if (rules.allowsTable(database, table)) {
                    tables.add(new TableId(database, table));
                }
            }
        }
        return tables;
    }

    private static long estimateRows(Connection connection, TableId table) throws SQLException {
        try (var statement = connection.prepareStatement("SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            statement.setString(1, table.database());
            statement.setString(2, table.table());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Creates every selected database on the target, empty ones too: later DDL may create tables in them. */
    private void createTargetDatabases(Connection sourceConnection, Connection target) throws SQLException {
        if (options.skipCreateTable()) {
            return;
        }
        List<String> databases = new ArrayList<>();
        try (Statement statement = sourceConnection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME")) {
            while (rs.next()) {
                if (rules.allowsDatabase(rs.getString(1))) {
                    databases.add(rs.getString(1));
                }
            }
        }
        for (String database : databases) {
            try (Statement statement = sourceConnection.createStatement();
                    ResultSet rs = statement.executeQuery("SHOW CREATE DATABASE " + TableId.quote(database))) {
                rs.next();
                String create = TargetTables.createDatabase(new String(rs.getBytes(2), StandardCharsets.UTF_8), rules.routeDatabase(database));
                try (Statement targetStatement = target.createStatement()) {
                    targetStatement.execute(create);
                }
            }
        }
        target.commit();
    }

    /**
     * Creates the target database and table from the source's definition (routed, and shaped by the
     * column map). Never drops a table holding rows, and never one Sluice did not create, unless the
     * task says {@code drop-table-if-exists}; an empty table an earlier run of this subtask created
     * is recreated when the source definition changed since.
     */
    private void createTargetTable(Connection sourceConnection, Connection target, TablePlan plan) throws SQLException {
        if (options.skipCreateTable()) {
            return;
        }
        TableId id = plan.target().id();
        String createDatabase;
        try (Statement statement = sourceConnection.createStatement();
                ResultSet rs = statement.executeQuery("SHOW CREATE DATABASE " + TableId.quote(plan.source().id().database()))) {
            rs.next();
            createDatabase = TargetTables.createDatabase(new String(rs.getBytes(2), StandardCharsets.UTF_8), id.database());
        }
        String definition = TargetTables.createStatement(sourceConnection, plan);
        try (Statement statement = target.createStatement()) {
            statement.execute(createDatabase);
            statement.execute("USE " + TableId.quote(id.database()));
            Optional<String> existing = TargetTables.showCreate(target, id);
            boolean firstThisRun = preparedThisRun.add(id);
            boolean drop = false;
            if (existing.isPresent() && firstThisRun && !plan.merged()) {
                if (options.dropTableIfExists()) {
                    drop = true;
                }
                else if (meta.createdTables(target).contains(id) && !hasRows(target, id)
                        && !TargetTables.sameDefinition(existing.get(), definition)) {
                    // left by an earlier run of this subtask that stopped before its first chunk, with a
                    // definition the source has changed since: it holds nothing, so it is recreated
                    drop = true;
                }
            }
            if (drop) {
                statement.execute("DROP TABLE " + id.quoted());
            }
            if (existing.isEmpty() || drop) {
                meta.markCreated(target, id);
                target.commit();
                try {
                    statement.execute(definition);
                }
                catch (SQLException e) {
                    if (e.getErrorCode() != 1050 || drop) {
                        throw e;
                    }
                    // another subtask or task merging into the same table created it since the check
                    meta.unmarkCreated(target, id);
                    target.commit();
                    LOG.info("{}: target table {} was created meanwhile by another subtask; copying {} into it", name, id, plan.source().id());
                }
            }
            else {
                LOG.info("{}: target table {} exists; copying {} into it", name, id, plan.source().id());
            }
        }
        target.commit();
    }

    private Connection openSource() throws SQLException {
        return MysqlConnections.open(source);
    }
}
