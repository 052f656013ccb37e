package io.sluice.core.task;

/**
 * How the full-copy phase writes to the target: whether to drop and recreate existing target
 * tables, whether to skip creating them (the user created them already), how many rows to read
 * and insert per chunk, how many tables to copy in parallel, and how rows are written.
 */
public record LoadOptions(boolean dropTableIfExists, boolean skipCreateTable, int chunkRows, int copyThreads, LoadMethod loadMethod)
{
    public static final int DEFAULT_CHUNK_ROWS = 10_000;
    public static final int DEFAULT_COPY_THREADS = 4;
    /** More threads than this only add contention on the target; it also bounds a typo like 400. */
    public static final int MAX_COPY_THREADS = 64;

    /** How the copy writes a chunk's rows into the target. */
    public enum LoadMethod
    {
        /** multi-row {@code INSERT} statements of bound parameters */
        INSERT("insert"),
        /** one {@code LOAD DATA LOCAL INFILE} per chunk, its rows streamed as text */
        LOAD_DATA("load-data");

        private final String text;

        LoadMethod(String text)
        {
            this.text = text;
        }

        /** The name in task files. */
        public String text()
        {
            return text;
        }

        public static java.util.Optional<LoadMethod> fromText(String text)
        {
            for (LoadMethod method : values()) {
                if (method.text.equals(text)) {
                    return java.util.Optional.of(method);
                }
            }
            return java.util.Optional.empty();
        }
    }

    public static final LoadMethod DEFAULT_LOAD_METHOD = LoadMethod.LOAD_DATA;

    public LoadOptions
    {
        java.util.Objects.requireNonNull(loadMethod, "loadMethod is null");
        if (chunkRows <= 0) {
            throw new IllegalArgumentException("chunkRows must be positive: " + chunkRows);
        }
        if (copyThreads < 1 || copyThreads > MAX_COPY_THREADS) {
            throw new IllegalArgumentException("copyThreads must be between 1 and " + MAX_COPY_THREADS + ": " + copyThreads);
        }
    }

    /** With the default load method. */
    public LoadOptions(boolean dropTableIfExists, boolean skipCreateTable, int chunkRows, int copyThreads)
    {
        this(dropTableIfExists, skipCreateTable, chunkRows, copyThreads, DEFAULT_LOAD_METHOD);
    }

    public LoadOptions withLoadMethod(LoadMethod method)
    {
        return new LoadOptions(dropTableIfExists, skipCreateTable, chunkRows, copyThreads, method);
    }

    public static LoadOptions defaults()
    {
        return new LoadOptions(false, false, DEFAULT_CHUNK_ROWS, DEFAULT_COPY_THREADS);
    }
}
