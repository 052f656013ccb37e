package io.sluice.mysql.task;

import static io.sluice.mysql.task.Replication.assertSameData;
import static io.sluice.mysql.task.Replication.awaitCaughtUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.task.LoadOptions;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * DBA workloads beyond {@link ReplicationIT}'s: every form of column and table DDL, DDL naming
 * tables the task does not replicate, views, triggers, routines, sequences and temporary tables,
 * and DML that identifies rows awkwardly (key swaps, duplicate keyless rows, NULLs in unique keys,
 * REPLACE, multi-table statements, generated columns, BLOB prefix keys). Each runs through copy and
 * sync, then again after a restart from events written while stopped, and ends with source and
 * target compared row by row and column by column.
 */
@ExtendWith(MariaDbExtension.class)
class DdlWorkloadIT {
    private static final AtomicInteger MARKER = new AtomicInteger(100);

    /** Copies {@code setup}, syncs {@code workload}, then syncs {@code after}, written while the task was stopped. */
    private static void run(MariaDbServer source, MariaDbServer target, List<String> databases, String[] setup, String[] workload, String[] after) throws Exception {
        source.execute(setup);
        TaskConfig task = Replication.task(target, TaskMode.ALL, databases, LoadOptions.defaults(), null);
        try (Replication.Running running = Replication.Running.start(task, Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, MARKER.incrementAndGet());
            for (String sql : workload) {
                source.execute(sql.split("\n;;\n"));
            }
            awaitCaughtUp(source, target, running, MARKER.incrementAndGet());
        }
        for (String database : databases) {
            if (!source.query("SHOW DATABASES LIKE '" + database + "'").isEmpty()) {
                assertSameData(source, target, database);
                assertSameSchema(source, target, database);
            }
        }
        // once more after a restart: the tracked schema is the persisted one
        for (String sql : after) {
            source.execute(sql.split("\n;;\n"));
        }
        try (Replication.Running running = Replication.Running.start(task, Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, MARKER.incrementAndGet());
        }
        for (String database : databases) {
            if (!source.query("SHOW DATABASES LIKE '" + database + "'").isEmpty()) {
                assertSameData(source, target, database);
                assertSameSchema(source, target, database);
            }
        }
    }

    /** The same columns (names, order, types, keys) and indexes on both sides, for the base tables. */
    static void assertSameSchema(MariaDbServer source, MariaDbServer target, String database) {
        String columns = "SELECT TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_TYPE, IS_NULLABLE, COLLATION_NAME, COLUMN_KEY, GENERATION_EXPRESSION "
                + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + database + "' AND TABLE_NAME IN (SELECT TABLE_NAME FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = '" + database + "' AND TABLE_TYPE = 'BASE TABLE') ORDER BY TABLE_NAME, ORDINAL_POSITION";
        assertThat(target.query(columns)).as("columns of " + database).isEqualTo(source.query(columns));
        String indexes = "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME, SUB_PART FROM information_schema.STATISTICS "
                + "WHERE TABLE_SCHEMA = '" + database + "' ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX";
        assertThat(target.query(indexes)).as("indexes of " + database).isEqualTo(source.query(indexes));
    }

