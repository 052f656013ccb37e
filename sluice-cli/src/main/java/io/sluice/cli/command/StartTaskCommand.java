package io.sluice.cli.command;

import io.sluice.cli.http.MasterClient;
import io.sluice.cli.http.MasterReply;
import io.sluice.cli.http.MasterUnreachableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code start-task}: sends a task.yaml (or job.json) to the master, which prechecks it and starts it. The
 * task name is the master's to read from the file.
 */
@Command(name = "start-task",
        description = "start a task with config file",
        customSynopsis = "sluicectl start-task [-w worker ...] <config_file> [flags]")
public final class StartTaskCommand
        extends WorkerCommand
{
    @Option(names = "--remove-meta", description = "whether to remove task's meta data")
    boolean removeMeta;

    @Parameters(paramLabel = "<config_file>", description = "task.yaml or job.json")
    String file;

    @Override
    protected MasterReply send(MasterClient client)
            throws MasterUnreachableException
    {
        String config = ConfigFiles.read(file, "task file");
        return client.post("/api/v1/tasks", new Requests.StartTask(config, removeMeta, workers()));
    }
}
