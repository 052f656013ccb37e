package io.sluice.mysql.task;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.SluiceException;
import io.sluice.core.event.ChangeEvent;
import io.sluice.core.event.ChangeStream;
import io.sluice.core.event.DdlEvent;
import io.sluice.core.event.ResumePosition;
import io.sluice.core.event.TransactionHeader;
import io.sluice.mysql.schema.tracker.SchemaTracker;
import io.sluice.mysql.sink.MysqlSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BiPredicate;

/**
 * Streams each source transaction into the sink: filtered, its snapshot boundary decided per
 * change. The target transaction begins at the first change kept; a transaction with nothing
 * kept only moves the checkpoint, at most every {@link #IDLE_CHECKPOINT}, so that unrelated
 * traffic does not cost a target commit each.
 */
final class SyncStream implements ChangeStream {
    private static final Logger LOG = LoggerFactory.getLogger(SyncStream.class);
    private static final Duration IDLE_CHECKPOINT = Duration.ofSeconds(2);

    private final String name;
    private final MysqlSink sink;
    private final SnapshotBoundary boundary;
    private final TrackedSchemas schemas;
    private final TransactionFilter filter;
    private final BiPredicate<String, String> tableFilter;
    private final SyncProgress progress;
    private TransactionHeader header;
    private boolean begun;
    private long lastCommitNanos = System.nanoTime();
    // the tracker changed since the last saved checkpoint; its state before this transaction, to restore on abort
    private boolean schemaChanged;
    private boolean schemaChangedAtBegin;
    private String schemaBeforeTransaction;
    // after a failure the commit's outcome is unknown: the target's checkpoint tells whether it took effect
    private boolean checkpointUncertain;
    private boolean alreadyApplied;

    SyncStream(String name, MysqlSink sink, SnapshotBoundary boundary, TrackedSchemas schemas, TransactionFilter filter,
            BiPredicate<String, String> tableFilter, SyncProgress progress) {
        this.name = requireNonNull(name, "name is null");
        this.sink = requireNonNull(sink, "sink is null");
        this.boundary = requireNonNull(boundary, "boundary is null");
        this.schemas = requireNonNull(schemas, "schemas is null");
        this.filter = requireNonNull(filter, "filter is null");
        this.tableFilter = requireNonNull(tableFilter, "tableFilter is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    @Override
    public void begin(TransactionHeader header) {
        this.header = header;
        this.begun = false;
        this.schemaChangedAtBegin = schemaChanged;
        this.schemaBeforeTransaction = null;
        this.alreadyApplied = false;
        if (checkpointUncertain) {
            // checkpoints sit at transaction boundaries: one after this transaction's start means it committed
            alreadyApplied = sink.checkpoint().map(durable -> durable.file().compareTo(header.start()) > 0).orElse(false);
            checkpointUncertain = false;
            if (alreadyApplied) {
                LOG.info("{}: transaction {} had committed on the target before the connection failed; not applying it again", name, header.id());
            }
        }
    }

    @Override
    public void change(ChangeEvent event) {
        if (event instanceof DdlEvent ddl) {
            // every DDL moves the source schema, replicated or not
            if (schemaBeforeTransaction == null) {
                schemaBeforeTransaction = schemas.tracker().serialize();
            }
            try {
                schemas.tracker().onDdl(ddl);
            }
            catch (SluiceException e) {
                throw new SluiceException(e.errorCode(), e.reason() + " (transaction " + header.id() + " at " + header.start() + ")", e.fix(), e);
            }
            schemaChanged = true;
        }
        if (alreadyApplied || !filter.keep(event)) {
            return;
        }
        SnapshotBoundary.Mode mode = boundary.decide(event, header.start());
        if (mode == SnapshotBoundary.Mode.SKIP) {
            return;
        }
        if (!begun) {
            sink.begin(header);
            begun = true;
        }
        sink.change(event, mode == SnapshotBoundary.Mode.IDEMPOTENT);
    }

    @Override
    public void commit(ResumePosition resumeAfter, Instant commitTimestamp) {
        if (alreadyApplied) {
            schemaChanged = false;
            schemaBeforeTransaction = null;
            progress.skipped(resumeAfter);
            return;
        }
        if (!begun) {
            if (!schemaChanged && System.nanoTime() - lastCommitNanos < IDLE_CHECKPOINT.toNanos()) {
                return;
            }
            sink.begin(header);
        }
        if (schemaChanged) {
            sink.saveSchemaStateWithNextCommit(schemas.tracker().serialize());
        }
        sink.commit(resumeAfter);
        schemaChanged = false;
        schemaBeforeTransaction = null;
        begun = false;
        lastCommitNanos = System.nanoTime();
        progress.applied(resumeAfter, commitTimestamp);
    }

    @Override
    public void abort() {
        checkpointUncertain = true;
        if (begun) {
            sink.rollback();
        }
        if (schemaBeforeTransaction != null) {
            schemas.replace(SchemaTracker.deserialize(schemaBeforeTransaction, tableFilter));
        }
        schemaChanged = schemaChangedAtBegin;
        schemaBeforeTransaction = null;
        begun = false;
    }
}
