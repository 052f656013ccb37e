package io.sluice.mysql.task;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.DdlEvent;
import io.sluice.core.event.ResumePosition;
import io.sluice.core.position.BinlogPosition;
import io.sluice.core.position.FilePosition;
import io.sluice.core.schema.TableId;
import io.sluice.core.task.InstanceConfig;
import io.sluice.core.task.SourceConfig;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;
import io.sluice.mysql.binlog.BinlogReader;
import io.sluice.mysql.binlog.BinlogReaderConfig;
import io.sluice.mysql.binlog.SourcePositions;
import io.sluice.mysql.jdbc.MysqlConnections;
import io.sluice.mysql.jdbc.SourceErrors;
import io.sluice.mysql.schema.FullMetadataSchemas;
import io.sluice.mysql.schema.InformationSchemaLoader;
import io.sluice.mysql.schema.tracker.SchemaTracker;
import io.sluice.mysql.sink.MetaStore;
import io.sluice.mysql.sink.MysqlSink;
import io.sluice.mysql.sink.SubtaskState;
import io.sluice.mysql.sink.TargetConnections;
import io.sluice.mysql.sink.TargetErrors;
import io.sluice.mysql.rule.TableRules;
import io.sluice.mysql.snapshot.SnapshotLoader;
import io.sluice.mysql.sink.TargetTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One task on one upstream source, MySQL/MariaDB to MySQL/MariaDB: the Load unit (snapshot copy)
 * then the Sync unit (binlog), resuming from the target's meta schema after any stop or crash.
 *
 * <p>Exactly-once rests on two facts: every write to the target commits together with the
 * progress it represents, and sync starts from the position recorded before the first snapshot
 * was taken, applying changes idempotently until it passes the latest snapshot position (rows
 * copied later may already contain them). {@link #run()} blocks; {@link #stop()} may be called
 * from any thread and makes {@code run()} return after the current transaction or chunk.
 */
public final class MysqlSubtask {
    private static final Logger LOG = LoggerFactory.getLogger(MysqlSubtask.class);

    private final TaskConfig task;
    private final InstanceConfig instance;
    private final SourceConfig source;
    private final long serverId;
    private final String name;
    private final MetaStore meta;
    private final TableRules rules;
    private final TransactionFilter filter;
    private final SyncProgress progress = new SyncProgress();
    private final SqlOperators operators;

    private volatile boolean stopped;
    private volatile String unit = "Check";
    private volatile SnapshotLoader loader;
    private volatile BinlogReader reader;

    public MysqlSubtask(TaskConfig task, InstanceConfig instance, SourceConfig source, long serverId) {
        this(task, instance, source, serverId, new SqlOperators());
    }

    /**
     * @param operators the sql-skip, sql-replace and sql-inject operators the control plane
     *        registers for this subtask; sync applies and consumes them
     */
    public MysqlSubtask(TaskConfig task, InstanceConfig instance, SourceConfig source, long serverId, SqlOperators operators) {
        this.operators = requireNonNull(operators, "operators is null");
        this.task = requireNonNull(task, "task is null");
        this.instance = requireNonNull(instance, "instance is null");
        this.source = requireNonNull(source, "source is null");
        this.serverId = serverId;
        this.name = task.name() + "/" + source.sourceId();
        this.meta = new MetaStore(task.metaSchema(), task.name(), source.sourceId());
        this.rules = new TableRules(instance.rules(), task.shardMode().isPresent());
        this.filter = new TransactionFilter(rules);
    }

    public String name() {
        return name;
    }

    public SubtaskStatus status() {
        SnapshotLoader currentLoader = loader;
        ResumePosition position = progress.position();
        return new SubtaskStatus(unit,
                currentLoader == null ? 0 : currentLoader.rowsCopied(),
                currentLoader == null ? 0 : currentLoader.rowsTotal(),
                progress.transactions(),
                progress.lagSeconds(),
                position == null ? "" : position.toString());
    }

    /** The source this subtask reads. */
    public SourceConfig source() {
        return source;
    }

    /** The position after the last transaction sync applied or passed over; empty before sync starts. */
    public Optional<ResumePosition> syncedPosition() {
        return Optional.ofNullable(progress.position());
    }

    /**
     * The unit the subtask's checkpoint on the target is in (Load, Sync or Finished), without running
     * it; empty when it has none yet or the target cannot be reached. Status displays use it for a
     * subtask that is not running.
     */
    public Optional<String> savedUnit() {
        TargetConnections targets = new TargetConnections(task.target());
        try (Connection target = targets.open()) {
            Optional<SubtaskState> saved = meta.load(target);
            target.commit();
            return saved.map(state -> switch (state.stage()) {
                case LOAD -> "Load";
                case SYNC -> "Sync";
                case FINISHED -> "Finished";
            });
        }
        catch (SQLException | RuntimeException e) {
            LOG.debug("{}: saved unit unknown: {}", name, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Forgets this subtask's progress on the target ({@code start-task --remove-meta}): the next
     * {@link #run()} starts over as a new task. Call before {@code run()}.
     */
    public void removeMeta() {
        TargetConnections targets = new TargetConnections(task.target());
        try (Connection target = targets.open()) {
            meta.createTables(target);
            target.commit();
            meta.removeProgress(target);
            target.commit();
            LOG.info("{}: removed the task's checkpoint and snapshot progress from the meta schema", name);
        }
        catch (SQLException e) {
            throw TargetErrors.classify(e, targets.describe(), targets.user(), "removing the task's meta");
        }
    }

    public void stop() {
        stopped = true;
        SnapshotLoader currentLoader = loader;
        if (currentLoader != null) {
            currentLoader.stop();
        }
        BinlogReader currentReader = reader;
        if (currentReader != null) {
            currentReader.stop();
        }
    }

    /** Runs until done (full mode), stopped, or failed with a {@link SluiceException}: the subtask is then paused. */
    public void run() {
        TargetConnections targets = new TargetConnections(task.target());
        try (Connection connection = openSource()) {
            SourceChecks.verify(connection, name);
            RuleChecks.verify(connection, rules, task, targets, name);
        }
        catch (SQLException e) {
            throw sourceError(e);
        }
        SubtaskState state;
        try (Connection target = targets.open()) {
            meta.createTables(target);
            target.commit();
            Optional<SubtaskState> saved = meta.load(target);
            target.commit();
            state = saved.orElse(null);
        }
        catch (SQLException e) {
            throw TargetErrors.classify(e, targets.describe(), targets.user(), "while opening the meta schema");
        }
        if (state == null && task.mode() == TaskMode.INCREMENTAL) {
            state = incrementalStart(targets);
        }
        if (state == null || state.stage() == SubtaskState.Stage.LOAD) {
            state = load(targets, state);
            if (state == null) {
                return;
            }
        }
        if (state.stage() == SubtaskState.Stage.FINISHED) {
            unit = "Finished";
            LOG.info("{}: full copy finished", name);
            return;
        }
        if (task.mode() == TaskMode.ALL && !catchUp(targets, state)) {
            return;
        }
        if (task.mode() == TaskMode.INCREMENTAL) {
            verifyIncrementalTargets(targets, state);
        }
        sync(state);
    }

    /**
     * Copies the tables that joined the selection since the task started syncing and that the
     * target never got ({@link NewlySelectedTables}), before sync continues from its checkpoint.
     * Their schemas (as of the checkpoint, which is their current one: no DDL touched them since)
     * go into the saved schema state in the transaction that records them in
     * {@code catchup_table}; that record stays until their copy is done, so a run stopped or killed
     * meanwhile continues the copy first. The checkpoint does not move: sync reads from it, skips
     * their changes before their snapshots, applies those between their first and last snapshot
     * idempotently and later ones normally, as after the first Load.
     *
     * @return false when the subtask was stopped during the copy
     */
    private boolean catchUp(TargetConnections targets, SubtaskState state) {
        Set<TableId> tables;
        try (Connection target = targets.open()) {
            tables = meta.catchUpTables(target);
            target.commit();
        }
        catch (SQLException e) {
            throw TargetErrors.classify(e, targets.describe(), targets.user(), "reading the catch-up copy");
        }
        boolean continued = !tables.isEmpty();
        if (continued) {
            LOG.info("{}: continuing the copy of {} table(s) that joined the task's selection while it was syncing: {}", name, tables.size(), tables);
        }
        else {
            tables = startCatchUp(targets, state);
        }
        while (!tables.isEmpty()) {
            unit = "Load";
            Set<TableId> copying = Set.copyOf(tables);
            Copied copied = copy(copying::contains);
            if (copied == null) {
                return false;
            }
            try (Connection target = targets.open()) {
                meta.finishCatchUp(target);
                target.commit();
            }
            catch (SQLException e) {
                throw TargetErrors.classify(e, targets.describe(), targets.user(), "finishing the catch-up copy");
            }
            LOG.info("{}: copied {} table(s) that joined the selection ({} rows); sync continues from {}", name, copying.size(), copied.loader().rowsCopied(), state.position());
            // the selection may have been widened again while that copy was interrupted: look once more
            tables = continued ? startCatchUp(targets, state) : Set.of();
            continued = false;
        }
        return true;
    }

    /** Finds the newly selected tables to copy and records them with their schemas; empty when there are none. */
    private Set<TableId> startCatchUp(TargetConnections targets, SubtaskState state) {
        try (Connection source = openSource(); Connection target = targets.open()) {
            Set<TableId> copied = meta.tableProgress(target).keySet();
            Optional<String> schemaState = meta.schemaState(target);
            String selection = NewlySelectedTables.selectionFingerprint(instance.rules());
            boolean selectionChanged = !meta.selectionFingerprint(target).equals(Optional.of(selection));
            target.commit();
            SchemaTracker tracker = SchemaTracker.deserialize(schemaState.orElseGet(this::loadTracker), instance.rules().selector()::allowsTable);
            NewlySelectedTables.Found found = NewlySelectedTables.find(source, target, rules, tracker.trackedTables(), copied,
                    state.position(), !task.load().skipCreateTable(), selectionChanged, name);
            if (!found.replayed().isEmpty()) {
                LOG.info("{}: {} joined the task's selection and were created after its sync position {}: sync creates them from the binlog",
                        name, found.replayed(), state.position());
            }
            if (found.copy().isEmpty()) {
                if (selectionChanged) {
                    // nothing to copy for this selection: later starts need not look again
                    meta.saveSelectionFingerprint(target, selection);
                    target.commit();
                }
                return Set.of();
            }
            for (Map.Entry<TableId, String> table : found.copy().entrySet()) {
                // a tracked table without its target table may be known with an outdated definition: the current one holds at the sync position
                tracker.onDdl(new DdlEvent(table.getKey().database(), "DROP TABLE IF EXISTS " + table.getKey().quoted()));
                tracker.onDdl(new DdlEvent(table.getKey().database(), table.getValue()));
            }
            meta.saveSchemaState(target, tracker.serialize());
            meta.saveSelectionFingerprint(target, selection);
            meta.startCatchUp(target, found.copy().keySet());
            target.commit();
            LOG.info("{}: {} table(s) joined the task's selection since it started syncing and were never copied: {}; copying them, then sync continues from {}",
                    name, found.copy().size(), found.copy().keySet(), state.position());
            return found.copy().keySet();
        }
        catch (SQLException e) {
            throw sourceError(e);
        }
    }

    /** An incremental task copies nothing: selected tables the target lacks and sync cannot create stop the start ({@link NewlySelectedTables}). */
    private void verifyIncrementalTargets(TargetConnections targets, SubtaskState state) {
        try (Connection source = openSource(); Connection target = targets.open()) {
            NewlySelectedTables.verifyIncrementalTargets(source, target, rules, state.position(), this.source.enableGtid(), name);
        }
        catch (SQLException e) {
            throw sourceError(e);
        }
    }

    private SubtaskState incrementalStart(TargetConnections targets) {
        ResumePosition start;
        String schemaState = null;
        Optional<BinlogPosition> configured = Optional.empty();
        if (instance.meta() != null) {
            // as in DM: binlog-gtid is used when the source runs with GTIDs, binlog-name/pos otherwise
            configured = source.enableGtid() || instance.meta().binlogName() == null
                    ? instance.meta().position()
                    : Optional.of(new FilePosition(instance.meta().binlogName(),
                            instance.meta().binlogPos() == null ? 4 : instance.meta().binlogPos()));
        }
        try (Connection connection = openSource()) {
            if (configured.isPresent()) {
                start = switch (configured.get()) {
                    case FilePosition file -> new ResumePosition(file, SourcePositions.gtidAt(connection, file));
                    case io.sluice.core.position.GtidPosition gtid -> new ResumePosition(SourcePositions.currentEnd(connection).file(), gtid);
                };
            }
            else {
                SchemaAtPosition now = SchemaAtPosition.capture(connection, instance.rules().selector()::allowsTable, name);
                start = now.position();
                schemaState = now.trackerState();
                LOG.warn("{}: task-mode incremental without meta: starting at the current end of the binlog, {}", name, start);
            }
        }
        catch (SQLException e) {
            throw sourceError(e);
        }
        SubtaskState state = new SubtaskState(SubtaskState.Stage.SYNC, start, null);
        // with a configured start, the schema as of now stands for the schema there: right when no DDL lies between them
        save(targets, state, schemaState != null ? schemaState : loadTracker());
        return state;
    }

    private SubtaskState load(TargetConnections targets, SubtaskState saved) {
        unit = "Load";
        ResumePosition now;
        String schemaState = null;
        try (Connection connection = openSource()) {
            if (saved == null && task.mode() != TaskMode.FULL) {
                // sync starts before the first snapshot, with the schema exactly as of that position
                // (a full task has no sync: it skips the schema tracker and its start-up cost)
                SchemaAtPosition start = SchemaAtPosition.capture(connection, instance.rules().selector()::allowsTable, name);
                now = start.position();
                schemaState = start.trackerState();
            }
            else {
                now = SourcePositions.currentEnd(connection);
            }
        }
        catch (SQLException e) {
            throw sourceError(e);
        }
        // everything up to the snapshots of this run may be in copied rows
        ResumePosition syncStart = saved == null ? now : saved.position();
        save(targets, new SubtaskState(SubtaskState.Stage.LOAD, syncStart, now.file()), schemaState);
        Copied copied = copy(null);
        if (copied == null) {
            return null;
        }
        SnapshotLoader snapshot = copied.loader();
        ResumePosition latest = copied.latest();
        FilePosition safeUntil = latest != null && latest.file().compareTo(now.file()) > 0 ? latest.file() : now.file();
        SubtaskState.Stage next = task.mode() == TaskMode.FULL ? SubtaskState.Stage.FINISHED : SubtaskState.Stage.SYNC;
        SubtaskState state = new SubtaskState(next, syncStart, safeUntil);
        save(targets, state);
        LOG.info("{}: snapshot done, {} rows; sync starts at {} (idempotent until {})", name, snapshot.rowsCopied(), syncStart, safeUntil);
        return state;
    }

    /** A finished copy: its loader and the latest snapshot position it used (null when it copied nothing). */
    private record Copied(SnapshotLoader loader, ResumePosition latest) {}

    /**
     * Runs the Load unit's copy, retrying retriable failures for up to five minutes (a retried
     * load continues after the last committed chunk); null when the subtask was stopped.
     *
     * @param only the selected tables to copy, null for all of them
     */
    private Copied copy(java.util.function.Predicate<TableId> only) {
        ResumePosition latest = null;
        SnapshotLoader snapshot;
        Duration backoff = Duration.ofSeconds(1);
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(5));
        while (true) {
            snapshot = new SnapshotLoader(source.from(), task.target(), meta, task.load(), rules, name, only);
            loader = snapshot;
            if (stopped) {
                return null;
            }
            try {
                ResumePosition position = snapshot.load();
                latest = position != null ? position : latest;
                break;
            }
            catch (SluiceException e) {
                if (!e.isRetriable() || stopped || Instant.now().isAfter(giveUp)) {
                    throw e;
                }
                LOG.warn("{}: {}; retrying the copy in {} s", name, e.reason(), backoff.toSeconds());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : backoff.multipliedBy(2);
            }
        }
        return stopped || snapshot.stopped() ? null : new Copied(snapshot, latest);
    }

    private void sync(SubtaskState state) {
        unit = "Sync";
        progress.starting(state.position());
        BinlogPosition start = source.enableGtid() && state.position().gtid() != null ? state.position().gtid() : state.position().file();
        BinlogReaderConfig config = BinlogReaderConfig.of(source.from().host(), source.from().port(), source.from().user(),
                source.from().password(), serverId, start)
                .withHeartbeat(Duration.ofSeconds(1));
        TargetConnections targets = new TargetConnections(task.target());
        SnapshotBoundary boundary;
        Optional<String> schemaState;
        try (Connection target = targets.open()) {
            boundary = new SnapshotBoundary(meta.tableProgress(target), state.safeUntil());
            schemaState = meta.schemaState(target);
            target.commit();
        }
        catch (SQLException e) {
            throw TargetErrors.classify(e, targets.describe(), targets.user(), "reading snapshot progress");
        }
        try (Connection schemaConnection = openSource(); MysqlSink sink = new MysqlSink(task.target(), meta, name)) {
            sink.open();
            sink.setSafeUntil(state.safeUntil());
            if (schemaState.isEmpty()) {
                LOG.warn("{}: no saved schema state (a task from an older version); reading the current schema for position {}", name, state.position());
            }
            SchemaTracker tracker = SchemaTracker.deserialize(schemaState.orElseGet(this::loadTracker), instance.rules().selector()::allowsTable);
            TrackedSchemas schemas = new TrackedSchemas(tracker,
                    FullMetadataSchemas.load(schemaConnection, new InformationSchemaLoader(() -> schemaConnection)));
            ChangeMapper mapper = new ChangeMapper(name, rules, TargetTables.columnsOf(targets));
            SyncStream stream = new SyncStream(name, sink, boundary, schemas, filter, mapper, task.sync(), instance.rules().selector()::allowsTable,
                    progress, state.position(), operators);
            BinlogReader binlog = new BinlogReader(config, state.position().gtid(), schemas, stream,
                    table -> instance.rules().selector().allowsTable(table.database(), table.table()));
            reader = binlog;
            if (stopped) {
                stream.close();
                return;
            }
            LOG.info("{}: sync from {}", name, start);
            try {
                binlog.run();
            }
            catch (SluiceException e) {
                throw stream.explain(e);
            }
            finally {
                stream.close();
            }
        }
        catch (SQLException e) {
            throw sourceError(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException(ErrorCode.INTERNAL, "Interrupted while waiting to retry.", "None needed.", e);
        }
    }

    private void save(TargetConnections targets, SubtaskState state) {
        save(targets, state, null);
    }

    private void save(TargetConnections targets, SubtaskState state, String schemaState) {
        try (Connection target = targets.open()) {
            meta.save(target, state);
            if (schemaState != null) {
                // a schema state captured now holds every table this selection picks
                meta.saveSchemaState(target, schemaState);
                meta.saveSelectionFingerprint(target, NewlySelectedTables.selectionFingerprint(instance.rules()));
            }
            target.commit();
        }
        catch (SQLException e) {
            throw TargetErrors.classify(e, targets.describe(), targets.user(), "saving the checkpoint");
        }
    }

    private String loadTracker() {
        try (Connection connection = openSource()) {
            return SchemaTracker.load(connection, instance.rules().selector()::allowsTable).serialize();
        }
        catch (SQLException e) {
            throw sourceError(e);
        }
    }

    private Connection openSource() throws SQLException {
        return MysqlConnections.open(source.from());
    }

    private SluiceException sourceError(SQLException e) {
        return SourceErrors.classify(e, source.from(), name, "Check the user and password in the source file.");
    }

    /** A stable replica server id per task and source, far from the ids people give servers. */
    public static long defaultServerId(String task, String sourceId) {
        return 1_000_000L + Math.floorMod((task + "\u0000" + sourceId).hashCode(), 2_000_000_000L);
    }
}
