package io.sluice.mysql.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.position.FilePosition;
import io.sluice.core.rule.EventFilters;
import io.sluice.core.rule.InstanceRules;
import io.sluice.core.rule.TableMatcher;
import io.sluice.core.rule.TableRoutes;
import io.sluice.core.rule.TableSelector;
import io.sluice.core.task.InstanceConfig;
import io.sluice.core.task.LoadOptions;
import io.sluice.core.task.NamePattern;
import io.sluice.core.task.ShardMode;
import io.sluice.core.task.SourceConfig;
import io.sluice.core.task.SyncOptions;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;
import io.sluice.testkit.MariaDbServer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Test helper for tasks with rules (selections, filters, predicates, column maps, routes): builds
 * matchers, tasks and subtasks with their own server ids (several subtasks may read one source),
 * waits until subtasks have applied the source's whole binlog, and compares row sets.
 */
final class RuleTasks {
    private static final long SYNC_TIMEOUT_SECONDS = 120;

    private RuleTasks() {}

    /** A matcher of exact names; a null table makes it schema-level. */
    static TableMatcher exact(String database, String table) {
        return TableMatcher.of(NamePattern.exact(database, false), table == null ? null : NamePattern.exact(table, false));
    }

    /** A matcher as DM writes it: wildcards, names, or {@code ~regex}; a null table makes it schema-level. */
    static TableMatcher pattern(String database, String table) {
        return TableMatcher.of(NamePattern.parse(database), table == null ? null : NamePattern.parse(table));
    }

    /** A dtle {@code TableSchemaRegex}/{@code TableRegex} matcher; a null table regex makes it schema-level. */
    static TableMatcher regex(NamePattern database, String tableRegex) {
        return TableMatcher.of(database, tableRegex == null ? null : NamePattern.regex(tableRegex, false));
    }

    static InstanceRules rules(TableSelector selector) {
        return InstanceRules.of(selector);
    }

    static InstanceRules withFilters(TableSelector selector, EventFilters filters) {
        return new InstanceRules(selector, filters, List.of(), List.of(), List.of(), TableRoutes.none());
    }

    static SourceConfig source(MariaDbServer server, String sourceId) {
        return new SourceConfig(sourceId, true, Replication.endpoint(server));
    }

    /** A task reading one source, with default sync options and no shard mode. */
    static TaskConfig task(String name, MariaDbServer target, TaskMode mode, String sourceId, InstanceRules rules, LoadOptions load) {
        return new TaskConfig(name, mode, "sluice_meta", Replication.endpoint(target), List.of(new InstanceConfig(sourceId, null, rules)), load);
    }

    static TaskConfig shardTask(String name, MariaDbServer target, List<InstanceConfig> instances, LoadOptions load) {
        return new TaskConfig(name, TaskMode.ALL, "sluice_meta", Replication.endpoint(target), instances, load, SyncOptions.defaults(),
                Optional.of(ShardMode.PESSIMISTIC), false, List.of());
    }

    static LoadOptions load(boolean skipCreateTable) {
        return new LoadOptions(false, skipCreateTable, 1000, 2);
    }

    /** Starts the subtask of the task's instance reading {@code source}, as the run command does. */
    static Replication.Running start(TaskConfig task, InstanceConfig instance, SourceConfig source) {
        return new Replication.Running(new MysqlSubtask(task, instance, source, MysqlSubtask.defaultServerId(task.name(), source.sourceId())));
    }

    static Replication.Running start(TaskConfig task, MariaDbServer source) {
        InstanceConfig instance = task.instances().getFirst();
        return start(task, instance, source(source, instance.sourceId()));
    }

    /** The position after the last event of the source's current binlog file. */
    static FilePosition binlogEnd(MariaDbServer source) {
        List<String> status = source.query("SHOW MASTER STATUS").getFirst();
        return new FilePosition(status.get(0), Long.parseLong(status.get(1)));
    }

    /**
     * Waits until every subtask syncs and has passed everything the source logged so far
     * (transactions it replicates are then committed on the target; others only move its
     * checkpoint, within a couple of seconds).
     */
    static void awaitSynced(MariaDbServer source, Replication.Running... runs) throws InterruptedException {
        FilePosition end = binlogEnd(source);
        for (Replication.Running run : runs) {
            awaitPosition(run, end);
        }
    }

    private static void awaitPosition(Replication.Running run, FilePosition end) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SYNC_TIMEOUT_SECONDS);
        while (true) {
            if (run.failure.get() != null) {
                throw new AssertionError(run.subtask.name() + " failed", run.failure.get());
            }
            SubtaskStatus status = run.subtask.status();
            if (status.unit().equals("Sync") && !status.position().isEmpty()) {
                FilePosition at = FilePosition.parse(status.position().split(" gtid=")[0]);
                if (at.compareTo(end) >= 0) {
                    return;
                }
            }
            if (!run.thread.isAlive() && run.failure.get() == null) {
                throw new AssertionError(run.subtask.name() + " ended without failing before reaching " + end + ": " + status);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(run.subtask.name() + " did not reach " + end + " within " + SYNC_TIMEOUT_SECONDS + " s: " + status);
            }
            Thread.sleep(50);
        }
    }

    static List<List<String>> rows(MariaDbServer server, String sql) {
        return server.query(sql);
    }

    /** Asserts that both queries return the same rows in the same order (give both an ORDER BY). */
    static void assertSameRows(MariaDbServer source, String sourceSql, MariaDbServer target, String targetSql) {
        List<List<String>> expected = source.query(sourceSql);
        assertThat(target.query(targetSql)).as("target: %s; source: %s", targetSql, sourceSql).containsExactlyElementsOf(expected);
    }

    static List<String> tables(MariaDbServer server, String database) {
        List<String> names = new ArrayList<>();
        for (List<String> row : server.query("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + database
                + "' ORDER BY TABLE_NAME")) {
            names.add(row.getFirst());
        }
        return names;
    }

    static boolean databaseExists(MariaDbServer server, String database) {
        return !server.query("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + database + "'").isEmpty();
    }

    /** Running subtasks, stopped together; the first failure is rethrown with the others suppressed. */
    static final class Runs implements AutoCloseable {
        private final List<Replication.Running> runs = new ArrayList<>();

        Replication.Running add(Replication.Running run) {
            runs.add(run);
            return run;
        }

        @Override
        public void close() throws InterruptedException {
            for (Replication.Running run : runs) {
                run.subtask.stop();
            }
            AssertionError failure = null;
            for (Replication.Running run : runs) {
                try {
                    run.stop();
                }
                catch (AssertionError e) {
                    if (failure == null) {
                        failure = e;
                    }
                    else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
