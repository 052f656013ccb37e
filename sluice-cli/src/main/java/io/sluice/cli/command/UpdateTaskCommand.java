package io.sluice.cli.command;

import io.sluice.cli.http.MasterClient;
import io.sluice.cli.http.MasterReply;
import io.sluice.cli.http.MasterUnreachableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code update-task}: replaces the online-updatable rules of a task. The REST resource is the task itself
 * ({@code PUT /api/v1/tasks/{name}}), so the name is read from the file here.
 */
@Command(name = "update-task",
        description = "update a task's config for routes, filters, column-mappings, black-white-list",
        customSynopsis = "sluicectl update-task [-w worker ...] <config_file> [flags]")
public final class UpdateTaskCommand
        extends WorkerCommand
{
    @Parameters(paramLabel = "<config_file>", description = "task.yaml or job.json")
    String file;

    @Override
    protected MasterReply send(MasterClient client)
            throws MasterUnreachableException
    {
        String config = ConfigFiles.read(file, "task file");
        String name = ConfigFiles.taskName(file, config);
        return client.put(taskPath(name, ""), new Requests.UpdateTask(config, workers()));
    }
}