    @Test
    void columnDdlOfEveryForm(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        run(source, target, List.of("app", "crm"),
                new String[] {"CREATE DATABASE app", "CREATE DATABASE crm",
                        "CREATE TABLE app.c (id INT PRIMARY KEY, a VARCHAR(10), b INT NOT NULL, note VARCHAR(20) CHARACTER SET latin1)",
                        "INSERT INTO app.c VALUES (1, 'a', 1, 'x'), (2, 'b', 2, 'y'), (3, NULL, 3, NULL)"},
                new String[] {
                        "ALTER TABLE app.c ADD COLUMN f1 INT FIRST",
                        "INSERT INTO app.c (id, a, b, f1, note) VALUES (10, 'x', 1, 5, 'n')",
                        "ALTER TABLE app.c ADD COLUMN m1 VARCHAR(5) NOT NULL DEFAULT 'm' AFTER id",
                        "UPDATE app.c SET b = b + 1",
                        "ALTER TABLE app.c CHANGE COLUMN a a2 VARCHAR(30)",
                        "ALTER TABLE app.c RENAME COLUMN b TO b2",
                        "UPDATE app.c SET a2 = 'ren', b2 = 7 WHERE id = 10",
                        "ALTER TABLE app.c MODIFY note VARCHAR(20) CHARACTER SET utf8mb4",
                        "INSERT INTO app.c (id, b2, note) VALUES (11, 1, '中文😀')",
                        "ALTER TABLE app.c CONVERT TO CHARACTER SET utf8mb4",
                        "ALTER ONLINE TABLE app.c ADD COLUMN o INT",
                        "/* lead */ ALTER TABLE app.c /* mid */ ADD COLUMN `ünï` INT -- tail",
                        "INSERT INTO app.c (id, b2, `ünï`) VALUES (12, 1, 42)",
                        "USE crm\n;;\nALTER TABLE app.c ADD INDEX ix_b2 (b2)",
                        "CREATE INDEX ix_a ON app.c (a2)", "DROP INDEX ix_a ON app.c",
                        "ALTER TABLE app.c ADD UNIQUE KEY uq (m1, id)",
                        "ALTER TABLE app.c DROP PRIMARY KEY, ADD PRIMARY KEY (id, b2)",
                        "UPDATE app.c SET b2 = b2 + 100 WHERE id = 1",
                        "DELETE FROM app.c WHERE id = 2",
                        "OPTIMIZE TABLE app.c", "ANALYZE TABLE app.c", "REPAIR TABLE app.c", "CHECK TABLE app.c",
                        "INSERT INTO app.c (id, b2) VALUES (20, 20)",
                },
                new String[] {"UPDATE app.c SET o = id", "ALTER TABLE app.c DROP COLUMN o, DROP COLUMN f1", "INSERT INTO app.c (id, b2) VALUES (21, 21)"});
    }

    @Test
    void tableDdlRenameSwapsLikeSelectAndDatabases(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        run(source, target, List.of("app", "newdb"),
                new String[] {"CREATE DATABASE app", "CREATE DATABASE other",
                        "CREATE TABLE app.a (id INT PRIMARY KEY, v VARCHAR(10))",
                        "CREATE TABLE app.b (id INT PRIMARY KEY, w INT, v VARCHAR(10))",
                        "INSERT INTO app.a VALUES (1, 'a1'), (2, 'a2')", "INSERT INTO app.b VALUES (1, 1, 'b1')"},
                new String[] {
                        "ALTER TABLE app.a RENAME TO app.a1",
                        "INSERT INTO app.a1 VALUES (3, 'a3')",
                        "RENAME TABLE app.a1 TO app.tmp, app.b TO app.a1, app.tmp TO app.b",
                        "INSERT INTO app.a1 VALUES (5, 5, 'was b')", "INSERT INTO app.b VALUES (6, 'was a')",
                        "UPDATE app.a1 SET w = 9", "UPDATE app.b SET v = 'upd'",
                        "CREATE TABLE app.l LIKE app.b", "INSERT INTO app.l SELECT * FROM app.b",
                        "CREATE TABLE app.s AS SELECT * FROM app.a1",
                        "CREATE TABLE app.s2 (id INT PRIMARY KEY) SELECT id FROM app.b",
                        "CREATE DATABASE newdb", "CREATE TABLE newdb.t (id INT PRIMARY KEY)", "INSERT INTO newdb.t VALUES (1)",
                        "DROP DATABASE newdb", "CREATE DATABASE newdb", "CREATE TABLE newdb.t (id INT PRIMARY KEY, x VARCHAR(3))",
                        "INSERT INTO newdb.t VALUES (2, 'x')",
                        "TRUNCATE TABLE app.l", "INSERT INTO app.l VALUES (100, 'trunc')",
                        "DROP TABLE IF EXISTS app.nonexistent, app.s2",
                        "CREATE TABLE other.x (id INT PRIMARY KEY)", "INSERT INTO other.x VALUES (1)",
                },
                new String[] {"INSERT INTO app.b VALUES (7, 'restart')", "RENAME TABLE app.b TO app.b2"});
    }

