package io.sluice.cli;

import io.sluice.cli.CtlRunner.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What sluicectl prints and which exit status it returns: replies, failures, usage errors, an absent master. */
class OutcomesTest
{
    private static final String PAUSE_REPLY = """
            {"op": "Pause", "result": true, "msg": "",
             "workers": [{"op": "Pause", "result": true, "worker": "127.0.0.1:8262", "msg": ""}]}""";

    @TempDir
    Path directory;

    private FakeMaster master;

    @BeforeEach
    void startMaster()
            throws IOException
    {
        master = new FakeMaster();
    }

    @AfterEach
    void stopMaster()
    {
        master.close();
    }

    @Test
    void printsTheReplyWithFourSpaceIndentationAndExitsZero()
    {
        master.reply("POST", "/api/v1/tasks/test/pause", 200, PAUSE_REPLY);

        Result result = CtlRunner.against(master, "pause-task", "test");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("""
                {
                    "op": "Pause",
                    "result": true,
                    "msg": "",
                    "workers": [
                        {
                            "op": "Pause",
                            "result": true,
                            "worker": "127.0.0.1:8262",
                            "msg": ""
                        }
                    ]
                }
                """);
        assertThat(result.err()).isEmpty();
    }

    @Test
    void emptyArraysAndNullsPrintAsDmctlDoes()
    {
        master.reply("GET", "/api/v1/status", 200, "{\"result\": true, \"msg\": \"\", \"workers\": [], \"relayStatus\": null}");

        Result result = CtlRunner.against(master, "query-status");

        assertThat(result.out()).isEqualTo("""
                {
                    "result": true,
                    "msg": "",
                    "workers": [],
                    "relayStatus": null
                }
                """);
    }

    @Test
    void failedReplyExitsOne()
    {
        master.reply("POST", "/api/v1/tasks/nope/pause", 404, "{\"result\": false, \"msg\": \"task nope does not exist; query-status lists the tasks\"}");

        Result result = CtlRunner.against(master, "pause-task", "nope");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("\"result\": false").contains("task nope does not exist");
    }

    @Test
    void replyWithoutResultTrueExitsOneEvenOnHttp200()
    {
        master.reply("GET", "/api/v1/status", 200, "{\"msg\": \"odd\"}");

        assertThat(CtlRunner.against(master, "query-status").exitCode()).isEqualTo(1);
    }

    @Test
    void nonJsonReplyIsReportedInTheUsualShape()
    {
        master.reply("GET", "/api/v1/status", 404, "<html>Not Found</html>");

        Result result = CtlRunner.against(master, "query-status");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("\"result\": false").contains("answered HTTP 404").contains("without a JSON reply");
    }

