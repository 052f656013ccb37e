package io.sluice.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.launcher.Sluice;
import io.sluice.testkit.MariaDbConfig;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code sluice run} against each misconfiguration of DESIGN item 7 (binlog off, STATEMENT,
 * MINIMAL images, authentication, missing privilege, unreachable source and target, purged binlog,
 * a target table of another shape): each stops the run with exit code 2 and one line
 * {@code error: SLUICE-NNNNN CODE: cause Fix: fix}, and no password is ever printed.
 */
@ExtendWith(MariaDbExtension.class)
class RunErrorsIT {
    @Sandbox
    MariaDbServer target;
    @TempDir
    Path dir;
    String purgedFrom;

    @Test
    void eachMisconfigurationStopsTheRunWithItsCodeAndFix(@Sandbox MariaDbServer source, @Sandbox(binlogFormat = "STATEMENT") MariaDbServer statement,
            @Sandbox(binlogRowImage = "MINIMAL") MariaDbServer minimal, @Sandbox(logBin = false) MariaDbServer off) throws Exception {
        for (MariaDbServer server : new MariaDbServer[] {source, statement, minimal, off}) {
            server.execute("CREATE DATABASE shop", "CREATE TABLE shop.orders (id INT PRIMARY KEY, note VARCHAR(20))", "INSERT INTO shop.orders VALUES (1, 'x')");
        }
        assertStops(run(statement, statement.password()), "SLUICE-20005 BINLOG_FORMAT_UNSUPPORTED", "binlog_format='ROW'");
        assertStops(run(minimal, minimal.password()), "SLUICE-20005 BINLOG_FORMAT_UNSUPPORTED", "binlog_row_image='FULL'");
        assertStops(run(off, off.password()), "SLUICE-20004 BINLOG_NOT_ENABLED", "log_bin");
        assertStops(run(source, "wrong-source-password"), "SLUICE-20002 SOURCE_AUTHENTICATION_FAILED", "password in the source file");
        source.execute("CREATE USER 'weak'@'%' IDENTIFIED BY 'weak-password'", "GRANT SELECT ON *.* TO 'weak'@'%'");
        assertStops(runAs(source, "weak", "weak-password", target.password(), target.port()), "SLUICE-20003 SOURCE_PRIVILEGE_MISSING", "REPLICATION SLAVE");
        assertStops(runAs(source, source.user(), source.password(), "wrong-target-password", target.port()),
                "SLUICE-21002 TARGET_AUTHENTICATION_FAILED", "target-database");
        assertStops(runAs(source, source.user(), source.password(), target.password(), 1), "SLUICE-21001 TARGET_UNREACHABLE", "running the task again");

        // an incremental start from a binlog the source purged
        source.execute("FLUSH BINARY LOGS", "INSERT INTO shop.orders VALUES (2, 'y')", "FLUSH BINARY LOGS");
        source.execute("PURGE BINARY LOGS TO '" + source.query("SHOW MASTER STATUS").getFirst().getFirst() + "'");
        purgedFrom = "mysql-bin.000001";
        assertStops(run(source, source.password()), "SLUICE-20006 BINLOG_PURGED", "task-mode: all");
        purgedFrom = null;

        // a target table that exists with other columns
        target.execute("CREATE DATABASE shop", "CREATE TABLE shop.orders (id INT PRIMARY KEY, other INT)");
        assertStops(run(source, source.password()), "SLUICE-21004 TARGET_APPLY_FAILED", "columns match the source");

        MariaDbServer gone = MariaDbServer.start(MariaDbConfig.builder().build());
        gone.stop();
        assertStops(run(gone, gone.password()), "SLUICE-20001 SOURCE_UNREACHABLE", "reachable");
    }

    private static void assertStops(Result result, String code, String fix) {
        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(result.output()).contains("error: " + code).contains("Fix:").contains(fix);
        // no password of either side, whichever was used
        for (String password : result.passwords()) {
            assertThat(result.output()).doesNotContain(password);
        }
    }

    private record Result(int exitCode, String output, List<String> passwords) {}

    private Result run(MariaDbServer source, String password) throws Exception {
        return runAs(source, source.user(), password, target.password(), target.port());
    }

    /** Runs {@code sluice run} in this JVM (as the launcher's main does) and returns its exit code and output. */
    private Result runAs(MariaDbServer source, String user, String password, String targetPassword, int targetPort) throws Exception {
        Path task = dir.resolve("task-" + System.nanoTime() + ".yaml");
        Files.writeString(task, """
                name: errors%s
                task-mode: %s
                target-database:
                  host: 127.0.0.1
                  port: %d
                  user: %s
                  password: %s
                mysql-instances:
                  - source-id: upstream
                    block-allow-list: selected
                %s
                block-allow-list:
                  selected:
                    do-dbs: ["shop"]
                """.formatted(System.nanoTime(), purgedFrom == null ? "all" : "incremental", targetPort, target.user(), targetPassword,
                purgedFrom == null ? "" : "    meta: {binlog-name: " + purgedFrom + ", binlog-pos: 4}"));
        Path sourceFile = SluiceProcess.sourceFile(dir.resolve("source-" + System.nanoTime() + ".yaml"), "upstream", source.port(), user, password);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Sluice.run(new PrintWriter(out), new PrintWriter(err), "run", task.toString(),
                "--source", sourceFile.toString(), "--data-dir", dir.resolve("data").toString()));
        int code = exit.get(90, TimeUnit.SECONDS);
        return new Result(code, out + err.toString(), List.of(password, targetPassword, source.password(), target.password()));
    }
}
