package io.sluice.mysql.snapshot;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.ResumePosition;
import io.sluice.core.position.FilePosition;
import io.sluice.core.schema.Column;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;
import io.sluice.core.task.Endpoint;
import io.sluice.core.task.LoadOptions;
import io.sluice.core.task.LoadOptions.LoadMethod;
import io.sluice.mysql.binlog.SourcePositions;
import io.sluice.mysql.jdbc.MysqlConnections;
import io.sluice.mysql.schema.InformationSchemaLoader;
import io.sluice.mysql.sink.MetaStore;
import io.sluice.mysql.sink.MetaStore.RangeProgress;
import io.sluice.mysql.sink.MetaStore.TableProgress;
import io.sluice.mysql.sink.TargetConnections;
import io.sluice.mysql.sink.TargetErrors;
import io.sluice.mysql.sink.TargetTables;
import io.sluice.mysql.rule.TablePlan;
import io.sluice.mysql.rule.TableRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Dump and Load units: creates the target databases and tables from the source's
 * definitions, then copies every selected table that is not yet done on {@code copyThreads}
 * threads, each unit of work from its own lock-free consistent snapshot. A unit is a table, or,
 * for a big table whose chunk key starts with an integer column, one of the key ranges it is split
 * into (bounds recorded in the meta schema before any of them is copied, so a restart continues the
 * same ranges). Units of all tables share the one pool, biggest first, so no thread idles while
 * work remains. Returns the latest snapshot position used: binlog changes up to it may already be
 * in the copied rows, so sync applies them idempotently until it passes that position.
 */
