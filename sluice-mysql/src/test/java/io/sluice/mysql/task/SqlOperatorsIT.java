package io.sluice.mysql.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.position.FilePosition;
import io.sluice.core.task.LoadOptions;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * sql-skip, sql-replace and sql-inject as a DBA uses them: the subtask pauses on a DDL the target
 * rejects, with the position to name in its error; an operator is registered; the task resumes
 * (a new subtask run) and the operator applies once and is consumed, even across restarts.
 */
@ExtendWith(MariaDbExtension.class)
class SqlOperatorsIT {
    private static final Pattern SKIP_POSITION = Pattern.compile("sql-skip --binlog-pos (\\S+) ");

    @Test
    void skipByPositionGetsPastADdlTheTargetRejects(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        TaskConfig task = startWithTable(source, target);
        FilePosition at = failOnDuplicateColumn(source, target, task, "ALTER TABLE app.t ADD COLUMN extra INT", "INSERT INTO app.t VALUES (3, 3, 30)");

        // resuming without an operator pauses again: a rejected DDL is not mistaken for one that already ran
        try (Replication.Running running = start(task, source, new SqlOperators())) {
            assertThat(position(failure(running))).isEqualTo(at);
        }

        SqlOperators operators = new SqlOperators();
        List<String> consumed = listen(operators);
        operators.add(SqlOperator.skip("skip-1", at));
        try (Replication.Running running = start(task, source, operators)) {
            Replication.awaitCaughtUp(source, target, running, 2);
            // the schema tracker followed the skipped DDL: rows with the new column decode and apply
            source.execute("INSERT INTO app.t VALUES (4, 4, 40)", "UPDATE app.t SET extra = 10 WHERE id = 1");
            Replication.awaitCaughtUp(source, target, running, 3);
            assertThat(consumed).containsExactly("skip-1@" + at);
            assertThat(operators.list()).isEmpty();
        }
        assertThat(target.query("SELECT id, COALESCE(extra, -1) FROM app.t ORDER BY id"))
                .containsExactly(List.of("1", "10"), List.of("2", "-1"), List.of("3", "30"), List.of("4", "40"));
        assertThat(target.query("SELECT COUNT(*) FROM sluice_meta.ddl_journal")).containsExactly(List.of("0"));
        Replication.assertSameData(source, target, "app");
    }

    @Test
    void replaceByPatternRunsOtherStatementsOnceEvenAfterARestart(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        TaskConfig task = startWithTable(source, target);
        FilePosition at = failOnDuplicateColumn(source, target, task, "ALTER TABLE app.t ADD COLUMN extra INT, ADD COLUMN note VARCHAR(20)",
                "INSERT INTO app.t VALUES (3, 3, 30, 'three;3')");

        SqlOperators operators = new SqlOperators();
        List<String> consumed = listen(operators);
        SqlOperator replace = SqlOperator.replace("replace-1", SqlOperator.parsePattern("~(?i)add column extra"),
                SqlStatements.parseDdl("ALTER TABLE app.t ADD COLUMN note VARCHAR(20) COMMENT 'n;a'; ALTER TABLE `app`.`t` ADD INDEX note_idx (note);", "sql-replace"));
        operators.add(replace);
        try (Replication.Running running = start(task, source, operators)) {
            Replication.awaitCaughtUp(source, target, running, 2);
            source.execute("INSERT INTO app.t VALUES (4, 4, 40, 'four')");
            Replication.awaitCaughtUp(source, target, running, 3);
            assertThat(consumed).containsExactly("replace-1@" + at);
        }
        assertThat(target.query("SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = 'app' AND TABLE_NAME = 't' AND INDEX_NAME = 'note_idx'"))
                .containsExactly(List.of("1"));
        assertThat(target.query("SELECT operator_id, CONCAT(binlog_file, ':', binlog_pos) FROM sluice_meta.sql_operator"))
                .containsExactly(List.of("replace-1", at.toString()));

        // a control plane that kept the operator (it crashed before hearing of the consumption) registers it again:
        // the target's record says it was applied, so a later DDL the pattern also finds runs as it is
        SqlOperators again = new SqlOperators();
        List<String> consumedAgain = listen(again);
        again.add(replace);
        try (Replication.Running running = start(task, source, again)) {
            source.execute("ALTER TABLE app.t ADD COLUMN extra2 INT", "INSERT INTO app.t VALUES (5, 5, 50, 'five', 500)");
            Replication.awaitCaughtUp(source, target, running, 4);
            assertThat(consumedAgain).containsExactly("replace-1@" + at);
            assertThat(again.list()).isEmpty();
        }
        Replication.assertSameData(source, target, "app");
    }

    @Test
    void injectedStatementsRunBeforeTheNextTransactionOnce(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        TaskConfig task = startWithTable(source, target);
        SqlOperators operators = new SqlOperators();
        List<String> consumed = listen(operators);
        try (Replication.Running running = start(task, source, operators)) {
            Replication.awaitCaughtUp(source, target, running, 1);
            operators.add(SqlInjection.parse("inject-1",
                    "CREATE DATABASE injected; CREATE TABLE injected.log (id INT PRIMARY KEY, note VARCHAR(20) DEFAULT 'a;b'); "
                            + "ALTER TABLE injected.log ADD COLUMN at_id INT;"));
            // nothing happens while the source is idle: injections wait for the next source event
            Thread.sleep(3000);
            assertThat(RuleTasks.databaseExists(target, "injected")).isFalse();
            source.execute("INSERT INTO app.t VALUES (5, 5)");
            Replication.awaitCaughtUp(source, target, running, 2);
            assertThat(target.query("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'injected' ORDER BY ORDINAL_POSITION"))
                    .containsExactly(List.of("id"), List.of("note"), List.of("at_id"));
            assertThat(target.query("SELECT COLUMN_DEFAULT FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'injected' AND COLUMN_NAME = 'note'"))
                    .containsExactly(List.of("'a;b'"));
            assertThat(consumed).hasSize(1).first().asString().startsWith("inject-1@");
            assertThat(operators.injections()).isEmpty();
        }

        // registered again after a restart: recorded as applied, so not run twice (CREATE DATABASE would fail)
        SqlOperators again = new SqlOperators();
        again.add(SqlInjection.parse("inject-1", "CREATE DATABASE injected;"));
        try (Replication.Running running = start(task, source, again)) {
            source.execute("INSERT INTO app.t VALUES (6, 6)");
            Replication.awaitCaughtUp(source, target, running, 3);
            assertThat(again.isEmpty()).isTrue();
        }
        Replication.assertSameData(source, target, "app");
    }

