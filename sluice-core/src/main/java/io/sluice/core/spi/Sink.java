package io.sluice.core.spi;

import io.sluice.core.event.ChangeEvent;
import io.sluice.core.event.ResumePosition;
import io.sluice.core.event.TransactionHeader;

import java.util.Optional;

/**
 * Where a subtask's changes go: a MySQL target, Kafka... The runtime streams it changes in source
 * order — {@link #begin}, each {@link #change}, {@link #commit} — and the sink makes everything
 * between a begin and a commit durable atomically <em>together with</em> the position passed to
 * commit, so that after any crash {@link #checkpoint()} names exactly the last source transaction
 * that took effect: nothing is lost, nothing is applied twice, and no transaction needs to fit in
 * memory. One sink transaction holds one or more whole source transactions (group commit), never
 * part of one.
 *
 * <p>Lifecycle: {@link #open()} once, {@link #checkpoint()}, then transactions, then
 * {@link #close()}. One thread at a time. Errors are {@link io.sluice.core.error.SluiceException}s;
 * after a retriable one the sink has rolled back and the runtime delivers the whole transaction
 * again; after any other the subtask pauses.
 */
public interface Sink extends AutoCloseable {
    /** Connects and prepares what the sink needs to record progress (e.g. its meta tables). */
    void open();

    /** The position after the last transaction made durable by this sink, if any. */
    Optional<ResumePosition> checkpoint();

    void begin(TransactionHeader header);

    /**
     * @param idempotent true when the target may already hold this change (a table copied over
     *        several snapshot runs), so it must be applied as an upsert or a tolerant delete
     */
    void change(ChangeEvent event, boolean idempotent);

    /** Makes everything since {@link #begin} durable together with {@code resumeAfter}, the position after the last source transaction in it. */
    void commit(ResumePosition resumeAfter);

    /** Abandons the transaction begun last; it will be delivered again. */
    void rollback();

    @Override
    void close();
}
