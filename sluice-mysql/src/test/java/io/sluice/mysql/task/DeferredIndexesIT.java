package io.sluice.mysql.task;

import static io.sluice.mysql.task.Replication.assertSameData;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.task.LoadOptions;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Plain secondary indexes are built after a table's rows are copied: whenever the copy is stopped,
 * each deferred index either exists on the target or is recorded as still to build (never neither),
 * and when the Load unit ends the target table has exactly the source's definition, then syncs.
 */
@ExtendWith(MariaDbExtension.class)
class DeferredIndexesIT {
    private static final List<String> DEFERRED = List.of("k_1", "kc");

    @Test
    void indexesAreBuiltAfterTheCopyAndNeverLost(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE di",
                "CREATE TABLE di.t (id INT PRIMARY KEY, k INT NOT NULL, c CHAR(40) NOT NULL, u INT NOT NULL, "
                        + "UNIQUE KEY uu (u), KEY k_1 (k), KEY kc (k, c(10)))",
                "INSERT INTO di.t SELECT seq, seq % 1000, CONCAT('c', seq), seq FROM di.seq_1_to_200000",
                "CREATE TABLE di.small (id INT PRIMARY KEY, v INT, KEY iv (v))",
                "INSERT INTO di.small VALUES (1, 1), (2, 2)");
        TaskConfig full = Replication.task(target, TaskMode.FULL, List.of("di"), new LoadOptions(false, false, 5000, 2), null);
        Random random = new Random(11);
        int stoppedBeforeBuild = 0;
        for (int round = 0; round < 6; round++) {
            Replication.Running running = Replication.Running.start(full, Replication.source(source, true));
            if (round == 0) {
                // at least one stop in the middle of the big table's copy, while its indexes are still to build
                long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
                while (running.subtask.status().rowsCopied() < 20_000 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
            }
            else {
                Thread.sleep(random.nextInt(600));
            }
            running.stop();
            if (target.query("SHOW DATABASES LIKE 'di'").isEmpty() || target.query("SHOW TABLES FROM di LIKE 't'").isEmpty()) {
                continue;
            }
            List<String> built = target.query("SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = 'di' AND TABLE_NAME = 't'")
                    .stream().map(List::getFirst).toList();
            List<String> pending = target.query("SELECT index_name FROM sluice_meta.deferred_index WHERE db = 'di' AND tbl = 't'")
                    .stream().map(List::getFirst).toList();
            for (String index : DEFERRED) {
                assertThat(built.contains(index) || pending.contains(index)).as("index %s: built %s, pending %s", index, built, pending).isTrue();
            }
            assertThat(built).contains("PRIMARY", "uu");
            if (!pending.isEmpty()) {
                stoppedBeforeBuild++;
            }
        }
        assertThat(stoppedBeforeBuild).as("stops while the indexes were still to build").isPositive();

        Replication.Running running = Replication.Running.start(full, Replication.source(source, true));
        assertThat(running.awaitEnd(Duration.ofMinutes(3))).isNull();
        for (String table : List.of("t", "small")) {
            assertThat(definition(target, "di", table)).isEqualTo(definition(source, "di", table));
        }
        assertThat(target.query("SELECT COUNT(*) FROM sluice_meta.deferred_index")).containsExactly(List.of("0"));
        assertSameData(source, target, "di");
    }

    @Test
    void syncStartsWithTheIndexesInPlace(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE ds", "CREATE TABLE ds.t (id INT PRIMARY KEY, k INT, KEY ik (k))",
                "INSERT INTO ds.t SELECT seq, seq % 10 FROM ds.seq_1_to_20000");
        TaskConfig all = Replication.task(target, TaskMode.ALL, List.of("ds", "app"), new LoadOptions(false, false, 5000, 2), null);
        try (Replication.Running running = Replication.Running.start(all, Replication.source(source, true))) {
            source.execute("UPDATE ds.t SET k = k + 1 WHERE id <= 100", "ALTER TABLE ds.t ADD KEY ik2 (k, id)", "INSERT INTO ds.t VALUES (20001, 5)");
            Replication.awaitCaughtUp(source, target, running, 1);
            assertThat(definition(target, "ds", "t")).isEqualTo(definition(source, "ds", "t"));
        }
        assertSameData(source, target, "ds");
    }

    private static String definition(MariaDbServer server, String database, String table) {
        return server.query("SHOW CREATE TABLE " + database + "." + table).getFirst().get(1).replaceAll(" AUTO_INCREMENT=\\d+", "");
    }
}
