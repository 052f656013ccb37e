package io.sluice.cli.command;

import picocli.CommandLine.Mixin;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A command that acts on the subtasks of some workers only when {@code -w} names them (empty means all).
 * The workers given before the command and after it are merged, in order, without repeats.
 */
public abstract class WorkerCommand
        extends MasterCommand
{
    @Mixin
    WorkerOptions workerOptions;

    @Override
    protected final boolean acceptsWorkers()
    {
        return true;
    }

    protected List<String> workers()
    {
        Set<String> workers = new LinkedHashSet<>(root.workers());
        workers.addAll(workerOptions.workers());
        return List.copyOf(workers);
    }

    /** The one worker of a {@code sql-*} command, or null for "the task's only subtask". */
    protected String singleWorker()
    {
        List<String> workers = workers();
        if (workers.size() > 1) {
            throw usageError(spec.name() + " acts on one subtask: give at most one -w (got " + String.join(", ", workers) + ")");
        }
        return workers.isEmpty() ? null : workers.getFirst();
    }
}
