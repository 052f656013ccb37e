package io.sluice.core.rule;

/**
 * Which databases and tables of a source a task replicates. DM's block-allow list
 * ({@link io.sluice.core.task.BlockAllowList}) and dtle's {@code ReplicateDoDb}/{@code ReplicateIgnoreDb}
 * ({@link DoIgnoreSelection}) answer it with different precedence rules; the pipeline only asks.
 * Implementations are immutable and never select a system schema.
 */
public interface TableSelector
{
    /** Whether statements on the database itself (CREATE/DROP DATABASE) are replicated and the database is created on the target. */
    boolean allowsDatabase(String database);

    /** Whether the table's rows and DDL are replicated. */
    boolean allowsTable(String database, String table);
}
