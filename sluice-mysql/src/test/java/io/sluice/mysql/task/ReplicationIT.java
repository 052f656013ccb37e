package io.sluice.mysql.task;

import static io.sluice.mysql.task.Replication.assertSameData;
import static io.sluice.mysql.task.Replication.awaitCaughtUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.task.LoadOptions;
import io.sluice.core.task.StartMeta;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Full copy plus binlog sync between two real MariaDB servers under concurrent writes, DDL and
 * restarts, each test ending with a table-by-table comparison of source and target.
 */
@ExtendWith(MariaDbExtension.class)
class ReplicationIT {
    private static final List<String> DATABASES = List.of("shop", "crm", "app");

    @Test
    void copiesAndSyncsUnderWriteLoadAndDdl(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        createSchema(source, 1_000_000);
        TaskConfig task = Replication.task(target, TaskMode.ALL, DATABASES, new LoadOptions(false, false, 5000, 3), null);
        try (Writer writer = new Writer(source, 1); Replication.Running running = Replication.Running.start(task, Replication.source(source, true))) {
            Thread.sleep(1500);
            source.execute("ALTER TABLE shop.orders ADD COLUMN status VARCHAR(10) NOT NULL DEFAULT 'new'",
                    "CREATE INDEX idx_amount ON shop.orders (amount)",
                    "ALTER TABLE crm.customers MODIFY COLUMN bio MEDIUMTEXT",
                    "CREATE TABLE shop.coupons (code VARCHAR(20) PRIMARY KEY, pct TINYINT UNSIGNED)",
                    "INSERT INTO shop.coupons VALUES ('WELCOME', 10), ('VIP', 25)",
                    "RENAME TABLE shop.audit TO shop.audit_log",
                    "TRUNCATE TABLE shop.coupons",
                    "INSERT INTO shop.coupons VALUES ('AGAIN', 5)",
                    "CREATE TABLE shop.scratch (id INT)", "DROP TABLE shop.scratch",
                    "ALTER TABLE shop.orders DROP COLUMN note",
                    "CREATE TABLE ignored.later (id INT)");
            Thread.sleep(1000);
            writer.close();
            awaitCaughtUp(source, target, running, 1);
            assertThat(running.subtask.status().unit()).isEqualTo("Sync");
            running.stop();
        }
        assertSameData(source, target, "shop", "crm", "app");
        assertThat(target.query("SHOW DATABASES LIKE 'ignored'")).isEmpty();
        assertThat(target.query("SELECT COUNT(*) FROM sluice_meta.ddl_journal")).containsExactly(List.of("0"));
        assertThat(target.query("SELECT COUNT(*) FROM shop.big")).containsExactly(List.of("1000000"));
    }

    @Test
    void stoppingAtRandomMomentsNeverLosesOrDuplicatesRows(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        createSchema(source, 30_000);
        TaskConfig task = Replication.task(target, TaskMode.ALL, DATABASES, new LoadOptions(false, false, 500, 2), null);
        Random random = new Random(42);
        try (Writer writer = new Writer(source, 2)) {
            for (int round = 0; round < 8; round++) {
                Replication.Running running = Replication.Running.start(task, Replication.source(source, round % 2 == 0));
                Thread.sleep(100 + random.nextInt(700));
                running.stop();
            }
            writer.close();
        }
        try (Replication.Running running = Replication.Running.start(task, Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, 2);
        }
        assertSameData(source, target, "shop", "crm", "app");
        assertThat(target.query("SELECT COUNT(*) FROM shop.big")).containsExactly(List.of("30000"));
    }

    @Test
    void sourceAndTargetRestartsDuringSyncLoseNothing(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        createSchema(source, 5_000);
        TaskConfig task = Replication.task(target, TaskMode.ALL, DATABASES, LoadOptions.defaults(), null);
        try (Replication.Running running = Replication.Running.start(task, Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, 10);
            try (Writer writer = new Writer(source, 3)) {
                Thread.sleep(500);
                target.restart();
                Thread.sleep(500);
                source.restart();
                Thread.sleep(500);
                target.kill();
                target.restart();
                Thread.sleep(500);
            }
            awaitCaughtUp(source, target, running, 11);
        }
        assertSameData(source, target, "shop", "crm", "app");
    }

