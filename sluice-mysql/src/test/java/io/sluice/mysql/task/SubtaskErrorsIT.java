package io.sluice.mysql.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.config.Secret;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.task.Endpoint;
import io.sluice.core.task.LoadOptions;
import io.sluice.core.task.SourceConfig;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

/** Each misconfiguration stops the subtask before it writes anything, with its own code and the fix. */
@ExtendWith(MariaDbExtension.class)
class SubtaskErrorsIT {
    @Sandbox
    static MariaDbServer target;

    @Test
    void statementBasedBinlogIsRefused(@Sandbox(binlogFormat = "STATEMENT") MariaDbServer source) throws Exception {
        SluiceException error = run(source, Replication.source(source, true));
        assertThat(error.errorCode()).isEqualTo(ErrorCode.BINLOG_FORMAT_UNSUPPORTED);
        assertThat(error.fix()).contains("binlog_format='ROW'");
    }

    @Test
    void partialRowImagesAreRefused(@Sandbox(binlogRowImage = "MINIMAL") MariaDbServer source) throws Exception {
        SluiceException error = run(source, Replication.source(source, true));
        assertThat(error.errorCode()).isEqualTo(ErrorCode.BINLOG_FORMAT_UNSUPPORTED);
        assertThat(error.getMessage()).contains("binlog_row_image=MINIMAL");
    }

    @Test
    void binlogOffIsRefused(@Sandbox(logBin = false) MariaDbServer source) throws Exception {
        assertThat(run(source, Replication.source(source, true)).errorCode()).isEqualTo(ErrorCode.BINLOG_NOT_ENABLED);
    }

    @Test
    void missingReplicationPrivilegeIsNamed(@Sandbox MariaDbServer source) throws Exception {
        source.execute("CREATE USER 'copier'@'127.0.0.1' IDENTIFIED BY 'pw-copier-1'", "GRANT SELECT ON *.* TO 'copier'@'127.0.0.1'");
        SourceConfig limited = new SourceConfig("mysql-replica-01", true, new Endpoint("127.0.0.1", source.port(), "copier", new Secret("pw-copier-1")));
        SluiceException error = run(source, limited);
        assertThat(error.errorCode()).isEqualTo(ErrorCode.SOURCE_PRIVILEGE_MISSING);
        assertThat(error.getMessage()).contains("REPLICATION SLAVE").doesNotContain("pw-copier-1");
    }

    @Test
    void wrongSourcePasswordIsAnAuthenticationError(@Sandbox MariaDbServer source) throws Exception {
        SourceConfig wrong = new SourceConfig("mysql-replica-01", true, new Endpoint("127.0.0.1", source.port(), source.user(), new Secret("nope-123")));
        SluiceException error = run(source, wrong);
        assertThat(error.errorCode()).isEqualTo(ErrorCode.SOURCE_AUTHENTICATION_FAILED);
        assertThat(error.getMessage()).doesNotContain("nope-123");
    }

    @Test
    void wrongTargetPasswordIsAnAuthenticationError(@Sandbox MariaDbServer source) throws Exception {
        TaskConfig task = new TaskConfig("test-task", TaskMode.ALL, "sluice_meta",
                new Endpoint("127.0.0.1", target.port(), target.user(), new Secret("bad-target-pw")),
                Replication.task(target, TaskMode.ALL, List.of("app"), LoadOptions.defaults(), null).instances(), LoadOptions.defaults());
        Replication.Running running = Replication.Running.start(task, Replication.source(source, true));
        Throwable failure = running.awaitEnd(Duration.ofMinutes(1));
        assertThat(failure).isInstanceOf(SluiceException.class);
        assertThat(((SluiceException) failure).errorCode()).isEqualTo(ErrorCode.TARGET_AUTHENTICATION_FAILED);
        assertThat(failure.getMessage()).doesNotContain("bad-target-pw");
    }

    private static SluiceException run(MariaDbServer source, SourceConfig sourceConfig) throws Exception {
        TaskConfig task = Replication.task(target, TaskMode.ALL, List.of("app"), LoadOptions.defaults(), null);
        Replication.Running running = Replication.Running.start(task, sourceConfig);
        Throwable failure = running.awaitEnd(Duration.ofMinutes(1));
        assertThat(failure).isInstanceOf(SluiceException.class);
        // nothing was written to the target before the checks passed
        assertThat(target.query("SHOW DATABASES LIKE 'sluice_meta'")).isEmpty();
        return (SluiceException) failure;
    }

    @Test
    void divergedTargetsStopSyncWithTheCauseAndKeepTheCheckpoint(@Sandbox MariaDbServer source, @Sandbox MariaDbServer own) throws Exception {
        source.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY, v INT)", "CREATE TABLE app.u (id INT PRIMARY KEY)");
        TaskConfig task = Replication.task(own, TaskMode.ALL, List.of("app"), LoadOptions.defaults(), null);
        try (Replication.Running running = Replication.Running.start(task, Replication.source(source, true))) {
            Replication.awaitCaughtUp(source, own, running, 1);
            own.execute("INSERT INTO app.t VALUES (7, 0)");
            source.execute("INSERT INTO app.t VALUES (7, 1)");
            Throwable failure = running.awaitEnd(Duration.ofMinutes(1));
            assertThat(((SluiceException) failure).errorCode()).isEqualTo(ErrorCode.TARGET_APPLY_FAILED);
            assertThat(failure.getMessage()).contains("Duplicate entry");
        }
        String checkpoint = own.query("SELECT binlog_gtid FROM sluice_meta.checkpoint").getFirst().getFirst();

        // the target resolves the conflict; running again continues with the failed transaction
        own.execute("DELETE FROM app.t WHERE id = 7", "DROP TABLE app.u");
        source.execute("INSERT INTO app.u VALUES (1)");
        try (Replication.Running running = Replication.Running.start(task, Replication.source(source, true))) {
            Throwable failure = running.awaitEnd(Duration.ofMinutes(1));
            assertThat(((SluiceException) failure).errorCode()).isEqualTo(ErrorCode.TARGET_TABLE_MISSING);
        }

        own.execute("CREATE TABLE app.u (id INT PRIMARY KEY)", "ALTER TABLE app.t ADD COLUMN extra INT");
        source.execute("ALTER TABLE app.t ADD COLUMN extra INT");
        try (Replication.Running running = Replication.Running.start(task, Replication.source(source, true))) {
            Throwable failure = running.awaitEnd(Duration.ofMinutes(1));
            assertThat(((SluiceException) failure).errorCode()).isEqualTo(ErrorCode.TARGET_DDL_FAILED);
            assertThat(failure.getMessage()).contains("ADD COLUMN extra");
        }
        // everything before the failing DDL took effect, exactly once, and the checkpoint moved
        assertThat(own.query("SELECT v FROM app.t WHERE id = 7")).containsExactly(List.of("1"));
        assertThat(own.query("SELECT id FROM app.u")).containsExactly(List.of("1"));
        assertThat(own.query("SELECT binlog_gtid FROM sluice_meta.checkpoint").getFirst().getFirst()).isNotEqualTo(checkpoint);
    }
}
