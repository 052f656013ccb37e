package io.sluice.core.task;

import io.sluice.core.rule.InstanceRules;

import static java.util.Objects.requireNonNull;

/**
 * One entry of a task's {@code mysql-instances}: which source to read, where to start reading its
 * binlog ({@code null} when the task file gives no {@code meta}, which full and all modes do not
 * need), and the rules the entry names (block-allow list, routes, filters, column mappings,
 * expression filters), already resolved from their names.
 */
public record InstanceConfig(String sourceId, StartMeta meta, InstanceRules rules)
{
    /** An entry with only a block-allow list. */
    public InstanceConfig(String sourceId, StartMeta meta, BlockAllowList blockAllowList)
    {
        this(sourceId, meta, InstanceRules.of(blockAllowList));
    }

    public InstanceConfig
    {
        requireNonNull(sourceId, "sourceId is null");
        requireNonNull(rules, "rules is null");
        if (sourceId.isBlank()) {
            throw new IllegalArgumentException("sourceId is blank");
        }
    }
}
