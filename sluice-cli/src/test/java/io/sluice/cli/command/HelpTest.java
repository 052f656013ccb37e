package io.sluice.cli.command;

import io.sluice.cli.SluiceCtlTestAccess;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Help in cobra's layout: the listing of every dmctl command, and each command's usage line. */
class HelpTest
{
    private static final List<String> COMMANDS = List.of(
            "break-ddl-lock", "check-task", "help", "list-member", "migrate-relay", "operate-source", "pause-relay",
            "pause-task", "purge-relay", "query-error", "query-status", "refresh-worker-tasks", "resume-relay", "resume-task",
            "show-ddl-locks", "sql-inject", "sql-replace", "sql-skip", "start-task", "stop-task", "switch-relay-master",
            "unlock-ddl-lock", "update-master-config", "update-relay", "update-task");

    @Test
    void helpListsEveryCommandSortedWithItsDescription()
    {
        String help = SluiceCtlTestAccess.out("help");

        assertThat(help).startsWith("Sluice control\n\nUsage:\n  sluicectl [global flags] [command]\n\nAvailable Commands:\n");
        assertThat(help).contains("""
                  break-ddl-lock       force to break dm-worker's DDL lock
                  check-task           check a task with config file
                  help                 Help about any command
                """);
        assertThat(help).contains("  update-task          update a task's config for routes, filters, column-mappings, black-white-list\n");
        assertThat(help).contains("  -master-addr, --master-addr string").contains("(default \"127.0.0.1:8261\")").contains("(default \"10m\")");
        int previous = -1;
        for (String command : COMMANDS) {
            int position = help.indexOf("\n  " + command + " ");
            assertThat(position).as(command).isGreaterThan(previous);
            previous = position;
        }
    }

    @Test
    void everyCommandHasItsUsageLineAndFlags()
    {
        for (String command : COMMANDS) {
            String help = SluiceCtlTestAccess.out("help", command);
            assertThat(help).as(command).contains("\n\nUsage:\n  sluicectl " + command).contains("  -h, --help");
        }
    }

    @Test
    void seedUsageLines()
    {
        assertThat(SluiceCtlTestAccess.out("help", "start-task")).isEqualTo("""
                start a task with config file

                Usage:
                  sluicectl start-task [-w worker ...] <config_file> [flags]

                Flags:
                  -h, --help          help for start-task
                      --remove-meta   whether to remove task's meta data

                Global Flags:
                  -w, --worker strings   dm-worker ID
                """);
        assertThat(SluiceCtlTestAccess.out("help", "query-status")).contains("sluicectl query-status [-w worker ...] [task_name] [flags]");
        assertThat(SluiceCtlTestAccess.out("help", "update-task")).startsWith("update a task's config for routes, filters, column-mappings, black-white-list\n");
    }

    @Test
    void helpForAnUnknownCommandIsAUsageError()
    {
        assertThat(SluiceCtlTestAccess.exitCode("help", "nope")).isEqualTo(2);
    }
}
