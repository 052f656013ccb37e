package io.sluice.cli.command;

import io.sluice.cli.http.MasterClient;
import io.sluice.cli.http.MasterReply;
import io.sluice.cli.http.MasterUnreachableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

/** {@code sql-inject}: queues statements for the sync unit to run as if they came from the binlog. */
@Command(name = "sql-inject",
        description = "sql-inject injects (limited) sqls into syncer as binlog event",
        customSynopsis = "sluicectl sql-inject [-w worker] [--source source-id] <task-name> <sql1;sql2;> [flags]")
public final class SqlInjectCommand
        extends WorkerCommand
{
    @Option(names = "--source", paramLabel = "source-id", description = "the source of the subtask, when the task has several")
    String source;

    @Parameters(index = "0", paramLabel = "<task-name>", description = "the task's name")
    String task;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "<sql1;sql2;>", description = "the statements, each ending with ';'")
    List<String> sqls = new ArrayList<>();

    @Override
    protected void validate()
    {
        SqlTexts.requireTerminated(this, SqlTexts.join(sqls));
    }

    @Override
    protected MasterReply send(MasterClient client)
            throws MasterUnreachableException
    {
        return client.post(taskPath(task, "/sql-injections"), new Requests.SqlInjection(singleWorker(), source, SqlTexts.join(sqls)));
    }
}
