package io.sluice.mysql.task;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.ResumePosition;
import io.sluice.core.event.RowChange;
import io.sluice.core.event.TransactionHeader;
import io.sluice.core.position.FilePosition;
import io.sluice.mysql.sink.MysqlSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Parallel Sync apply: N writers, each with its own target connection, apply whole source
 * transactions that the {@link DependencyTracker} found independent, each grouping its
 * transactions into target commits (up to the group size or age, like the single writer).
 *
 * <p>Exactly-once: a writer's commit also records the start position of every source transaction
 * in it ({@code sluice_meta.applied_txn}). The checkpoint is the <em>low watermark</em>: the
 * position after the last transaction before which every transaction took effect. A checkpointer
 * thread moves the checkpoint row to it (at most every {@link #CHECKPOINT_INTERVAL}) and deletes,
 * in the same target transaction, the applied records it now covers. A restart reads from the
 * checkpoint and skips the transactions recorded as applied above it.
 *
 * <p>The dispatching side (the binlog reader's thread) calls {@link #dispatch}, {@link #pass},
 * {@link #drain}, {@link #serialCommitted} and {@link #abandon}; a writer's failure is raised on
 * that thread by the next of these calls (or {@link #checkFailure}), and the caller aborts: every
 * writer rolls back what it has not committed, and delivery restarts at the watermark.
 */
final class ParallelApply implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ParallelApply.class);
    static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(100);
    /** Changes queued for writers and not yet applied, estimated bytes: bounds the memory parallel apply holds. */
    static final long MAX_QUEUED_BYTES = 8L << 20;
    private static final Object FLUSH = new Object();
    private static final Object STOP = new Object();

    private final String name;
    private final MysqlSink base;
    private final int groupLimit;
    private final long groupAgeNanos;
    private final SyncProgress progress;
    private final DependencyTracker tracker;
    private final Writer[] writers;
    private final AtomicLongArray committed;
    private final long[] assigned;

    private final Object lock = new Object();
    // guarded by lock
    private final ArrayDeque<Entry> inFlight = new ArrayDeque<>();
    private ResumePosition watermark;
    private final List<FilePosition> covered = new ArrayList<>();
    private long queuedBytes;
    private SluiceException failure;
    private boolean paused;
    private boolean checkpointing;
    private ResumePosition lastWritten;
    private long lastWriteNanos;
    private boolean closed;
    private volatile int columnsEpoch;

    private long nextSeq = 1;
    // counters for the log, on the dispatching thread
    private long dispatched;
    private long conflictWaits;
    private long drains;
    private final java.util.concurrent.atomic.AtomicLong lockRetries = new java.util.concurrent.atomic.AtomicLong();
    private Thread checkpointer;
    private MysqlSink checkpointSink;

    /** One change of a buffered transaction, with whether it is applied idempotently. */
    record Change(RowChange change, boolean idempotent) {}

    /** A source transaction in the watermark's queue, in source order. */
    private static final class Entry {
        final long seq;
        final FilePosition start;
        final ResumePosition resumeAfter;
        final Instant commitTimestamp;
        final boolean counted;
        boolean done;
        boolean recorded;

        Entry(long seq, FilePosition start, ResumePosition resumeAfter, Instant commitTimestamp, boolean counted) {
            this.seq = seq;
            this.start = start;
            this.resumeAfter = resumeAfter;
            this.commitTimestamp = commitTimestamp;
            this.counted = counted;
        }
    }

    /** A transaction queued for a writer. */
    private static final class Queued {
        final TransactionHeader header;
        final Entry entry;
        List<Change> changes;
        final long bytes;

        Queued(TransactionHeader header, Entry entry, List<Change> changes, long bytes) {
            this.header = header;
            this.entry = entry;
            this.changes = changes;
            this.bytes = bytes;
        }
    }

    ParallelApply(String name, int workers, MysqlSink base, int groupLimit, Duration groupAge, SyncProgress progress, ResumePosition start) {
        this.name = requireNonNull(name, "name is null");
        this.base = requireNonNull(base, "base is null");
        this.groupLimit = groupLimit;
        this.groupAgeNanos = groupAge.toNanos();
        this.progress = requireNonNull(progress, "progress is null");
        this.tracker = new DependencyTracker(workers);
        this.writers = new Writer[workers];
        this.committed = new AtomicLongArray(workers);
        this.assigned = new long[workers];
        this.watermark = requireNonNull(start, "start is null");
        this.lastWritten = start;
    }

    int workers() {
        return writers.length;
    }

    /** The position after the last transaction before which every transaction took effect on the target. */
    ResumePosition watermark() {
        synchronized (lock) {
            return watermark;
        }
    }

    /** Raises a writer's or the checkpointer's failure on the caller's thread. */
    void checkFailure() {
        synchronized (lock) {
            if (failure != null) {
                throw failure;
            }
        }
    }

    /**
     * Queues a transaction on a writer: behind the uncommitted transactions it conflicts with, after
     * waiting for conflicting transactions on other writers to commit, and within the memory bound.
     */
    void dispatch(TransactionHeader header, ResumePosition resumeAfter, Instant commitTimestamp, List<Change> changes, long[] keys, long bytes) {
        checkFailure();
        start();
        Entry entry = enter(header.start(), resumeAfter, commitTimestamp, true, false);
        DependencyTracker.Decision decision = tracker.decide(keys, committed::get);
        dispatched++;
        if (decision.mustWait()) {
            conflictWaits++;
            long[] waitFor = decision.waitFor();
            for (int writer = 0; writer < waitFor.length; writer++) {
                if (waitFor[writer] >= 0) {
                    writers[writer].queue.add(FLUSH);
                }
            }
            for (int writer = 0; writer < waitFor.length; writer++) {
                if (waitFor[writer] >= 0) {
                    awaitCommitted(writer, waitFor[writer]);
                }
            }
        }
        boolean flushed = false;
        synchronized (lock) {
            while (queuedBytes > 0 && queuedBytes + bytes > MAX_QUEUED_BYTES && failure == null) {
                if (!flushed) {
                    // what the writers hold is released when they commit: commit now rather than by age
                    for (Writer writer : writers) {
                        writer.queue.add(FLUSH);
                    }
                    flushed = true;
                }
                waitOnLock();
            }
            if (failure != null) {
                throw failure;
            }
            queuedBytes += bytes;
        }
        tracker.record(keys, decision.writer(), entry.seq, committed::get);
        assigned[decision.writer()] = entry.seq;
        writers[decision.writer()].queue.add(new Queued(header, entry, changes, bytes));
    }

    /**
     * A transaction with nothing to apply (filtered out, or already on the target): the watermark
     * passes it once every transaction before it took effect.
     *
     * @param recorded whether the target holds an applied record for it, to delete with the checkpoint past it
     * @param counted whether it counts as a synced transaction in the progress
     */
    void pass(FilePosition start, ResumePosition resumeAfter, Instant commitTimestamp, boolean recorded, boolean counted) {
        checkFailure();
        Entry entry = enter(start, resumeAfter, commitTimestamp, counted, recorded);
        synchronized (lock) {
            entry.done = true;
            advance();
        }
    }

    private Entry enter(FilePosition start, ResumePosition resumeAfter, Instant commitTimestamp, boolean counted, boolean recorded) {
        Entry entry = new Entry(nextSeq++, start, resumeAfter, commitTimestamp == null ? Instant.now() : commitTimestamp, counted);
        entry.recorded = recorded;
        synchronized (lock) {
            inFlight.addLast(entry);
            paused = false;
            lock.notifyAll();
        }
        return entry;
    }

    /**
     * Waits until every queued transaction has committed and the checkpointer is idle, and keeps it
     * idle until the next dispatch: the caller then applies a barrier transaction on its own sink,
     * which moves the checkpoint itself. Returns the watermark, after the last dispatched transaction.
     */
    ResumePosition drain() {
        checkFailure();
        drains++;
        for (int writer = 0; writer < writers.length; writer++) {
            if (assigned[writer] > committed.get(writer)) {
                writers[writer].queue.add(FLUSH);
            }
        }
        synchronized (lock) {
            while (failure == null && (!inFlight.isEmpty() || checkpointing)) {
                waitOnLock();
            }
            if (failure != null) {
                throw failure;
            }
            paused = true;
        }
        // every transaction the tracker knows is committed
        tracker.clear();
        synchronized (lock) {
            return watermark;
        }
    }

    /** The caller committed barrier transactions itself, with the checkpoint at {@code position} and no applied records below it. */
    void serialCommitted(ResumePosition position) {
        synchronized (lock) {
            watermark = position;
            lastWritten = position;
            lastWriteNanos = System.nanoTime();
            covered.clear();
        }
    }

    /** A barrier ran DDL: writers forget the target columns they read before their next group. */
    void targetChanged() {
        columnsEpoch++;
    }

    /**
     * Stops every writer, rolling back what it has not committed, and forgets the transactions
     * not yet under the watermark (their delivery restarts there; those committed meanwhile are
     * recorded on the target and skipped). Clears a failure. Writers start again on the next dispatch.
     */
    void abandon() {
        stopWriters();
        synchronized (lock) {
            while (checkpointing) {
                waitOnLock();
            }
            advance();
            if (paused) {
                // drained for a barrier: the stream's own commit of it, with a later checkpoint, may have
                // taken effect although it failed; writing the watermark before the barrier would move the
                // target's checkpoint back and the barrier would be applied again. The stream finds out on
                // its next transaction (checkpointUncertain); until the watermark moves on, nothing is written.
                lastWritten = watermark;
            }
            inFlight.clear();
            queuedBytes = 0;
            failure = null;
            paused = false;
        }
        tracker.clear();
        for (int writer = 0; writer < writers.length; writer++) {
            committed.set(writer, nextSeq - 1);
            assigned[writer] = nextSeq - 1;
        }
    }

    private void awaitCommitted(int writer, long seq) {
        synchronized (lock) {
            while (committed.get(writer) < seq && failure == null) {
                waitOnLock();
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    private void waitOnLock() {
        try {
            lock.wait(100);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException(ErrorCode.INTERNAL, "Interrupted while waiting for the parallel writers.", "None needed.", e);
        }
    }

    /** Under the lock: moves the watermark over the transactions at the head that took effect. */
    private void advance() {
        long count = 0;
        Entry last = null;
        while (!inFlight.isEmpty() && inFlight.peekFirst().done) {
            Entry entry = inFlight.pollFirst();
            if (entry.recorded) {
                covered.add(entry.start);
            }
            if (entry.counted) {
                count++;
            }
            last = entry;
        }
        if (last != null) {
            watermark = last.resumeAfter;
            progress.applied(watermark, last.commitTimestamp, count);
            lock.notifyAll();
        }
    }

    private void failed(Throwable e) {
        SluiceException error = e instanceof SluiceException sluice ? sluice
                : new SluiceException(ErrorCode.INTERNAL, "A parallel writer failed: " + e, "See the cause in the log; the task paused so that nothing is skipped.", e);
        synchronized (lock) {
            if (failure == null) {
                failure = error;
            }
            lock.notifyAll();
        }
    }

    private void start() {
        if (checkpointer == null) {
            LOG.info("{}: applying with {} parallel writers", name, writers.length);
            checkpointSink = base.sibling();
            checkpointer = Thread.ofPlatform().daemon().name(name + "-checkpoint").start(this::checkpointLoop);
        }
        for (int i = 0; i < writers.length; i++) {
            // only writers stopped on purpose start again: one that failed stays down until abandon(),
            // so nothing queued behind its uncommitted transactions can commit before them
            if (writers[i] == null || writers[i].stopping) {
                MysqlSink sink = writers[i] == null ? base.sibling() : writers[i].sink;
                writers[i] = new Writer(i, sink);
            }
        }
    }

    /** A deadlock or lock wait timeout: the transaction was rolled back, nothing else is wrong. */
    private static boolean lockConflict(SluiceException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && (sql.getErrorCode() == 1213 || sql.getErrorCode() == 1205)) {
                return true;
            }
        }
        return false;
    }

    private void stopWriters() {
        for (Writer writer : writers) {
            if (writer != null) {
                writer.stopping = true;
                writer.queue.clear();
                writer.queue.add(STOP);
            }
        }
        for (Writer writer : writers) {
            if (writer == null) {
                continue;
            }
            try {
                writer.thread.join(TimeUnit.SECONDS.toMillis(30));
                if (writer.thread.isAlive()) {
                    LOG.warn("{}: writer {} did not stop within 30 s; closing its connection", name, writer.index);
                    writer.sink.close();
                    writer.thread.join(TimeUnit.SECONDS.toMillis(30));
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void checkpointLoop() {
        while (true) {
            ResumePosition target;
            List<FilePosition> forget;
            synchronized (lock) {
                while (!closed && (paused || failure != null || watermark == lastWritten
                        || System.nanoTime() - lastWriteNanos < CHECKPOINT_INTERVAL.toNanos())) {
                    try {
                        long wait = CHECKPOINT_INTERVAL.toMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastWriteNanos);
                        lock.wait(Math.max(1, Math.min(100, wait)));
                    }
                    catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                target = watermark;
                forget = new ArrayList<>(covered);
                covered.clear();
                checkpointing = true;
            }
            try {
                checkpointSink.saveWatermark(target, forget);
                synchronized (lock) {
                    lastWritten = target;
                    lastWriteNanos = System.nanoTime();
                    checkpointing = false;
                    lock.notifyAll();
                }
            }
            catch (RuntimeException | Error e) {
                synchronized (lock) {
                    covered.addAll(forget);
                    checkpointing = false;
                }
                failed(e);
            }
        }
    }

    @Override
    public void close() {
        LOG.info("{}: parallel apply: {} transactions dispatched to writers, {} waited for a conflicting transaction on another writer, {} barriers, "
                + "{} groups applied again after a deadlock or lock wait timeout", name, dispatched, conflictWaits, drains, lockRetries.get());
        stopWriters();
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        if (checkpointer != null) {
            try {
                checkpointer.join(TimeUnit.SECONDS.toMillis(30));
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            checkpointSink.close();
        }
        for (Writer writer : writers) {
            if (writer != null) {
                writer.sink.close();
            }
        }
    }

    /** One writer: its own target connection, applying its queue in order, committing groups with their applied records. */
    private final class Writer {
        final int index;
        final MysqlSink sink;
        final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        final Thread thread;
        volatile boolean stopping;
        private final List<Queued> group = new ArrayList<>();
        private long groupStartNanos;
        private int epoch = columnsEpoch;

        Writer(int index, MysqlSink sink) {
            this.index = index;
            this.sink = sink;
            this.thread = Thread.ofPlatform().daemon().name(name + "-writer-" + index).start(this::run);
        }

        private void run() {
            try {
                while (!stopping) {
                    Object item = group.isEmpty()
                            ? queue.poll(100, TimeUnit.MILLISECONDS)
                            : queue.poll(Math.max(0, groupAgeNanos - (System.nanoTime() - groupStartNanos)), TimeUnit.NANOSECONDS);
                    if (stopping || item == STOP) {
                        break;
                    }
                    if (item == null || item == FLUSH) {
                        if (!group.isEmpty() && (item == FLUSH || System.nanoTime() - groupStartNanos >= groupAgeNanos)) {
                            commit();
                        }
                        continue;
                    }
                    apply((Queued) item);
                    if (group.size() >= groupLimit || System.nanoTime() - groupStartNanos >= groupAgeNanos) {
                        commit();
                    }
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            catch (RuntimeException | Error e) {
                failed(e);
            }
            finally {
                if (!group.isEmpty()) {
                    sink.rollback();
                    group.clear();
                }
            }
        }

        private void apply(Queued queued) {
            if (group.isEmpty()) {
                if (epoch != columnsEpoch) {
                    epoch = columnsEpoch;
                    sink.forgetTargetColumns();
                }
                sink.begin(queued.header);
                groupStartNanos = System.nanoTime();
            }
            group.add(queued);
            try {
                applyChanges(queued);
            }
            catch (SluiceException e) {
                if (!lockConflict(e)) {
                    throw e;
                }
                reapply(e);
            }
        }

        private void applyChanges(Queued queued) {
            sink.transaction(queued.header);
            for (Change change : queued.changes) {
                sink.change(change.change(), change.idempotent());
            }
        }

        /**
         * The target chose this writer's open transaction as a deadlock victim (or it waited too long
         * for a lock): InnoDB's locks reach beyond the rows (gaps, unique-index checks), so writers
         * with disjoint keys can still collide. The group holds whole source transactions and nothing
         * conflicting is pending on other writers, so it is applied again from its start, as a
         * parallel replica retries a transaction.
         */
        private void reapply(SluiceException first) {
            SluiceException last = first;
            for (int attempt = 1; attempt <= 10 && !stopping; attempt++) {
                try {
                    Thread.sleep(10L * attempt);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw last;
                }
                try {
                    lockRetries.incrementAndGet();
                    sink.begin(group.getFirst().header);
                    for (Queued queued : group) {
                        applyChanges(queued);
                    }
                    return;
                }
                catch (SluiceException e) {
                    if (!lockConflict(e)) {
                        throw e;
                    }
                    last = e;
                }
            }
            throw last;
        }

        private void commit() {
            List<FilePosition> starts = new ArrayList<>(group.size());
            for (Queued queued : group) {
                starts.add(queued.entry.start);
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    // the statements mostly run here, when the batch is sent: lock conflicts show here too
                    sink.commitApplied(starts);
                    break;
                }
                catch (SluiceException e) {
                    if (!lockConflict(e) || attempt >= 10 || stopping) {
                        throw e;
                    }
                    reapply(e);
                }
            }
            synchronized (lock) {
                for (Queued queued : group) {
                    queued.entry.done = true;
                    queued.entry.recorded = true;
                    queued.changes = null;
                    queuedBytes -= queued.bytes;
                }
                committed.set(index, group.getLast().entry.seq);
                advance();
                lock.notifyAll();
            }
            group.clear();
        }
    }
}