    /**
     * The target connection dies while the replacement runs (as in a crash), and the operator is
     * gone from the registry by the time the DDL is delivered again: the DDL journal still says what
     * may have run, so that is completed, rather than the source DDL the target rejects.
     */
    @Test
    void aReplacementCutOffMidwayIsCompletedFromTheJournal(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        TaskConfig task = startWithTable(source, target);
        FilePosition at = failOnDuplicateColumn(source, target, task, "ALTER TABLE app.t ADD COLUMN extra INT", "INSERT INTO app.t VALUES (3, 3, 30)");

        SqlOperators operators = new SqlOperators();
        List<String> consumed = listen(operators);
        operators.add(SqlOperator.replace("replace-2", at,
                SqlStatements.parseDdl("CREATE DATABASE side; CREATE TABLE side.log (id INT PRIMARY KEY); ALTER TABLE app.t ADD INDEX v_idx (v);", "sql-replace")));
        try (Connection holder = target.connect()) {
            // an open transaction that read app.t holds its metadata lock: the replacement's ALTER waits for it
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.executeQuery("SELECT * FROM app.t").close();
            }
            try (Replication.Running running = start(task, source, operators)) {
                String waiting = awaitWaitingAlter(target);
                operators.remove("replace-2");
                target.execute("KILL " + waiting);
                holder.commit();
                Replication.awaitCaughtUp(source, target, running, 2);
                source.execute("INSERT INTO app.t VALUES (4, 4, 40)");
                Replication.awaitCaughtUp(source, target, running, 3);
            }
        }
        assertThat(consumed).isEmpty();
        assertThat(RuleTasks.tables(target, "side")).containsExactly("log");
        assertThat(target.query("SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = 'app' AND TABLE_NAME = 't' AND INDEX_NAME = 'v_idx'"))
                .containsExactly(List.of("1"));
        assertThat(target.query("SELECT operator_id FROM sluice_meta.sql_operator")).containsExactly(List.of("replace-2"));
        assertThat(target.query("SELECT COUNT(*) FROM sluice_meta.ddl_journal")).containsExactly(List.of("0"));
        Replication.assertSameData(source, target, "app");
    }

    private static TaskConfig startWithTable(MariaDbServer source, MariaDbServer target) {
        source.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY, v INT)", "INSERT INTO app.t VALUES (1, 1), (2, 2)");
        return Replication.task(target, TaskMode.ALL, List.of("app"), LoadOptions.defaults(), null);
    }

    /**
     * Replicates until the target, given a column of its own, rejects the source's {@code ddl}
     * (followed by {@code then}); returns the position the error tells the DBA to name.
     */
    private static FilePosition failOnDuplicateColumn(MariaDbServer source, MariaDbServer target, TaskConfig task, String ddl, String then) throws Exception {
        try (Replication.Running running = start(task, source, new SqlOperators())) {
            Replication.awaitCaughtUp(source, target, running, 1);
            target.execute("ALTER TABLE app.t ADD COLUMN extra INT");
            source.execute(ddl, then);
            SluiceException error = failure(running);
            assertThat(error.errorCode()).isEqualTo(ErrorCode.TARGET_DDL_FAILED);
            FilePosition at = position(error);
            assertThat(error.reason()).contains("at " + at + ": " + ddl, "Duplicate column");
            assertThat(error.fix()).contains("sql-replace --binlog-pos " + at + " ", "resume-task");
            return at;
        }
    }

    private static Replication.Running start(TaskConfig task, MariaDbServer source, SqlOperators operators) {
        return new Replication.Running(new MysqlSubtask(task, task.instances().getFirst(), Replication.source(source, true), 1234567, operators));
    }

    private static SluiceException failure(Replication.Running running) throws InterruptedException {
        Throwable failure = running.awaitEnd(Duration.ofMinutes(2));
        assertThat(failure).isInstanceOf(SluiceException.class);
        return (SluiceException) failure;
    }

    /** The position as the DBA copies it from the error's fix. */
    private static FilePosition position(SluiceException error) {
        Matcher matcher = SKIP_POSITION.matcher(error.fix());
        assertThat(matcher.find()).as("fix names the position: %s", error.fix()).isTrue();
        return FilePosition.parse(matcher.group(1));
    }

    private static List<String> listen(SqlOperators operators) {
        List<String> consumed = new CopyOnWriteArrayList<>();
        operators.addListener((id, at) -> consumed.add(id + "@" + at));
        return consumed;
    }

    private static String awaitWaitingAlter(MariaDbServer target) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            List<List<String>> rows = target.query("SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE 'ALTER TABLE app.t ADD INDEX v_idx%' "
                    + "AND STATE LIKE '%metadata lock%'");
            if (!rows.isEmpty()) {
                return rows.getFirst().getFirst();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the replacement never waited for the metadata lock");
    }
}
