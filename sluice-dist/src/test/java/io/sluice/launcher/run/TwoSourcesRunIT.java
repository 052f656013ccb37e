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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * One {@code sluice run} with two mysql-instances, two {@code --source} files and two source
 * servers into one target: each source's own database is copied and synced, and {@code shop.orders}
 * and {@code shop.events} of both sources merge into one target table each (orders by DM's
 * partition id on an auto-increment key, events by keys that do not collide), under writes on both
 * sources, through a SIGKILL during the copy, a SIGTERM during the sync and restarts; then every
 * table is compared.
 */
@ExtendWith(MariaDbExtension.class)
class TwoSourcesRunIT {
    private static final int ORDERS = 20_000;
    // DM's partition id without schema and table parts: instance << 44 | original id (absent parts take no bits)
    private static final String LOW_BITS = "(id & 17592186044415)";

    private final java.util.concurrent.atomic.AtomicReference<Exception> writerFailure = new java.util.concurrent.atomic.AtomicReference<>();

    @Sandbox
    MariaDbServer east;
    @Sandbox
    MariaDbServer west;
    @Sandbox
    MariaDbServer target;
    @TempDir
    Path dir;

    @Test
    void copiesSyncsAndMergesTwoSources() throws Exception {
        int eventBase = 0;
        for (MariaDbServer source : List.of(east, west)) {
            String own = source == east ? "east" : "west";
            source.execute("CREATE DATABASE shop", "CREATE DATABASE " + own,
                    "CREATE TABLE shop.orders (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, v VARCHAR(40), n INT)",
                    "INSERT INTO shop.orders (v, n) SELECT MD5(seq), seq % 13 FROM shop.seq_1_to_" + ORDERS,
                    "CREATE TABLE shop.events (id INT PRIMARY KEY, origin VARCHAR(10), n INT)",
                    "INSERT INTO shop.events SELECT seq + " + eventBase + ", '" + own + "', seq FROM shop.seq_1_to_2000",
                    "CREATE TABLE " + own + ".items (id INT PRIMARY KEY, v VARCHAR(20))",
                    "INSERT INTO " + own + ".items SELECT seq, 'x' FROM " + own + ".seq_1_to_5000");
            eventBase = 1_000_000;
        }
        Path task = taskFile();
        Path eastFile = sourceFile("east", east);
        Path westFile = sourceFile("west", west);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Thread> writers = List.of(writer(east, "east", 0, writing), writer(west, "west", 1_000_000, writing));
        try {
            // killed while both copies run into the merged tables
            Process killed = start(task, eastFile, westFile, "killed.log");
            await(() -> rows("shop.orders") > 4000, killed, "killed.log");
            killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertThat(rows("shop.orders")).as("killed during the copy").isLessThan(2 * ORDERS);

            Process first = start(task, eastFile, westFile, "first.log");
            await(() -> log("first.log").contains("[two-sources/east] Sync ") && log("first.log").contains("[two-sources/west] Sync "), first, "first.log");
            // a merged table's DDL arrives from one shard first (applied once, tolerated from the other)
            east.execute("ALTER TABLE shop.orders ADD COLUMN extra INT DEFAULT 7", "ALTER TABLE east.items ADD COLUMN z INT DEFAULT 1");
            Thread.sleep(1500);
            first.destroy();
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(log("first.log")).contains("stopped cleanly").doesNotContain(east.password()).doesNotContain(target.password());

            Process second = start(task, eastFile, westFile, "second.log");
            await(() -> log("second.log").contains("[two-sources/east] Sync ") && log("second.log").contains("[two-sources/west] Sync "), second, "second.log");
            west.execute("ALTER TABLE shop.orders ADD COLUMN extra INT DEFAULT 7");
            Thread.sleep(1000);
            writing.set(false);
            for (Thread writer : writers) {
                writer.join();
            }
            east.execute("INSERT INTO east.items (id, v) VALUES (-1, 'marker')");
            west.execute("INSERT INTO west.items VALUES (-1, 'marker')");
            await(() -> marker("east") && marker("west"), second, "second.log");
            second.destroy();
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(log("second.log")).contains("stopped cleanly");
        }
        finally {
            writing.set(false);
        }
        assertThat(writerFailure.get()).as("writer failure").isNull();
        TableChecksum.assertSame(east, target, "east");
        TableChecksum.assertSame(west, target, "west");
        // merged by partition id: each source's rows are the target's rows of its instance, with the original ids
        for (MariaDbServer source : List.of(east, west)) {
            int instance = source == east ? 1 : 2;
            assertThat(target.query("SELECT COUNT(*), SUM(CRC32(CONCAT_WS('|', " + LOW_BITS + ", v, n))) FROM shop.orders WHERE id >> 44 = " + instance))
                    .isEqualTo(source.query("SELECT COUNT(*), SUM(CRC32(CONCAT_WS('|', id, v, n))) FROM shop.orders"));
        }
        assertThat(target.query("SELECT COUNT(*) FROM shop.orders WHERE id >> 44 NOT IN (1, 2)")).containsExactly(List.of("0"));
        assertThat(target.query("SELECT COUNT(*), SUM(extra) FROM shop.orders")).isEqualTo(List.of(List.of(
                Long.toString(Long.parseLong(east.query("SELECT COUNT(*) FROM shop.orders").getFirst().getFirst())
                        + Long.parseLong(west.query("SELECT COUNT(*) FROM shop.orders").getFirst().getFirst())),
                Long.toString(Long.parseLong(east.query("SELECT SUM(extra) FROM shop.orders").getFirst().getFirst())
                        + Long.parseLong(west.query("SELECT SUM(extra) FROM shop.orders").getFirst().getFirst())))));
        // merged by keys that do not collide: the target holds the union
        String events = "SELECT COUNT(*), SUM(CRC32(CONCAT_WS('|', id, origin, n))) FROM shop.events";
        List<String> eastEvents = east.query(events).getFirst();
        List<String> westEvents = west.query(events).getFirst();
        assertThat(target.query(events).getFirst()).containsExactly(
                Long.toString(Long.parseLong(eastEvents.get(0)) + Long.parseLong(westEvents.get(0))),
                Long.toString(Long.parseLong(eastEvents.get(1)) + Long.parseLong(westEvents.get(1))));
    }

