package io.sluice.mysql.task;

import io.sluice.core.event.ResumePosition;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Sync counters written by the reader's thread and read by status displays on other threads. */
final class SyncProgress {
    private final AtomicLong transactions = new AtomicLong();
    private volatile long lagSeconds = -1;
    private volatile ResumePosition position;

    void starting(ResumePosition start) {
        position = start;
    }

    /** Source transactions up to {@code after} took effect on the target ({@code count} of them since the last call). */
    void applied(ResumePosition after, Instant commitTimestamp, long count) {
        transactions.addAndGet(count);
        // how far behind the source this transaction was when it took effect; an idle, caught-up task stays at 0
        lagSeconds = Math.max(0, Duration.between(commitTimestamp, Instant.now()).toSeconds());
        position = after;
    }

    /** A transaction was passed over (already on the target, or nothing in it replicated). */
    void skipped(ResumePosition after) {
        position = after;
    }

    long transactions() {
        return transactions.get();
    }

    long lagSeconds() {
        return lagSeconds;
    }

    ResumePosition position() {
        return position;
    }
}
