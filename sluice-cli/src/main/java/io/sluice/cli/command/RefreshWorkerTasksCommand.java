package io.sluice.cli.command;

import io.sluice.cli.http.MasterClient;
import io.sluice.cli.http.MasterReply;
import io.sluice.cli.http.MasterUnreachableException;
import picocli.CommandLine.Command;

import java.util.Map;

/** {@code refresh-worker-tasks}: makes the master rebuild its task to worker mapping. */
@Command(name = "refresh-worker-tasks",
        description = "refresh worker -> tasks mapper",
        customSynopsis = "sluicectl refresh-worker-tasks [flags]")
public final class RefreshWorkerTasksCommand
        extends MasterCommand
{
    @Override
    protected MasterReply send(MasterClient client)
            throws MasterUnreachableException
    {
        // the contract has no body; an empty object is what a JSON body binder reads as "nothing"
        return client.post("/api/v1/workers/refresh", Map.of());
    }
}
