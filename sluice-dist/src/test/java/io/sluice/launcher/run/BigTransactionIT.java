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
import java.util.concurrent.TimeUnit;

/**
 * One source transaction several times larger than the heap of the {@code sluice run} process
 * replicates whole: rows stream from the binlog into one target transaction instead of being held.
 * Default: 100 MB through a 64 MB heap; {@code -Dsluice.soak=true}: 1 GB through 512 MB.
 */
@ExtendWith(MariaDbExtension.class)
class BigTransactionIT {
    private static final boolean SOAK = Boolean.getBoolean("sluice.soak");
    private static final int ROWS = SOAK ? 1_000_000 : 100_000;
    private static final String HEAP = SOAK ? "512m" : "64m";

    @Sandbox(options = {"max_allowed_packet=256M", "innodb_log_file_size=512M", "max_binlog_cache_size=4G"})
    MariaDbServer source;
    @Sandbox(options = {"innodb_log_file_size=512M"})
    MariaDbServer target;
    @TempDir
    Path dir;

    @Test
    void aTransactionLargerThanTheHeapReplicatesWhole() throws Exception {
        source.execute("CREATE DATABASE big", "CREATE TABLE big.t (id INT PRIMARY KEY, payload VARCHAR(1000))",
                "CREATE TABLE big.marker (id INT PRIMARY KEY)");
        Path task = SluiceProcess.taskFile(dir, "big", target, "\"big\"", 10_000);
        Path sourceFile = SluiceProcess.sourceFile(dir, source);
        Path log = dir.resolve("run.log");
        Process process = SluiceProcess.start(task, sourceFile, dir.resolve("data"), log, HEAP);
        try {
            awaitRow(process, log, 0);
            // about 1 KB per row, all in one transaction
            source.execute("INSERT INTO big.t SELECT seq, REPEAT(CHAR(65 + seq % 26), 1000) FROM big.seq_1_to_" + ROWS,
                    "INSERT INTO big.marker VALUES (1)");
            awaitRow(process, log, 1);
            assertThat(target.query("SELECT COUNT(*) FROM big.t")).containsExactly(java.util.List.of(String.valueOf(ROWS)));
            TableChecksum.assertSame(source, target, "big");
        }
        finally {
            process.destroy();
            process.waitFor(60, TimeUnit.SECONDS);
        }
        assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
    }

    private void awaitRow(Process process, Path log, int id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(SOAK ? 30 : 5);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("sluice run exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            if (id == 0 ? !target.query("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'big' AND TABLE_NAME = 'marker'").isEmpty()
                    : !target.query("SELECT id FROM big.marker WHERE id = " + id).isEmpty()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out; output:\n" + Files.readString(log));
    }
}
