package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import io.sluice.testkit.TableChecksum;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The control plane end to end over real HTTP, with real MariaDB source and target: a source
 * registered (a wrong password refused with the fix, an encrypted one accepted), a task started
 * through the precheck, copied and synced, paused, updated, resumed, carried over a server restart,
 * stopped and started again; a DDL the target rejects pauses the task with its position, and
 * sql-skip at that position lets resume-task go on. Every test ends by comparing source and target,
 * and no reply ever contains a password.
 */
@ExtendWith(MariaDbExtension.class)
class ServerLifecycleIT {
    private static final String SOURCE_ID = "mysql-replica-01";

    @TempDir
    Path dataDir;
    @Sandbox
    MariaDbServer source;
    @Sandbox
    MariaDbServer target;

    private ServerHarness server;
    private final List<String> replies = new ArrayList<>();

    @BeforeEach
    void startServer() {
        server = new ServerHarness(dataDir);
    }

    @AfterEach
    void stopServer() {
        server.close();
        for (String reply : replies) {
            assertThat(reply).doesNotContain(source.password()).doesNotContain(target.password());
        }
    }

    @Test
    void taskLifecycle() {
        source.execute("CREATE DATABASE shop", "CREATE TABLE shop.orders (id INT PRIMARY KEY, note VARCHAR(40))");
        insert(1, 500);

        ServerHarness.Reply wrongPassword = record(server.post("/api/v1/sources",
                Map.of("configs", List.of(ServerHarness.sourceYaml(SOURCE_ID, source).replace(source.password(), "not-the-password")))));
        assertThat(wrongPassword.result()).isFalse();
        assertThat(wrongPassword.json().at("/sources/0/msg").asText()).contains("password");

        String ciphertext = record(server.post("/api/v1/secrets/encrypt", Map.of("plaintext", source.password()))).json().get("ciphertext").asText();
        ServerHarness.Reply created = record(server.post("/api/v1/sources",
                Map.of("configs", List.of(ServerHarness.sourceYaml(SOURCE_ID, source).replace(source.password(), ciphertext)))));
        assertThat(created.result()).as(created.text()).isTrue();
        assertThat(created.json().at("/sources/0/source").asText()).isEqualTo(SOURCE_ID);
        ServerHarness.Reply shown = record(server.get("/api/v1/sources"));
        assertThat(shown.json().at("/sources/0/config/from/password").asText()).isEqualTo("******");
        assertThat(shown.json().at("/sources/0/flavor").asText()).startsWith("MariaDB");
        assertThat(shown.json().at("/sources/0/config/server-id").asLong()).isEqualTo(source.serverId());
        assertThat(shown.json().at("/sources/0/config/gtid-mode").asText()).startsWith("ON");
        assertThat(record(server.post("/api/v1/sources", Map.of("configs", List.of(ServerHarness.sourceYaml(SOURCE_ID, source))))).status()).isEqualTo(409);

        ServerHarness.Reply started = record(server.post("/api/v1/tasks", Map.of("config", taskYaml("shop"))));
        assertThat(started.result()).as(started.text()).isTrue();
        assertThat(started.json().at("/workers/0/worker").asText()).isEqualTo("127.0.0.1:8262");
        awaitSync("shop", 500);

        insert(501, 510);
        awaitRows(510);
        JsonNode sync = subtask("shop").get("sync");
        assertThat(sync.get("syncerBinlog").asText()).matches("\\(mysql-bin\\.\\d+, \\d+\\)");
        assertThat(sync.get("masterBinlog").asText()).matches("\\(mysql-bin\\.\\d+, \\d+\\)");
        assertThat(Long.parseLong(sync.get("totalEvents").asText())).isGreaterThanOrEqualTo(1);

        ServerHarness.Reply again = record(server.post("/api/v1/tasks", Map.of("config", taskYaml("shop"))));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("msg").asText()).contains("already exists").contains("resume-task shop");

        ServerHarness.Reply updateRunning = record(server.put("/api/v1/tasks/shop", Map.of("config", taskYaml("shop"))));
        assertThat(updateRunning.result()).isFalse();
        assertThat(updateRunning.json().get("msg").asText()).containsIgnoringCase("pause");

        ServerHarness.Reply paused = record(server.post("/api/v1/tasks/shop/pause", Map.of()));
        assertThat(paused.result()).as(paused.text()).isTrue();
        assertThat(paused.json().get("op").asText()).isEqualTo("Pause");
        assertThat(subtask("shop").get("stage").asText()).isEqualTo("Paused");
        assertThat(record(server.post("/api/v1/tasks/shop/pause", Map.of())).status()).isEqualTo(409);
        insert(511, 520);

