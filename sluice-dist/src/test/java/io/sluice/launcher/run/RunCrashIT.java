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

/**
 * {@code sluice run} as a real process, SIGKILLed at random moments during the copy and the sync
 * while the source takes writes, then run to completion: source and target must end identical,
 * with no lost or duplicated row. {@code -Dsluice.soak=true} kills it 25 times instead of 8.
 */
@ExtendWith(MariaDbExtension.class)
class RunCrashIT {
    private static final int KILLS = Boolean.getBoolean("sluice.soak") ? 25 : 8;

    @Sandbox
    MariaDbServer source;
    @Sandbox
    MariaDbServer target;
    @TempDir
    Path dir;

    @Test
    void killMinusNineAtRandomMomentsLosesAndDuplicatesNothing() throws Exception {
        source.execute("CREATE DATABASE shop", "CREATE DATABASE app",
                "CREATE TABLE shop.orders (id INT PRIMARY KEY AUTO_INCREMENT, customer INT, amount DECIMAL(10,2), note VARCHAR(40), at DATETIME(6))",
                "CREATE TABLE shop.lines (order_id INT NOT NULL, line INT NOT NULL, qty INT, PRIMARY KEY (order_id, line))",
                "CREATE TABLE shop.events (what VARCHAR(20), at TIMESTAMP(6) NULL)",
                "INSERT INTO shop.orders (customer, amount, note, at) SELECT seq % 50, seq / 4, MD5(seq), NOW(6) FROM shop.seq_1_to_300000",
                "INSERT INTO shop.lines SELECT seq, 1, seq % 7 FROM shop.seq_1_to_20000",
                "INSERT INTO shop.events SELECT 'seed', NOW(6) FROM shop.seq_1_to_3000");
        Path task = SluiceProcess.taskFile(dir, "crash-test", target, "\"shop\", \"app\"", 1000);
        Path sourceFile = SluiceProcess.sourceFile(dir, source);
        Random random = new Random(7);
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = writer(writing, random.nextLong());
        List<String> outputs = new ArrayList<>();
        for (int kill = 0; kill < KILLS; kill++) {
            Process process = start(task, sourceFile, "run-" + kill + ".log");
            // the first kills land in the copy, the later ones in the sync
            Thread.sleep(kill < 3 ? 900 + random.nextInt(1200) : 700 + random.nextInt(2500));
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            outputs.add(Files.readString(dir.resolve("run-" + kill + ".log")));
        }
        writing.set(false);
        writer.join();

        Process last = start(task, sourceFile, "final.log");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        // a marker written during the copy could arrive with a snapshot: write it once syncing
        while (!Files.readString(dir.resolve("final.log")).contains("] Sync ") && System.nanoTime() < deadline && last.isAlive()) {
            Thread.sleep(200);
        }
        source.execute("CREATE TABLE app.marker (id INT PRIMARY KEY)", "INSERT INTO app.marker VALUES (1)");
        while (!caughtUp() && System.nanoTime() < deadline && last.isAlive()) {
            Thread.sleep(200);
        }
        String log = Files.readString(dir.resolve("final.log"));
        assertThat(caughtUp()).as("caught up; final run output:%n%s", log).isTrue();
        last.destroy();
        assertThat(last.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // the JVM reports a SIGTERM exit as 143 (128 + 15) even when the shutdown completed cleanly
        assertThat(last.exitValue()).as("exit code after SIGTERM; output:%n%s", Files.readString(dir.resolve("final.log"))).isIn(0, 143);
        assertThat(Files.readString(dir.resolve("final.log"))).contains("stopped cleanly in Sync");

        assertThat(String.join("\n", outputs)).as("some runs were killed during Load").contains("Load");
        TableChecksum.assertSame(source, target, "shop");
        TableChecksum.assertSame(source, target, "app");
        assertThat(log).doesNotContain(source.password()).doesNotContain(target.password());
    }

    private boolean caughtUp() {
        try {
            return !target.query("SELECT id FROM app.marker WHERE id = 1").isEmpty();
        }
        catch (RuntimeException notYet) {
            return false;
        }
    }

    private Thread writer(AtomicBoolean writing, long seed) {
        Thread thread = new Thread(() -> {
            Random random = new Random(seed);
            try (Connection connection = source.connect(); Statement statement = connection.createStatement()) {
                while (writing.get()) {
                    int id = 1 + random.nextInt(310000);
                    try {
                        write(statement, random, id);
                    }
                    catch (SQLException conflict) {
                        statement.execute("ROLLBACK");
                    }
                    Thread.sleep(2);
                }
            }
            catch (SQLException | InterruptedException e) {
                throw new RuntimeException(e);
            }
        }, "writer");
        thread.start();
        return thread;
    }

    private static void write(Statement statement, Random random, int id) throws SQLException {
        if (random.nextInt(150) == 0) {
            // DDL under kill -9 exercises the DDL journal: executed but maybe not recorded
            statement.execute(random.nextBoolean()
                    ? "ALTER TABLE shop.events ADD COLUMN extra INT DEFAULT 7"
                    : "ALTER TABLE shop.events DROP COLUMN extra");
            return;
        }
        switch (random.nextInt(6)) {
            case 0 -> statement.execute("INSERT INTO shop.orders (customer, amount, note, at) VALUES (1, 9.99, 'new', NOW(6))");
            case 1 -> statement.execute("UPDATE shop.orders SET amount = amount + 1, note = MD5(RAND()) WHERE id = " + id);
            case 2 -> statement.execute("DELETE FROM shop.orders WHERE id = " + id);
            case 3 -> {
                statement.execute("BEGIN");
                statement.execute("INSERT IGNORE INTO shop.lines VALUES (" + id + ", " + (2 + random.nextInt(9)) + ", 1)");
                statement.execute("UPDATE shop.lines SET qty = qty + 1 WHERE order_id = " + id);
                statement.execute("COMMIT");
            }
            case 4 -> statement.execute("INSERT INTO shop.events VALUES ('op', NOW(6))");
            default -> statement.execute("UPDATE shop.orders SET id = id + 100000 WHERE id = " + id);
        }
    }

    private Process start(Path task, Path sourceFile, String logName) throws Exception {
        return SluiceProcess.start(task, sourceFile, dir.resolve("data"), dir.resolve(logName), "256m");
    }
}
