package io.sluice.mysql.task;

import static io.sluice.mysql.task.Replication.assertSameData;
import static io.sluice.mysql.task.Replication.awaitCaughtUp;
import static io.sluice.mysql.task.RuleTasks.assertSameRows;
import static io.sluice.mysql.task.RuleTasks.awaitSynced;
import static io.sluice.mysql.task.RuleTasks.exact;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.position.FilePosition;
import io.sluice.core.rule.ColumnMapRule;
import io.sluice.core.rule.DoIgnoreSelection;
import io.sluice.core.rule.EventFilters;
import io.sluice.core.rule.InstanceRules;
import io.sluice.core.rule.RouteRule;
import io.sluice.core.rule.RowPredicateRule;
import io.sluice.core.rule.TableMatcher;
import io.sluice.core.rule.TableRoutes;
import io.sluice.core.task.LoadOptions;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Big tables copied in key ranges by several threads, each range from its own snapshot, under a
 * concurrent write load that moves rows between ranges, with the subtask stopped at random
 * moments of the copy and restarted: afterwards source and target hold the same rows, and the
 * meta schema shows the table was really copied range by range.
 */
@ExtendWith(MariaDbExtension.class)
class ParallelCopyIT {
    private static final int BIG_ROWS = 200_000;

    @Test
    void bigTableCopiedInRangesSurvivesStopsUnderWriteLoad(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE par", "CREATE DATABASE app",
                // sysbench's shape, and a composite key whose first column is unsigned
                "CREATE TABLE par.big (id INT PRIMARY KEY, k INT NOT NULL, c CHAR(120) NOT NULL, pad CHAR(60) NOT NULL, KEY (k))",
                "CREATE TABLE par.pairs (a BIGINT UNSIGNED NOT NULL, b INT NOT NULL, v VARCHAR(20), PRIMARY KEY (a, b))",
                "CREATE TABLE par.log (at INT, what VARCHAR(20))",
                "INSERT INTO par.big SELECT seq, seq % 1000, MD5(seq), REPEAT('p', 60) FROM par.seq_1_to_" + BIG_ROWS,
                "INSERT INTO par.pairs SELECT 18446744073709000000 + (seq DIV 3) * 7, seq % 3, CONCAT('v', seq) FROM par.seq_1_to_60000",
                "INSERT INTO par.log SELECT seq, 'boot' FROM par.seq_1_to_20000",
                "ANALYZE TABLE par.big, par.pairs, par.log");
        TaskConfig task = Replication.task(target, TaskMode.ALL, List.of("par", "app"), new LoadOptions(false, false, 2000, 4), null);
        Random random = new Random(2026);
        int stopsDuringCopy = 0;
        try (Writer writer = new Writer(source, 11, ParallelCopyIT::bigTableChange)) {
            for (int round = 0; round < 12 && stopsDuringCopy < 6; round++) {
                long before = copied(target);
                Replication.Running running = Replication.Running.start(task, Replication.source(source, round % 2 == 0));
                boolean copying = awaitCopied(running, before + 5_000 + random.nextInt(25_000));
                running.stop();
                if (copying && stage(target).equals("LOAD")) {
                    stopsDuringCopy++;
                }
            }
            assertThat(stopsDuringCopy).as("stops during the copy").isGreaterThanOrEqualTo(4);
            assertThat(stage(target)).isEqualTo("LOAD");
            try (Replication.Running running = Replication.Running.start(task, Replication.source(source, true))) {
                awaitUnit(running, "Sync");
                writer.close();
                assertThat(writer.operations()).isGreaterThan(100);
                awaitCaughtUp(source, target, running, 1);
            }
        }
        assertSameData(source, target, "par");

