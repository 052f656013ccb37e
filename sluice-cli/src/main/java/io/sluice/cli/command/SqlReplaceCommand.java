package io.sluice.cli.command;

import io.sluice.cli.http.MasterClient;
import io.sluice.cli.http.MasterReply;
import io.sluice.cli.http.MasterUnreachableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code sql-replace}: registers an operator that replaces the binlog event at a position or matching a
 * pattern with other statements. The statements may be one quoted argument or several words, which are
 * joined with spaces as dmctl does.
 */
@Command(name = "sql-replace",
        description = "sql-replace replaces SQL in specific binlog-pos or sql-pattern matched with other SQLs, each SQL must ends with semicolon;",
        customSynopsis = "sluicectl sql-replace [-w worker] [-b binlog-pos | --sql-pattern sql-pattern] [--source source-id] <task-name> <SQL1;SQL2;> [flags]")
public final class SqlReplaceCommand
        extends WorkerCommand
{
    @Mixin
    SqlEventOptions event;

    @Parameters(index = "0", paramLabel = "<task-name>", description = "the task's name")
    String task;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "<SQL1;SQL2;>", description = "the replacing statements, each ending with ';'")
    List<String> sqls = new ArrayList<>();

    @Override
    protected void validate()
    {
        String problem = event.problem(spec.name());
        if (problem != null) {
            throw usageError(problem);
        }
        SqlTexts.requireTerminated(this, SqlTexts.join(sqls));
    }

    @Override
    protected MasterReply send(MasterClient client)
            throws MasterUnreachableException
    {
        return client.post(taskPath(task, "/sql-operators"),
                new Requests.SqlOperator("replace", singleWorker(), event.source, event.binlogPos, event.sqlPattern, SqlTexts.join(sqls)));
    }
}
