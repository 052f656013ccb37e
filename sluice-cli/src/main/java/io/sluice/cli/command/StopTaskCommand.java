package io.sluice.cli.command;

import picocli.CommandLine.Command;

/** {@code stop-task}: stops the subtasks of a task, on the given workers or all. */
@Command(name = "stop-task",
        description = "stop a task with name",
        customSynopsis = "sluicectl stop-task [-w worker ...] <task_name> [flags]")
public final class StopTaskCommand
        extends TaskStageCommand
{
    public StopTaskCommand()
    {
        super("stop");
    }
}
