package io.sluice.core.task;

import static java.util.Objects.requireNonNull;

/**
 * One upstream MySQL or MariaDB server, as a DM {@code source.yaml} declares it: the id that task
 * files refer to in {@code mysql-instances[].source-id}, whether to track the position by GTID
 * rather than by binlog file and offset, and where to connect.
 */
public record SourceConfig(String sourceId, boolean enableGtid, Endpoint from)
{
    public SourceConfig
    {
        requireNonNull(sourceId, "sourceId is null");
        requireNonNull(from, "from is null");
        if (sourceId.isBlank()) {
            throw new IllegalArgumentException("sourceId is blank");
        }
    }

    /** This source connecting with {@code newFrom}. */
    public SourceConfig withFrom(Endpoint newFrom)
    {
        return new SourceConfig(sourceId, enableGtid, newFrom);
    }
}
