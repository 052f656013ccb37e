package io.sluice.cli.command;

import io.sluice.cli.http.MasterClient;
import io.sluice.cli.http.MasterReply;
import io.sluice.cli.http.MasterUnreachableException;
import picocli.CommandLine.Parameters;

import static java.util.Objects.requireNonNull;

/**
 * The commands that move a task to another stage by name: {@code pause-task}, {@code resume-task},
 * {@code stop-task}. They differ only in the last path segment.
 */
public abstract class TaskStageCommand
        extends WorkerCommand
{
    private final String operation;

    @Parameters(paramLabel = "<task_name>", description = "the task's name")
    String task;

    protected TaskStageCommand(String operation)
    {
        this.operation = requireNonNull(operation, "operation is null");
    }

    @Override
    protected final MasterReply send(MasterClient client)
            throws MasterUnreachableException
    {
        return client.post(taskPath(task, "/" + operation), new Requests.Workers(workers()));
    }
}
