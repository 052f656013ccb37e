package io.sluice.cli;

import io.sluice.cli.CtlRunner.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The REPL over piped stdin: the banner, commands typed as on the command line, help, exit. */
class ReplTest
{
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
    void runsTwoCommandsThenExits()
    {
        master.reply("GET", "/api/v1/status", 200, "{\"result\": true, \"msg\": \"\", \"workers\": []}");

        Result result = CtlRunner.withStdin("""
                query-status -w w1 shop
                pause-task "shop"
                exit
                query-error
                """, "-master-addr", master.address());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .startsWith("Welcome to sluicectl\nRelease Version: 0.1.0-SNAPSHOT\nMaster Address: " + master.address() + "\n")
                .contains("» ")
                .contains("\"workers\": []")
                .contains("\"result\": true");
        assertThat(master.requests()).extracting(FakeMaster.Recorded::method, FakeMaster.Recorded::path, FakeMaster.Recorded::query)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("GET", "/api/v1/status", "task=shop&worker=w1"),
                        org.assertj.core.groups.Tuple.tuple("POST", "/api/v1/tasks/shop/pause", null));
        // -w of the first line must not leak into the second
        assertThat(CommandRequestsTest.json(master.requests().get(1).body())).isEqualTo(CommandRequestsTest.json("{\"workers\": []}"));
    }

    @Test
    void quotesKeepSqlTogether()
    {
        CtlRunner.withStdin("sql-inject shop 'ALTER TABLE t ADD c INT; ALTER TABLE t ADD d INT;'\nquit\n", "--master-addr", master.address());

        assertThat(CommandRequestsTest.json(master.onlyRequest().body()).path("sqls").textValue())
                .isEqualTo("ALTER TABLE t ADD c INT; ALTER TABLE t ADD d INT;");
    }

    @Test
    void endOfInputEndsTheSession()
    {
        Result result = CtlRunner.withStdin("query-status\n", "-master-addr", master.address());

        assertThat(result.exitCode()).isZero();
        assertThat(master.requests()).hasSize(1);
    }

    @Test
    void helpListsTheCommandsAndErrorsDoNotEndTheSession()
    {
        Result result = CtlRunner.withStdin("""
                help
                no-such-command
                sql-inject shop "unclosed
                help stop-task
                exit
                """, "-master-addr", master.address());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("Available Commands:")
                .contains("  start-task           start a task with config file")
                .contains("stop a task with name\n\nUsage:\n  sluicectl stop-task [-w worker ...] <task_name> [flags]");
        assertThat(result.err()).contains("no-such-command").contains("unclosed double quote");
        assertThat(master.requests()).isEmpty();
    }

    @Test
    void theSessionsMasterAddressIsUsedOnEveryLine()
    {
        CtlRunner.withStdin("query-status\nquery-status\n", "--master-addr", master.address());

        assertThat(master.requests()).hasSize(2);
    }
}