    /**
     * Without shard-mode or routes, the same table name in two sources still lands in one target
     * table: with keys that do not collide it holds the union of both, copied and synced.
     */
    @Test
    void sameTableOfTwoSourcesWithoutShardMode() throws Exception {
        east.execute("CREATE DATABASE shop", "CREATE TABLE shop.events (id INT PRIMARY KEY, origin VARCHAR(10))",
                "INSERT INTO shop.events SELECT seq, 'east' FROM shop.seq_1_to_3000");
        west.execute("CREATE DATABASE shop", "CREATE TABLE shop.events (id INT PRIMARY KEY, origin VARCHAR(10))",
                "INSERT INTO shop.events SELECT seq + 1000000, 'west' FROM shop.seq_1_to_3000");
        Path task = dir.resolve("plain.yaml");
        Files.writeString(task, """
                name: plain-merge
                task-mode: all
                target-database:
                  host: 127.0.0.1
                  port: %d
                  user: %s
                  password: %s
                mysql-instances:
                  - source-id: east
                    block-allow-list: shop
                  - source-id: west
                    block-allow-list: shop
                block-allow-list:
                  shop:
                    do-dbs: ["shop"]
                loader:
                  chunk-rows: 500
                """.formatted(target.port(), target.user(), target.password()));
        Process run = start(task, sourceFile("east", east), sourceFile("west", west), "plain.log");
        try {
            await(() -> log("plain.log").contains("[plain-merge/east] Sync ") && log("plain.log").contains("[plain-merge/west] Sync "), run, "plain.log");
            east.execute("INSERT INTO shop.events VALUES (5000, 'east')", "DELETE FROM shop.events WHERE id = 1");
            west.execute("INSERT INTO shop.events VALUES (1005000, 'west')", "UPDATE shop.events SET origin = 'w' WHERE id = 1000001");
            await(() -> rows("shop.events") == 6001 && !target.query("SELECT id FROM shop.events WHERE id = 1005000").isEmpty(), run, "plain.log");
        }
        finally {
            run.destroy();
            run.waitFor(60, TimeUnit.SECONDS);
        }
        List<List<String>> union = new ArrayList<>(east.query("SELECT id, origin FROM shop.events"));
        union.addAll(west.query("SELECT id, origin FROM shop.events"));
        assertThat(target.query("SELECT id, origin FROM shop.events")).containsExactlyInAnyOrderElementsOf(union);
    }

