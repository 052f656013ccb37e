package io.sluice.core.task;

import java.util.Locale;

/**
 * DM's {@code shard-mode}: how DDL from several upstream shards merged into one target table is
 * coordinated. Sluice applies a shard's DDL once on the merged table and treats the same change
 * arriving from the other shards as already applied ({@link #OPTIMISTIC}); {@link #PESSIMISTIC} is
 * accepted and behaves the same way, with the difference documented in docs/tasks.md.
 */
public enum ShardMode
{
    PESSIMISTIC, OPTIMISTIC;

    public static ShardMode parse(String text)
    {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "pessimistic" -> PESSIMISTIC;
            case "optimistic" -> OPTIMISTIC;
            default -> throw new IllegalArgumentException("shard-mode must be 'pessimistic' or 'optimistic', not '" + text + "'");
        };
    }
}
