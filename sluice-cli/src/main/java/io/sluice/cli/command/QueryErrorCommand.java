package io.sluice.cli.command;

import io.sluice.cli.http.MasterClient;
import io.sluice.cli.http.MasterReply;
import io.sluice.cli.http.MasterUnreachableException;
import io.sluice.cli.http.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code query-error}: the errors of one task's subtasks, or of every task, per worker. */
@Command(name = "query-error",
        description = "query task's error",
        customSynopsis = "sluicectl query-error [-w worker ...] [task_name] [flags]")
public final class QueryErrorCommand
        extends WorkerCommand
{
    @Parameters(arity = "0..1", paramLabel = "[task_name]", description = "the task's name; all tasks when left out")
    String task;

    @Override
    protected MasterReply send(MasterClient client)
            throws MasterUnreachableException
    {
        return client.get("/api/v1/errors", Query.empty().add("task", task).addAll("worker", workers()));
    }
}
