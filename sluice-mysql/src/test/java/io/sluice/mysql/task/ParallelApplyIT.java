package io.sluice.mysql.task;

import static io.sluice.mysql.task.Replication.assertSameData;
import static io.sluice.mysql.task.Replication.awaitCaughtUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.task.LoadOptions;
import io.sluice.core.task.SyncOptions;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Parallel Sync apply (4 writers) under a sysbench-like load of concurrent transactions on hot and
 * cold keys of several tables, with unique-key moves, keyless rows and DDL (barriers); the subtask
 * is stopped at random moments, its target connections are killed, and the target server is killed
 * (kill -9) and restarted; at the end source and target must hold exactly the same rows.
 */
@ExtendWith(MariaDbExtension.class)
class ParallelApplyIT {
    private static final int HOT = 8;
    private static final int COLD = 5000;

    @Test
    void crashesAtRandomMomentsNeverLoseOrDuplicateRows(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE app",
                "CREATE TABLE app.hot (id INT PRIMARY KEY, v BIGINT NOT NULL, code VARCHAR(40) NOT NULL, UNIQUE KEY uk_code (code))",
                "CREATE TABLE app.cold (id INT PRIMARY KEY, k INT NOT NULL, c VARCHAR(120) NOT NULL, KEY k_idx (k))",
                "CREATE TABLE app.ledger (id BIGINT AUTO_INCREMENT PRIMARY KEY, account INT NOT NULL, amount INT NOT NULL)",
                "CREATE TABLE app.events (at DATETIME(6) NOT NULL, what VARCHAR(40))");
        StringBuilder hot = new StringBuilder("INSERT INTO app.hot VALUES ");
        for (int id = 1; id <= HOT; id++) {
            hot.append(id == 1 ? "" : ", ").append("(").append(id).append(", 0, 'code-").append(id).append("')");
        }
        source.execute(hot.toString());
        StringBuilder cold = new StringBuilder("INSERT INTO app.cold VALUES ");
        for (int id = 1; id <= COLD; id++) {
            cold.append(id == 1 ? "" : ", ").append("(").append(id).append(", ").append(id % 100).append(", 'row ").append(id).append("')");
        }
        source.execute(cold.toString());
        TaskConfig base = Replication.task(target, TaskMode.ALL, List.of("app"), new LoadOptions(false, false, 1000, 2), null);
        TaskConfig task = parallel(base);
        Random random = new Random(7);
        long maxApplied = 0;
        List<Writer> writers = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                writers.add(new Writer(source, 100 + i));
            }
            for (int round = 0; round < 9; round++) {
                try (Replication.Running running = Replication.Running.start(task, Replication.source(source, round % 3 != 2))) {
                    if (round == 0) {
                        awaitCaughtUp(source, target, running, 1);
                    }
                    long until = System.nanoTime() + Duration.ofMillis(400 + random.nextInt(1200)).toNanos();
                    while (System.nanoTime() < until) {
                        maxApplied = Math.max(maxApplied, appliedRecords(target));
                        Thread.sleep(50);
                    }
                    switch (round % 3) {
                        case 0 -> killConnections(target);
                        case 1 -> {
                            target.kill();
                            target.restart();
                        }
                        default -> { }
                    }
                    if (round == 4) {
                        source.execute("ALTER TABLE app.cold ADD COLUMN extra INT NOT NULL DEFAULT 7");
                    }
                    Thread.sleep(200 + random.nextInt(600));
                    assertThat(running.failure.get()).as("round %d", round).isNull();
                    // the abrupt stop: writers roll back what they hold, whatever moment it is
                }
            }
        }
        finally {
            for (Writer writer : writers) {
                writer.close();
            }
        }
        assertThat(writers.stream().mapToLong(writer -> writer.operations.get()).sum()).isGreaterThan(1000);
        try (Replication.Running running = Replication.Running.start(task, Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, 2);
        }
        assertSameData(source, target, "app");
        assertThat(maxApplied).as("parallel writers recorded transactions above the checkpoint").isGreaterThan(0);
        // a restart after everything was applied changes nothing
        try (Replication.Running running = Replication.Running.start(task, Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, 3);
        }
        assertSameData(source, target, "app");
    }

    @Test
    void aWriterFailurePausesTheTaskWithNothingHalfApplied(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY, v INT NOT NULL)");
        StringBuilder rows = new StringBuilder("INSERT INTO app.t VALUES ");
        for (int id = 1; id <= 100; id++) {
            rows.append(id == 1 ? "" : ", ").append("(").append(id).append(", 0)");
        }
        source.execute(rows.toString());
        TaskConfig task = parallel(Replication.task(target, TaskMode.ALL, List.of("app"), LoadOptions.defaults(), null));
        try (Replication.Running running = Replication.Running.start(task, Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, 1);
            // the target holds a row the source does not: inserting it on the source makes one writer fail
            target.execute("INSERT INTO app.t VALUES (1000, -1)");
            for (int i = 0; i < 300; i++) {
                source.execute("UPDATE app.t SET v = v + 1 WHERE id = " + (1 + i % 40));
            }
            try (Connection connection = source.connect(); Statement statement = connection.createStatement()) {
                statement.execute("BEGIN");
                statement.execute("UPDATE app.t SET v = 777777 WHERE id = 50");
                statement.execute("INSERT INTO app.t VALUES (1000, 1)");
                statement.execute("COMMIT");
            }
            for (int i = 0; i < 300; i++) {
                source.execute("UPDATE app.t SET v = v + 1 WHERE id = " + (1 + i % 40));
            }
            Throwable failure = running.awaitEnd(Duration.ofSeconds(60));
            assertThat(failure).isInstanceOf(io.sluice.core.error.SluiceException.class);
            assertThat(((io.sluice.core.error.SluiceException) failure).errorCode()).isEqualTo(io.sluice.core.error.ErrorCode.TARGET_APPLY_FAILED);
            assertThat(failure.getMessage()).contains("Duplicate");
        }
        // the failed transaction is atomic: none of it reached the target
        assertThat(target.query("SELECT v FROM app.t WHERE id = 50")).containsExactly(List.of("0"));
        target.execute("DELETE FROM app.t WHERE id = 1000");
        try (Replication.Running running = Replication.Running.start(task, Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, 2);
        }
        assertSameData(source, target, "app");
    }

    private static TaskConfig parallel(TaskConfig base) {
        return new TaskConfig(base.name(), base.mode(), base.metaSchema(), base.target(), base.instances(), base.load(),
                new SyncOptions(4, SyncOptions.DEFAULT_GROUP_TRANSACTIONS, SyncOptions.DEFAULT_GROUP_AGE, false),
                Optional.empty(), false, List.of());
    }

    private static long appliedRecords(MariaDbServer target) {
        try {
            return Long.parseLong(target.query("SELECT COUNT(*) FROM sluice_meta.applied_txn").getFirst().getFirst());
        }
        catch (RuntimeException notYet) {
            return 0;
        }
    }

    /** Kills every target connection but the caller's own: the writers' and the checkpointer's. */
    private static void killConnections(MariaDbServer target) throws SQLException {
        try (Connection connection = target.connect(); Statement statement = connection.createStatement()) {
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT ID FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND COMMAND NOT IN ('Daemon', 'Binlog Dump')")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            for (long id : ids) {
                try {
                    statement.execute("KILL " + id);
                }
                catch (SQLException gone) {
                    // ended meanwhile
                }
            }
        }
    }

    /** A sysbench-like client: short transactions on a few hot rows and many cold ones, unique-key moves, keyless rows. */
    private static final class Writer implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong operations = new AtomicLong();
        private final Thread thread;

        Writer(MariaDbServer source, long seed) {
            thread = new Thread(() -> {
                Random random = new Random(seed);
                while (running.get()) {
                    try (Connection connection = source.connect(); Statement statement = connection.createStatement()) {
                        while (running.get()) {
                            write(statement, random, seed);
                            operations.incrementAndGet();
                        }
                    }
                    catch (SQLException | RuntimeException e) {
                        try {
                            Thread.sleep(50);
                        }
                        catch (InterruptedException interrupted) {
                            return;
                        }
                    }
                }
            }, "writer-" + seed);
            thread.start();
        }

        private void write(Statement statement, Random random, long seed) throws SQLException {
            int hotId = 1 + random.nextInt(HOT);
            int coldId = 1 + random.nextInt(COLD);
            try {
                statement.execute("BEGIN");
                switch (random.nextInt(6)) {
                    case 0, 1 -> {
                        // like oltp_write_only: index update, non-index update, delete and insert of one row
                        statement.execute("UPDATE app.cold SET k = k + 1 WHERE id = " + coldId);
                        statement.execute("UPDATE app.cold SET c = MD5(RAND()) WHERE id = " + coldId);
                        statement.execute("DELETE FROM app.cold WHERE id = " + coldId);
                        statement.execute("INSERT INTO app.cold (id, k, c) VALUES (" + coldId + ", " + random.nextInt(100) + ", 'again')");
                        statement.execute("UPDATE app.hot SET v = v + 1 WHERE id = " + hotId);
                    }
                    case 2 -> {
                        // a hot row takes a fresh code; its old one is given to another hot row in a later transaction
                        String old;
                        try (ResultSet rs = statement.executeQuery("SELECT code FROM app.hot WHERE id = " + hotId + " FOR UPDATE")) {
                            rs.next();
                            old = rs.getString(1);
                        }
                        statement.execute("UPDATE app.hot SET code = 'c-" + seed + "-" + operations.get() + "' WHERE id = " + hotId);
                        statement.execute("COMMIT");
                        statement.execute("BEGIN");
                        int other = 1 + (hotId % HOT);
                        statement.execute("UPDATE app.hot SET code = '" + old + "', v = v + 10 WHERE id = " + other);
                    }
                    case 3 -> {
                        statement.execute("INSERT INTO app.ledger (account, amount) VALUES (" + hotId + ", " + random.nextInt(1000) + ")");
                        statement.execute("DELETE FROM app.ledger WHERE account = " + hotId + " ORDER BY id LIMIT 1");
                    }
                    case 4 -> statement.execute("UPDATE app.hot SET id = id + 1000 WHERE id = " + hotId);
                    default -> {
                        if (random.nextInt(10) == 0) {
                            statement.execute("INSERT INTO app.events VALUES (NOW(6), 'tick')");
                        }
                        statement.execute("UPDATE app.hot SET id = id - 1000 WHERE id = " + (hotId + 1000));
                        statement.execute("UPDATE app.cold SET k = k - 1 WHERE id BETWEEN " + coldId + " AND " + (coldId + 3));
                    }
                }
                statement.execute("COMMIT");
            }
            catch (SQLException e) {
                if (!statement.getConnection().isValid(1)) {
                    throw e;
                }
                // a duplicate code or a deadlock: this transaction did not happen
                statement.execute("ROLLBACK");
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(30_000);
        }
    }
}
