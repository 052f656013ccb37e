package io.sluice.mysql.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.config.Secret;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.position.FilePosition;
import io.sluice.core.position.MariaDbGtidList;
import io.sluice.mysql.schema.InformationSchemaLoader;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Each way a binlog connection can fail ends in its own error code with a fix, and never shows the password. */
@ExtendWith(MariaDbExtension.class)
class BinlogErrorsIT {
    @Sandbox
    static MariaDbServer server;

    @Test
    void wrongPasswordIsAnAuthenticationError() throws Exception {
        String secret = "not-the-password-42";
        BinlogReaderConfig config = BinlogReaderConfig.of("127.0.0.1", server.port(), server.user(), new Secret(secret), 4242, currentFile());
        SluiceException error = runUntilFailure(config);
        assertThat(error.errorCode()).isEqualTo(ErrorCode.SOURCE_AUTHENTICATION_FAILED);
        assertThat(error.getMessage()).contains(server.user()).doesNotContain(secret);
    }

    @Test
    void missingReplicationPrivilegeIsNamed() throws Exception {
        server.execute("CREATE USER IF NOT EXISTS 'reader'@'127.0.0.1' IDENTIFIED BY 'pw-reader'",
                "GRANT SELECT ON *.* TO 'reader'@'127.0.0.1'");
        BinlogReaderConfig config = BinlogReaderConfig.of("127.0.0.1", server.port(), "reader", new Secret("pw-reader"), 4243, currentFile());
        SluiceException error = runUntilFailure(config);
        assertThat(error.errorCode()).isEqualTo(ErrorCode.SOURCE_PRIVILEGE_MISSING);
        assertThat(error.getMessage()).contains("REPLICATION SLAVE").doesNotContain("pw-reader");
    }

    @Test
    void purgedBinlogIsReportedWithTheFix() throws Exception {
        // make sure the purged file holds the GTID asked for below
        server.execute("CREATE DATABASE IF NOT EXISTS purged", "CREATE TABLE IF NOT EXISTS purged.t (id INT)", "INSERT INTO purged.t VALUES (1)");
        FilePosition old = currentFile();
        server.execute("INSERT INTO purged.t VALUES (2)");
        server.execute("FLUSH BINARY LOGS");
        FilePosition now = currentFile();
        // MariaDB keeps a binlog until InnoDB's checkpoint for it is written; retry until it is gone
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        do {
            server.execute("PURGE BINARY LOGS TO '" + now.file() + "'");
            Thread.sleep(100);
        }
        while (server.query("SHOW BINARY LOGS").stream().anyMatch(row -> row.getFirst().equals(old.file())) && System.nanoTime() < deadline);
        assertThat(server.query("SHOW BINARY LOGS")).noneMatch(row -> row.getFirst().equals(old.file()));
        SluiceException byFile = runUntilFailure(BinlogCapture.config(server, old));
        assertThat(byFile.errorCode()).isEqualTo(ErrorCode.BINLOG_PURGED);
        assertThat(byFile.fix()).contains("task-mode: all");

        SluiceException byGtid = runUntilFailure(BinlogCapture.config(server, MariaDbGtidList.parse("0-" + server.serverId() + "-1")));
        assertThat(byGtid.errorCode()).isEqualTo(ErrorCode.BINLOG_PURGED);

        SluiceException ahead = runUntilFailure(BinlogCapture.config(server, MariaDbGtidList.parse("0-" + server.serverId() + "-99999")));
        assertThat(ahead.errorCode()).isEqualTo(ErrorCode.BINLOG_PURGED);
        assertThat(ahead.getMessage()).contains("never wrote it").doesNotContain("no longer on");
        assertThat(ahead.fix()).contains("@@gtid_binlog_pos");
    }

    @Test
    void unreachableSourceIsRetriedThenReported() throws Exception {
        BinlogReaderConfig config = BinlogReaderConfig.of("127.0.0.1", 1, server.user(), new Secret(server.password()), 4244,
                FilePosition.parse("mysql-bin.000001:4")).withReconnectTimeout(Duration.ofSeconds(2));
        SluiceException error = runUntilFailure(config);
        assertThat(error.errorCode()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE);
        assertThat(error.getMessage()).contains("127.0.0.1:1").contains("Gave up after retrying");
    }

    @Test
    void binlogOffIsReported(@Sandbox(logBin = false) MariaDbServer noBinlog) throws Exception {
        try (Connection connection = noBinlog.connect()) {
            assertThatThrownBy(() -> SourcePositions.currentEnd(connection))
                    .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BINLOG_NOT_ENABLED));
        }
        SluiceException error = runUntilFailure(BinlogCapture.config(noBinlog, FilePosition.parse("mysql-bin.000001:4")));
        assertThat(error.errorCode()).isEqualTo(ErrorCode.BINLOG_NOT_ENABLED);
    }

    private static FilePosition currentFile() throws Exception {
        try (Connection connection = server.connect()) {
            return SourcePositions.currentEnd(connection).file();
        }
    }

    private static SluiceException runUntilFailure(BinlogReaderConfig config) throws InterruptedException {
        BinlogReader reader = new BinlogReader(config, null, new InformationSchemaLoader(server::connect), transaction -> { });
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                reader.run();
            }
            catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.start();
        thread.join(TimeUnit.SECONDS.toMillis(60));
        if (thread.isAlive()) {
            reader.stop();
            thread.join();
            throw new AssertionError("reader kept running instead of failing");
        }
        assertThat(failure.get()).as("reader failure").isInstanceOf(SluiceException.class);
        return (SluiceException) failure.get();
    }
}
