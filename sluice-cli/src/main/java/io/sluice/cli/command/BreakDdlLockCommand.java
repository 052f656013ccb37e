package io.sluice.cli.command;

import io.sluice.cli.http.MasterClient;
import io.sluice.cli.http.MasterReply;
import io.sluice.cli.http.MasterUnreachableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code break-ddl-lock}: makes workers leave a sharding DDL lock, running or skipping their DDL. */
@Command(name = "break-ddl-lock",
        description = "force to break dm-worker's DDL lock",
        customSynopsis = "sluicectl break-ddl-lock [-w worker ...] <task-name> [--remove-id lock-ID] [--exec] [--skip] [flags]")
public final class BreakDdlLockCommand
        extends WorkerCommand
{
    @Option(names = "--remove-id", paramLabel = "lock-ID", description = "DDLLockInfo's ID which need to remove")
    String removeId;

    @Option(names = "--exec", description = "whether execute DDL which is blocking")
    boolean exec;

    @Option(names = "--skip", description = "whether skip DDL which is blocking")
    boolean skip;

    @Parameters(paramLabel = "<task-name>", description = "the task's name")
    String task;

    @Override
    protected void validate()
    {
        if (exec && skip) {
            throw usageError("break-ddl-lock takes at most one of --exec and --skip");
        }
    }

    @Override
    protected MasterReply send(MasterClient client)
            throws MasterUnreachableException
    {
        return client.post("/api/v1/ddl-locks/break", new Requests.BreakDdlLock(task, removeId, exec, skip, workers()));
    }
}
