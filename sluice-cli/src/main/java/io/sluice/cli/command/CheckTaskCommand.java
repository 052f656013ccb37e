package io.sluice.cli.command;

import io.sluice.cli.http.MasterClient;
import io.sluice.cli.http.MasterReply;
import io.sluice.cli.http.MasterUnreachableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code check-task}: runs the precheck of a task file without starting it; the report is in {@code msg}. */
@Command(name = "check-task",
        description = "check a task with config file",
        customSynopsis = "sluicectl check-task <config_file> [flags]")
public final class CheckTaskCommand
        extends MasterCommand
{
    @Parameters(paramLabel = "<config_file>", description = "task.yaml or job.json")
    String file;

    @Override
    protected MasterReply send(MasterClient client)
            throws MasterUnreachableException
    {
        return client.post("/api/v1/tasks/check", new Requests.Config(ConfigFiles.read(file, "task file")));
    }
}
