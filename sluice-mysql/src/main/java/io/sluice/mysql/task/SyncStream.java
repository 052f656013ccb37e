package io.sluice.mysql.task;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.ChangeEvent;
import io.sluice.core.event.ChangeStream;
import io.sluice.core.event.DdlEvent;
import io.sluice.core.event.ResumePosition;
import io.sluice.core.event.RowChange;
import io.sluice.core.task.SyncOptions;
import io.sluice.core.event.TransactionHeader;
import io.sluice.core.position.FilePosition;
import io.sluice.mysql.ddl.DdlTables;
import io.sluice.mysql.ddl.DdlTarget;
import io.sluice.mysql.schema.tracker.SchemaTracker;
import io.sluice.mysql.sink.MysqlSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Streams source transactions into the sink: each change filtered and its snapshot boundary
 * decided, then applied inside an open target transaction. Small source transactions are grouped:
 * the target transaction is committed, with the checkpoint after the last source transaction in it,
 * once it holds {@link #GROUP_TRANSACTIONS} of them, is {@link #GROUP_AGE} old, ends with DDL, or the
 * source goes idle. Exactly-once holds because the group and its checkpoint commit atomically;
 * after an abort delivery restarts from the last durable checkpoint ({@link #durablePosition()}).
 * Transactions with nothing replicated only move the checkpoint, at most every
 * {@link #IDLE_CHECKPOINT}, so that unrelated traffic costs no target commit each.
 *
 * <p>Registered {@link SqlOperators} act here: a skip or replace operator matching a DDL about to
 * reach the target changes what the target runs (the schema tracker follows the source DDL
 * regardless), injections run before the next transaction; each is consumed once the checkpoint
 * past it is durable, and the target's record of applied operators is checked on start and after
 * an uncertain commit.
 *
 * <p>With more than one worker ({@link SyncOptions#workers()}), a transaction is buffered while it
 * streams, with the key hashes of its rows ({@link ConflictKeys}); at its commit it goes to the
 * {@link ParallelApply} writers. A transaction that holds DDL, rows without a usable key, more
 * than {@link #MAX_BUFFERED_CHANGES} changes or {@link #MAX_BUFFERED_BYTES}, or that an injection
 * precedes, is a barrier: the writers drain, and it is applied here on the stream's own sink,
 * streaming as with one worker, and committed at its end with the checkpoint.
 */
final class SyncStream implements ChangeStream, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyncStream.class);
    private static final Duration IDLE_CHECKPOINT = Duration.ofSeconds(2);
    static final int MAX_BUFFERED_CHANGES = 2000;
    static final long MAX_BUFFERED_BYTES = 1L << 20;

    private final String name;
    private final MysqlSink sink;
    private final SnapshotBoundary boundary;
    private final TrackedSchemas schemas;
    private final TransactionFilter filter;
    private final ChangeMapper mapper;
    private final int groupLimit;
    private final long groupAgeNanos;
    private final boolean safeMode;
    private final BiPredicate<String, String> tableFilter;
    private final SyncProgress progress;
    private final SqlOperators operators;
    private final DroppedDdl dropped = new DroppedDdl();

    private TransactionHeader header;
    // the open target transaction (group) and what it holds
    private boolean groupOpen;
    private boolean rowsInTransaction;
    private int groupTransactions;
    private long groupStartNanos;
    private ResumePosition pending;
    private Instant pendingCommitTimestamp;
    private long pendingTransactions;
    // the last checkpoint known to be on the target, and when it was written
    private ResumePosition durable;
    private long durableNanos = System.nanoTime();
    // the schema tracker changed since the durable checkpoint; its state there, to restore on abort
    private boolean schemaChanged;
    private String schemaAtDurable;
    // after an abort the last commit's outcome is unknown: the target's own checkpoint tells
    private boolean checkpointUncertain;
    private ResumePosition targetCheckpoint;
    private boolean alreadyApplied;
    private boolean transactionHasDdl;
    // operators applied since the durable checkpoint, consumed once it moves past them
    private final Map<String, FilePosition> operatorsApplied = new LinkedHashMap<>();
    private boolean operatorsChecked;
    // transactions parallel writers recorded as applied above the checkpoint (read on start and after an abort)
    private Set<FilePosition> appliedAbove = Set.of();
    private boolean appliedChecked;
    // parallel apply: null with one worker
    private final ParallelApply parallel;
    // the current transaction is buffered for the writers (not yet a barrier)
    private boolean buffering;
    private final List<ParallelApply.Change> buffer = new ArrayList<>();
    private final ConflictKeys.KeySet keys = new ConflictKeys.KeySet();
    private long bufferBytes;

    SyncStream(String name, MysqlSink sink, SnapshotBoundary boundary, TrackedSchemas schemas, TransactionFilter filter, ChangeMapper mapper,
            SyncOptions options, BiPredicate<String, String> tableFilter, SyncProgress progress, ResumePosition start, SqlOperators operators) {
        this.name = requireNonNull(name, "name is null");
        this.sink = requireNonNull(sink, "sink is null");
        this.boundary = requireNonNull(boundary, "boundary is null");
        this.schemas = requireNonNull(schemas, "schemas is null");
        this.filter = requireNonNull(filter, "filter is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.groupLimit = options.groupTransactions();
        this.groupAgeNanos = options.groupAge().toNanos();
        this.safeMode = options.safeMode();
        this.tableFilter = requireNonNull(tableFilter, "tableFilter is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.durable = requireNonNull(start, "start is null");
        this.pending = start;
        this.operators = requireNonNull(operators, "operators is null");
        this.parallel = options.workers() > 1
                ? new ParallelApply(name, options.workers(), sink, groupLimit, options.groupAge(), progress, start)
                : null;
    }

    @Override
    public void begin(TransactionHeader header) {
        this.header = header;
        this.rowsInTransaction = false;
        this.transactionHasDdl = false;
        this.alreadyApplied = false;
        this.buffering = false;
        buffer.clear();
        keys.clear();
        bufferBytes = 0;
        if (parallel != null) {
            parallel.checkFailure();
        }
        if (checkpointUncertain) {
            targetCheckpoint = sink.checkpoint().orElse(null);
            checkpointUncertain = false;
            // the lost commit may have recorded operators too, and lost writer commits applied transactions
            operatorsChecked = false;
            appliedChecked = false;
        }
        if (!appliedChecked) {
            Set<FilePosition> applied = sink.appliedTransactions();
            appliedAbove = applied.isEmpty() ? Set.of() : new HashSet<>(applied);
            if (!applied.isEmpty()) {
                LOG.info("{}: {} transactions above the checkpoint were applied by parallel writers before a restart; they are skipped", name, applied.size());
                sink.forgetAppliedWithCommits();
            }
            appliedChecked = true;
        }
        if (!operatorsChecked) {
            if (!operators.isEmpty()) {
                operators.consumedEarlier(sink.appliedOperators());
            }
            operatorsChecked = true;
        }
        if (targetCheckpoint != null) {
            // checkpoints sit at transaction boundaries: one after this transaction's start means it committed
            alreadyApplied = targetCheckpoint.file().compareTo(header.start()) > 0;
            if (alreadyApplied) {
                LOG.info("{}: transaction {} had committed on the target before the connection failed; not applying it again", name, header.id());
            }
            else {
                targetCheckpoint = null;
            }
        }
        if (!alreadyApplied && !appliedAbove.isEmpty() && appliedAbove.remove(header.start())) {
            alreadyApplied = true;
            LOG.debug("{}: transaction {} at {} was applied by a parallel writer; not applying it again", name, header.id(), header.start());
        }
        if (!alreadyApplied) {
            inject();
            buffering = parallel != null;
        }
    }

    /** Parallel apply: waits until the writers committed everything, so that the stream's own sink may apply and checkpoint. */
    private void drainWriters() {
        ResumePosition watermark = parallel.drain();
        durable = watermark;
        pending = watermark;
        pendingTransactions = 0;
    }

    /** The buffered transaction is a barrier: the writers drain, and it continues on the stream's own sink. */
    private void toSerial() {
        buffering = false;
        drainWriters();
        if (!buffer.isEmpty()) {
            sink.begin(header);
            groupOpen = true;
            groupStartNanos = System.nanoTime();
            for (ParallelApply.Change change : buffer) {
                sink.change(change.change(), change.idempotent());
            }
            buffer.clear();
        }
    }

    /**
     * Runs the registered injections (sql-inject) before this transaction, as an event of their own:
     * the group before it commits first (the injected DDL would commit it implicitly, without its
     * checkpoint), then each injection commits with the checkpoint unchanged and is consumed.
     */
    private void inject() {
        List<SqlInjection> injections = operators.injections();
        if (injections.isEmpty()) {
            return;
        }
        if (parallel != null) {
            drainWriters();
        }
        flush();
        for (SqlInjection injection : injections) {
            LOG.info("{}: executing {} before the transaction at {}", name, injection.describe(), header.start());
            sink.begin(header);
            sink.inject(injection.id(), injection.statements(), header.start());
            if (parallel != null) {
                sink.forgetAppliedWithCommits();
            }
            sink.commit(durable);
            if (parallel != null) {
                parallel.serialCommitted(durable);
                parallel.targetChanged();
            }
            durableNanos = System.nanoTime();
            operators.consumed(injection.id(), header.start());
        }
    }

    @Override
    public void change(ChangeEvent event) {
        // what of the event concerns the task: a DROP or RENAME of several tables only the selected ones
        ChangeEvent selected = event instanceof DdlEvent ddl && !alreadyApplied ? selectedTables(ddl) : event;
        boolean kept = !alreadyApplied && selected != null && filter.keep(selected);
        if (!kept && !alreadyApplied && selected instanceof DdlEvent ddl && changesSelectedTable(ddl)) {
            dropped.record(ddl, header.start().toString(), "dropped by a binlog event filter");
        }
        SnapshotBoundary.Mode mode = kept ? boundary.decide(selected, header.start()) : SnapshotBoundary.Mode.SKIP;
        if (event instanceof DdlEvent ddl) {
            if (buffering) {
                // DDL changes the schema every later change is decoded and applied with: a barrier
                toSerial();
            }
            if (mode != SnapshotBoundary.Mode.SKIP && groupOpen && groupTransactions > 0 && !rowsInTransaction) {
                // DDL commits implicitly: what the group holds must be committed first, with its checkpoint
                // and the schema as of that checkpoint, i.e. before this DDL is tracked. (DDL after rows of
                // its own transaction cannot be applied atomically; it is refused below.)
                flush();
            }
            trackSchema(ddl);
        }
        if (mode == SnapshotBoundary.Mode.SKIP) {
            return;
        }
        boolean idempotent = safeMode || mode == SnapshotBoundary.Mode.IDEMPOTENT;
        ChangeEvent mapped;
        switch (selected) {
            case RowChange change -> mapped = mapper.map(change);
            case DdlEvent ddl -> {
                ChangeMapper.MappedDdl routed = mapper.map(ddl).orElse(null);
                mapped = routed == null ? null : routed.ddl();
                idempotent |= routed != null && routed.tolerant();
            }
        }
        if (mapped == null) {
            return;
        }
        // a DDL on its way to the target: a registered operator may change what the target runs
        Optional<SqlOperator> operator = mapped instanceof DdlEvent ? operators.match(header.start(), ((DdlEvent) event).sql()) : Optional.empty();
        if (mapped instanceof DdlEvent && rowsInTransaction && operator.map(found -> found.kind() != SqlOperator.Kind.SKIP).orElse(true)) {
            // DDL commits implicitly, so it cannot follow rows of its own transaction atomically (MySQL and MariaDB log it apart)
            throw new SluiceException(ErrorCode.BINLOG_EVENT_UNSUPPORTED,
                    "Transaction " + header.id() + " at " + header.start() + " runs DDL after row changes: " + ((DdlEvent) mapped).sql(),
                    "Register sql-skip --binlog-pos " + header.start() + " to skip the DDL and resume-task, then apply its effect on the target by hand.");
        }
        if (buffering) {
            RowChange row = (RowChange) mapped;
            if (buffer.size() < MAX_BUFFERED_CHANGES && bufferBytes < MAX_BUFFERED_BYTES && ConflictKeys.collect(row, keys)) {
                buffer.add(new ParallelApply.Change(row, idempotent));
                bufferBytes += estimate(row);
                rowsInTransaction = true;
                return;
            }
            // no usable key, or too big to hold: a barrier, applied while it streams
            toSerial();
        }
        if (!groupOpen) {
            sink.begin(header);
            groupOpen = true;
            groupStartNanos = System.nanoTime();
        }
        transactionHasDdl |= event instanceof DdlEvent;
        rowsInTransaction |= event instanceof RowChange;
        if (operator.isPresent()) {
            apply(operator.get(), (DdlEvent) mapped, idempotent);
            return;
        }
        sink.change(mapped, idempotent);
    }

    /** A DDL statement about one of the replicated tables (not a view, routine or database statement). */
    private boolean changesSelectedTable(DdlEvent ddl) {
        return DdlTarget.of(ddl).filter(target -> target.kind() == DdlTarget.Kind.TABLE && tableFilter.test(target.database(), target.table())).isPresent();
    }

    /** {@code failure} naming the DDL this run did not execute on the target when that likely caused it (see {@link DroppedDdl}). */
    SluiceException explain(SluiceException failure) {
        return dropped.explain(failure);
    }

    /** The DDL narrowed to the selected tables (see {@link DdlTables}), or null when it concerns none. */
    private DdlEvent selectedTables(DdlEvent ddl) {
        DdlTables.Selected selected = DdlTables.select(ddl, tableFilter);
        if (!selected.leaving().isEmpty()) {
            LOG.warn("{}: the DDL at {} renames {} out of the replicated tables; the target keeps {} as it is: {}",
                    name, header.start(), selected.leaving(), selected.leaving().size() == 1 ? "it" : "them", ddl.sql());
        }
        if (!selected.entering().isEmpty()) {
            LOG.warn("{}: the DDL at {} renames tables that are not replicated to {}, which are: the target cannot have their rows: {}",
                    name, header.start(), selected.entering(), ddl.sql());
        }
        if (selected.ddl().isPresent() && selected.ddl().get() != ddl) {
            LOG.info("{}: the DDL at {} names tables that are not replicated; the target runs {}", name, header.start(), selected.ddl().get().sql());
        }
        return selected.ddl().orElse(null);
    }

    private void apply(SqlOperator operator, DdlEvent ddl, boolean idempotent) {
        switch (operator.kind()) {
            case SKIP -> {
                LOG.info("{}: {}: not executing the DDL at {} on the target: {}", name, operator.describe(), header.start(), ddl.sql());
                sink.skipDdl(ddl, operator.id(), header.start());
                dropped.record(ddl, header.start().toString(), "skipped by " + operator.describe());
            }
            case REPLACE -> {
                LOG.info("{}: {}: executing its statements on the target instead of the DDL at {}: {}", name, operator.describe(), header.start(), ddl.sql());
                sink.replaceDdl(ddl, operator.statements(), operator.id(), header.start(), idempotent);
            }
        }
        operatorsApplied.put(operator.id(), header.start());
    }

    private void trackSchema(DdlEvent ddl) {
        // every DDL moves the source schema, replicated or not
        if (!schemaChanged) {
            schemaAtDurable = schemas.tracker().serialize();
        }
        try {
            schemas.tracker().onDdl(ddl);
        }
        catch (SluiceException e) {
            throw new SluiceException(e.errorCode(), e.reason() + " (transaction " + header.id() + " at " + header.start() + ")", e.fix(), e);
        }
        schemaChanged = true;
    }

    @Override
    public void commit(ResumePosition resumeAfter, Instant commitTimestamp) {
        pending = resumeAfter;
        pendingCommitTimestamp = commitTimestamp;
        pendingTransactions++;
        if (parallel != null && (buffering || alreadyApplied)) {
            if (alreadyApplied) {
                parallel.pass(header.start(), resumeAfter, commitTimestamp, true, false);
            }
            else if (buffer.isEmpty()) {
                parallel.pass(header.start(), resumeAfter, commitTimestamp, false, true);
            }
            else {
                parallel.dispatch(header, resumeAfter, commitTimestamp, List.copyOf(buffer), keys.toArray(), bufferBytes);
            }
            buffer.clear();
            buffering = false;
            pending = durable;
            pendingTransactions = 0;
            rowsInTransaction = false;
            return;
        }
        if (alreadyApplied) {
            // already on the target, with its checkpoint and schema state
            durable = resumeAfter;
            pendingTransactions = 0;
            schemaChanged = false;
            schemaAtDurable = null;
            progress.skipped(resumeAfter);
            return;
        }
        if (groupOpen) {
            groupTransactions++;
            // with parallel writers a barrier commits at once, so that the writers can go on after it
            if (parallel != null || transactionHasDdl || groupTransactions >= groupLimit || System.nanoTime() - groupStartNanos >= groupAgeNanos) {
                flush();
            }
        }
        else if (parallel != null || schemaChanged || System.nanoTime() - durableNanos >= IDLE_CHECKPOINT.toNanos()) {
            flush();
        }
        rowsInTransaction = false;
    }

    @Override
    public void idle() {
        if (parallel != null) {
            // the writers commit by age, the checkpointer moves the checkpoint; report what failed meanwhile
            parallel.checkFailure();
            return;
        }
        if (groupOpen || (!pending.equals(durable) && System.nanoTime() - durableNanos >= IDLE_CHECKPOINT.toNanos())) {
            flush();
        }
    }

    /** Commits the open group (or just the checkpoint) at the position after the last delivered transaction. */
    private void flush() {
        if (pending.equals(durable) && !groupOpen) {
            return;
        }
        if (!groupOpen) {
            sink.begin(header);
        }
        if (schemaChanged) {
            sink.saveSchemaStateWithNextCommit(schemas.tracker().serialize());
        }
        if (parallel != null) {
            sink.forgetAppliedWithCommits();
        }
        sink.commit(pending);
        if (parallel != null) {
            parallel.serialCommitted(pending);
            if (transactionHasDdl) {
                parallel.targetChanged();
            }
        }
        groupOpen = false;
        groupTransactions = 0;
        durable = pending;
        durableNanos = System.nanoTime();
        schemaChanged = false;
        schemaAtDurable = null;
        progress.applied(pending, pendingCommitTimestamp == null ? Instant.now() : pendingCommitTimestamp, pendingTransactions);
        pendingTransactions = 0;
        if (!operatorsApplied.isEmpty()) {
            Map<String, FilePosition> consumed = new LinkedHashMap<>(operatorsApplied);
            operatorsApplied.clear();
            consumed.forEach(operators::consumed);
        }
    }

    @Override
    public void abort() {
        checkpointUncertain = true;
        if (groupOpen) {
            sink.rollback();
        }
        if (schemaChanged && schemaAtDurable != null) {
            schemas.replace(SchemaTracker.deserialize(schemaAtDurable, tableFilter));
        }
        schemaChanged = false;
        schemaAtDurable = null;
        groupOpen = false;
        groupTransactions = 0;
        rowsInTransaction = false;
        buffering = false;
        buffer.clear();
        if (parallel != null) {
            // writers roll back what they hold; delivery restarts at the watermark, and what they committed above it is skipped
            parallel.abandon();
            durable = parallel.watermark();
        }
        pending = durable;
        pendingTransactions = 0;
        // not durable, so not consumed: they apply again when the transaction is delivered again
        operatorsApplied.clear();
    }

    @Override
    public ResumePosition durablePosition() {
        return parallel != null ? parallel.watermark() : durable;
    }

    /** Stops the parallel writers, if any; what they have not committed is rolled back. */
    @Override
    public void close() {
        if (parallel != null) {
            parallel.close();
        }
    }

    /** A rough size of a buffered change, to bound the memory parallel apply holds. */
    static long estimate(RowChange change) {
        long bytes = 64;
        for (io.sluice.core.event.Row image : new io.sluice.core.event.Row[] { change.before(), change.after() }) {
            if (image == null) {
                continue;
            }
            for (int i = 0; i < image.size(); i++) {
                bytes += switch (image.get(i)) {
                    case byte[] array -> 24 + array.length;
                    case String text -> 48 + text.length() * 2L;
                    case null -> 8;
                    default -> 32;
                };
            }
        }
        return bytes;
    }
}