    @Test
    void viewsTriggersRoutinesAndTemporaryTablesAreNotReplicatedButTheirRowsAre(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        run(source, target, List.of("app"),
                new String[] {"CREATE DATABASE app",
                        "CREATE TABLE app.b (id INT PRIMARY KEY, n INT)",
                        "CREATE TABLE app.log (id INT AUTO_INCREMENT PRIMARY KEY, what VARCHAR(20))",
                        "INSERT INTO app.b VALUES (1, 1)"},
                new String[] {
                        "CREATE VIEW app.v AS SELECT id FROM app.b",
                        "CREATE TRIGGER app.trg BEFORE INSERT ON app.b FOR EACH ROW SET NEW.n = NEW.n + 1",
                        "CREATE TRIGGER app.trg2 AFTER UPDATE ON app.b FOR EACH ROW INSERT INTO app.log (what) VALUES ('upd')",
                        "INSERT INTO app.b VALUES (2, 10)",
                        "UPDATE app.b SET n = 100 WHERE id = 1",
                        "CREATE PROCEDURE app.p() BEGIN INSERT INTO app.b VALUES (50, 50); END",
                        "CALL app.p()",
                        "CREATE FUNCTION app.f(x INT) RETURNS INT DETERMINISTIC RETURN x * 2",
                        "INSERT INTO app.b VALUES (60, app.f(3))",
                        "CREATE TEMPORARY TABLE app.tmp1 (id INT)\n;;\nINSERT INTO app.tmp1 VALUES (70), (71)\n;;\nINSERT INTO app.b SELECT id, id FROM app.tmp1\n;;\nDROP TEMPORARY TABLE app.tmp1",
                        "DROP VIEW app.v",
                },
                new String[] {"INSERT INTO app.b VALUES (80, 80)", "UPDATE app.b SET n = 0 WHERE id = 2"});
    }

