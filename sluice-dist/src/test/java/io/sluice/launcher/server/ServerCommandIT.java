package io.sluice.launcher.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.cli.SluiceCtl;
import io.sluice.launcher.run.SluiceProcess;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import io.sluice.testkit.TableChecksum;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sluice server} as a process, driven by {@code sluicectl}: a source and a task created from
 * files, status followed to Sync, pause and resume; SIGTERM stops the server cleanly and a new server
 * on the same data dir resumes the task; kill -9 in the middle of a stream of writes loses and
 * duplicates nothing once the server is back. Ends comparing source and target.
 */
@ExtendWith(MariaDbExtension.class)
class ServerCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;
    @Sandbox
    MariaDbServer source;
    @Sandbox
    MariaDbServer target;

    private Process server;
    private String masterAddr;

    @AfterEach
    void stopServer() throws Exception {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void serverAndSluicectl() throws Exception {
        source.execute("CREATE DATABASE shop", "CREATE TABLE shop.orders (id INT PRIMARY KEY, note VARCHAR(40))");
        insert(1, 200);
        startServer("first.log");
        // the source file carries the password encrypted with this install's key (sluicectl -encrypt)
        String ciphertext = ctlText("-encrypt", source.password()).strip();
        assertThat(ciphertext).doesNotContain(source.password()).matches("[A-Za-z0-9+/=]+");
        Path sourceFile = Files.writeString(dir.resolve("source.yaml"), """
                source-id: "mysql-replica-01"
                enable-gtid: true
                from:
                  host: "127.0.0.1"
                  port: %d
                  user: "%s"
                  password: "%s"
                """.formatted(source.port(), source.user(), ciphertext));
        Path taskFile = Files.writeString(dir.resolve("task.yaml"), """
                name: "shop"
                task-mode: all
                target-database:
                  host: "127.0.0.1"
                  port: %d
                  user: "%s"
                  password: "%s"
                mysql-instances:
                  - source-id: "mysql-replica-01"
                    block-allow-list: "rules"
                block-allow-list:
                  rules:
                    do-dbs: ["shop"]
                """.formatted(target.port(), target.user(), target.password()));

        assertThat(ctl("operate-source", "create", sourceFile.toString()).get("result").asBoolean()).isTrue();
        assertThat(ctl("check-task", taskFile.toString()).get("result").asBoolean()).isTrue();
        assertThat(ctl("list-member", "--worker").at("/members/0/workers/workers/0/source").asText()).isEqualTo("mysql-replica-01");
        JsonNode started = ctl("start-task", taskFile.toString());
        assertThat(started.get("result").asBoolean()).as(started.toString()).isTrue();
        awaitStage("Running", "Sync");
        awaitRows(200);

        assertThat(ctl("pause-task", "shop").get("result").asBoolean()).isTrue();
        awaitStage("Paused", null);
        insert(201, 250);
        assertThat(ctl("resume-task", "shop").get("result").asBoolean()).isTrue();
        awaitRows(250);
        assertThat(ctl("query-error", "shop").at("/workers/0/subTaskError/0/sync/errors").size()).isZero();

        // SIGTERM: a clean stop, and the task comes back on the next start
        server.destroy();
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(dir.resolve("first.log"))).contains("Sluice server stopped");
        insert(251, 300);
        startServer("second.log");
        awaitRows(300);
        awaitStage("Running", "Sync");

        // kill -9 while the source takes writes: nothing lost, nothing twice
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int id = 301; id <= 700; id += 10) {
                insert(id, id + 9);
            }
        });
        Thread.sleep(300);
        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        writer.join();
        startServer("third.log");
        awaitRows(700);
        TableChecksum.assertSame(source, target, "shop");

        for (String log : List.of("first.log", "second.log", "third.log")) {
            assertThat(Files.readString(dir.resolve(log))).doesNotContain(source.password()).doesNotContain(target.password());
        }
    }

    private void startServer(String log) throws Exception {
        server = SluiceProcess.launch(List.of("server", "--data-dir", dir.resolve("data").toString(), "--http-addr", "127.0.0.1:0"),
                dir.resolve(log), "512m");
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> LISTENING.matcher(Files.readString(dir.resolve(log))).find());
        Matcher matcher = LISTENING.matcher(Files.readString(dir.resolve(log)));
        assertThat(matcher.find()).isTrue();
        masterAddr = "127.0.0.1:" + matcher.group(1);
    }

    private String ctlText(String... args) {
        List<String> all = new ArrayList<>(List.of("--master-addr", masterAddr));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SluiceCtl.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(exit).as(out + err.toString()).isZero();
        return out.toString();
    }

    private JsonNode ctl(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--master-addr", masterAddr));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        SluiceCtl.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(out.toString()).as(err.toString()).isNotBlank();
        assertThat(out.toString()).doesNotContain(source.password()).doesNotContain(target.password());
        return JSON.readTree(out.toString());
    }

    private void awaitStage(String stage, String unit) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonNode subtask = ctl("query-status", "shop").at("/workers/0/subTaskStatus/0");
            return stage.equals(subtask.path("stage").asText()) && (unit == null || unit.equals(subtask.path("unit").asText()));
        });
    }

    private void awaitRows(int rows) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> target.query("SELECT COUNT(*) FROM shop.orders").getFirst().getFirst().equals(Integer.toString(rows)));
    }

    private void insert(int from, int to) {
        StringBuilder values = new StringBuilder();
        for (int id = from; id <= to; id++) {
            values.append(values.isEmpty() ? "" : ",").append("(").append(id).append(", 'note ").append(id).append("')");
        }
        source.execute("INSERT INTO shop.orders VALUES " + values);
    }
}
