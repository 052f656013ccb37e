package io.sluice.testkit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MariaDbServerIT
{
    @Test
    void startsTwoServersAtOnceWithTheirOwnOptions()
            throws Exception
    {
        MariaDbConfig defaults = MariaDbConfig.builder().build();
        MariaDbConfig custom = MariaDbConfig.builder()
                .logBin(false)
                .binlogFormat("STATEMENT")
                .binlogRowImage("MINIMAL")
                .binlogRowMetadata("NO_LOG")
                .serverId(42)
                .gtidStrictMode(false)
                .logSlaveUpdates(true)
                .lowerCaseTableNames(1)
                .sqlMode("ANSI_QUOTES,STRICT_ALL_TABLES")
                .maxAllowedPacket("16M")
                .option("binlog_annotate_row_events", "OFF")
                .user("app")
                .password("p'w\\d")
                .build();

        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<MariaDbServer> first = CompletableFuture.supplyAsync(() -> MariaDbServer.start(defaults), executor);
            CompletableFuture<MariaDbServer> second = CompletableFuture.supplyAsync(() -> MariaDbServer.start(custom), executor);
            try (MariaDbServer a = first.join(); MariaDbServer b = second.join()) {
                assertThat(a.host()).isEqualTo("127.0.0.1");
                assertThat(a.port()).isNotEqualTo(b.port()).isNotEqualTo(3306);
                assertThat(b.port()).isNotEqualTo(3306);
                assertThat(a.dataDir()).isNotEqualTo(b.dataDir());
                assertThat(a.jdbcUrl()).isEqualTo("jdbc:mariadb://127.0.0.1:" + a.port() + "/");
                assertThat(a.serverId()).isGreaterThanOrEqualTo(1000);
                assertThat(a.config().serverId()).hasValue(a.serverId());
                assertThat(a.user()).isEqualTo("sluice");
                assertThat(a.password()).isNotBlank().isEqualTo(a.config().password().orElseThrow());

                assertThat(a.query("SELECT @@binlog_format, @@server_id, @@log_bin, @@binlog_row_image, @@lower_case_table_names, " +
                        "@@gtid_strict_mode, @@binlog_row_metadata, @@log_slave_updates, @@max_allowed_packet, @@binlog_annotate_row_events, " +
                        "@@bind_address, @@port, @@datadir, @@character_set_server"))
                        .containsExactly(List.of("ROW", Long.toString(a.serverId()), "1", "FULL", "0",
                                "1", "FULL", "0", Integer.toString(64 * 1024 * 1024), "1",
                                "127.0.0.1", Integer.toString(a.port()), a.dataDir() + "/", "utf8mb4"));
                assertThat(a.query("SELECT @@log_bin_basename")).containsExactly(List.of(a.dataDir().resolve("mysql-bin").toString()));

                assertThat(b.serverId()).isEqualTo(42);
                assertThat(b.user()).isEqualTo("app");
                assertThat(b.password()).isEqualTo("p'w\\d");
                assertThat(b.query("SELECT @@binlog_format, @@server_id, @@log_bin, @@binlog_row_image, @@lower_case_table_names, " +
                        "@@gtid_strict_mode, @@binlog_row_metadata, @@log_slave_updates, @@max_allowed_packet, @@binlog_annotate_row_events, " +
                        "@@GLOBAL.sql_mode"))
                        .containsExactly(List.of("STATEMENT", "42", "0", "MINIMAL", "1",
                                "0", "NO_LOG", "1", Integer.toString(16 * 1024 * 1024), "0",
                                "ANSI_QUOTES,STRICT_ALL_TABLES"));
            }
        }
        finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aStartingServerLeavesTheTemporaryTablesOfOthersAlone()
            throws Exception
    {
        // mariadbd deletes every #sql* file in its tmpdir when it starts: with a shared /tmp, a
        // temporary table of a running server lost its files and dropping it crashed that server
        try (MariaDbServer first = MariaDbServer.start(MariaDbConfig.builder().build());
                Connection connection = DriverManager.getConnection(first.jdbcUrl(), first.user(), first.password())) {
            connection.createStatement().execute("CREATE DATABASE test");
            connection.createStatement().execute("CREATE TEMPORARY TABLE test.scratch (a INT) ENGINE=Aria");
            connection.createStatement().execute("INSERT INTO test.scratch VALUES (1)");
            try (MariaDbServer second = MariaDbServer.start(MariaDbConfig.builder().build())) {
                assertThat(first.query("SELECT @@tmpdir").getFirst().getFirst())
                        .isEqualTo(first.dataDir().resolve(".tmp").toString())
                        .isNotEqualTo(second.query("SELECT @@tmpdir").getFirst().getFirst());
            }
            connection.createStatement().execute("DROP TEMPORARY TABLE test.scratch");
            assertThat(first.isRunning()).isTrue();
            assertThat(first.query("SHOW DATABASES").stream().map(List::getFirst).toList())
                    .containsExactlyInAnyOrder("information_schema", "mysql", "performance_schema", "sys", "test");
        }
    }

    @Test
    void testUserHasAllPrivilegesAndRootOnlyTheSocket()
            throws Exception
    {
        try (MariaDbServer server = MariaDbServer.start(MariaDbConfig.builder().build())) {
            assertThat(server.query("SELECT CURRENT_USER()")).containsExactly(List.of("sluice@127.0.0.1"));
            assertThat(server.query("SHOW GRANTS")).singleElement().asString()
                    .contains("GRANT ALL PRIVILEGES ON *.* TO `sluice`@`127.0.0.1`")
                    .contains("WITH GRANT OPTION");
            assertThat(server.query("SELECT user, host FROM mysql.user WHERE user IN ('sluice', 'root') ORDER BY user, host"))
                    .containsExactly(List.of("root", "localhost"), List.of("sluice", "127.0.0.1"), List.of("sluice", "localhost"));
            try (Connection connection = server.connect()) {
                assertThat(connection.getAutoCommit()).isTrue();
            }
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), "root", ""))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Access denied");

            // setting up the account left nothing in the binlog
            assertThat(server.query("SELECT @@gtid_binlog_pos")).containsExactly(List.of(""));
            assertThat(server.query("SHOW BINLOG EVENTS"))
                    .extracting(row -> row.get(2))
                    .doesNotContain("Query", "Gtid");

            Path client = Path.of("/usr/bin/mariadb");
            assumeTrue(Files.isExecutable(client), "mariadb client not installed");
            Process process = new ProcessBuilder(client.toString(), "--no-defaults", "--user=root",
                    "--socket=" + server.dataDir().resolve("mysql.sock"), "--batch", "--skip-column-names", "--execute=SELECT CURRENT_USER()")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(output).isZero();
            assertThat(output.trim()).isEqualTo("root@localhost");
        }
    }

    @Test
    void killThenRestartKeepsCommittedData()
    {
        try (MariaDbServer server = MariaDbServer.start(MariaDbConfig.builder().build())) {
            int port = server.port();
            long pid = server.pid();
            server.execute(
                    "CREATE DATABASE shop",
                    "CREATE TABLE shop.items (id INT PRIMARY KEY, name VARCHAR(20))",
                    "INSERT INTO shop.items VALUES (1, 'one'), (2, 'two')");

            server.kill();

            assertThat(server.isRunning()).isFalse();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(server.dataDir()).isDirectory();

            server.restart();

            assertThat(server.isRunning()).isTrue();
            assertThat(server.port()).isEqualTo(port);
            assertThat(server.pid()).isNotEqualTo(pid);
            assertThat(server.query("SELECT id, name FROM shop.items ORDER BY id"))
                    .containsExactly(List.of("1", "one"), List.of("2", "two"));
            assertThat(server.query("SELECT @@gtid_binlog_pos")).containsExactly(List.of("0-" + server.serverId() + "-3"));
        }
    }

    @Test
    void stopShutsDownCleanlyAndRestartResumes()
            throws IOException
    {
        try (MariaDbServer server = MariaDbServer.start(MariaDbConfig.builder().build())) {
            int port = server.port();
            long pid = server.pid();
            server.execute("CREATE DATABASE shop", "CREATE TABLE shop.items (id INT PRIMARY KEY)", "INSERT INTO shop.items VALUES (7)");

            server.stop();
            server.stop();

            assertThat(server.isRunning()).isFalse();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(Files.readString(server.dataDir().resolve("error.log"))).contains("Shutdown complete");

            server.restart();

            assertThat(server.port()).isEqualTo(port);
            assertThat(server.query("SELECT id FROM shop.items")).containsExactly(List.of("7"));

            // restart of a running server stops it first
            long runningPid = server.pid();
            server.restart();

            assertThat(server.pid()).isNotEqualTo(runningPid);
            assertThat(ProcessHandle.of(runningPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(server.query("SELECT id FROM shop.items")).containsExactly(List.of("7"));
        }
    }

    @Test
    void closeKillsTheProcessAndDeletesTheDatadir()
    {
        MariaDbServer server = MariaDbServer.start(MariaDbConfig.builder().build());
        long pid = server.pid();
        Path dataDir = server.dataDir();
        assertThat(dataDir).isDirectory();
        assertThat(ProcessHandle.of(pid)).isPresent();

        server.close();

        assertThat(server.isRunning()).isFalse();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(dataDir).doesNotExist();

        server.close();
        assertThatThrownBy(server::restart)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void closeAfterStopDeletesTheDatadir()
    {
        MariaDbServer server = MariaDbServer.start(MariaDbConfig.builder().build());
        server.stop();

        server.close();

        assertThat(server.dataDir()).doesNotExist();
    }

    @Test
    void executeAndQueryHelpers()
    {
        try (MariaDbServer server = MariaDbServer.start(MariaDbConfig.builder().build())) {
            server.execute(
                    "CREATE DATABASE d",
                    "SET @x = 'carried over'",
                    "CREATE TABLE d.t (id INT PRIMARY KEY, note VARCHAR(20))",
                    "INSERT INTO d.t VALUES (1, @x), (2, NULL)");

            assertThat(server.query("SELECT id, note FROM d.t ORDER BY id"))
                    .containsExactly(List.of("1", "carried over"), java.util.Arrays.asList("2", null));
            assertThatThrownBy(() -> server.execute("INSERT INTO d.t VALUES (3, 'x')", "INSERT INTO d.t VALUES (1, 'dup')"))
                    .isInstanceOf(RuntimeException.class)
                    .hasMessageContaining("INSERT INTO d.t VALUES (1, 'dup')")
                    .hasMessageContaining("Duplicate entry");
            assertThatThrownBy(() -> server.query("SELECT nope FROM d.t"))
                    .hasMessageContaining("SELECT nope FROM d.t");
            assertThat(server.query("SELECT COUNT(*) FROM d.t")).containsExactly(List.of("3"));
        }
    }

    @Test
    void failedStartReportsTheErrorLogAndCleansUp()
    {
        MariaDbConfig config = MariaDbConfig.builder().option("no_such_option", "1").build();

        Throwable failure = catchThrowable(() -> MariaDbServer.start(config));

        assertThat(failure)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with code")
                .hasMessageContaining("unknown variable 'no_such_option=1'");
        Matcher dataDir = Pattern.compile("\\(datadir ([^)]+)\\)").matcher(failure.getMessage());
        assertThat(dataDir.find()).as(failure.getMessage()).isTrue();
        assertThat(Path.of(dataDir.group(1))).doesNotExist();
    }
}
