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
import java.util.function.BiPredicate;
import java.util.function.Predicate;

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
    private final BiPredicate<String, String> tableFilter;
    private final Predicate<String> databaseFilter;
    private final String name;
    private final AtomicLong rowsCopied = new AtomicLong();
    private final AtomicLong rowsTotal = new AtomicLong();
    private volatile boolean stopRequested;

    public SnapshotLoader(Endpoint source, Endpoint target, MetaStore meta, LoadOptions options, Predicate<String> databaseFilter,
            BiPredicate<String, String> tableFilter, String name) {
        this.source = requireNonNull(source, "source is null");
        this.targets = new TargetConnections(requireNonNull(target, "target is null"));
        this.meta = requireNonNull(meta, "meta is null");
        this.options = requireNonNull(options, "options is null");
        this.tableFilter = requireNonNull(tableFilter, "tableFilter is null");
        this.databaseFilter = requireNonNull(databaseFilter, "databaseFilter is null");
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
                List<TableSchema> pending = new ArrayList<>();
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
                        if (done == null) {
                            createTargetTable(sourceConnection, target, table);
                        }
                        pending.add(schemas.load(table));
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

    private ResumePosition copyAll(List<TableSchema> pending, Map<TableId, TableProgress> progress) throws SQLException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(options.copyThreads(), pending.size())),
                Thread.ofPlatform().name(name + "-copy-", 0).factory());
        try {
            List<Future<ResumePosition>> futures = new ArrayList<>();
            for (TableSchema schema : pending) {
                futures.add(pool.submit(() -> copyTable(schema, progress.get(schema.id()))));
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

    private ResumePosition copyTable(TableSchema planned, TableProgress progress) throws SQLException {
        try (Connection sourceConnection = openSource(); Connection target = targets.open()) {
            sourceConnection.setAutoCommit(false);
            ResumePosition snapshot = SnapshotPosition.begin(sourceConnection);
            TableSchema schema = lockAndVerify(sourceConnection, target, planned, progress);
            TableProgress resumeFrom = schema.equals(planned) ? progress : null;
            TableCopier copier = new TableCopier(schema, meta, options.chunkRows(), rowsCopied, () -> stopRequested);
            ResumePosition position = copier.copy(sourceConnection, target, resumeFrom, snapshot);
            LOG.info("{}: copied {} (snapshot at {})", name, schema.id(), position.file());
            return position;
        }
        catch (SQLException e) {
            if (e.getErrorCode() == 1146) {
                LOG.info("{}: {} was dropped or renamed while copying; sync replays what happened to it", name, planned.id());
                return null;
            }
            SluiceException error = TargetErrors.classify(e, targets.describe(), targets.user(), "copying " + planned.id());
            throw error;
        }
    }

    /**
     * Holds the table's metadata lock for the rest of the snapshot transaction (no DDL can change it
     * while it is read) and returns its schema as of the snapshot. A DDL between planning and now
     * means the target table, created or partly filled from the old definition, is rebuilt from the
     * new one and copied from the start: its binlog DDL precedes the snapshot and will be skipped.
     */
    private TableSchema lockAndVerify(Connection source, Connection target, TableSchema planned, TableProgress progress) throws SQLException {
        try (Statement statement = source.createStatement()) {
            statement.execute("SELECT * FROM " + planned.id().quoted() + " LIMIT 0");
        }
        TableSchema current = new InformationSchemaLoader(() -> source).load(planned.id());
        if (current.equals(planned)) {
            return current;
        }
        LOG.info("{}: {} changed while the copy was planned; recreating it on the target from its new definition", name, planned.id());
        if (options.skipCreateTable()) {
            throw new SluiceException(ErrorCode.SNAPSHOT_FAILED,
                    name + ": " + planned.id() + " changed on the source while it was being copied, and skip-create-table is set.",
                    "Apply the same change to the target table and start the task again.");
        }
        if (progress == null && hasRows(target, planned.id())) {
            throw new SluiceException(ErrorCode.TARGET_APPLY_FAILED,
                    name + ": target table " + planned.id() + " already holds rows, and its source definition changed during the copy.",
                    "Empty the target table and start the task again.");
        }
        String definition;
        try (Statement statement = source.createStatement(); ResultSet rs = statement.executeQuery("SHOW CREATE TABLE " + planned.id().quoted())) {
            rs.next();
            definition = new String(rs.getBytes(2), StandardCharsets.UTF_8);
        }
        try (Statement statement = target.createStatement()) {
            // only Sluice's own partial copy is dropped: progress != null, or the table Sluice just created, still empty
            statement.execute("DROP TABLE IF EXISTS " + planned.id().quoted());
            statement.execute("USE " + TableId.quote(planned.id().database()));
            statement.execute(definition);
        }
        target.commit();
        rowsCopied.addAndGet(-(progress == null ? 0 : progress.rowsCopied()));
        return current;
    }

    private static boolean isEmptyTable(Connection target, TableId table) throws SQLException {
        try {
            return !hasRows(target, table);
        }
        catch (SQLException missing) {
            if (missing.getErrorCode() == 1146) {
                return false;
            }
            throw missing;
        }
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
                if (tableFilter.test(database, table)) {
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
                if (databaseFilter.test(rs.getString(1))) {
                    databases.add(rs.getString(1));
                }
            }
        }
        for (String database : databases) {
            try (Statement statement = sourceConnection.createStatement();
                    ResultSet rs = statement.executeQuery("SHOW CREATE DATABASE " + TableId.quote(database))) {
                rs.next();
                String create = new String(rs.getBytes(2), StandardCharsets.UTF_8).replaceFirst("(?i)^CREATE DATABASE", "CREATE DATABASE IF NOT EXISTS");
                try (Statement targetStatement = target.createStatement()) {
                    targetStatement.execute(create);
                }
            }
        }
        target.commit();
    }

    /** Creates the database and table on the target from the source's definition; never drops a table holding copied rows. */
    private void createTargetTable(Connection sourceConnection, Connection target, TableId table) throws SQLException {
        if (options.skipCreateTable()) {
            return;
        }
        String definition;
        String createDatabase;
        try (Statement statement = sourceConnection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SHOW CREATE DATABASE " + TableId.quote(table.database()))) {
                rs.next();
                createDatabase = new String(rs.getBytes(2), StandardCharsets.UTF_8).replaceFirst("(?i)^CREATE DATABASE", "CREATE DATABASE IF NOT EXISTS");
            }
            try (ResultSet rs = statement.executeQuery("SHOW CREATE TABLE " + table.quoted())) {
                rs.next();
                definition = new String(rs.getBytes(2), StandardCharsets.UTF_8);
            }
        }
        try (Statement statement = target.createStatement()) {
            statement.execute(createDatabase);
            statement.execute("USE " + TableId.quote(table.database()));
            if (options.dropTableIfExists() || isEmptyTable(target, table)) {
                // an empty table may be left by an earlier run that stopped before its first chunk, with a
                // definition the source has changed since: it holds nothing, so it is recreated from today's
                statement.execute("DROP TABLE IF EXISTS " + table.quoted());
            }
            statement.execute(definition.replaceFirst("(?i)^CREATE TABLE", "CREATE TABLE IF NOT EXISTS"));
        }
        target.commit();
    }

    private Connection openSource() throws SQLException {
        return MysqlConnections.open(source);
    }
}