    @Test
    void dmlThatIdentifiesRowsAwkwardly(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        run(source, target, List.of("app"),
                new String[] {"CREATE DATABASE app",
                        "CREATE TABLE app.k (v INT, w VARCHAR(5))",
                        "INSERT INTO app.k VALUES (1, 'a'), (1, 'a'), (1, 'a'), (2, 'b')",
                        "CREATE TABLE app.u (a INT NULL, b INT NULL, c VARCHAR(5), UNIQUE KEY (a, b))",
                        "INSERT INTO app.u VALUES (1, NULL, 'x'), (1, NULL, 'y'), (2, 2, 'z')",
                        "CREATE TABLE app.p (id INT PRIMARY KEY, v VARCHAR(10), u INT, UNIQUE KEY (u))",
                        "INSERT INTO app.p VALUES (1, 'one', 10), (2, 'two', 20), (3, 'three', 30)",
                        "CREATE TABLE app.q (id INT PRIMARY KEY, pid INT, v INT)",
                        "INSERT INTO app.q VALUES (1, 1, 1), (2, 2, 2), (3, 3, 3)",
                        "CREATE TABLE app.g (id INT PRIMARY KEY, a INT, v INT AS (a * 2) VIRTUAL, s INT AS (a + 1) STORED, KEY (v))",
                        "INSERT INTO app.g (id, a) VALUES (1, 1), (2, 2)",
                        "CREATE TABLE app.bp (b BLOB NOT NULL, t TEXT, PRIMARY KEY (b(10)))",
                        "INSERT INTO app.bp VALUES ('0123456789abc', 'x'), ('0123456780x', 'y')",
                        "CREATE TABLE app.ci (k VARCHAR(10) COLLATE utf8mb4_general_ci PRIMARY KEY, v INT)",
                        "INSERT INTO app.ci VALUES ('a', 1), ('B', 2)"},
                new String[] {
                        "DELETE FROM app.k WHERE v = 1 LIMIT 1", "UPDATE app.k SET w = 'c' WHERE v = 1 LIMIT 1",
                        "UPDATE app.u SET c = 'w' WHERE c = 'y'", "DELETE FROM app.u WHERE c = 'x'", "INSERT INTO app.u VALUES (1, NULL, 'n')",
                        "START TRANSACTION\n;;\nUPDATE app.p SET id = 0 WHERE id = 1\n;;\nUPDATE app.p SET id = 1 WHERE id = 2\n;;\nUPDATE app.p SET id = 2 WHERE id = 0\n;;\nCOMMIT",
                        "UPDATE app.p SET id = id + 10 ORDER BY id DESC",
                        "REPLACE INTO app.p VALUES (11, 'replaced', 99)",
                        "REPLACE INTO app.p VALUES (12, 'two keys', 30)",
                        "INSERT INTO app.p VALUES (13, 'x', 20) ON DUPLICATE KEY UPDATE v = 'dup'",
                        "INSERT INTO app.p VALUES (40, 'new', 40) ON DUPLICATE KEY UPDATE v = 'dup'",
                        "UPDATE app.p JOIN app.q ON app.q.id = app.p.id - 10 SET app.p.v = 'joined', app.q.v = app.q.v + 100",
                        "DELETE app.p, app.q FROM app.p JOIN app.q ON app.q.id = app.p.id - 10 WHERE app.q.id = 3",
                        "UPDATE app.g SET a = a + 10", "DELETE FROM app.g WHERE id = 1", "INSERT INTO app.g (id, a) VALUES (3, 3)",
                        "UPDATE app.bp SET t = 'z' WHERE b = '0123456780x'", "DELETE FROM app.bp WHERE b = '0123456789abc'",
                        "UPDATE app.ci SET k = 'A' WHERE k = 'a'", "UPDATE app.ci SET k = 'b ' WHERE k = 'B'",
                        "START TRANSACTION\n;;\nINSERT INTO app.q SELECT seq + 100, seq, seq FROM app.seq_1_to_5000\n;;\nINSERT INTO app.k SELECT seq, 'big' FROM app.seq_1_to_5000\n;;\n"
                                + "UPDATE app.q SET v = -v WHERE id > 100\n;;\nDELETE FROM app.k WHERE w = 'big' AND v % 2 = 0\n;;\nCOMMIT",
                },
                new String[] {"UPDATE app.u SET c = 'again' WHERE a = 1", "DELETE FROM app.k WHERE v = 1 LIMIT 1"});
    }

