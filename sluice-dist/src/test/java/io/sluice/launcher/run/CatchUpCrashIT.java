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
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * A syncing {@code task-mode: all} task is stopped, its do-dbs widened to a database with a
 * 200,000-row table, and {@code sluice run} is SIGKILLed twice while the catch-up copy of the newly
 * selected tables runs, under a writer on the old and the new tables: the next run continues that
 * copy, sync goes on from the checkpoint, and every table ends identical.
 */
@ExtendWith(MariaDbExtension.class)
class CatchUpCrashIT {
    private static final int BIG_ROWS = 200_000;

    @Sandbox
    MariaDbServer source;
    @Sandbox
    MariaDbServer target;
    @TempDir
    Path dir;

    @Test
    void killMinusNineDuringTheCatchUpCopyLosesAndDuplicatesNothing() throws Exception {
        source.execute("CREATE DATABASE app", "CREATE TABLE app.orders (id INT PRIMARY KEY AUTO_INCREMENT, amount INT, note VARCHAR(40))",
                "INSERT INTO app.orders (amount, note) SELECT seq, MD5(seq) FROM app.seq_1_to_2000",
                "CREATE DATABASE b", "CREATE TABLE b.big (id INT PRIMARY KEY, v VARCHAR(40), n INT, KEY v (v))",
                "INSERT INTO b.big SELECT seq, MD5(seq), seq % 100 FROM b.seq_1_to_" + BIG_ROWS,
                "CREATE TABLE b.keyless (a INT, note VARCHAR(20))", "INSERT INTO b.keyless SELECT seq % 50, 'x' FROM b.seq_1_to_5000");
        Path sourceFile = SluiceProcess.sourceFile(dir, source);
        Path task = SluiceProcess.taskFile(dir, "catch-up", target, "\"app\"", 5000);
        Process first = start(task, sourceFile, "app-only.log");
        await(() -> log("app-only.log").contains("] Sync "), first);
        first.destroy();
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();

        // widened while stopped: b was never copied
        SluiceProcess.taskFile(dir, "catch-up", target, "\"app\", \"b\"", 5000);
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = writer(writing, 11);
        try {
            for (int kill = 0; kill < 2; kill++) {
                Process process = start(task, sourceFile, "kill-" + kill + ".log");
                // the catch-up copy has committed chunks: kill it in the middle
                long atLeast = kill == 0 ? 0 : 60_000;
                await(() -> bigRowsOnTarget() > atLeast, process);
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                assertThat(bigRowsOnTarget()).as("killed during the catch-up copy").isLessThan(BIG_ROWS);
                if (kill == 0) {
                    // DDL on a table whose catch-up copy is half done: the next run copies rows of the new shape
                    source.execute("ALTER TABLE b.big ADD COLUMN extra INT DEFAULT 5");
                }
            }
        }
        finally {
            writing.set(false);
            writer.join();
        }
        assertThat(writerFailure.get()).as("writer failure").isNull();

        Process last = start(task, sourceFile, "final.log");
        await(() -> log("final.log").contains("] Sync "), last);
        source.execute("INSERT INTO b.keyless VALUES (-1, 'marker')");
        await(() -> !target.query("SELECT a FROM b.keyless WHERE a = -1").isEmpty(), last);
        last.destroy();
        assertThat(last.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(log("final.log")).contains("stopped cleanly in Sync").doesNotContain(source.password()).doesNotContain(target.password());
        TableChecksum.assertSame(source, target, "app");
        TableChecksum.assertSame(source, target, "b");
    }

    private final java.util.concurrent.atomic.AtomicReference<Exception> writerFailure = new java.util.concurrent.atomic.AtomicReference<>();

    private long bigRowsOnTarget() {
        try {
            return Long.parseLong(target.query("SELECT COUNT(*) FROM b.big").getFirst().getFirst());
        }
        catch (RuntimeException notYet) {
            return 0;
        }
    }

    private Thread writer(AtomicBoolean writing, long seed) {
        Thread thread = new Thread(() -> {
            Random random = new Random(seed);
            try (Connection connection = source.connect(); Statement statement = connection.createStatement()) {
                while (writing.get()) {
                    int id = 1 + random.nextInt(BIG_ROWS);
                    switch (random.nextInt(7)) {
                        case 0 -> statement.execute("INSERT INTO app.orders (amount, note) VALUES (1, 'new')");
                        case 1 -> statement.execute("UPDATE app.orders SET amount = amount + 1 WHERE id = " + (1 + random.nextInt(2000)));
                        case 2 -> statement.execute("UPDATE b.big SET v = MD5(RAND()), n = n + 1 WHERE id = " + id);
                        case 3 -> statement.execute("DELETE FROM b.big WHERE id = " + id);
                        case 4 -> statement.execute("INSERT IGNORE INTO b.big (id, v, n) VALUES (" + (BIG_ROWS + id) + ", 'new', 0)");
                        case 5 -> statement.execute("INSERT INTO b.keyless VALUES (" + random.nextInt(50) + ", 'y')");
                        default -> {
                            // one transaction over an old and a new table
                            statement.execute("BEGIN");
                            statement.execute("DELETE FROM b.keyless WHERE a = " + random.nextInt(50) + " LIMIT 1");
                            statement.execute("UPDATE app.orders SET note = 'tx' WHERE id = " + (1 + random.nextInt(2000)));
                            statement.execute("COMMIT");
                        }
                    }
                    Thread.sleep(2);
                }
            }
            catch (SQLException | InterruptedException e) {
                writerFailure.set(e);
            }
        }, "writer");
        thread.start();
        return thread;
    }

    private void await(BooleanSupplier condition, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!condition.getAsBoolean()) {
            assertThat(process.isAlive()).as("sluice run still running; output:%n%s", log(lastLog)).isTrue();
            assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    // the output of the process started last, shown when it dies
    private String lastLog = "";

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name));
        }
        catch (java.io.IOException e) {
            return "";
        }
    }

    private Process start(Path task, Path sourceFile, String logName) throws Exception {
        lastLog = logName;
        return SluiceProcess.start(task, sourceFile, dir.resolve("data"), dir.resolve(logName), "256m");
    }
}
