package io.sluice.core.task;

import static java.util.Objects.requireNonNull;

/**
 * One entry of a task's {@code mysql-instances}: which source to read, where to start reading its
 * binlog ({@code null} when the task file gives no {@code meta}, which full and all modes do not
 * need), and the block-allow-list rule the entry names, already resolved to its rules.
 */
public record InstanceConfig(String sourceId, StartMeta meta, BlockAllowList blockAllowList)
{
    public InstanceConfig
    {
        requireNonNull(sourceId, "sourceId is null");
        requireNonNull(blockAllowList, "blockAllowList is null");
        if (sourceId.isBlank()) {
            throw new IllegalArgumentException("sourceId is blank");
        }
    }
}