    @Test
    void passwordsInRepliesAreMasked()
    {
        master.reply("GET", "/api/v1/sources", 200, """
                {"result": true, "msg": "", "sources": [{"result": true, "msg": "", "source": "s1",
                 "config": {"from": {"host": "h", "user": "root", "password": "secret"}, "mysql_password": "secret2"}}]}""");

        Result result = CtlRunner.against(master, "operate-source", "show");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).doesNotContain("secret").contains("\"password\": \"******\"").contains("\"mysql_password\": \"******\"");
    }

    @Test
    void unreachableMasterNamesTheAddressAndTheFix()
            throws IOException
    {
        String address = "127.0.0.1:" + freePort();

        Result result = CtlRunner.run("-master-addr", address, "query-status");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(CommandRequestsTest.json(result.out()).path("result").booleanValue()).isFalse();
        assertThat(CommandRequestsTest.json(result.out()).path("msg").textValue())
                .startsWith("cannot reach the master at " + address + ": ")
                .endsWith("; start it with 'bin/sluice server' or pass --master-addr");
    }

    @Test
    void missingFileIsAClearErrorNamingThePath()
    {
        String path = directory.resolve("missing-task.yaml").toString();

        Result result = CtlRunner.against(master, "start-task", path);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("\"result\": false").contains("missing-task.yaml").contains("no such file");
        assertThat(master.requests()).isEmpty();
    }

    @Test
    void taskFileWithoutNameIsAClearErrorForUpdateTask()
            throws IOException
    {
        Path file = java.nio.file.Files.writeString(directory.resolve("task.yaml"), "task-mode: all\n");

        Result result = CtlRunner.against(master, "update-task", file.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("has no task name").contains("task.yaml");
        assertThat(master.requests()).isEmpty();
    }

    @Test
    void unknownCommandIsAUsageError()
    {
        Result result = CtlRunner.against(master, "pause-tsk", "shop");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("pause-tsk").contains("Available Commands:");
        assertThat(result.out()).isEmpty();
        assertThat(master.requests()).isEmpty();
    }

    @Test
    void unknownFlagIsAUsageErrorWithTheCommandsUsage()
    {
        Result result = CtlRunner.against(master, "pause-task", "--nope", "shop");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--nope").contains("Usage:").contains("sluicectl pause-task [-w worker ...] <task_name> [flags]");
        assertThat(master.requests()).isEmpty();
    }

    @Test
    void missingArgumentIsAUsageError()
    {
        Result result = CtlRunner.against(master, "start-task");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("<config_file>").contains("sluicectl start-task");
        assertThat(master.requests()).isEmpty();
    }

    @Test
    void sqlSkipNeedsExactlyOneOfPositionAndPattern()
    {
        Result neither = CtlRunner.against(master, "sql-skip", "shop");
        Result both = CtlRunner.against(master, "sql-skip", "--binlog-pos", "mysql-bin.000001:4", "--sql-pattern", "~ALTER", "shop");
        Result badPosition = CtlRunner.against(master, "sql-skip", "--binlog-pos", "mysql-bin.000001", "shop");
        Result badPattern = CtlRunner.against(master, "sql-replace", "--sql-pattern", "ALTER", "shop", "SELECT 1;");

        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("exactly one of --binlog-pos FILE:POS and --sql-pattern ~REGEX; got neither");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("got both");
        assertThat(badPosition.exitCode()).isEqualTo(2);
        assertThat(badPosition.err()).contains("is not FILE:POS");
        assertThat(badPattern.exitCode()).isEqualTo(2);
        assertThat(badPattern.err()).contains("must be a regex after '~'");
        assertThat(master.requests()).isEmpty();
    }

    @Test
    void sqlCommandsTakeOneWorkerAndTerminatedStatements()
    {
        Result twoWorkers = CtlRunner.against(master, "sql-inject", "-w", "w1,w2", "shop", "SELECT 1;");
        Result unterminated = CtlRunner.against(master, "sql-inject", "shop", "SELECT 1");

        assertThat(twoWorkers.exitCode()).isEqualTo(2);
        assertThat(twoWorkers.err()).contains("at most one -w");
        assertThat(unterminated.exitCode()).isEqualTo(2);
        assertThat(unterminated.err()).contains("must end with ';'");
        assertThat(master.requests()).isEmpty();
    }

    @Test
    void operateSourceChecksItsArguments()
    {
        Result badOperation = CtlRunner.against(master, "operate-source", "delete", "x");
        Result noFiles = CtlRunner.against(master, "operate-source", "create");

        assertThat(badOperation.exitCode()).isEqualTo(2);
        assertThat(badOperation.err()).contains("delete");
        assertThat(noFiles.exitCode()).isEqualTo(2);
        assertThat(noFiles.err()).contains("needs at least one source file");
        assertThat(master.requests()).isEmpty();
    }

    @Test
    void workersOnACommandThatTakesNoneIsAUsageError()
    {
        Result result = CtlRunner.against(master, "-w", "w1", "refresh-worker-tasks");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("refresh-worker-tasks does not select workers");
        assertThat(master.requests()).isEmpty();
    }

    @Test
    void helpExitsZeroAndPrintsToStdout()
    {
        Result result = CtlRunner.run("pause-task", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("pause a running task with name").contains("-h, --help   help for pause-task");
    }

    private static int freePort()
            throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
