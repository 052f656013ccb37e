package io.sluice.cli.command;

import io.sluice.cli.http.MasterClient;
import io.sluice.cli.http.MasterReply;
import io.sluice.cli.http.MasterUnreachableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sql-skip}: registers an operator that skips the binlog event at a position or matching a pattern. */
@Command(name = "sql-skip",
        description = "sql-skip skips binlog event in specific binlog-pos or sql-pattern matched",
        customSynopsis = "sluicectl sql-skip [-w worker] [-b binlog-pos | --sql-pattern sql-pattern] [--source source-id] <task-name> [flags]")
public final class SqlSkipCommand
        extends WorkerCommand
{
    @Mixin
    SqlEventOptions event;

    @Parameters(paramLabel = "<task-name>", description = "the task's name")
    String task;

    @Override
    protected void validate()
    {
        String problem = event.problem(spec.name());
        if (problem != null) {
            throw usageError(problem);
        }
    }

    @Override
    protected MasterReply send(MasterClient client)
            throws MasterUnreachableException
    {
        return client.post(taskPath(task, "/sql-operators"),
                new Requests.SqlOperator("skip", singleWorker(), event.source, event.binlogPos, event.sqlPattern, null));
    }
}