    @Test
    void ddlNamingOtherDatabasesPartitionsAndSequences(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        run(source, target, List.of("app", "my-db"),
                new String[] {"CREATE DATABASE app", "CREATE DATABASE other", "CREATE DATABASE `my-db`",
                        "CREATE TABLE app.pt (id INT NOT NULL, v INT, PRIMARY KEY (id)) PARTITION BY RANGE (id) "
                                + "(PARTITION p0 VALUES LESS THAN (10), PARTITION p1 VALUES LESS THAN (20), PARTITION p2 VALUES LESS THAN MAXVALUE)",
                        "INSERT INTO app.pt SELECT seq, seq FROM app.seq_1_to_30",
                        "CREATE TABLE app.a (id INT PRIMARY KEY)", "INSERT INTO app.a VALUES (1)",
                        "CREATE TABLE other.o (id INT PRIMARY KEY, v VARCHAR(5))", "INSERT INTO other.o VALUES (1, 'o')",
                        "CREATE TABLE other.o2 (id INT PRIMARY KEY)",
                        "CREATE TABLE app.out1 (id INT PRIMARY KEY)", "INSERT INTO app.out1 VALUES (1)",
                        "CREATE TABLE app.out2 (id INT PRIMARY KEY)", "INSERT INTO app.out2 VALUES (1)",
                        "CREATE TABLE `my-db`.`tëst-1` (`col 1` INT PRIMARY KEY, `ü` VARCHAR(5))", "INSERT INTO `my-db`.`tëst-1` VALUES (1, 'ä')",
                        "CREATE TABLE app.Upper (Id INT PRIMARY KEY, V INT)", "CREATE SEQUENCE app.seq0", "SELECT NEXTVAL(app.seq0)", "INSERT INTO app.Upper VALUES (1, 1)"},
                new String[] {
                        "ALTER TABLE app.pt TRUNCATE PARTITION p0",
                        "ALTER TABLE app.pt DROP PARTITION p1",
                        "ALTER TABLE app.pt REORGANIZE PARTITION p2 INTO (PARTITION p2 VALUES LESS THAN (25), PARTITION p3 VALUES LESS THAN MAXVALUE)",
                        "INSERT INTO app.pt VALUES (5, 5), (15, 15)",
                        "ALTER TABLE app.pt REMOVE PARTITIONING",
                        "ALTER TABLE app.a FORCE", "ALTER TABLE app.a ENGINE=InnoDB", "ALTER TABLE app.a ADD v INT, ORDER BY id",
                        "DROP TABLE app.a, other.o2",
                        "RENAME TABLE app.out1 TO other.out1",
                        "INSERT INTO other.out1 VALUES (2)", "DROP TABLE IF EXISTS app.out1",
                        // ALTER TABLE ... RENAME out of the selection is a RENAME TABLE: the target keeps the table as it was
                        "ALTER TABLE app.out2 ADD z INT, RENAME TO other.out2", "INSERT INTO other.out2 VALUES (2, 2)", "DROP TABLE IF EXISTS app.out2",
                        "RENAME TABLE `my-db`.`tëst-1` TO `my-db`.`tëst-2`",
                        "UPDATE `my-db`.`tëst-2` SET `ü` = 'ö'",
                        "ALTER TABLE `my-db`.`tëst-2` CHANGE `col 1` `col 2` BIGINT",
                        "INSERT INTO `my-db`.`tëst-2` VALUES (2, 'ß')",
                        "USE app\n;;\nALTER TABLE Upper ADD W INT\n;;\nUPDATE Upper SET W = 2\n;;\nRENAME TABLE Upper TO UPPER2",
                        "CREATE SEQUENCE app.seq1", "SELECT NEXTVAL(app.seq1)", "SELECT NEXTVAL(app.seq0)", "ALTER SEQUENCE app.seq0 RESTART 5", "DROP SEQUENCE app.seq1",
                },
                new String[] {"ALTER TABLE app.UPPER2 ADD ts INT", "INSERT INTO app.UPPER2 (Id) VALUES (5)"});
    }

