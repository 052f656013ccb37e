package io.sluice.mysql.check;

import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;

import java.util.List;

/**
 * The {@code conn_number} item: the server's connection limit leaves room for the connections the
 * task opens. A source serves one subtask: its copy threads (full and all modes), the binlog dump
 * and one connection for positions and schemas. The target serves every subtask of the task at
 * once: per source its copy threads, its sync writers and one connection for checkpoints. A limit
 * below that fails; a limit the server's current clients already leave too little of warns.
 */
final class ConnectionChecks {
    private ConnectionChecks() {}

    static int sourceConnections(TaskConfig task) {
        return (task.mode() == TaskMode.INCREMENTAL ? 0 : task.load().copyThreads()) + 2;
    }

    static int targetConnections(TaskConfig task) {
        int perSource = (task.mode() == TaskMode.INCREMENTAL ? 0 : task.load().copyThreads()) + task.sync().workers() + 1;
        return perSource * task.instances().size();
    }

    static CheckResult check(String source, ServerFacts facts, int needed) {
        long maxConnections = facts.number("max_connections", -1);
        long maxUserConnections = facts.number("max_user_connections", 0);
        if (maxConnections < 0) {
            return CheckResult.passed(PrecheckItem.CONN_NUMBER, source, "max_connections is unknown; the task opens up to " + needed + " connections");
        }
        boolean userLimited = maxUserConnections > 0 && maxUserConnections < maxConnections;
        long limit = userLimited ? maxUserConnections : maxConnections;
        String variable = userLimited ? "max_user_connections" : "max_connections";
        String fix = "Raise " + variable + " to at least " + needed + " (SET GLOBAL " + variable + " = " + needed + " and `" + variable + " = " + needed
                + "` under [mysqld] in my.cnf), or lower the copy threads (mydumpers threads, loaders pool-size or loader copy-threads) and syncers worker-count in the task.";
        if (limit < needed) {
            return CheckResult.of(PrecheckItem.CONN_NUMBER, source, List.of(Finding.fail(
                    variable + " is " + limit + ", but the task opens up to " + needed + " connections here", fix)), "");
        }
        // this precheck's own connection is among the connected threads and closes before the task starts
        long free = facts.threadsConnected() < 0 ? limit : limit - Math.max(0, facts.threadsConnected() - 1);
        if (!userLimited && free < needed) {
            return CheckResult.of(PrecheckItem.CONN_NUMBER, source, List.of(Finding.warn(
                    "max_connections is " + limit + " and " + (limit - free) + " clients are connected, leaving " + free
                            + " connections; the task opens up to " + needed, fix)), "");
        }
        return CheckResult.passed(PrecheckItem.CONN_NUMBER, source, variable + " is " + limit + "; the task opens up to " + needed + " connections");
    }
}
