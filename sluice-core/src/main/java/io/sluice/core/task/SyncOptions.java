package io.sluice.core.task;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How the Sync unit applies changes: how many writers apply non-conflicting transactions in
 * parallel, how many source transactions and how much time one target commit may group, and safe
 * mode, in which every change is applied idempotently (inserts replace, updates upsert) so that
 * replaying a stretch of binlog is harmless.
 */
public record SyncOptions(int workers, int groupTransactions, Duration groupAge, boolean safeMode)
{
    /**
     * Parallel writers by default: on the 2-core benchmark machine 4 writers applied the catch-up
     * backlog about 1.2x faster than one (docs/benchmarks.md, "Parallel apply"); 1 applies
     * every transaction in source order on one connection.
     */
    public static final int DEFAULT_WORKERS = 4;
    public static final int DEFAULT_GROUP_TRANSACTIONS = 200;
    public static final Duration DEFAULT_GROUP_AGE = Duration.ofMillis(50);
    public static final int MAX_WORKERS = 256;

    public SyncOptions
    {
        requireNonNull(groupAge, "groupAge is null");
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be between 1 and " + MAX_WORKERS + ": " + workers);
        }
        if (groupTransactions < 1) {
            throw new IllegalArgumentException("groupTransactions must be positive: " + groupTransactions);
        }
        if (groupAge.isNegative()) {
            throw new IllegalArgumentException("groupAge is negative: " + groupAge);
        }
    }

    public static SyncOptions defaults()
    {
        return new SyncOptions(DEFAULT_WORKERS, DEFAULT_GROUP_TRANSACTIONS, DEFAULT_GROUP_AGE, false);
    }
}
