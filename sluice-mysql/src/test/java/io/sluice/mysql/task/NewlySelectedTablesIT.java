package io.sluice.mysql.task;

import static io.sluice.mysql.task.Replication.assertSameData;
import static io.sluice.mysql.task.Replication.awaitCaughtUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;

import io.sluice.core.task.LoadOptions;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

/**
 * A task that already syncs gets more tables selected (its do-dbs widened while it is stopped):
 * the tables the target never had are copied, then sync goes on from its checkpoint, exactly once.
 */
@ExtendWith(MariaDbExtension.class)
class NewlySelectedTablesIT {
    @Test
    void tableThatExistedAllAlongIsCopiedWhenSelected(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY, v INT)", "INSERT INTO app.t VALUES (1, 1), (2, 2)",
                "CREATE DATABASE b", "CREATE TABLE b.u (id INT PRIMARY KEY, v INT)", "INSERT INTO b.u VALUES (1, 10), (2, 20)");
        TaskConfig appOnly = Replication.task(target, TaskMode.ALL, List.of("app"), LoadOptions.defaults(), null);
        try (Replication.Running running = Replication.Running.start(appOnly, Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, 1);
            source.execute("UPDATE b.u SET v = v + 1", "INSERT INTO app.t VALUES (3, 3)");
            awaitCaughtUp(source, target, running, 2);
        }
        source.execute("INSERT INTO b.u VALUES (3, 30)", "UPDATE app.t SET v = 33 WHERE id = 3");
        TaskConfig both = Replication.task(target, TaskMode.ALL, List.of("app", "b"), LoadOptions.defaults(), null);
        try (Replication.Running running = Replication.Running.start(both, Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, 3);
            source.execute("INSERT INTO b.u VALUES (4, 40)", "DELETE FROM b.u WHERE id = 1", "UPDATE b.u SET v = 0 WHERE id = 2");
            awaitCaughtUp(source, target, running, 4);
        }
        assertSameData(source, target, "app", "b");
    }

    /**
     * The catch-up copy is stopped several times mid-way while the source keeps writing to the
     * tables being copied (one split in key ranges, one keyless): each run continues the copy
     * recorded in catchup_table before sync goes on, and nothing is lost or doubled.
     */
    @Test
    void catchUpCopyStoppedMidwayContinues(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY, v INT)", "INSERT INTO app.t VALUES (1, 1)",
                "CREATE DATABASE b", "CREATE TABLE b.big (id INT PRIMARY KEY, v VARCHAR(40), KEY v (v))",
                "INSERT INTO b.big SELECT seq, CONCAT('row-', seq) FROM b.seq_1_to_30000",
                "CREATE TABLE b.keyless (a INT, b VARCHAR(10))", "INSERT INTO b.keyless SELECT seq % 50, 'x' FROM b.seq_1_to_3000");
        LoadOptions smallChunks = new LoadOptions(false, false, 500, 2);
        TaskConfig appOnly = Replication.task(target, TaskMode.ALL, List.of("app"), smallChunks, null);
        try (Replication.Running running = Replication.Running.start(appOnly, Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, 1);
        }
        TaskConfig both = Replication.task(target, TaskMode.ALL, List.of("app", "b"), smallChunks, null);
        java.util.Random random = new java.util.Random(7);
        int stops = 0;
        for (int round = 0; round < 4; round++) {
            Replication.Running running = Replication.Running.start(both, Replication.source(source, true));
            if (round == 0) {
                // at least one stop inside the catch-up copy, however slow the start is on a busy machine
                long deadline = System.nanoTime() + java.time.Duration.ofMinutes(1).toNanos();
                while (!(running.subtask.status().unit().equals("Load") && running.subtask.status().rowsCopied() > 0) && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
            }
            else {
                Thread.sleep(150 + random.nextInt(400));
            }
            source.execute("UPDATE b.big SET v = CONCAT(v, '+') WHERE id % 97 = " + round, "INSERT INTO b.big VALUES (" + (40000 + round) + ", 'new')",
                    "DELETE FROM b.big WHERE id = " + (100 + round), "INSERT INTO b.keyless VALUES (" + round + ", 'y')",
                    "DELETE FROM b.keyless WHERE a = " + (10 + round) + " LIMIT 1", "INSERT INTO app.t VALUES (" + (10 + round) + ", 0)");
            stops += running.subtask.status().unit().equals("Load") ? 1 : 0;
            running.stop();
        }
        try (Replication.Running running = Replication.Running.start(both, Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, 2);
            source.execute("UPDATE b.big SET v = 'last' WHERE id < 50", "DELETE FROM b.keyless WHERE a = 3");
            awaitCaughtUp(source, target, running, 3);
        }
        assertThat(stops).as("runs stopped during the catch-up copy").isPositive();
        assertThat(target.query("SELECT COUNT(*) FROM sluice_meta.catchup_table")).containsExactly(List.of("0"));
        assertSameData(source, target, "app", "b");
    }

    /** A newly selected table that DDL changed after the sync position stops the start with a coded error naming it; nothing is copied. */
    @Test
    void newlySelectedTableChangedSinceTheSyncPositionIsRefused(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY, v INT)", "INSERT INTO app.t VALUES (1, 1)",
                "CREATE DATABASE b", "CREATE TABLE b.u (id INT PRIMARY KEY, v INT)", "INSERT INTO b.u VALUES (1, 10)");
        TaskConfig appOnly = Replication.task(target, TaskMode.ALL, List.of("app"), LoadOptions.defaults(), null);
        try (Replication.Running running = Replication.Running.start(appOnly, Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, 1);
        }
        source.execute("ALTER TABLE b.u ADD COLUMN w INT", "INSERT INTO b.u VALUES (2, 20, 2)");
        TaskConfig both = Replication.task(target, TaskMode.ALL, List.of("app", "b"), LoadOptions.defaults(), null);
        Replication.Running running = Replication.Running.start(both, Replication.source(source, true));
        Throwable failure = running.awaitEnd(java.time.Duration.ofSeconds(60));
        assertThat(failure).isInstanceOf(SluiceException.class);
        assertThat(((SluiceException) failure).errorCode()).isEqualTo(ErrorCode.SNAPSHOT_UNSUPPORTED);
        assertThat(failure.getMessage()).contains("b.u").contains("ALTER TABLE b.u ADD COLUMN w INT").contains("--remove-meta");
        assertThat(target.query("SHOW DATABASES LIKE 'b'")).isEmpty();
        // the task still runs with its old selection, data intact
        try (Replication.Running again = Replication.Running.start(appOnly, Replication.source(source, true))) {
            awaitCaughtUp(source, target, again, 2);
        }
        assertSameData(source, target, "app");
    }

    @Test
    void tableCreatedWhileStoppedIsReplayedWhenSelected(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY, v INT)", "INSERT INTO app.t VALUES (1, 1), (2, 2)");
        TaskConfig appOnly = Replication.task(target, TaskMode.ALL, List.of("app"), LoadOptions.defaults(), null);
        try (Replication.Running running = Replication.Running.start(appOnly, Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, 1);
        }
        source.execute("CREATE DATABASE b", "CREATE TABLE b.u (id INT PRIMARY KEY, v INT)", "INSERT INTO b.u VALUES (1, 10), (2, 20)",
                "UPDATE b.u SET v = 11 WHERE id = 1");
        TaskConfig both = Replication.task(target, TaskMode.ALL, List.of("app", "b"), LoadOptions.defaults(), null);
        try (Replication.Running running = Replication.Running.start(both, Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, 2);
            source.execute("INSERT INTO b.u VALUES (3, 30)");
            awaitCaughtUp(source, target, running, 3);
        }
        assertSameData(source, target, "app", "b");
    }

    /**
     * With the selection unchanged, a table created while the task was stopped is replayed however
     * it was created (CREATE TABLE IF NOT EXISTS, a rename from another selected table): the
     * start does not take it for a newly selected old table.
     */
    @Test
    void tablesCreatedWhileStoppedUnderTheSameSelectionAreReplayed(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY, v INT)", "INSERT INTO app.t VALUES (1, 1), (2, 2)",
                "CREATE TABLE app.gone (id INT PRIMARY KEY)", "INSERT INTO app.gone VALUES (7)");
        TaskConfig appOnly = Replication.task(target, TaskMode.ALL, List.of("app"), LoadOptions.defaults(), null);
        try (Replication.Running running = Replication.Running.start(appOnly, Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, 1);
        }
        source.execute("CREATE TABLE IF NOT EXISTS app.later (id INT PRIMARY KEY, v INT)", "INSERT INTO app.later VALUES (1, 10)",
                "ALTER TABLE app.later ADD w INT", "INSERT INTO app.later VALUES (2, 20, 2)",
                "RENAME TABLE app.gone TO app.moved", "INSERT INTO app.moved VALUES (8)");
        try (Replication.Running running = Replication.Running.start(appOnly, Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, 2);
        }
        assertThat(target.query("SELECT COUNT(*) FROM sluice_meta.catchup_table")).containsExactly(List.of("0"));
        assertSameData(source, target, "app");
    }

    /**
     * task-mode incremental copies nothing: a selected table the target lacks stops the start with
     * TARGET_TABLE_MISSING naming it, unless the binlog from the start GTID creates it (that one
     * sync replays; the GTID lies in an earlier binlog file than the start-up's). Once the user
     * creates the missing table with its rows, the task runs.
     */
    @Test
    void incrementalTaskRefusesSelectedTablesTheTargetLacks(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY, v INT)", "INSERT INTO app.t VALUES (1, 1)",
                "CREATE DATABASE b", "CREATE TABLE b.u (id INT PRIMARY KEY, v INT)", "INSERT INTO b.u VALUES (1, 10)");
        target.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY, v INT)", "INSERT INTO app.t VALUES (1, 1)");
        String gtid = source.query("SELECT @@gtid_binlog_pos").getFirst().getFirst();
        source.execute("INSERT INTO b.u VALUES (2, 20)", "FLUSH BINARY LOGS", "CREATE TABLE b.created (id INT PRIMARY KEY)",
                "INSERT INTO b.created VALUES (1)", "FLUSH BINARY LOGS", "UPDATE app.t SET v = 2");
        TaskConfig task = Replication.task(target, TaskMode.INCREMENTAL, List.of("app", "b"), LoadOptions.defaults(),
                new io.sluice.core.task.StartMeta(null, null, gtid));
        Replication.Running refused = Replication.Running.start(task, Replication.source(source, true));
        Throwable failure = refused.awaitEnd(java.time.Duration.ofSeconds(60));
        assertThat(failure).isInstanceOf(SluiceException.class);
        assertThat(((SluiceException) failure).errorCode()).isEqualTo(ErrorCode.TARGET_TABLE_MISSING);
        assertThat(failure.getMessage()).contains("b.u").doesNotContain("b.created").contains("task-mode all");
        assertThat(target.query("SELECT v FROM app.t")).containsExactly(List.of("1"));

        target.execute("CREATE DATABASE b", "CREATE TABLE b.u (id INT PRIMARY KEY, v INT)", "INSERT INTO b.u VALUES (1, 10)");
        try (Replication.Running running = Replication.Running.start(task, Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, 1);
            source.execute("UPDATE b.u SET v = 0", "INSERT INTO b.created VALUES (2)");
            awaitCaughtUp(source, target, running, 2);
        }
        assertSameData(source, target, "app", "b");
    }

    /**
     * The selection is widened again while a catch-up copy is interrupted: the next run finishes
     * that copy, then also copies the table added since, before sync goes on.
     */
    @Test
    void selectionWidenedAgainDuringAnInterruptedCatchUp(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY, v INT)", "INSERT INTO app.t VALUES (1, 1)",
                "CREATE DATABASE b", "CREATE TABLE b.big (id INT PRIMARY KEY, v VARCHAR(40))", "INSERT INTO b.big SELECT seq, MD5(seq) FROM b.seq_1_to_30000",
                "CREATE DATABASE c", "CREATE TABLE c.small (id INT PRIMARY KEY, v INT)", "INSERT INTO c.small VALUES (1, 1), (2, 2)");
        LoadOptions smallChunks = new LoadOptions(false, false, 500, 2);
        try (Replication.Running running = Replication.Running.start(Replication.task(target, TaskMode.ALL, List.of("app"), smallChunks, null),
                Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, 1);
        }
        Replication.Running interrupted = Replication.Running.start(Replication.task(target, TaskMode.ALL, List.of("app", "b"), smallChunks, null),
                Replication.source(source, true));
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(1).toNanos();
        while (!(interrupted.subtask.status().unit().equals("Load") && interrupted.subtask.status().rowsCopied() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        interrupted.stop();
        assertThat(target.query("SELECT COUNT(*) FROM sluice_meta.catchup_table")).isNotEqualTo(List.of(List.of("0")));
        source.execute("UPDATE c.small SET v = 20 WHERE id = 2", "UPDATE b.big SET v = 'changed' WHERE id = 7");
        try (Replication.Running running = Replication.Running.start(Replication.task(target, TaskMode.ALL, List.of("app", "b", "c"), smallChunks, null),
                Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, 2);
            source.execute("INSERT INTO c.small VALUES (3, 3)", "DELETE FROM b.big WHERE id = 8");
            awaitCaughtUp(source, target, running, 3);
        }
        assertSameData(source, target, "app", "b", "c");
    }
}
