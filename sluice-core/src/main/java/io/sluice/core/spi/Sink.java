package io.sluice.core.spi;

import io.sluice.core.event.ResumePosition;
import io.sluice.core.event.Transaction;

import java.util.Optional;

/**
 * Where a subtask's changes go: a MySQL target, Kafka... The runtime hands it whole source
 * transactions in source order; the sink makes each one durable <em>together with</em> the
 * position after it, so that after any crash {@link #checkpoint()} names exactly the last
 * transaction that took effect: nothing is lost and nothing is applied twice.
 *
 * <p>Lifecycle: {@link #open()} once, then {@link #checkpoint()}, then any number of
 * {@link #apply} calls, then {@link #close()}. A sink is used by one thread at a time.
 */
public interface Sink extends AutoCloseable {
    /** Connects and prepares what the sink needs to record progress (e.g. its meta tables). */
    void open();

    /** The position after the last transaction made durable by this sink, if any. */
    Optional<ResumePosition> checkpoint();

    /**
     * Makes the transaction's changes durable atomically with its resume position. Throws a
     * {@link io.sluice.core.error.SluiceException}; when it is retriable the runtime calls
     * {@code apply} again with the same transaction.
     *
     * @param idempotent true while the target may already hold some of these changes (after a
     *        restarted snapshot), so the sink must apply them as upserts and tolerant deletes
     */
    void apply(Transaction transaction, boolean idempotent);

    @Override
    void close();
}
