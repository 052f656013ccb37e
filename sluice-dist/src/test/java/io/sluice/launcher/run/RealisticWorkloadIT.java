package io.sluice.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import io.sluice.testkit.TableChecksum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Issue 3's acceptance workload through {@code sluice run} as a real process: three databases, 22
 * tables of the type matrix (keyless, composite and unique-only keys, secondary indexes built after
 * the copy), one big table (200,000 rows; 1,000,000 with {@code -Dsluice.soak=true}), copied while a
 * writer runs inserts, updates and deletes in transactions of 1 to 500 rows and DDL. The run is
 * SIGKILLed while a table is copied, while the deferred secondary indexes are built, during a
 * 100,000-row source transaction being applied and during a long DDL on the target; the target and
 * the source are restarted during the copy, the source again during the sync. Each time the same command runs again,
 * and at the end every table is compared by count and checksum.
 */
@ExtendWith(MariaDbExtension.class)
class RealisticWorkloadIT {
    private static final boolean SOAK = Boolean.getBoolean("sluice.soak");
    private static final int BIG_ROWS = SOAK ? 1_000_000 : 200_000;
    private static final List<String> DATABASES = List.of("shop", "crm", "ops");

    @Sandbox
    MariaDbServer source;
    @Sandbox
    MariaDbServer target;
    @TempDir
    Path dir;

    private final AtomicInteger runs = new AtomicInteger();

