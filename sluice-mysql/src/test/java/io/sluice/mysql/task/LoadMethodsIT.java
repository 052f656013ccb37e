package io.sluice.mysql.task;

import static io.sluice.mysql.task.Replication.assertSameData;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.task.LoadOptions;
import io.sluice.core.task.LoadOptions.LoadMethod;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import io.sluice.testkit.TableChecksum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The two ways the copy writes rows, {@code INSERT} and {@code LOAD DATA LOCAL INFILE}, on the same
 * source: awkward values of every kind (bytes that are the LOAD DATA separators, NULL next to
 * empty and {@code \N} text, BIT, spatial, JSON, non-utf8mb4 charsets), a keyless table stopped in
 * the middle of its copy several times (it must never be left half copied, nor copied twice), and
 * both targets must end up with the source's rows, checksum for checksum.
 */
@ExtendWith(MariaDbExtension.class)
class LoadMethodsIT {
    private static final int KEYLESS_ROWS = 300_000;

    @Test
    void bothMethodsCopyTheSameRowsAndNeverHalfAKeylessTable(@Sandbox MariaDbServer source, @Sandbox MariaDbServer insertTarget,
            @Sandbox MariaDbServer loadTarget) throws Exception {
        createData(source);
        copyWithStops(source, insertTarget, LoadMethod.INSERT);
        copyWithStops(source, loadTarget, LoadMethod.LOAD_DATA);
        assertSameData(source, insertTarget, "lm");
        assertSameData(source, loadTarget, "lm");
        assertThat(TableChecksum.of(loadTarget, "lm")).isEqualTo(TableChecksum.of(insertTarget, "lm"));
        assertThat(comLoad(insertTarget)).isZero();
        // chunks of 1000 rows: at least one LOAD DATA per chunk
        assertThat(comLoad(loadTarget)).isGreaterThan(5);
        // the values that need care, spelled out
        for (MariaDbServer target : List.of(insertTarget, loadTarget)) {
            assertThat(target.query("SELECT HEX(bits), HEX(blobby), tabbed, ISNULL(nullable), HEX(u16), HEX(lat) FROM lm.typed WHERE id = 9"))
                    .containsExactly(source.query("SELECT HEX(bits), HEX(blobby), tabbed, ISNULL(nullable), HEX(u16), HEX(lat) FROM lm.typed WHERE id = 9").getFirst());
        }
    }

