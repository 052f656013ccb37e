package io.sluice.core.task;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A replication task as a DM {@code task.yaml} describes it: its name, its mode, the schema on
 * the target where Sluice keeps its checkpoints, the target server, the sources to read with
 * their rules, how to copy existing rows and apply changes, whether upstream shards merge into
 * shared tables ({@code shard-mode}), whether names compare with case, and which precheck items
 * to skip.
 */
public record TaskConfig(String name, TaskMode mode, String metaSchema, Endpoint target, List<InstanceConfig> instances, LoadOptions load,
        SyncOptions sync, Optional<ShardMode> shardMode, boolean caseSensitive, List<String> ignoreCheckingItems)
{
    /** A task with default sync options, no shard mode, names compared without case, every check run. */
    public TaskConfig(String name, TaskMode mode, String metaSchema, Endpoint target, List<InstanceConfig> instances, LoadOptions load)
    {
        this(name, mode, metaSchema, target, instances, load, SyncOptions.defaults(), Optional.empty(), false, List.of());
    }

    /** This task writing to {@code newTarget}; used where a stored password is decrypted before the task runs. */
    public TaskConfig withTarget(Endpoint newTarget)
    {
        return new TaskConfig(name, mode, metaSchema, newTarget, instances, load, sync, shardMode, caseSensitive, ignoreCheckingItems);
    }

    public static final String DEFAULT_META_SCHEMA = "sluice_meta";
    // MySQL and MariaDB refuse longer schema names; failing here beats failing at the first checkpoint.
    private static final int MAX_SCHEMA_NAME_LENGTH = 64;

    public TaskConfig
    {
        requireNonNull(name, "name is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(metaSchema, "metaSchema is null");
        requireNonNull(target, "target is null");
        instances = List.copyOf(requireNonNull(instances, "instances is null"));
        requireNonNull(load, "load is null");
        requireNonNull(sync, "sync is null");
        requireNonNull(shardMode, "shardMode is null");
        ignoreCheckingItems = List.copyOf(requireNonNull(ignoreCheckingItems, "ignoreCheckingItems is null"));
        if (name.isBlank()) {
            throw new IllegalArgumentException("name is blank");
        }
        if (metaSchema.isBlank()) {
            throw new IllegalArgumentException("metaSchema is blank");
        }
        if (metaSchema.length() > MAX_SCHEMA_NAME_LENGTH) {
            throw new IllegalArgumentException("metaSchema is longer than " + MAX_SCHEMA_NAME_LENGTH + " characters: " + metaSchema);
        }
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("instances is empty");
        }
        // Checkpoints are keyed by source id, so two entries for one source would overwrite each other.
        Set<String> sourceIds = new HashSet<>();
        for (InstanceConfig instance : instances) {
            if (!sourceIds.add(instance.sourceId())) {
                throw new IllegalArgumentException("duplicate source id: " + instance.sourceId());
            }
        }
    }
}