    @Test
    void eventsWrittenBeforeALaterDdlDecodeWithTheirOwnSchema(@Sandbox(binlogRowMetadata = "MINIMAL") MariaDbServer source,
            @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY, a VARCHAR(10), b INT)", "INSERT INTO app.t VALUES (1, 'x', 1)");
        TaskConfig task = Replication.task(target, TaskMode.ALL, List.of("app"), LoadOptions.defaults(), null);
        try (Replication.Running running = Replication.Running.start(task, Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, 20);
        }
        // while the task is stopped: rows in the old shape, then DDL that reshapes the table
        source.execute("INSERT INTO app.t VALUES (2, 'y', 2)", "UPDATE app.t SET b = 10 WHERE id = 1",
                "ALTER TABLE app.t DROP COLUMN a, ADD COLUMN c DECIMAL(5,2) FIRST, MODIFY b BIGINT UNSIGNED",
                "INSERT INTO app.t VALUES (3.5, 3, 18446744073709551615)",
                "RENAME TABLE app.t TO app.renamed", "INSERT INTO app.renamed VALUES (4.25, 4, 4)");
        try (Replication.Running running = Replication.Running.start(task, Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, 21);
        }
        assertSameData(source, target, "app");
        assertThat(target.query("SELECT c, id, b FROM app.renamed ORDER BY id")).containsExactly(
                java.util.Arrays.asList(null, "1", "10"), java.util.Arrays.asList(null, "2", "2"),
                List.of("3.50", "3", "18446744073709551615"), List.of("4.25", "4", "4"));
    }

    @Test
    void fullModeCopiesAndFinishes(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        createSchema(source, 5_000);
        TaskConfig task = Replication.task(target, TaskMode.FULL, DATABASES, LoadOptions.defaults(), null);
        Replication.Running running = Replication.Running.start(task, Replication.source(source, false));
        assertThat(running.awaitEnd(Duration.ofMinutes(2))).isNull();
        assertThat(running.subtask.status().unit()).isEqualTo("Finished");
        assertSameData(source, target, "shop", "crm");
    }

    @Test
    void incrementalStartsAtTheGivenPosition(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        String ddl = "CREATE TABLE app.t (id INT PRIMARY KEY, v VARCHAR(10))";
        source.execute("CREATE DATABASE app", ddl, "INSERT INTO app.t VALUES (1, 'before')");
        target.execute("CREATE DATABASE app", ddl, "INSERT INTO app.t VALUES (1, 'before')");
        String gtid = source.query("SELECT @@gtid_binlog_pos").getFirst().getFirst();
        source.execute("INSERT INTO app.t VALUES (2, 'after')", "UPDATE app.t SET v = 'changed' WHERE id = 1");
        TaskConfig task = Replication.task(target, TaskMode.INCREMENTAL, List.of("app"), LoadOptions.defaults(), new StartMeta(null, null, gtid));
        try (Replication.Running running = Replication.Running.start(task, Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, 3);
        }
        assertSameData(source, target, "app");
    }

    @Test
    void rowsAlreadyOnTheTargetStopTheCopyWithTheFix(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY)", "INSERT INTO app.t VALUES (1), (2)");
        target.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY)", "INSERT INTO app.t VALUES (2)");
        TaskConfig task = Replication.task(target, TaskMode.ALL, List.of("app"), LoadOptions.defaults(), null);
        Replication.Running running = Replication.Running.start(task, Replication.source(source, true));
        Throwable failure = running.awaitEnd(Duration.ofMinutes(1));
        assertThat(failure).isInstanceOf(SluiceException.class);
        assertThat(((SluiceException) failure).errorCode()).isEqualTo(ErrorCode.TARGET_APPLY_FAILED);
        assertThat(failure.getMessage()).contains("app").contains("Fix:");
        // nothing was dropped or changed on the target
        assertThat(target.query("SELECT id FROM app.t")).containsExactly(List.of("2"));
    }

    static void createSchema(MariaDbServer source, int bigRows) {
        source.execute("CREATE DATABASE shop", "CREATE DATABASE crm", "CREATE DATABASE app", "CREATE DATABASE ignored",
                "CREATE TABLE shop.orders (id BIGINT UNSIGNED PRIMARY KEY AUTO_INCREMENT, customer INT NOT NULL, amount DECIMAL(12,2), "
                        + "note VARCHAR(100) CHARACTER SET utf8mb4, placed DATETIME(6), flags BIT(5), ratio FLOAT, kind ENUM('a','b','c'))",
                "CREATE TABLE shop.items (order_id BIGINT UNSIGNED NOT NULL, line SMALLINT NOT NULL, sku CHAR(8) CHARACTER SET latin1, "
                        + "qty INT, PRIMARY KEY (order_id, line))",
                "CREATE TABLE shop.audit (at TIMESTAMP(3) NULL, what VARCHAR(50))",
                "CREATE TABLE shop.big (id INT PRIMARY KEY, payload VARCHAR(64), n DOUBLE)",
                "CREATE TABLE crm.customers (email VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL, "
                        + "name VARCHAR(50) CHARACTER SET gbk, bio TEXT, avatar BLOB, prefs JSON, born DATE, UNIQUE KEY (email))",
                "CREATE TABLE ignored.t (id INT PRIMARY KEY)",
                "INSERT INTO ignored.t VALUES (1)",
                "INSERT INTO shop.big SELECT seq, MD5(seq), seq / 7 FROM shop.seq_1_to_" + bigRows,
                "INSERT INTO shop.orders (customer, amount, note, placed, flags, ratio, kind) "
                        + "SELECT seq % 100, seq * 1.25, CONCAT('note ', seq, ' 😀'), NOW(6) - INTERVAL seq SECOND, seq % 32, seq / 3, ELT(1 + seq % 3, 'a','b','c') FROM shop.seq_1_to_2000",
                "INSERT INTO shop.items SELECT o.id, l.seq, CONCAT('SKU', o.id % 10), l.seq FROM shop.orders o JOIN shop.seq_1_to_3 l",
                "INSERT INTO shop.audit VALUES ('2024-01-01 00:00:00.123', 'boot'), (NULL, 'dup'), (NULL, 'dup')",
                "INSERT INTO crm.customers VALUES ('Ada@example.com', '中文', REPEAT('x', 300), x'00FF', '{\"a\": [1, 2]}', '1815-12-10'), "
                        + "('bob@example.com', NULL, NULL, NULL, NULL, '0000-00-00')");
    }

    /** Inserts, updates and deletes on the source from a background thread until closed. */
    static final class Writer implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong operations = new AtomicLong();
        private final Thread thread;

        Writer(MariaDbServer source, long seed) {
            thread = new Thread(() -> {
                Random random = new Random(seed);
                while (running.get()) {
                    try (Connection connection = source.connect(); Statement statement = connection.createStatement()) {
                        statement.execute("SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION'");
                        write(statement, random);
                    }
                    catch (java.sql.SQLException | RuntimeException e) {
                        // the source is restarting: connect again
                        try {
                            Thread.sleep(100);
                        }
                        catch (InterruptedException interrupted) {
                            return;
                        }
                    }
                }
            }, "writer");
            thread.start();
        }

        private void write(Statement statement, Random random) throws java.sql.SQLException {
            while (running.get()) {
                int id = 1 + random.nextInt(2500);
                try {
                    switch (random.nextInt(7)) {
                        case 0 -> statement.execute("INSERT INTO shop.orders (customer, amount, placed, kind) VALUES ("
                                + random.nextInt(100) + ", " + random.nextInt(100000) / 100.0 + ", NOW(6), 'b')");
                        case 1 -> statement.execute("UPDATE shop.orders SET amount = amount + 1, ratio = ratio * 2 WHERE id = " + id);
                        case 2 -> statement.execute("DELETE FROM shop.orders WHERE id = " + id);
                        case 3 -> {
                            statement.execute("BEGIN");
                            statement.execute("INSERT IGNORE INTO shop.items VALUES (" + id + ", " + (10 + random.nextInt(50)) + ", 'NEW', 1)");
                            statement.execute("UPDATE shop.items SET qty = qty + 1 WHERE order_id = " + (id + 1));
                            statement.execute("COMMIT");
                        }
                        case 4 -> statement.execute("UPDATE shop.big SET payload = MD5(RAND()), n = n + 1 WHERE id = " + (1 + random.nextInt(5000)));
                        case 5 -> statement.execute("INSERT INTO shop.audit VALUES (NOW(3), 'op')");
                        default -> statement.execute("UPDATE shop.big SET id = id + 1000000 WHERE id = " + (1 + random.nextInt(5000)));
                    }
                    operations.incrementAndGet();
                }
                catch (java.sql.SQLException e) {
                    // a concurrent DDL (column dropped, table renamed) can make a statement invalid: skip it,
                    // unless the connection is gone
                    if (!statement.getConnection().isValid(1)) {
                        throw e;
                    }
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}
