package io.sluice.mysql.task;

import io.sluice.core.config.Secret;
import io.sluice.core.task.BlockAllowList;
import io.sluice.core.task.Endpoint;
import io.sluice.core.task.InstanceConfig;
import io.sluice.core.task.LoadOptions;
import io.sluice.core.task.SourceConfig;
import io.sluice.core.task.StartMeta;
import io.sluice.core.task.TableRef;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.TableChecksum;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Test helper: builds tasks between sandboxes and runs subtasks on background threads. */
final class Replication {
    private Replication() {}

    static Endpoint endpoint(MariaDbServer server) {
        return new Endpoint("127.0.0.1", server.port(), server.user(), new Secret(server.password()));
    }

    static SourceConfig source(MariaDbServer server, boolean gtid) {
        return new SourceConfig("mysql-replica-01", gtid, endpoint(server));
    }

    static TaskConfig task(MariaDbServer target, TaskMode mode, List<String> databases, LoadOptions load, StartMeta meta) {
        BlockAllowList rules = new BlockAllowList(databases, List.of(), List.<TableRef>of(), List.<TableRef>of());
        return new TaskConfig("test-task", mode, "sluice_meta", endpoint(target),
                List.of(new InstanceConfig("mysql-replica-01", meta, rules)), load);
    }

    /** A running subtask; {@link #stop()} waits for it and rethrows what it failed with. */
    static final class Running implements AutoCloseable {
        final MysqlSubtask subtask;
        final Thread thread;
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Running(MysqlSubtask subtask) {
            this.subtask = subtask;
            this.thread = new Thread(() -> {
                try {
                    subtask.run();
                }
                catch (Throwable t) {
                    failure.set(t);
                }
            }, "subtask");
            thread.start();
        }

        static Running start(TaskConfig task, SourceConfig source) {
            return new Running(new MysqlSubtask(task, task.instances().getFirst(), source, 1234567));
        }

        Throwable awaitEnd(Duration timeout) throws InterruptedException {
            thread.join(timeout.toMillis());
            if (thread.isAlive()) {
                throw new AssertionError("subtask still running: " + subtask.status());
            }
            return failure.get();
        }

        void stop() throws InterruptedException {
            subtask.stop();
            thread.join(TimeUnit.SECONDS.toMillis(60));
            if (thread.isAlive()) {
                throw new AssertionError("subtask did not stop: " + subtask.status());
            }
            if (failure.get() != null) {
                throw new AssertionError("subtask failed", failure.get());
            }
        }

        @Override
        public void close() throws InterruptedException {
            if (thread.isAlive()) {
                stop();
            }
        }
    }

    /**
     * Waits until the subtask syncs, then writes a marker row on the source and waits until sync
     * delivered it to the target. (A marker written during the copy could arrive with a snapshot.)
     */
    static void awaitCaughtUp(MariaDbServer source, MariaDbServer target, Running running, int marker) throws InterruptedException {
        long syncDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!running.subtask.status().unit().equals("Sync")) {
            if (running.failure.get() != null) {
                throw new AssertionError("subtask failed", running.failure.get());
            }
            if (System.nanoTime() > syncDeadline) {
                throw new AssertionError("subtask never reached Sync: " + running.subtask.status());
            }
            Thread.sleep(50);
        }
        source.execute("CREATE DATABASE IF NOT EXISTS app", "CREATE TABLE IF NOT EXISTS app.marker (id INT PRIMARY KEY)",
                "INSERT INTO app.marker VALUES (" + marker + ")");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (running.failure.get() != null) {
                throw new AssertionError("subtask failed", running.failure.get());
            }
            try {
                if (!target.query("SELECT id FROM app.marker WHERE id = " + marker).isEmpty()) {
                    return;
                }
            }
            catch (RuntimeException notYetCreated) {
                // the marker table is replicated like any other
            }
            Thread.sleep(50);
        }
        throw new AssertionError("target did not catch up with marker " + marker + ": " + running.subtask.status());
    }

    static void assertSameData(MariaDbServer source, MariaDbServer target, String... databases) {
        for (String database : databases) {
            TableChecksum.assertSame(source, target, database);
        }
    }
}
