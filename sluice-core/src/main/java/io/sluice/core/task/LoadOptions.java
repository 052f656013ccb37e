package io.sluice.core.task;

/**
 * How the full-copy phase writes to the target: whether to drop and recreate existing target
 * tables, whether to skip creating them (the user created them already), how many rows to read
 * and insert per chunk, and how many tables to copy in parallel.
 */
public record LoadOptions(boolean dropTableIfExists, boolean skipCreateTable, int chunkRows, int copyThreads)
{
    public static final int DEFAULT_CHUNK_ROWS = 10_000;
    public static final int DEFAULT_COPY_THREADS = 4;
    /** More threads than this only add contention on the target; it also bounds a typo like 400. */
    public static final int MAX_COPY_THREADS = 64;

    public LoadOptions
    {
        if (chunkRows <= 0) {
            throw new IllegalArgumentException("chunkRows must be positive: " + chunkRows);
        }
        if (copyThreads < 1 || copyThreads > MAX_COPY_THREADS) {
            throw new IllegalArgumentException("copyThreads must be between 1 and " + MAX_COPY_THREADS + ": " + copyThreads);
        }
    }

    public static LoadOptions defaults()
    {
        return new LoadOptions(false, false, DEFAULT_CHUNK_ROWS, DEFAULT_COPY_THREADS);
    }
}