        ServerHarness.Reply changesTarget = record(server.put("/api/v1/tasks/shop", Map.of("config", taskYaml("shop").replace("meta-schema: \"sluice_meta\"", "meta-schema: \"other_meta\""))));
        assertThat(changesTarget.result()).isFalse();
        assertThat(changesTarget.json().get("msg").asText()).contains("meta-schema").contains("stop");
        ServerHarness.Reply updated = record(server.put("/api/v1/tasks/shop", Map.of("config", taskYaml("shop"))));
        assertThat(updated.result()).as(updated.text()).isTrue();

        // a paused task stays paused across a restart, and blocks a start of the same name
        server.restart();
        assertThat(subtask("shop").get("stage").asText()).isEqualTo("Paused");
        assertThat(subtask("shop").get("unit").asText()).isEqualTo("Sync");
        assertThat(record(server.post("/api/v1/tasks", Map.of("config", taskYaml("shop")))).status()).isEqualTo(409);
        assertThat(target.query("SELECT COUNT(*) FROM shop.orders")).containsExactly(List.of("510"));

        assertThat(record(server.post("/api/v1/tasks/shop/resume", Map.of())).result()).isTrue();
        awaitRows(520);
        assertThat(record(server.get("/api/v1/errors?task=shop")).json().at("/workers/0/subTaskError/0/sync/errors").size()).isZero();

        server.restart();
        insert(521, 530);
        awaitRows(530);
        assertThat(subtask("shop").get("stage").asText()).isEqualTo("Running");

        assertThat(record(server.post("/api/v1/tasks/shop/stop", Map.of())).result()).isTrue();
        assertThat(subtask("shop").get("stage").asText()).isEqualTo("Stopped");
        insert(531, 540);
        server.restart();
        assertThat(subtask("shop").get("stage").asText()).isEqualTo("Stopped");
        ServerHarness.Reply restarted = record(server.post("/api/v1/tasks", Map.of("config", taskYaml("shop"))));
        assertThat(restarted.result()).as(restarted.text()).isTrue();
        awaitRows(540);
        TableChecksum.assertSame(source, target, "shop");