    private long rows(String table) {
        try {
            return Long.parseLong(target.query("SELECT COUNT(*) FROM " + table).getFirst().getFirst());
        }
        catch (RuntimeException notYet) {
            return 0;
        }
    }

    private boolean marker(String database) {
        try {
            return !target.query("SELECT id FROM " + database + ".items WHERE id = -1").isEmpty();
        }
        catch (RuntimeException notYet) {
            return false;
        }
    }

    private Path taskFile() throws Exception {
        Path file = dir.resolve("two-sources.yaml");
        Files.writeString(file, """
                name: two-sources
                task-mode: all
                shard-mode: pessimistic
                target-database:
                  host: 127.0.0.1
                  port: %d
                  user: %s
                  password: %s
                mysql-instances:
                  - source-id: east
                    block-allow-list: east
                    column-mapping-rules: ["orders-east"]
                  - source-id: west
                    block-allow-list: west
                    column-mapping-rules: ["orders-west"]
                block-allow-list:
                  east:
                    do-dbs: ["shop", "east"]
                  west:
                    do-dbs: ["shop", "west"]
                column-mappings:
                  orders-east:
                    schema-pattern: "shop"
                    table-pattern: "orders"
                    source-column: id
                    target-column: id
                    expression: "partition id"
                    arguments: ["1", "", ""]
                  orders-west:
                    schema-pattern: "shop"
                    table-pattern: "orders"
                    source-column: id
                    target-column: id
                    expression: "partition id"
                    arguments: ["2", "", ""]
                loader:
                  chunk-rows: 2000
                  copy-threads: 2
                """.formatted(target.port(), target.user(), target.password()));
        return file;
    }

    private Path sourceFile(String id, MariaDbServer source) throws Exception {
        return SluiceProcess.sourceFile(dir.resolve(id + ".yaml"), id, source.port(), source.user(), source.password());
    }

    private Thread writer(MariaDbServer source, String own, int eventBase, AtomicBoolean writing) {
        Thread thread = new Thread(() -> {
            Random random = new Random(own.hashCode());
            int nextEvent = 10_000;
            try (Connection connection = source.connect(); Statement statement = connection.createStatement()) {
                while (writing.get()) {
                    int id = 1 + random.nextInt(ORDERS);
                    switch (random.nextInt(6)) {
                        case 0 -> statement.execute("INSERT INTO shop.orders (v, n) VALUES ('new', 0)");
                        case 1 -> statement.execute("UPDATE shop.orders SET n = n + 1, v = MD5(RAND()) WHERE id = " + id);
                        case 2 -> statement.execute("DELETE FROM shop.orders WHERE id = " + id);
                        case 3 -> statement.execute("INSERT INTO shop.events VALUES (" + (eventBase + nextEvent++) + ", '" + own + "', 0)");
                        case 4 -> statement.execute("UPDATE shop.events SET n = n + 1 WHERE id = " + (eventBase + 1 + random.nextInt(2000)));
                        default -> {
                            statement.execute("BEGIN");
                            statement.execute("UPDATE " + own + ".items SET v = 'y' WHERE id = " + (1 + random.nextInt(5000)));
                            statement.execute("DELETE FROM shop.events WHERE id = " + (eventBase + 1 + random.nextInt(2000)));
                            statement.execute("COMMIT");
                        }
                    }
                    Thread.sleep(3);
                }
            }
            catch (SQLException | InterruptedException e) {
                writerFailure.set(e);
            }
        }, "writer-" + own);
        thread.start();
        return thread;
    }

    private void await(BooleanSupplier condition, Process process, String logName) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!condition.getAsBoolean()) {
            assertThat(process.isAlive()).as("sluice run still running; output:%n%s", log(logName)).isTrue();
            assertThat(System.nanoTime()).as("timed out; output:%n%s", log(logName)).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name));
        }
        catch (java.io.IOException e) {
            return "";
        }
    }

    private Process start(Path task, Path eastFile, Path westFile, String logName) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("run", task.toString(), "--source", eastFile.toString(), "--source", westFile.toString(),
                "--data-dir", dir.resolve("data").toString(), "--progress-seconds", "1"));
        return SluiceProcess.launch(arguments, dir.resolve(logName), "256m");
    }
}
