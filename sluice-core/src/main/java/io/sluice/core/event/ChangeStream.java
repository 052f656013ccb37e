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

    /** Forget the partial transaction begun last; it will be delivered again. */
    void abort();

    /** Adapts a listener of whole transactions; holds each transaction in memory until it ends. */
    static ChangeStream collecting(TransactionListener listener) {
        return new TransactionCollector(listener);
    }
}