    @Test
    void ddlDuringTheCopy(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE app",
                "CREATE TABLE app.big (id INT PRIMARY KEY, v VARCHAR(40))", "INSERT INTO app.big SELECT seq, MD5(seq) FROM app.seq_1_to_150000",
                "CREATE TABLE app.a (id INT PRIMARY KEY, v VARCHAR(10))", "CREATE TABLE app.b (id INT PRIMARY KEY, w INT, v VARCHAR(10))",
                "INSERT INTO app.a VALUES (1, 'a1'), (2, 'a2')", "INSERT INTO app.b VALUES (1, 1, 'b1')",
                "CREATE TABLE app.k (v INT, w VARCHAR(5))", "INSERT INTO app.k VALUES (1, 'a'), (1, 'a')",
                "CREATE TABLE app.u (a INT NULL, b INT NULL, c VARCHAR(5), UNIQUE KEY (a, b))", "INSERT INTO app.u VALUES (1, NULL, 'x'), (1, NULL, 'y')");
        TaskConfig task = Replication.task(target, TaskMode.ALL, List.of("app"), new LoadOptions(false, false, 2000, 2), null);
        try (Replication.Running running = Replication.Running.start(task, Replication.source(source, true))) {
            Thread.sleep(300);
            source.execute("RENAME TABLE app.a TO app.tmp, app.b TO app.a, app.tmp TO app.b",
                    "ALTER TABLE app.big ADD COLUMN f INT FIRST, CHANGE v v2 VARCHAR(40)",
                    "UPDATE app.big SET f = id WHERE id % 1000 = 0", "DELETE FROM app.big WHERE id % 777 = 0",
                    "INSERT INTO app.a VALUES (5, 5, 'was b')", "UPDATE app.b SET v = 'upd'",
                    "DELETE FROM app.k WHERE v = 1 LIMIT 1", "UPDATE app.u SET c = 'z' WHERE c = 'y'",
                    "ALTER TABLE app.u ADD COLUMN d INT FIRST");
            awaitCaughtUp(source, target, running, MARKER.incrementAndGet());
        }
        assertSameData(source, target, "app");
        assertSameSchema(source, target, "app");
    }

    @Test
    void aDdlThatRanBeforeACrashIsNotRunAgain(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE app", "CREATE TABLE app.a (id INT PRIMARY KEY, v VARCHAR(10))", "CREATE TABLE app.b (id INT PRIMARY KEY, w INT, v VARCHAR(10))",
                "INSERT INTO app.a VALUES (1, 'a1')", "INSERT INTO app.b VALUES (1, 1, 'b1')");
        TaskConfig task = Replication.task(target, TaskMode.ALL, List.of("app"), LoadOptions.defaults(), null);
        try (Replication.Running running = Replication.Running.start(task, Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, MARKER.incrementAndGet());
        }
        // statements that succeed a second time with another effect: a swap swaps back, an unnamed index is added twice
        for (String ddl : List.of("RENAME TABLE app.a TO app.tmp, app.b TO app.a, app.tmp TO app.b", "ALTER TABLE app.a ADD INDEX (w)")) {
            // the crash: the target runs the journalled DDL, then the commit that moves the checkpoint past it fails
            target.execute("CREATE TABLE sluice_meta.crash (id INT)", "INSERT INTO sluice_meta.crash VALUES (1)",
                    "CREATE TRIGGER sluice_meta.crash_insert BEFORE INSERT ON sluice_meta.checkpoint FOR EACH ROW "
                            + "IF (SELECT COUNT(*) FROM sluice_meta.crash) > 0 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'crash'; END IF",
                    "CREATE TRIGGER sluice_meta.crash_update BEFORE UPDATE ON sluice_meta.checkpoint FOR EACH ROW "
                            + "IF (SELECT COUNT(*) FROM sluice_meta.crash) > 0 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'crash'; END IF");
            source.execute(ddl);
            Replication.Running crashing = Replication.Running.start(task, Replication.source(source, true));
            assertThat(crashing.awaitEnd(java.time.Duration.ofMinutes(1))).hasMessageContaining("crash");
            assertThat(target.query("SELECT COUNT(*) FROM sluice_meta.ddl_journal")).containsExactly(List.of("1"));
            target.execute("DROP TABLE sluice_meta.crash", "DROP TRIGGER sluice_meta.crash_insert", "DROP TRIGGER sluice_meta.crash_update");

            source.execute("INSERT INTO app.a VALUES (" + MARKER.incrementAndGet() + ", 5, 'was b')", "INSERT INTO app.b VALUES (" + MARKER.get() + ", 'was a')");
            try (Replication.Running running = Replication.Running.start(task, Replication.source(source, true))) {
                awaitCaughtUp(source, target, running, MARKER.incrementAndGet());
            }
            assertSameData(source, target, "app");
            assertSameSchema(source, target, "app");
        }
    }
}
