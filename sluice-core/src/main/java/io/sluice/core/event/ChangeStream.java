package io.sluice.core.event;

import java.time.Instant;

/**
 * Receives source transactions as a stream, so that a transaction of any size flows through in
 * bounded memory: {@link #begin}, then each change in binlog order, then {@link #commit} with the
 * position to resume after it — or {@link #abort} when the source connection was lost mid-way (the
 * transaction is delivered again from its start). Called on the reader's thread only.
 *
 * <p>Throwing stops the reader, except a {@link io.sluice.core.error.SluiceException} that is
 * retriable: then the partial transaction is aborted and read again from its start after a backoff.
 */
public interface ChangeStream {
    void begin(TransactionHeader header) throws Exception;

    void change(ChangeEvent event) throws Exception;

    /** The transaction is complete; once this returns normally it counts as delivered. */
    void commit(ResumePosition resumeAfter, Instant commitTimestamp) throws Exception;

    /**
     * Forget the partial transaction begun last, and anything not yet durable; delivery restarts
     * from {@link #durablePosition()} when the stream names one, else after the last committed
     * transaction.
     */
    void abort();

    /**
     * Where delivery must restart after {@link #abort}: a stream that makes several transactions
     * durable at once (group commit) returns the position after the last durable one; null means
     * after the last transaction whose {@link #commit} returned.
     */
    default ResumePosition durablePosition() {
        return null;
    }

    /** The source is idle (a heartbeat arrived with no transaction in progress): a chance to flush. */
    default void idle() throws Exception {
    }

    /** Adapts a listener of whole transactions; holds each transaction in memory until it ends. */
    static ChangeStream collecting(TransactionListener listener) {
        return new TransactionCollector(listener);
    }
}