public final class SnapshotLoader {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotLoader.class);

    private final Endpoint source;
    private final TargetConnections targets;
    private final MetaStore meta;
    private final LoadOptions options;
    private final TableRules rules;
    private final String name;
    // the tables this loader copies, among the selected ones: all of them, or those of a catch-up copy
    private final java.util.function.Predicate<TableId> only;
    // target tables created or dropped by this run: never dropped again (other tables of the run may merge into them)
    private final Set<TableId> preparedThisRun = ConcurrentHashMap.newKeySet();
    private final AtomicLong rowsCopied = new AtomicLong();
    private final AtomicLong rowsTotal = new AtomicLong();
    private volatile boolean stopRequested;
    // the options' method, or INSERT when the target does not allow LOAD DATA LOCAL
    private volatile LoadMethod method;

    public SnapshotLoader(Endpoint source, Endpoint target, MetaStore meta, LoadOptions options, TableRules rules, String name) {
        this(source, target, meta, options, rules, name, null);
    }

    /**
     * A loader that copies only the selected tables {@code only} accepts (a catch-up copy of tables
     * that joined the selection of a syncing task); null copies every selected table. A limited
     * loader creates only the databases of its tables: the others are sync's.
     */
    public SnapshotLoader(Endpoint source, Endpoint target, MetaStore meta, LoadOptions options, TableRules rules, String name,
            java.util.function.Predicate<TableId> only) {
        this.only = only;
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
        FilePosition latest = null;
        try (Connection sourceConnection = openSource(); Connection target = targets.open()) {
            InformationSchemaLoader schemas = new InformationSchemaLoader(() -> sourceConnection);
            method = loadMethod(target);
            if (only == null) {
                createTargetDatabases(sourceConnection, target);
            }
            for (int round = 0; round < 10 && !stopRequested; round++) {
                Map<TableId, TableProgress> progress = meta.tableProgress(target);
                Map<TableId, List<RangeProgress>> ranges = meta.snapshotRanges(target);
                target.commit();
                List<PendingTable> tables = new ArrayList<>();
                long total = 0;
                long copied = 0;
                long left = 0;
                for (TableId table : schemas.baseTables((database, table) -> rules.allowsTable(database, table)
                        && (only == null || only.test(new TableId(database, table))))) {
                    TableProgress done = progress.get(table);
                    copied += done == null ? 0 : done.rowsCopied();
                    if (done != null && done.done()) {
                        total += done.rowsCopied();
                        continue;
                    }
                    long estimate = estimateRows(sourceConnection, table);
                    total += estimate;
                    try {
                        TablePlan plan = rules.plan(schemas.load(table), TargetTables.columnsOf(target));
                        if (done == null) {
                            createTargetTable(sourceConnection, target, plan);
                        }
                        tables.add(new PendingTable(plan, done, ranges.getOrDefault(table, List.of()), estimate));
                        left += done == null ? estimate : Math.max(0, estimate - done.rowsCopied());
                    }
                    catch (SQLException | SluiceException e) {
                        if (!isDropped(e)) {
                            throw e;
                        }
                        LOG.info("{}: {} was dropped or renamed while copying; sync replays what happened to it", name, table);
                    }
                }
                rowsTotal.set(total);
                rowsCopied.set(copied);
                if (tables.isEmpty()) {
                    break;
                }
                // how to split a table depends on how much else is left to copy
                List<TableJob> pending = new ArrayList<>();
                for (PendingTable table : tables) {
                    try {
                        pending.add(job(sourceConnection, target, table, left));
                    }
                    catch (SQLException | SluiceException e) {
                        if (!isDropped(e)) {
                            throw e;
                        }
                        LOG.info("{}: {} was dropped or renamed while copying; sync replays what happened to it", name, table.plan().source().id());
                    }
                }
                LOG.info("{}: {} tables to copy, about {} rows in all", name, pending.size(), total);
                try {
                    latest = later(latest, copyAll(pending));
                }
                catch (SQLException | RuntimeException e) {
                    try {
                        rebuildChanged(sourceConnection, target, schemas, pending);
                    }
                    catch (SQLException | RuntimeException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                    throw e;
                }
                rebuildChanged(sourceConnection, target, schemas, pending);
            }
            if (!stopRequested) {
                buildDeferredIndexes(target);
            }
            // the GTID state of one position, not of every snapshot: on MariaDB it costs a binlog scan
            return latest == null ? null : new ResumePosition(latest, SourcePositions.gtidAt(sourceConnection, latest));
        }
        catch (SQLException e) {
            throw new SluiceException(ErrorCode.SNAPSHOT_FAILED, name + ": the snapshot failed: " + e.getMessage(),
                    "Check that source and target are reachable; restarting the task continues from the last copied chunk.", e);
        }
    }

    /**
     * How to copy a table this round: the ranges planned for it earlier, the rest of a whole-table
     * copy, or, for a table not started yet, new ranges when it is big and its chunk key starts
     * with an integer column (recorded before any is copied), else the whole table.
     */
    private TableJob job(Connection sourceConnection, Connection target, PendingTable table, long rowsLeft) throws SQLException {
        TablePlan plan = table.plan();
        TableProgress progress = table.progress();
        List<RangeProgress> ranges = table.ranges();
        long estimate = table.estimatedRows();
        TableId id = plan.source().id();
        Optional<List<Column>> key = TableCopier.chunkKey(plan.source());
        boolean splittable = key.isPresent() && KeyRange.splittable(key.get());
        if (!ranges.isEmpty()) {
            TableJob job = TableJob.ranges(plan, ranges, estimate);
            String definition = fingerprint(plan.source());
            if (!splittable || ranges.stream().anyMatch(range -> range.definition() != null && !range.definition().equals(definition))) {
                // changed while the task was stopped (or before a crash let it rebuild the table): rows copied so far have the old shape
                LOG.info("{}: {} changed since its copy in key ranges began; copying it again", name, id);
                job.markChanged();
            }
            return job;
        }
        if (progress != null || !splittable) {
            return TableJob.whole(plan, progress, estimate);
        }
        int parts = KeyRange.parts(estimate, rowsLeft, options.chunkRows(), options.copyThreads());
        if (parts < 2) {
            return TableJob.whole(plan, null, estimate);
        }
        Column first = key.get().getFirst();
        BigInteger min;
        BigInteger max;
        try (Statement statement = sourceConnection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT CAST(MIN(" + TableId.quote(first.name()) + ") AS CHAR), CAST(MAX("
                        + TableId.quote(first.name()) + ") AS CHAR) FROM " + id.quoted())) {
            rs.next();
            if (rs.getString(1) == null) {
                return TableJob.whole(plan, null, estimate);
            }
            min = new BigInteger(rs.getString(1));
            max = new BigInteger(rs.getString(2));
        }
        String definition = fingerprint(plan.source());
        List<RangeProgress> planned = KeyRange.split(min, max, parts).stream().map(range -> range.planned(definition)).toList();
        if (planned.size() < 2) {
            return TableJob.whole(plan, null, estimate);
        }
        meta.planRanges(target, id, planned);
        target.commit();
        LOG.info("{}: copying {} in {} key ranges of {} ({} to {})", name, id, planned.size(), first.name(), min, max);
        return TableJob.ranges(plan, planned, estimate);
    }

    private FilePosition copyAll(List<TableJob> pending) throws SQLException {
        List<TableJob.Unit> units = new ArrayList<>();
        for (TableJob job : pending) {
            units.addAll(job.units());
        }
        // biggest first: the small units at the end fill the threads while the last big ones finish;
        // among equal ones the ranges of different tables alternate, so threads rarely insert into one table together
        units.sort(Comparator.comparingLong(TableJob.Unit::estimatedRows).reversed().thenComparingInt(TableJob.Unit::order));
        if (units.isEmpty()) {
            return null;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(options.copyThreads(), units.size())),
                Thread.ofPlatform().name(name + "-copy-", 0).factory());
        CompletionService<FilePosition> completion = new ExecutorCompletionService<>(pool);
        try {
            for (TableJob.Unit unit : units) {
                completion.submit(() -> copy(unit));
            }
            FilePosition latest = null;
            for (int i = 0; i < units.size(); i++) {
                latest = later(latest, completion.take().get());
            }
            return latest;
        }
        catch (ExecutionException e) {
            // in completion order: the first failure stops the other units at their next chunk
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
            pool.shutdown();
            awaitCopiers(pool);
        }
    }

    /**
     * Waits until no copy thread writes any more: a retried load must not start a range while a
     * thread of this one still commits a chunk of it.
     */
    private void awaitCopiers(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
                LOG.warn("{}: copy threads still running after 5 minutes", name);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private FilePosition copy(TableJob.Unit unit) throws SQLException {
        TableJob job = unit.job();
        if (stopRequested || job.changed()) {
            return null;
        }
        return unit.range() == null ? copyTable(job.plan(), job.progress()) : copyRange(job, unit.range());
    }

    private FilePosition copyTable(TablePlan planned, TableProgress progress) throws SQLException {
        try (Connection sourceConnection = openSource(); Connection target = openCopyTarget()) {
            sourceConnection.setAutoCommit(false);
            FilePosition snapshot = SnapshotPosition.beginFile(sourceConnection);
            TablePlan plan = lockAndVerify(sourceConnection, target, planned, progress);
            TableProgress resumeFrom = plan == planned ? progress : null;
            TableCopier copier = new TableCopier(plan, meta, options.chunkRows(), rowsCopied, () -> stopRequested, method);
            FilePosition position = copier.copy(sourceConnection, target, resumeFrom, snapshot);
            if (!stopRequested) {
                LOG.info("{}: copied {} to {} (snapshot at {})", name, plan.source().id(), plan.target().id(), position);
                buildDeferredIndexes(target, plan.target().id());
            }
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
     * Copies one key range from its own snapshot, under the table's metadata lock, as a whole
     * table is. A definition that changed since the ranges were planned stops every range of the
     * table: their rows have the old shape, so the table is rebuilt and copied again.
     */
    private FilePosition copyRange(TableJob job, RangeProgress range) throws SQLException {
        TablePlan plan = job.plan();
        try (Connection sourceConnection = openSource(); Connection target = openCopyTarget()) {
            sourceConnection.setAutoCommit(false);
            FilePosition snapshot = SnapshotPosition.beginFile(sourceConnection);
            if (!lock(sourceConnection, plan.source().id()).equals(plan.source())) {
                job.markChanged();
                sourceConnection.rollback();
                return null;
            }
            TableCopier copier = new TableCopier(plan, meta, options.chunkRows(), rowsCopied, () -> stopRequested || job.changed(), method);
            FilePosition position = copier.copyRange(sourceConnection, target, range, snapshot);
            if (!stopRequested && !job.changed() && job.rangeDone()) {
                LOG.info("{}: copied {} to {} ({} key ranges)", name, plan.source().id(), plan.target().id(), job.plannedRanges());
                buildDeferredIndexes(target, plan.target().id());
            }
            return position;
        }
        catch (SQLException e) {
            if (e.getErrorCode() == 1146) {
                LOG.info("{}: {} was dropped or renamed while copying; sync replays what happened to it", name, plan.source().id());
                return null;
            }
            throw TargetErrors.classify(e, targets.describe(), targets.user(), "copying " + plan.source().id() + " range " + range.range());
        }
    }

    /** Takes the table's metadata lock for the rest of the snapshot transaction and returns its definition, which no DDL can now change. */
    private static TableSchema lock(Connection source, TableId id) throws SQLException {
        try (Statement statement = source.createStatement()) {
            statement.execute("SELECT * FROM " + id.quoted() + " LIMIT 0");
        }
        return new InformationSchemaLoader(() -> source).load(id);
    }

    /**
     * Rebuilds the tables copied in ranges whose definition changed during the round, also when
     * the round failed or was stopped: a restart would find the ranges' fingerprint outdated and
     * copy the table again anyway, this only saves it the work.
     */
    private void rebuildChanged(Connection sourceConnection, Connection target, InformationSchemaLoader schemas, List<TableJob> jobs) throws SQLException {
        for (TableJob job : jobs) {
            if (job.changed()) {
                rebuild(sourceConnection, target, schemas, job.plan());
            }
        }
    }

    /**
     * Recreates the target of a table copied in ranges whose definition changed during the round,
     * and forgets its progress and ranges: the next round plans it again from the new definition.
     */
    private void rebuild(Connection sourceConnection, Connection target, InformationSchemaLoader schemas, TablePlan planned) throws SQLException {
        TableSchema current;
        try {
            current = schemas.load(planned.source().id());
        }
        catch (SluiceException e) {
            if (e.errorCode() != ErrorCode.SCHEMA_UNKNOWN_TABLE) {
                throw e;
            }
            LOG.info("{}: {} was dropped or renamed while copying; sync replays what happened to it", name, planned.source().id());
            return;
        }
        TableProgress progress = meta.tableProgress(target).get(planned.source().id());
        target.commit();
        recreate(sourceConnection, target, planned, current, progress);
    }

    /**
     * Holds the table's metadata lock for the rest of the snapshot transaction (no DDL can change it
     * while it is read) and returns its plan as of the snapshot. A DDL between planning and now
     * means the target table, created or partly filled from the old definition, is rebuilt from the
     * new one and copied from the start: its binlog DDL precedes the snapshot and will be skipped.
     * A target other tables merge into, or one a column map shapes, is never rebuilt: the user fixes it.
     */
    private TablePlan lockAndVerify(Connection source, Connection target, TablePlan planned, TableProgress progress) throws SQLException {
        TableSchema current = lock(source, planned.source().id());
        if (current.equals(planned.source())) {
            return planned;
        }
        return recreate(source, target, planned, current, progress);
    }

    /**
     * Rebuilds a target table, created or partly filled from an old definition, from the source's
     * current one, and forgets its copy progress. Only Sluice's own copy is dropped: one it has
     * progress for, or an empty table. A target other tables merge into, or one a column map
     * shapes, is never rebuilt: the user fixes it.
     */
    private TablePlan recreate(Connection source, Connection target, TablePlan planned, TableSchema current, TableProgress progress) throws SQLException {
        TableId id = planned.source().id();
        LOG.info("{}: {} changed since its copy was planned; recreating {} on the target from its new definition", name, id, planned.target().id());
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
        // the progress goes before the rows: after a crash in between, the next copy finds rows it has no
        // progress for and stops with an error, where the other order would resume after keys the table lost
        meta.clearTableProgress(target, id);
        SecondaryIndexes.Split split = SecondaryIndexes.split(TargetTables.createStatement(source, plan));
        meta.deferIndexes(target, plan.target().id(), split.deferred());
        target.commit();
        try (Statement statement = target.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + plan.target().id().quoted());
            statement.execute("USE " + TableId.quote(plan.target().id().database()));
            statement.execute(split.createTable());
        }
        target.commit();
        rowsCopied.addAndGet(-(progress == null ? 0 : progress.rowsCopied()));
        return plan;
    }

    /**
     * Builds the secondary indexes the copied tables were created without that are still recorded,
     * before the Load unit ends (sync needs them, and a full task ends with them): those of tables
     * whose copy finished in an earlier run, or whose early build ({@link #buildDeferredIndexes(Connection, TableId)})
     * did not happen.
     */
    private void buildDeferredIndexes(Connection target) throws SQLException {
        Map<TableId, List<MetaStore.DeferredIndex>> pending = meta.deferredIndexes(target);
        target.commit();
        for (Map.Entry<TableId, List<MetaStore.DeferredIndex>> table : pending.entrySet()) {
            if (stopRequested) {
                return;
            }
            addMissingIndexes(target, table.getKey(), table.getValue());
        }
    }

    /**
     * Builds the deferred indexes of one target table right after its copy finished, on the
     * thread that copied it, so that the build overlaps the copy of the other tables instead of
     * following all of them.
     */
    private void buildDeferredIndexes(Connection target, TableId table) throws SQLException {
        List<MetaStore.DeferredIndex> indexes = meta.deferredIndexes(target).getOrDefault(table, List.of());
        target.commit();
        if (!indexes.isEmpty() && !stopRequested) {
            addMissingIndexes(target, table, indexes);
        }
    }

    /**
     * One ALTER TABLE adding the indexes not there yet. ALTER TABLE is atomic on the target, and
     * the record of what is left is cleared after it: a crash in between finds indexes already
     * there, which are skipped by name.
     */
    private void addMissingIndexes(Connection target, TableId id, List<MetaStore.DeferredIndex> indexes) throws SQLException {
        Set<String> existing = new HashSet<>();
        boolean present;
        try (Statement statement = target.createStatement();
                ResultSet rs = statement.executeQuery("SHOW INDEX FROM " + id.quoted())) {
            while (rs.next()) {
                existing.add(rs.getString("Key_name").toLowerCase(Locale.ROOT));
            }
            present = true;
        }
        catch (SQLException e) {
            if (e.getErrorCode() != 1146) {
                throw e;
            }
            // dropped since (sync replays its fate): nothing to build
            present = false;
        }
        List<String> missing = indexes.stream()
                .filter(index -> !existing.contains(index.name().toLowerCase(Locale.ROOT)))
                .map(index -> "ADD " + index.definition())
                .toList();
        if (present && !missing.isEmpty()) {
            long start = System.nanoTime();
            try (Statement statement = target.createStatement()) {
                statement.execute("ALTER TABLE " + id.quoted() + " " + String.join(", ", missing));
            }
            LOG.info("{}: built {} secondary index(es) of {} after its copy in {} ms", name, missing.size(), id, (System.nanoTime() - start) / 1_000_000);
        }
        meta.clearDeferredIndexes(target, id);
        target.commit();
    }

    private static boolean hasRows(Connection target, TableId table) throws SQLException {
        try (Statement statement = target.createStatement();
                ResultSet rs = statement.executeQuery("SELECT 1 FROM " + table.quoted() + " LIMIT 1")) {
            return rs.next();
        }
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
                java.util.List<String> others = options.dropTableIfExists() ? meta.otherSubtasksFilling(target, id) : List.of();
                if (options.dropTableIfExists() && !others.isEmpty()) {
                    // two sources' tables of one name without shard-mode or a merging route still share the target table:
                    // dropping it would drop the rows the other subtask copied
                    LOG.warn("{}: not dropping target table {} (drop-table-if-exists): {} also fill it; copying {} into it", name, id, others, plan.source().id());
                }
                else if (options.dropTableIfExists()) {
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
                // a table only this subtask fills gets its plain secondary indexes after its rows
                SecondaryIndexes.Split split = plan.merged() ? new SecondaryIndexes.Split(definition, List.of()) : SecondaryIndexes.split(definition);
                meta.deferIndexes(target, id, split.deferred());
                target.commit();
                try {
                    statement.execute(split.createTable());
                }
                catch (SQLException e) {
                    if (e.getErrorCode() != 1050 || drop) {
                        throw e;
                    }
                    // another subtask or task merging into the same table created it since the check
                    meta.unmarkCreated(target, id);
                    meta.clearDeferredIndexes(target, id);
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

    /** A fingerprint of a table definition, the same in every run (a record's text; enum hash codes differ between JVMs). */
    static String fingerprint(TableSchema schema) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(schema.toString().getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static boolean isDropped(Exception e) {
        return e instanceof SQLException sql && sql.getErrorCode() == 1146
                || e instanceof SluiceException sluice && sluice.errorCode() == ErrorCode.SCHEMA_UNKNOWN_TABLE;
    }

    /** A table not copied yet, as found at the start of a round. */
    private record PendingTable(TablePlan plan, TableProgress progress, List<RangeProgress> ranges, long estimatedRows) {}

    private static FilePosition later(FilePosition a, FilePosition b) {
        if (a == null) {
            return b;
        }
        return b != null && b.compareTo(a) > 0 ? b : a;
    }

    private Connection openSource() throws SQLException {
        return MysqlConnections.open(source);
    }

    /**
     * The load method to use: LOAD DATA needs {@code local_infile} on the target. Where the server
     * turns it off, the copy falls back to INSERT, which writes the same values, with one WARN line.
     */
    private LoadMethod loadMethod(Connection target) throws SQLException {
        if (options.loadMethod() != LoadMethod.LOAD_DATA) {
            return options.loadMethod();
        }
        boolean allowed;
        try (Statement statement = target.createStatement(); ResultSet rs = statement.executeQuery("SELECT @@GLOBAL.local_infile")) {
            allowed = rs.next() && rs.getBoolean(1);
        }
        target.commit();
        if (!allowed) {
            LOG.warn("{}: the target has local_infile=OFF, so the copy writes with INSERT instead of LOAD DATA LOCAL INFILE "
                    + "(same rows, more CPU); SET GLOBAL local_infile = ON on the target, or set 'load-method: insert' to silence this", name);
            return LoadMethod.INSERT;
        }
        return LoadMethod.LOAD_DATA;
    }

    /** A copy thread's target connection; one that may send LOAD DATA LOCAL INFILE data when that is the method. */
    private Connection openCopyTarget() throws SQLException {
        return targets.open(method == LoadMethod.LOAD_DATA);
    }
}
