package io.sluice.cli.command;

import io.sluice.cli.http.MasterClient;
import io.sluice.cli.http.MasterReply;
import io.sluice.cli.http.MasterUnreachableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code unlock-ddl-lock}: makes the lock's owner run the sharding DDL and releases the lock. */
@Command(name = "unlock-ddl-lock",
        description = "force to unlock DDL lock",
        customSynopsis = "sluicectl unlock-ddl-lock [-w worker ...] <lock-ID> [flags]")
public final class UnlockDdlLockCommand
        extends WorkerCommand
{
    @Option(names = "--owner", paramLabel = "worker", description = "dm-worker to replace the default owner")
    String owner;

    @Option(names = "--force-remove", description = "force to remove DDL lock")
    boolean forceRemove;

    @Parameters(paramLabel = "<lock-ID>", description = "the lock's id, as show-ddl-locks prints it")
    String lockId;

    @Override
    protected MasterReply send(MasterClient client)
            throws MasterUnreachableException
    {
        return client.post("/api/v1/ddl-locks/unlock", new Requests.UnlockDdlLock(lockId, owner, forceRemove, workers()));
    }
}
