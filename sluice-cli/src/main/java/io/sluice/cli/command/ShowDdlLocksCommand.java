package io.sluice.cli.command;

import io.sluice.cli.http.MasterClient;
import io.sluice.cli.http.MasterReply;
import io.sluice.cli.http.MasterUnreachableException;
import io.sluice.cli.http.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code show-ddl-locks}: the sharding DDL locks not yet resolved, of one task or all. */
@Command(name = "show-ddl-locks",
        description = "show un-resolved DDL locks",
        customSynopsis = "sluicectl show-ddl-locks [-w worker ...] [task-name] [flags]")
public final class ShowDdlLocksCommand
        extends WorkerCommand
{
    @Parameters(arity = "0..1", paramLabel = "[task-name]", description = "the task's name; all tasks when left out")
    String task;

    @Override
    protected MasterReply send(MasterClient client)
            throws MasterUnreachableException
    {
        return client.get("/api/v1/ddl-locks", Query.empty().add("task", task).addAll("worker", workers()));
    }
}
