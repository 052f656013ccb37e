package io.sluice.config.job;

import io.sluice.core.task.SourceConfig;
import io.sluice.core.task.TaskConfig;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A dtle job read from a job file: its id, the Sluice task it describes, and the source it reads.
 * A dtle job has one source task and one destination task; the source becomes the single
 * {@link SourceConfig} (id {@code <jobId>-src}) and the destination the task's target. When the
 * destination is Kafka there is no target database, so {@code task} is null and {@code kafka}
 * holds the destination instead.
 */
public record DtleJob(String jobId, TaskConfig task, List<SourceConfig> sources, Optional<KafkaConfig> kafka)
{
    public DtleJob
    {
        requireNonNull(jobId, "jobId is null");
        sources = List.copyOf(requireNonNull(sources, "sources is null"));
        requireNonNull(kafka, "kafka is null");
        if (task == null && kafka.isEmpty()) {
            throw new IllegalArgumentException("a job without a Kafka destination must have a task");
        }
    }
}
