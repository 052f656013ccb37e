package io.sluice.launcher.binlog;

import io.sluice.core.event.Transaction;

/** Writes one decoded transaction in a human or machine format. */
interface TransactionPrinter {
    void print(Transaction transaction) throws Exception;
}
