package io.sluice.cli.command;

import picocli.CommandLine.Command;

/** {@code pause-task}: pauses the subtasks of a task, on the given workers or all. */
@Command(name = "pause-task",
        description = "pause a running task with name",
        customSynopsis = "sluicectl pause-task [-w worker ...] <task_name> [flags]")
public final class PauseTaskCommand
        extends TaskStageCommand
{
    public PauseTaskCommand()
    {
        super("pause");
    }
}
