package io.sluice.config.job;

import io.sluice.core.task.TaskMode;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The parts of a job file that matter once its shape (nomad job, API v2, dtle 2.x) is known: the
 * job id, the settings of the source and destination tasks, and the API v2's
 * {@code task_step_name} when given.
 */
record RawJob(Located<String> jobId, Block src, Block dest, Optional<Located<TaskMode>> step)
{
    RawJob
    {
        requireNonNull(jobId, "jobId is null");
        requireNonNull(src, "src is null");
        requireNonNull(dest, "dest is null");
        requireNonNull(step, "step is null");
    }
}