        ServerHarness.Reply status = record(server.get("/api/v1/status?task=nope"));
        assertThat(status.status()).isEqualTo(404);
        assertThat(status.json().get("msg").asText()).contains("nope");
    }

    @Test
    void failingDdlPausesAndSqlSkipResumes() {
        source.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY, v INT)", "INSERT INTO app.t VALUES (1, 1), (2, 2)");
        assertThat(record(server.post("/api/v1/sources", Map.of("configs", List.of(ServerHarness.sourceYaml(SOURCE_ID, source))))).result()).isTrue();
        assertThat(record(server.post("/api/v1/tasks", Map.of("config", taskYaml("app")))).result()).isTrue();
        awaitSync("app", 0);
        await().atMost(Duration.ofMinutes(2)).until(() -> target.query("SELECT COUNT(*) FROM app.t").getFirst().getFirst().equals("2"));

        target.execute("ALTER TABLE app.t ADD COLUMN extra INT");
        source.execute("ALTER TABLE app.t ADD COLUMN extra INT", "INSERT INTO app.t VALUES (3, 3, 30)");
        await().atMost(Duration.ofMinutes(2)).until(() -> "Paused".equals(subtask("app").get("stage").asText()));
        JsonNode error = subtask("app").at("/result/errors/0");
        assertThat(error.get("Type").asText()).isEqualTo("ExecSQL");
        String text = error.get("msg").asText() + " " + error.get("workaround").asText();
        Matcher position = Pattern.compile("--binlog-pos (\\S+:\\d+)").matcher(text);
        assertThat(position.find()).as(text).isTrue();
        assertThat(record(server.get("/api/v1/errors?task=app")).json().at("/workers/0/subTaskError/0/sync/errors/0/msg").asText()).contains("extra");

        ServerHarness.Reply skip = record(server.post("/api/v1/tasks/app/sql-operators", Map.of("op", "skip", "binlogPos", position.group(1))));
        assertThat(skip.result()).as(skip.text()).isTrue();
        ServerHarness.Reply both = record(server.post("/api/v1/tasks/app/sql-operators", Map.of("op", "skip", "binlogPos", position.group(1), "sqlPattern", "~ALTER")));
        assertThat(both.status()).isEqualTo(400);

        assertThat(record(server.post("/api/v1/tasks/app/resume", Map.of())).result()).isTrue();
        await().atMost(Duration.ofMinutes(2)).until(() -> target.query("SELECT COUNT(*) FROM app.t").getFirst().getFirst().equals("3"));
        assertThat(subtask("app").get("stage").asText()).isEqualTo("Running");
        TableChecksum.assertSame(source, target, "app");
    }

    @Test
    void updateTaskAppliesOnResume() {
        source.execute("CREATE DATABASE shop", "CREATE TABLE shop.orders (id INT PRIMARY KEY, note VARCHAR(40))");
        insert(1, 100);
        assertThat(record(server.post("/api/v1/sources", Map.of("configs", List.of(ServerHarness.sourceYaml(SOURCE_ID, source))))).result()).isTrue();
        assertThat(record(server.post("/api/v1/tasks", Map.of("config", taskYaml("shop")))).result()).isTrue();
        awaitSync("shop", 100);

        assertThat(record(server.post("/api/v1/tasks/shop/pause", Map.of())).result()).isTrue();
        String noDeletes = taskYaml("shop").replace("    block-allow-list: \"rules\"\n", "    block-allow-list: \"rules\"\n    filter-rules: [\"no-delete\"]\n")
                + """
                filters:
                  no-delete:
                    schema-pattern: "shop"
                    table-pattern: "orders"
                    events: ["delete"]
                    action: Ignore
                """;
        ServerHarness.Reply updated = record(server.put("/api/v1/tasks/shop", Map.of("config", noDeletes)));
        assertThat(updated.result()).as(updated.text()).isTrue();
        assertThat(record(server.post("/api/v1/tasks/shop/resume", Map.of())).result()).isTrue();

        source.execute("DELETE FROM shop.orders WHERE id <= 10");
        insert(101, 110);
        awaitRows(110);
        // the deletes were filtered by the updated task; everything else matches the source
        assertThat(target.query("SELECT COUNT(*) FROM shop.orders WHERE id <= 10")).containsExactly(List.of("10"));
        assertThat(target.query("SELECT id, note FROM shop.orders WHERE id > 10 ORDER BY id"))
                .isEqualTo(source.query("SELECT id, note FROM shop.orders ORDER BY id"));

        // the update survives a restart: the stored task is the updated one
        server.restart();
        source.execute("DELETE FROM shop.orders WHERE id = 11");
        insert(111, 111);
        awaitRows(111);
        assertThat(target.query("SELECT COUNT(*) FROM shop.orders WHERE id = 11")).containsExactly(List.of("1"));
    }

    @Test
    void startTaskRunsThePrecheck(@Sandbox(binlogFormat = "STATEMENT") MariaDbServer statementSource) {
        statementSource.execute("CREATE DATABASE shop", "CREATE TABLE shop.orders (id INT PRIMARY KEY)");
        assertThat(record(server.post("/api/v1/sources", Map.of("configs", List.of(ServerHarness.sourceYaml(SOURCE_ID, statementSource))))).result()).isTrue();
        ServerHarness.Reply check = record(server.post("/api/v1/tasks/check", Map.of("config", taskYaml("shop"))));
        assertThat(check.result()).isFalse();
        assertThat(check.json().at("/checks/summary/failed").asInt()).isPositive();
        ServerHarness.Reply start = record(server.post("/api/v1/tasks", Map.of("config", taskYaml("shop"))));
        assertThat(start.result()).isFalse();
        assertThat(start.json().get("msg").asText()).contains("binlog_format").contains("ignore-checking-items");
        assertThat(record(server.get("/api/v1/status")).json().at("/workers/0/subTaskStatus").size()).isZero();
        assertThat(record(server.post("/api/v1/tasks", Map.of("config", "name: [broken"))).status()).isEqualTo(400);
    }

    private void insert(int from, int to) {
        StringBuilder values = new StringBuilder();
        for (int id = from; id <= to; id++) {
            values.append(values.isEmpty() ? "" : ",").append("(").append(id).append(", 'note ").append(id).append("')");
        }
        source.execute("INSERT INTO shop.orders VALUES " + values);
    }

    private void awaitSync(String task, int rows) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode subtask = subtask(task);
            return subtask != null && "Sync".equals(subtask.path("unit").asText()) && "Running".equals(subtask.path("stage").asText());
        });
        if (rows > 0) {
            awaitRows(rows);
        }
    }

    private void awaitRows(int rows) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> target.query("SELECT COUNT(*) FROM shop.orders").getFirst().getFirst().equals(Integer.toString(rows)));
    }

    private JsonNode subtask(String task) {
        ServerHarness.Reply status = record(server.get("/api/v1/status?task=" + task));
        JsonNode subtask = status.json().at("/workers/0/subTaskStatus/0");
        return subtask.isMissingNode() ? null : subtask;
    }

    private ServerHarness.Reply record(ServerHarness.Reply reply) {
        replies.add(reply.text());
        return reply;
    }

    private String taskYaml(String database) {
        return """
                name: "%s"
                task-mode: all
                meta-schema: "sluice_meta"
                target-database:
                  host: "127.0.0.1"
                  port: %d
                  user: "%s"
                  password: "%s"
                mysql-instances:
                  - source-id: "%s"
                    block-allow-list: "rules"
                block-allow-list:
                  rules:
                    do-dbs: ["%s"]
                """.formatted(database, target.port(), target.user(), target.password(), SOURCE_ID, database);
    }
}
