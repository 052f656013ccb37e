package io.sluice.core.rule;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * DM's {@code partition id} column mapping, which keeps auto-increment ids of sharded tables
 * distinct when they merge into one table: the 64-bit value of {@code column} becomes
 * {@code [sign:1][instance id:4][schema id:7][table id:8][original id:44]} bits, where the schema
 * and table ids are the numbers that follow {@code schemaPrefix} and {@code tablePrefix} in the
 * source names (so {@code s_3} with prefix {@code s_} is schema id 3). As in tidb-tools, an absent
 * part takes no bits and the parts above it move down; the original id always keeps the low 44. The layout bounds the parts as DM does: instance ids up to 15, schema ids up to 127,
 * table ids up to 255, original ids from 0 to 2^44-1; anything outside is an error, never silently
 * truncated.
 */
public record PartitionIdRule(TableMatcher matcher, String column, Optional<Integer> instanceId, Optional<String> schemaPrefix,
        Optional<String> tablePrefix, Optional<String> separator, String origin)
{
    public static final int INSTANCE_BITS = 4;
    public static final int SCHEMA_BITS = 7;
    public static final int TABLE_BITS = 8;

    public PartitionIdRule
    {
        requireNonNull(matcher, "matcher is null");
        requireNonNull(column, "column is null");
        requireNonNull(instanceId, "instanceId is null");
        requireNonNull(schemaPrefix, "schemaPrefix is null");
        requireNonNull(tablePrefix, "tablePrefix is null");
        requireNonNull(separator, "separator is null");
        requireNonNull(origin, "origin is null");
        if (column.isBlank()) {
            throw new IllegalArgumentException("partition id needs a source-column");
        }
        instanceId.ifPresent(id -> {
            if (id < 0 || id >= (1 << INSTANCE_BITS)) {
                throw new IllegalArgumentException("partition id instance id must be between 0 and " + ((1 << INSTANCE_BITS) - 1) + ": " + id);
            }
        });
    }
}