    /** With LOCAL the server skips duplicate keys instead of failing: the copy counts what it took and stops as INSERT would. */
    @Test
    void rowsTheTargetAlreadyHoldsStopTheCopy(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE dup", "CREATE TABLE dup.t (id INT PRIMARY KEY, v VARCHAR(10))",
                "INSERT INTO dup.t SELECT seq, CONCAT('v', seq) FROM dup.seq_1_to_50");
        target.execute("CREATE DATABASE dup", "CREATE TABLE dup.t (id INT PRIMARY KEY, v VARCHAR(10))", "INSERT INTO dup.t VALUES (7, 'mine')");
        TaskConfig task = Replication.task(target, TaskMode.FULL, List.of("dup"), new LoadOptions(false, false, 1000, 2, LoadMethod.LOAD_DATA), null);
        Replication.Running running = Replication.Running.start(task, Replication.source(source, true));
        Throwable failure = running.awaitEnd(Duration.ofMinutes(2));
        assertThat(failure).isNotNull().hasMessageContaining("already holds rows");
        assertThat(target.query("SELECT COUNT(*) FROM dup.t")).containsExactly(List.of("1"));
    }

    /** A target with local_infile=OFF: the copy falls back to INSERT (one WARN) and copies the same rows. */
    @Test
    void targetWithoutLocalInfileGetsInserts(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE lo", "CREATE TABLE lo.t (id INT PRIMARY KEY, v VARBINARY(10))",
                "INSERT INTO lo.t SELECT seq, UNHEX('095C0A00') FROM lo.seq_1_to_5000");
        target.execute("SET GLOBAL local_infile = OFF");
        TaskConfig task = Replication.task(target, TaskMode.FULL, List.of("lo"), new LoadOptions(false, false, 1000, 2, LoadMethod.LOAD_DATA), null);
        Replication.Running running = Replication.Running.start(task, Replication.source(source, true));
        assertThat(running.awaitEnd(Duration.ofMinutes(2))).isNull();
        assertSameData(source, target, "lo");
        assertThat(comLoad(target)).isZero();
    }

    private static void copyWithStops(MariaDbServer source, MariaDbServer target, LoadMethod method) throws Exception {
        TaskConfig task = Replication.task(target, TaskMode.FULL, List.of("lm"), new LoadOptions(false, false, 1000, 2, method), null);
        Random random = new Random(7);
        int stopsInKeyless = 0;
        for (int round = 0; round < 8 && stopsInKeyless < 2; round++) {
            Replication.Running running = Replication.Running.start(task, Replication.source(source, true));
            boolean copying = awaitCopied(running, 20_000 + random.nextInt(120_000));
            running.stop();
            long keyless = Long.parseLong(target.query("SELECT COUNT(*) FROM lm.keyless").getFirst().getFirst());
            List<List<String>> progress = target.query("SELECT done, rows_copied FROM sluice_meta.snapshot_table WHERE db = 'lm' AND tbl = 'keyless'");
            // all or nothing, and the progress row says which
            if (progress.isEmpty()) {
                assertThat(keyless).as(method + ": keyless rows without progress").isZero();
            }
            else {
                assertThat(progress).containsExactly(List.of("1", String.valueOf(KEYLESS_ROWS)));
                assertThat(keyless).isEqualTo(KEYLESS_ROWS);
            }
            if (copying && progress.isEmpty()) {
                stopsInKeyless++;
            }
        }
        assertThat(stopsInKeyless).as(method + ": stops while the keyless table was being copied").isGreaterThanOrEqualTo(1);
        Replication.Running running = Replication.Running.start(task, Replication.source(source, true));
        assertThat(running.awaitEnd(Duration.ofMinutes(3))).isNull();
        assertThat(running.subtask.status().unit()).isEqualTo("Finished");
        assertThat(target.query("SELECT COUNT(*) FROM lm.keyless")).containsExactly(List.of(String.valueOf(KEYLESS_ROWS)));
    }

    private static void createData(MariaDbServer source) {
        source.execute("CREATE DATABASE lm",
                // no key at all, duplicate rows, separators in text and bytes
                "CREATE TABLE lm.keyless (a INT, b VARCHAR(40), c VARBINARY(8))",
                "INSERT INTO lm.keyless SELECT seq % 5000, IF(seq % 7 = 0, NULL, CONCAT('k\\t', seq % 5000, '\\n\\\\')), "
                        + "IF(seq % 3 = 0, UNHEX('5C4E'), UNHEX(HEX(seq % 256))) FROM lm.seq_1_to_" + KEYLESS_ROWS,
                "CREATE TABLE lm.typed (id INT PRIMARY KEY, bits BIT(8), wide BIT(64), blobby BLOB, bin BINARY(4), tabbed VARCHAR(40), "
                        + "nullable VARCHAR(10), dec65 DECIMAL(65,30), f FLOAT, d DOUBLE, dt DATETIME(6), ts TIMESTAMP(6) NULL, tm TIME(6), "
                        + "dd DATE, y YEAR, e ENUM('a', 'b\\tc', ''), s SET('x', 'y'), j JSON, g GEOMETRY, "
                        + "u16 VARCHAR(20) CHARACTER SET utf16, lat VARCHAR(20) CHARACTER SET latin1, emoji TEXT CHARACTER SET utf8mb4) DEFAULT CHARSET utf8mb4",
                "INSERT INTO lm.typed SELECT seq, seq % 256, IF(seq % 2 = 0, 18446744073709551615, seq), "
                        + "CONCAT(UNHEX('00090A5C0D1A'), CHAR(seq % 256), REPEAT(UNHEX('FF5C'), seq % 9)), UNHEX(LPAD(HEX(seq), 8, '0')), "
                        + "CONCAT('t\\tab\\nnl\\\\bs', seq), CASE seq % 3 WHEN 0 THEN NULL WHEN 1 THEN '' ELSE '\\\\N' END, "
                        + "(CAST(seq AS SIGNED) - 1000) / 7, seq / 3, seq * PI() * 1e300 / 1e300, "
                        + "IF(seq % 10 = 0, '0000-00-00 00:00:00', TIMESTAMP('2001-02-03 04:05:06.789012') + INTERVAL seq SECOND), "
                        + "IF(seq % 10 = 0, NULL, TIMESTAMP('2038-01-19 03:14:07.999999') - INTERVAL seq MINUTE), "
                        + "IF(seq % 2 = 0, '-838:59:59.000000', SEC_TO_TIME(seq) + INTERVAL 0.5 SECOND), "
                        + "IF(seq % 10 = 0, '0000-00-00', DATE('1000-01-01') + INTERVAL seq DAY), IF(seq % 5 = 0, 0, 1901 + seq % 255), "
                        + "ELT(1 + seq % 3, 'a', 'b\\tc', ''), IF(seq % 4 = 0, '', 'x,y'), "
                        + "JSON_OBJECT('k', CONCAT('v\\t\\n\\\\', seq), 'n', seq / 8, 'a', JSON_ARRAY(1, NULL, 'é')), "
                        + "IF(seq % 3 = 0, NULL, POINT(seq + 0.1, -seq / 3)), "
                        + "CONCAT('ü\\t', seq), CONCAT('é\\n', seq), CONCAT('e', seq) "
                        + "FROM lm.seq_1_to_3000",
                "UPDATE lm.typed SET emoji = CONCAT(UNHEX('F09F9880'), id) WHERE id % 2 = 0",
                "CREATE TABLE lm.latin (id INT PRIMARY KEY, v VARCHAR(30), t TEXT) DEFAULT CHARSET latin1",
                "INSERT INTO lm.latin SELECT seq, CONCAT('Grüße\\t', seq), REPEAT('é\\\\', seq % 20) FROM lm.seq_1_to_4000",
                "ANALYZE TABLE lm.keyless, lm.typed, lm.latin");
    }

    private static long comLoad(MariaDbServer server) {
        return Long.parseLong(server.query("SHOW GLOBAL STATUS LIKE 'Com_load'").getFirst().get(1));
    }

    /** Waits until the load has copied {@code rows} rows (committed or sent); false if the copy ended first. */
    private static boolean awaitCopied(Replication.Running running, long rows) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(running.failure.get()).isNull();
            var status = running.subtask.status();
            if (status.unit().equals("Load") && status.rowsCopied() >= rows) {
                return true;
            }
            if (!status.unit().equals("Load") && !status.unit().equals("Check")) {
                return false;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the copy did not progress: " + running.subtask.status());
    }
}