        // par.big in several ranges (about two per thread), read from several snapshots; par.pairs split too; the keyless table whole
        List<String> big = target.query("SELECT COUNT(*), SUM(done), SUM(rows_copied > 0), COUNT(DISTINCT first_snapshot_file, first_snapshot_pos), "
                + "COUNT(DISTINCT last_snapshot_file, last_snapshot_pos) FROM sluice_meta.snapshot_range WHERE db = 'par' AND tbl = 'big'").getFirst();
        int ranges = Integer.parseInt(big.get(0));
        assertThat(ranges).isGreaterThanOrEqualTo(4);
        assertThat(big.get(1)).isEqualTo(big.get(0));
        assertThat(big.get(2)).as("ranges with rows").isEqualTo(big.get(0));
        assertThat(Integer.parseInt(big.get(3))).as("snapshots the ranges started from").isGreaterThan(1);
        assertThat(Integer.parseInt(big.get(4))).as("snapshots the ranges ended with").isGreaterThan(1);
        assertThat(target.query("SELECT COUNT(*) > 1, MIN(done) FROM sluice_meta.snapshot_range WHERE db = 'par' AND tbl = 'pairs'"))
                .containsExactly(List.of("1", "1"));
        assertThat(target.query("SELECT tbl, done FROM sluice_meta.snapshot_table WHERE db = 'par' ORDER BY tbl")).containsExactly(List.of("log", "1"));
    }

    /** A pushed-down predicate, a column map and a route apply to every range as to a whole table. */
    @Test
    void rangesKeepPredicatesColumnMapsAndRoutes(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE rp", "CREATE TABLE rp.src (id BIGINT PRIMARY KEY, a INT, b VARCHAR(20), c INT)",
                "INSERT INTO rp.src SELECT seq * 3, seq % 10, CONCAT('b', seq), seq FROM rp.seq_1_to_80000", "ANALYZE TABLE rp.src");
        target.execute("CREATE DATABASE rq", "CREATE TABLE rq.dst (id BIGINT PRIMARY KEY, b VARCHAR(20), a INT)");
        TableMatcher table = exact("rp", "src");
        InstanceRules rules = new InstanceRules(new DoIgnoreSelection(List.of(table), List.of()), EventFilters.none(),
                List.of(RowPredicateRule.where(table, "a % 3 <> 0", "Where")),
                List.of(new ColumnMapRule(table, List.of("id", "b", "a"), "ColumnMapFrom")), List.of(),
                new TableRoutes(List.of(new RouteRule(table, Optional.of("rq"), Optional.of("dst"), "route"))));
        TaskConfig task = RuleTasks.task("ranges-with-rules", target, TaskMode.ALL, "mysql-src", rules, new LoadOptions(false, true, 1000, 4));
        Random random = new Random(99);
        try (Writer writer = new Writer(source, 12, r -> "UPDATE rp.src SET a = a + 1, b = CONCAT('u', id) WHERE id = " + 3 * (1 + r.nextInt(80_000)))) {
            for (int round = 0; round < 3; round++) {
                long before = copied(target);
                Replication.Running running = RuleTasks.start(task, source);
                awaitCopied(running, before + 5_000 + random.nextInt(10_000));
                running.stop();
            }
            try (Replication.Running running = RuleTasks.start(task, source)) {
                awaitUnit(running, "Sync");
                writer.close();
                awaitSynced(source, running);
            }
        }
        assertSameRows(source, "SELECT id, b, a FROM rp.src WHERE a % 3 <> 0 ORDER BY id", target, "SELECT id, b, a FROM rq.dst ORDER BY id");
        assertThat(target.query("SELECT COUNT(*) >= 4, MIN(done) FROM sluice_meta.snapshot_range WHERE db = 'rp' AND tbl = 'src'"))
                .containsExactly(List.of("1", "1"));
    }

    /**
     * A DDL while ranges are being copied: the ranges after it see a new definition, so the table's
     * target is rebuilt from it and the table copied again in new ranges; sync skips the DDL.
     */
    @Test
    void definitionChangeDuringRangedCopyRebuildsTheTable(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE par", "CREATE DATABASE app",
                "CREATE TABLE par.big (id INT PRIMARY KEY, k INT NOT NULL, c CHAR(120) NOT NULL)",
                "INSERT INTO par.big SELECT seq, seq % 1000, MD5(seq) FROM par.seq_1_to_100000", "ANALYZE TABLE par.big");
        TaskConfig task = Replication.task(target, TaskMode.ALL, List.of("par", "app"), new LoadOptions(false, false, 1000, 4), null);
        try (Replication.Running running = Replication.Running.start(task, Replication.source(source, true))) {
            assertThat(awaitCopied(running, 10_000)).isTrue();
            source.execute("ALTER TABLE par.big ADD COLUMN extra INT NOT NULL DEFAULT 7");
            FilePosition afterAlter = RuleTasks.binlogEnd(source);
            source.execute("UPDATE par.big SET extra = 8 WHERE id % 1000 = 0");
            awaitCaughtUp(source, target, running, 2);
            assertSameData(source, target, "par");
            assertThat(target.query("SELECT COUNT(*) >= 4, MIN(done) FROM sluice_meta.snapshot_range WHERE db = 'par' AND tbl = 'big'"))
                    .containsExactly(List.of("1", "1"));
            // every range of the copy that counts was read after the DDL: the ranges read before it were dropped with the old table
            for (List<String> range : target.query("SELECT first_snapshot_file, first_snapshot_pos FROM sluice_meta.snapshot_range WHERE tbl = 'big'")) {
                assertThat(new FilePosition(range.get(0), Long.parseLong(range.get(1)))).isGreaterThanOrEqualTo(afterAlter);
            }
        }
    }

    /**
     * A DDL while the subtask is stopped in the middle of a ranged copy: the restart finds the
     * definition the ranges were planned for outdated, rebuilds the target and copies the table again.
     */
    @Test
    void definitionChangeWhileStoppedCopiesTheTableAgain(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE par", "CREATE DATABASE app",
                "CREATE TABLE par.big (id INT PRIMARY KEY, k INT NOT NULL, c CHAR(120) NOT NULL)",
                "INSERT INTO par.big SELECT seq, seq % 1000, MD5(seq) FROM par.seq_1_to_100000");
        TaskConfig task = Replication.task(target, TaskMode.ALL, List.of("par", "app"), new LoadOptions(false, false, 1000, 4), null);
        Replication.Running first = Replication.Running.start(task, Replication.source(source, true));
        assertThat(awaitCopied(first, 20_000)).isTrue();
        first.stop();
        assertThat(target.query("SELECT SUM(done) < COUNT(*), SUM(rows_copied) > 0 FROM sluice_meta.snapshot_range")).containsExactly(List.of("1", "1"));
        source.execute("ALTER TABLE par.big MODIFY c VARCHAR(200) NOT NULL, ADD COLUMN extra INT NOT NULL DEFAULT 7");
        FilePosition afterAlter = RuleTasks.binlogEnd(source);
        source.execute("UPDATE par.big SET extra = 8, c = CONCAT(c, '!') WHERE id % 1000 = 0");
        try (Replication.Running running = Replication.Running.start(task, Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, 3);
            assertSameData(source, target, "par");
            for (List<String> range : target.query("SELECT first_snapshot_file, first_snapshot_pos FROM sluice_meta.snapshot_range WHERE tbl = 'big'")) {
                assertThat(new FilePosition(range.get(0), Long.parseLong(range.get(1)))).isGreaterThanOrEqualTo(afterAlter);
            }
        }
    }

    /** Inserts (also below and above the key range the copy planned), updates, key moves across ranges, deletes. */
    private static String bigTableChange(Random random) {
        int id = -5_000 + random.nextInt(BIG_ROWS + 10_000);
        long pair = Long.parseUnsignedLong("18446744073709000000") + 7L * random.nextInt(20_000);
        return switch (random.nextInt(9)) {
            case 0 -> "INSERT IGNORE INTO par.big VALUES (" + id + ", " + random.nextInt(1000) + ", MD5(RAND()), 'new')";
            case 1, 2 -> "UPDATE par.big SET k = k + 1, c = MD5(RAND()) WHERE id = " + id;
            case 3 -> "UPDATE IGNORE par.big SET id = " + (-5_000 + random.nextInt(BIG_ROWS + 10_000)) + " WHERE id = " + id;
            case 4 -> "DELETE FROM par.big WHERE id = " + id;
            case 5 -> "UPDATE par.pairs SET v = LEFT(MD5(RAND()), 12) WHERE a = " + Long.toUnsignedString(pair);
            case 6 -> "UPDATE IGNORE par.pairs SET a = a + 70000 WHERE a = " + Long.toUnsignedString(pair) + " AND b = 1";
            case 7 -> "INSERT INTO par.log VALUES (" + id + ", 'op')";
            default -> "DELETE FROM par.log WHERE at = " + id;
        };
    }

    /** Waits until the load has copied {@code rows} rows in all (this run and earlier ones); false if the copy ended first. */
    private static boolean awaitCopied(Replication.Running running, long rows) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(running.failure.get()).isNull();
            SubtaskStatus status = running.subtask.status();
            if (status.unit().equals("Load") && status.rowsCopied() >= rows) {
                return true;
            }
            if (!status.unit().equals("Load") && !status.unit().equals("Check")) {
                return false;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the copy did not progress: " + running.subtask.status());
    }

    /** Rows the load has committed so far, by the meta schema. */
    private static long copied(MariaDbServer target) {
        if (target.query("SHOW DATABASES LIKE 'sluice_meta'").isEmpty()) {
            return 0;
        }
        return Long.parseLong(target.query("SELECT (SELECT COALESCE(SUM(rows_copied), 0) FROM sluice_meta.snapshot_range) "
                + "+ (SELECT COALESCE(SUM(rows_copied), 0) FROM sluice_meta.snapshot_table)").getFirst().getFirst());
    }

    private static void awaitUnit(Replication.Running running, String unit) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!running.subtask.status().unit().equals(unit)) {
            if (running.failure.get() != null) {
                throw new AssertionError("subtask failed", running.failure.get());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("subtask never reached " + unit + ": " + running.subtask.status());
            }
            Thread.sleep(20);
        }
    }

    private static String stage(MariaDbServer target) {
        return target.query("SELECT stage FROM sluice_meta.checkpoint").getFirst().getFirst();
    }

    /** Runs one statement after another on the source from a background thread until closed. */
    private static final class Writer implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong operations = new AtomicLong();
        private final AtomicReference<SQLException> failure = new AtomicReference<>();
        private final Thread thread;

        Writer(MariaDbServer source, long seed, Function<Random, String> change) {
            Random random = new Random(seed);
            thread = new Thread(() -> {
                try (Connection connection = source.connect(); Statement statement = connection.createStatement()) {
                    while (running.get()) {
                        statement.execute(change.apply(random));
                        operations.incrementAndGet();
                    }
                }
                catch (SQLException e) {
                    failure.set(e);
                }
            }, "writer");
            thread.start();
        }

        long operations() {
            return operations.get();
        }

        @Override
        public void close() throws InterruptedException {
            if (running.getAndSet(false)) {
                thread.join();
                if (failure.get() != null) {
                    throw new AssertionError("the writer failed", failure.get());
                }
            }
        }
    }
}