    @Test
    void survivesKillsAndServerRestartsUnderLoad() throws Exception {
        createSchema();
        Path task = SluiceProcess.taskFile(dir, "realistic", target, "\"shop\", \"crm\", \"ops\"", 5000);
        Path sourceFile = SluiceProcess.sourceFile(dir, source);
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = writer(writing, 11);

        // 1. SIGKILL while the big table is copied
        Run run = start(task, sourceFile);
        await(() -> rows("shop.big") > 0, run, "copy of shop.big started");
        Thread.sleep(300);
        run.kill();

        // 2. the target restarts during the copy: the run stops with its error, or waits and goes on
        run = start(task, sourceFile);
        await(() -> rows("shop.big") > BIG_ROWS / 5, run, "a fifth of shop.big copied");
        target.restart();
        Thread.sleep(2000);
        System.out.println("after a target restart during the copy the run " + (run.process.isAlive() ? "still runs" : "ended: " + run.log()));
        run.kill();

        // 3. the source restarts during the copy
        run = start(task, sourceFile);
        await(() -> rows("shop.big") > BIG_ROWS / 3, run, "a third of shop.big copied");
        source.restart();
        Thread.sleep(2000);
        System.out.println("after a source restart during the copy the run " + (run.process.isAlive() ? "still runs" : "ended: " + run.log()));
        run.kill();

        // 4. SIGKILL while the secondary indexes of the big table are built after its copy
        Run building = start(task, sourceFile);
        run = building;
        await(() -> targetRuns("ALTER TABLE") || building.log().contains("] Sync "), run, "a deferred index build on the target");
        System.out.println("killed " + (run.log().contains("] Sync ") ? "in sync (the index build was missed)" : "during a deferred index build"));
        run.kill();

        // 5. in sync: SIGKILL during a big source transaction being applied
        run = start(task, sourceFile);
        Run syncing = run;
        await(() -> syncing.log().contains("] Sync "), run, "sync");
        source.execute("UPDATE shop.big SET qty = qty + 1 WHERE id <= " + BIG_ROWS / 2);
        Thread.sleep(1500);
        run.kill();

        // 6. SIGKILL during a long DDL on the target
        Run ddl = start(task, sourceFile);
        run = ddl;
        await(() -> ddl.log().contains("] Sync "), run, "sync");
        source.execute("ALTER TABLE shop.big ADD COLUMN flag TINYINT NOT NULL DEFAULT 0, ADD INDEX by_flag (flag)");
        await(() -> targetRuns("ALTER TABLE"), run, "the DDL on the target");
        run.kill();

        // 7. the source restarts during the sync
        Run restarting = start(task, sourceFile);
        run = restarting;
        await(() -> restarting.log().contains("] Sync "), run, "sync");
        source.restart();
        Thread.sleep(3000);
        writing.set(false);
        writer.join();

        // to the end: the same command runs until the target has the marker, then stops cleanly
        if (!run.process.isAlive()) {
            run = start(task, sourceFile);
        }
        Run last = run;
        await(() -> last.log().contains("] Sync "), last, "sync");
        source.execute("CREATE TABLE ops.marker (id INT PRIMARY KEY)", "INSERT INTO ops.marker VALUES (1)");
        await(() -> rows("ops.marker") == 1, last, "the marker");
        last.process.destroy();
        assertThat(last.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(last.log()).contains("stopped cleanly in Sync").doesNotContain(source.password()).doesNotContain(target.password());
        for (String database : DATABASES) {
            TableChecksum.assertSame(source, target, database);
        }
    }

    private void createSchema() {
        source.execute("CREATE DATABASE shop", "CREATE DATABASE crm", "CREATE DATABASE ops",
                "CREATE TABLE shop.big (id INT PRIMARY KEY, customer INT NOT NULL, qty INT, note VARCHAR(64), at DATETIME(6), KEY by_customer (customer), KEY by_at (at))",
                "INSERT INTO shop.big SELECT seq, seq % 997, seq % 13, MD5(seq), '2024-01-01' + INTERVAL seq SECOND FROM shop.seq_1_to_" + BIG_ROWS,
                "CREATE TABLE shop.orders (id BIGINT UNSIGNED PRIMARY KEY AUTO_INCREMENT, customer INT, amount DECIMAL(12,2), state ENUM('new','paid','sent'), tags SET('a','b','c'), "
                        + "created TIMESTAMP(3) NULL, KEY (customer), KEY (state, created))",
                "INSERT INTO shop.orders (customer, amount, state, tags, created) SELECT seq % 100, seq * 1.25, ELT(1 + seq % 3, 'new', 'paid', 'sent'), "
                        + "IF(seq % 2, 'a,c', ''), '2024-02-02 10:00:00' + INTERVAL seq MINUTE FROM shop.seq_1_to_20000",
                "CREATE TABLE shop.lines (order_id BIGINT UNSIGNED NOT NULL, line SMALLINT NOT NULL, sku CHAR(8), qty MEDIUMINT, PRIMARY KEY (order_id, line), KEY (sku))",
                "INSERT INTO shop.lines SELECT seq DIV 3, seq % 3, LPAD(seq % 500, 8, '0'), seq % 9 FROM shop.seq_3_to_30000",
                "CREATE TABLE shop.audit (what VARCHAR(30), at DATETIME(6), payload BLOB)",
                "INSERT INTO shop.audit SELECT 'seed', '2024-03-03' + INTERVAL seq SECOND, IF(seq % 5, RANDOM_BYTES(20), NULL) FROM shop.seq_1_to_5000",
                "CREATE TABLE shop.skus (sku CHAR(8) NOT NULL, name VARCHAR(100) CHARACTER SET utf8mb4, price DECIMAL(65,30), UNIQUE KEY (sku))",
                "INSERT INTO shop.skus SELECT LPAD(seq, 8, '0'), CONCAT('Ärtikel ', seq, ' 😀'), seq / 7 FROM shop.seq_0_to_499",
                "CREATE TABLE shop.ints (id TINYINT PRIMARY KEY, s SMALLINT, m MEDIUMINT UNSIGNED, i INT, b BIGINT UNSIGNED, z INT(6) ZEROFILL)",
                "INSERT INTO shop.ints VALUES (-128, -32768, 16777215, -2147483648, 18446744073709551615, 42), (127, 32767, 0, 2147483647, 0, NULL)",
                "CREATE TABLE shop.floats (id INT PRIMARY KEY, f FLOAT, d DOUBLE, d2 DECIMAL(38,38), b BIT(13))",
                "INSERT INTO shop.floats SELECT seq, seq / 3, seq / 7, 0.5 / (seq + 1), seq % 8192 FROM shop.seq_1_to_1000",
                "CREATE TABLE crm.customers (id INT PRIMARY KEY, name VARCHAR(60) CHARACTER SET latin1, email VARCHAR(80), born DATE, since YEAR, UNIQUE KEY (email))",
                "INSERT INTO crm.customers SELECT seq, CONCAT('Müller ', seq), CONCAT('c', seq, '@x.org'), '1970-01-01' + INTERVAL seq DAY, 1990 + seq % 30 FROM shop.seq_1_to_5000",
                "CREATE TABLE crm.notes (customer INT NOT NULL, at DATETIME NOT NULL, body TEXT, PRIMARY KEY (customer, at), FULLTEXT KEY (body))",
                "INSERT INTO crm.notes SELECT seq, '2024-01-01', CONCAT('note about ', seq) FROM shop.seq_1_to_3000",
                "CREATE TABLE crm.gbk (id INT PRIMARY KEY, t VARCHAR(20) CHARACTER SET gbk, u VARCHAR(20) CHARACTER SET utf16)",
                "INSERT INTO crm.gbk VALUES (1, '中文', '中文'), (2, '', 'x'), (3, NULL, NULL)",
                "CREATE TABLE crm.docs (id INT PRIMARY KEY, doc JSON, kind VARCHAR(10) AS (JSON_VALUE(doc, '$.k')) VIRTUAL)",
                "INSERT INTO crm.docs (id, doc) SELECT seq, JSON_OBJECT('k', CONCAT('k', seq % 5), 'n', seq, 'a', JSON_ARRAY(seq, 'x')) FROM shop.seq_1_to_2000",
                "CREATE TABLE crm.keyless (a INT, b VARCHAR(10))",
                "INSERT INTO crm.keyless SELECT seq % 10, 'dup' FROM shop.seq_1_to_2000",
                "CREATE TABLE crm.times (id INT PRIMARY KEY, t TIME(6), t0 TIME, d DATETIME(3), ts TIMESTAMP NULL, z DATE)",
                "INSERT INTO crm.times VALUES (1, '-838:59:59.000000', '00:00:00', '0000-00-00 00:00:00.000', NULL, '0000-00-00'), "
                        + "(2, '838:59:59.999999', '-01:00:00', '9999-12-31 23:59:59.999', '2038-01-19 03:14:07', '2024-02-29')",
                "CREATE TABLE crm.bins (id INT PRIMARY KEY, b BINARY(4), vb VARBINARY(300), lb LONGBLOB, tt TINYTEXT)",
                "INSERT INTO crm.bins SELECT seq, RANDOM_BYTES(4), RANDOM_BYTES(seq % 300), REPEAT('x', seq * 10), 'tiny' FROM shop.seq_1_to_200",
                "CREATE TABLE ops.metrics (host VARCHAR(20) NOT NULL, metric VARCHAR(20) NOT NULL, at DATETIME NOT NULL, v DOUBLE, PRIMARY KEY (host, metric, at))",
                "INSERT INTO ops.metrics SELECT CONCAT('h', seq % 10), CONCAT('m', seq % 7), '2024-01-01' + INTERVAL seq MINUTE, seq / 11 FROM shop.seq_1_to_20000",
                "CREATE TABLE ops.log (at TIMESTAMP(6) NULL, line VARCHAR(200))",
                "INSERT INTO ops.log SELECT '2024-01-01' + INTERVAL seq SECOND, REPEAT('l', seq % 200) FROM shop.seq_1_to_3000",
                "CREATE TABLE ops.kv (k VARCHAR(40) NOT NULL PRIMARY KEY, v MEDIUMTEXT)",
                "INSERT INTO ops.kv SELECT MD5(seq), REPEAT(MD5(seq), seq % 50) FROM shop.seq_1_to_2000",
                "CREATE TABLE ops.uq (a INT NULL, b INT NULL, c VARCHAR(5), UNIQUE KEY (a, b))",
                "INSERT INTO ops.uq VALUES (1, NULL, 'x'), (1, NULL, 'y'), (2, 2, 'z')",
                "CREATE TABLE ops.geo (id INT PRIMARY KEY, p POINT, g GEOMETRY)",
                "INSERT INTO ops.geo VALUES (1, POINT(1, 2), ST_GeomFromText('LINESTRING(0 0, 1 1)')), (2, NULL, NULL)",
                "CREATE TABLE ops.counters (id INT PRIMARY KEY, n BIGINT NOT NULL DEFAULT 0)",
                "INSERT INTO ops.counters SELECT seq, 0 FROM shop.seq_1_to_100",
                "CREATE TABLE ops.queue (id INT PRIMARY KEY AUTO_INCREMENT, state CHAR(1), KEY (state))",
                "CREATE TABLE ops.wide (id INT PRIMARY KEY, " + String.join(", ", java.util.stream.IntStream.range(0, 40).mapToObj(i -> "c" + i + " INT").toList()) + ")",
                "INSERT INTO ops.wide (id, c0, c39) SELECT seq, seq, -seq FROM shop.seq_1_to_500",
                "CREATE TABLE ops.empty (id INT PRIMARY KEY)");
    }

    /** Transactions of 1 to 500 rows over most tables, now and then a DDL. */
    private Thread writer(AtomicBoolean writing, long seed) {
        Thread thread = new Thread(() -> {
            Random random = new Random(seed);
            while (writing.get()) {
                try (Connection connection = source.connect(); Statement statement = connection.createStatement()) {
                    while (writing.get()) {
                        try {
                            write(statement, random);
                        }
                        catch (SQLException conflict) {
                            if (!connection.isValid(1)) {
                                throw conflict;
                            }
                            statement.execute("ROLLBACK");
                        }
                        Thread.sleep(3);
                    }
                }
                catch (SQLException sourceRestarting) {
                    sleepQuietly(500);
                }
                catch (InterruptedException e) {
                    return;
                }
            }
        }, "writer");
        thread.start();
        return thread;
    }

    private static void write(Statement statement, Random random) throws SQLException {
        int id = 1 + random.nextInt(BIG_ROWS);
        if (random.nextInt(400) == 0) {
            statement.execute(switch (random.nextInt(4)) {
                case 0 -> "ALTER TABLE ops.log ADD COLUMN IF NOT EXISTS extra INT DEFAULT 7";
                case 1 -> "ALTER TABLE ops.log DROP COLUMN IF EXISTS extra";
                case 2 -> "CREATE TABLE IF NOT EXISTS crm.later (id INT PRIMARY KEY, v VARCHAR(10))";
                default -> "ALTER TABLE crm.customers MODIFY email VARCHAR(" + (80 + random.nextInt(40)) + ")";
            });
            return;
        }
        switch (random.nextInt(10)) {
            case 0 -> statement.execute("UPDATE shop.big SET qty = qty + 1, note = MD5(RAND()) WHERE id = " + id);
            case 1 -> statement.execute("DELETE FROM shop.big WHERE id = " + id);
            case 2 -> statement.execute("INSERT INTO shop.big VALUES (" + (BIG_ROWS + id) + ", 1, 1, 'new', NOW(6)) ON DUPLICATE KEY UPDATE qty = qty + 1");
            case 3 -> {
                // a transaction of a few hundred rows over several tables
                statement.execute("BEGIN");
                int rows = 1 + random.nextInt(500);
                statement.execute("UPDATE shop.big SET qty = qty - 1 WHERE id BETWEEN " + id + " AND " + (id + rows));
                statement.execute("INSERT INTO shop.orders (customer, amount, state, tags, created) VALUES (" + random.nextInt(100) + ", 1.5, 'new', 'b', NOW(3))");
                statement.execute("INSERT IGNORE INTO shop.lines VALUES (LAST_INSERT_ID(), 1, 'sku', 2)");
                statement.execute("UPDATE ops.counters SET n = n + 1 WHERE id = " + (1 + random.nextInt(100)));
                statement.execute("COMMIT");
            }
            case 4 -> statement.execute("INSERT INTO crm.keyless VALUES (" + random.nextInt(10) + ", 'dup')");
            case 5 -> statement.execute("DELETE FROM crm.keyless WHERE a = " + random.nextInt(10) + " LIMIT 1");
            case 6 -> statement.execute("UPDATE crm.docs SET doc = JSON_SET(doc, '$.n', " + id + ") WHERE id = " + (1 + random.nextInt(2000)));
            case 7 -> statement.execute("INSERT INTO ops.metrics VALUES ('h" + random.nextInt(10) + "', 'm', NOW() - INTERVAL " + random.nextInt(100000)
                    + " SECOND, " + random.nextDouble() + ") ON DUPLICATE KEY UPDATE v = v + 1");
            case 8 -> statement.execute("UPDATE ops.uq SET c = '" + (char) ('a' + random.nextInt(26)) + "' WHERE a = 1 LIMIT 1");
            default -> statement.execute("INSERT INTO ops.queue (state) VALUES ('n')");
        }
    }

    /** One {@code sluice run} process, its output in its own file. */
    private record Run(Process process, Path logFile) {
        String log() {
            try {
                return Files.readString(logFile);
            }
            catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Run start(Path task, Path sourceFile) throws Exception {
        Path log = dir.resolve("run-" + runs.incrementAndGet() + ".log");
        return new Run(SluiceProcess.start(task, sourceFile, dir.resolve("data"), log, "256m"), log);
    }

    private static void await(BooleanSupplier condition, Run run, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(SOAK ? 10 : 3).toNanos();
        while (!condition.getAsBoolean()) {
            if (!run.process.isAlive()) {
                throw new AssertionError("sluice run ended before " + what + ":\n" + run.log());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + ":\n" + run.log());
            }
            Thread.sleep(20);
        }
    }

    /** Whether a target connection runs a statement containing {@code text}. */
    private boolean targetRuns(String text) {
        try {
            return !target.query("SELECT 1 FROM information_schema.PROCESSLIST WHERE INFO LIKE '%" + text + "%' AND INFO NOT LIKE '%PROCESSLIST%'").isEmpty();
        }
        catch (RuntimeException restarting) {
            return false;
        }
    }

    private long rows(String table) {
        try {
            return Long.parseLong(target.query("SELECT COUNT(*) FROM " + table).getFirst().getFirst());
        }
        catch (RuntimeException notYet) {
            return 0;
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
