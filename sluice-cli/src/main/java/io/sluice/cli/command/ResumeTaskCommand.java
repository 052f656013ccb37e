package io.sluice.cli.command;

import picocli.CommandLine.Command;

/** {@code resume-task}: resumes the subtasks of a task, on the given workers or all. */
@Command(name = "resume-task",
        description = "resume a paused task with name",
        customSynopsis = "sluicectl resume-task [-w worker ...] <task_name> [flags]")
public final class ResumeTaskCommand
        extends TaskStageCommand
{
    public ResumeTaskCommand()
    {
        super("resume");
    }
}
