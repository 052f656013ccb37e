package io.sluice.core.event;

/**
 * Receives whole source transactions in binlog order, on the reader's thread. Throwing stops the
 * reader: a transaction that cannot be handled must never be skipped silently.
 */
@FunctionalInterface
public interface TransactionListener {
    void onTransaction(Transaction transaction) throws Exception;
}
