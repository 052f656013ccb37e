package io.sluice.server.http.dtle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.server.ServerHarness;
import io.sluice.server.ServerHarness.Reply;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dtle v2 API end to end on a real server and two MariaDB sandboxes: a migration job (full
 * copy) and a sync job (copy, then replicate) created with inline connections, listed, detailed,
 * monitored, paused, resumed and deleted; validation of a broken and of a good job config; the
 * MySQL helpers against the source; nodes, log level and the endpoints that answer 501. No reply
 * ever holds a password, and the target ends up with the source's rows.
 */
@ExtendWith(MariaDbExtension.class)
class DtleApiIT {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Sandbox
    MariaDbServer source;
    @Sandbox
    MariaDbServer target;
    @TempDir
    Path dataDir;

    private final List<Reply> replies = new ArrayList<>();

    @Test
    void migrationAndSyncJobsOverTheV2Api() {
        source.execute(
                "CREATE DATABASE shop",
                "CREATE TABLE shop.orders (id INT PRIMARY KEY, note VARCHAR(20))",
                "INSERT INTO shop.orders VALUES (1, 'one'), (2, 'two'), (3, 'three')",
                "CREATE DATABASE crm",
                "CREATE TABLE crm.customers (id INT PRIMARY KEY, name VARCHAR(40), city VARCHAR(40))",
                "INSERT INTO crm.customers VALUES (1, 'Ada', 'London'), (2, 'Grace', 'Arlington')");
        try (ServerHarness harness = new ServerHarness(dataDir)) {
            // create: a migration job (full) and a sync job (all: copy, then replicate; empty gtid)
            Reply migration = call(harness.post("/v2/job/migration/create", Map.of("migration_job_config", job("shopcopy", "job_stage_full", "shop"))));
            assertThat(migration.status()).as(migration.text()).isEqualTo(200);
            assertThat(migration.json().get("message").asText()).isEqualTo("ok");
            assertThat(migration.json().at("/job/job_id").asText()).isEqualTo("shopcopy-migration");
            assertThat(migration.json().at("/job/src_task/mysql_connection_config/mysql_password").asText()).isEmpty();
            assertThat(migration.json().at("/job/src_task/mysql_connection_config/mysql_port").asInt()).isEqualTo(source.port());
            assertThat(migration.json().at("/job/src_task/replicate_do_db/0/table_schema").asText()).isEqualTo("shop");
            assertThat(migration.json().get("job_modify_index").asLong()).isPositive();

            Reply sync = call(harness.post("/v2/job/sync/create", Map.of("sync_job_config", job("crmsync", "all", "crm"))));
            assertThat(sync.status()).as(sync.text()).isEqualTo(200);
            assertThat(sync.json().at("/job/job_id").asText()).isEqualTo("crmsync-sync");
            assertThat(sync.json().get("eval_create_index").asLong()).isGreaterThan(migration.json().get("eval_create_index").asLong());

            Reply again = call(harness.post("/v2/job/sync/create", Map.of("sync_job_config", job("crmsync", "all", "crm"))));
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().get("message").asText()).contains("crmsync-sync");

            await().atMost(WAIT).untilAsserted(() -> assertThat(rows(target, "SELECT id, note FROM shop.orders ORDER BY id")).hasSize(3));
            await().atMost(WAIT).untilAsserted(() -> assertThat(jobStatus(harness, "migration", "shopcopy-migration")).isEqualTo("finished"));
            await().atMost(WAIT).untilAsserted(() -> assertThat(rows(target, "SELECT id FROM crm.customers ORDER BY id")).hasSize(2));

            source.execute("INSERT INTO crm.customers VALUES (3, 'Linus', 'Helsinki')", "UPDATE crm.customers SET city = 'Paris' WHERE id = 1");
            await().atMost(WAIT).untilAsserted(() -> assertThat(rows(target, "SELECT id, name, city FROM crm.customers ORDER BY id"))
                    .isEqualTo(rows(source, "SELECT id, name, city FROM crm.customers ORDER BY id")));

            // list: by type, all with filter_job_type, filters
            Reply migrations = call(harness.get("/v2/jobs/migration"));
            assertThat(migrations.status()).isEqualTo(200);
            assertThat(ids(migrations)).containsExactly("shopcopy-migration");
            JsonNode first = migrations.json().at("/jobs/0");
            assertThat(first.get("job_name").asText()).isEqualTo("shopcopy");
            assertThat(first.get("job_status").asText()).isEqualTo("finished");
            assertThat(first.get("src_addr_list").get(0).asText()).isEqualTo("127.0.0.1");
            assertThat(ids(call(harness.get("/v2/jobs?filter_job_type=sync")))).containsExactly("crmsync-sync");
            assertThat(ids(call(harness.get("/v2/jobs")))).containsExactlyInAnyOrder("shopcopy-migration", "crmsync-sync");
            assertThat(ids(call(harness.get("/v2/jobs?filter_job_status=running")))).containsExactly("crmsync-sync");
            assertThat(ids(call(harness.get("/v2/jobs?filter_job_id=shop")))).containsExactly("shopcopy-migration");
            assertThat(ids(call(harness.get("/v2/jobs?order_by=job_id%20desc")))).containsExactly("shopcopy-migration", "crmsync-sync");

            // detail
            Reply detail = call(harness.get("/v2/job/sync/detail?job_id=crmsync-sync"));
            assertThat(detail.status()).as(detail.text()).isEqualTo(200);
            JsonNode profile = detail.json().get("basic_task_profile");
            assertThat(profile.at("/job_base_info/job_id").asText()).isEqualTo("crmsync-sync");
            assertThat(profile.at("/job_base_info/job_status").asText()).isEqualTo("running");
            assertThat(profile.at("/connection_info/src_data_base/mysql_port").asInt()).isEqualTo(source.port());
            assertThat(profile.at("/connection_info/dst_data_base/mysql_port").asInt()).isEqualTo(target.port());
            assertThat(profile.at("/connection_info/dst_data_base/mysql_password").asText()).isEmpty();
            assertThat(profile.at("/configuration/chunk_size").asInt()).isEqualTo(500);
            assertThat(profile.at("/replicate_do_db/0/table_schema").asText()).isEqualTo("crm");
            assertThat(profile.get("dtle_node_infos")).hasSize(2);
            assertThat(detail.json().get("task_logs").get(0).get("task_events").toString()).contains("Task received by client");
            String allocation = detail.json().at("/task_logs/0/allocation_id").asText();
            assertThat(allocation).isEqualTo("crmsync-sync/crmsync-sync-src");
            // the id without the type suffix works too, as dtle's UI sends it
            assertThat(call(harness.get("/v2/job/migration/detail?job_id=shopcopy")).json().at("/basic_task_profile/job_base_info/job_id").asText())
                    .isEqualTo("shopcopy-migration");
            assertThat(call(harness.get("/v2/job/sync/detail?job_id=nope")).status()).isEqualTo(404);

            // monitor
            Reply monitor = call(harness.get("/v2/monitor/task?allocation_id=" + encode(allocation) + "&task_name=src"));
            assertThat(monitor.status()).as(monitor.text()).isEqualTo(200);
            assertThat(monitor.json().at("/tasks_status/progress_PCT").asText()).isEqualTo("100.0");
            assertThat(monitor.json().at("/tasks_status/exec_master_tx_count").asLong()).isPositive();
            assertThat(monitor.json().at("/tasks_status/stage").asText()).contains("Running");
            assertThat(call(harness.get("/v2/monitor/task?task_id=crmsync-sync")).status()).isEqualTo(200);

            // pause, resume (form parameters, as dtle's swagger UI sends them), then delete
            Reply paused = call(postForm(harness, "/v2/job/sync/pause", "job_id=crmsync-sync"));
            assertThat(paused.status()).as(paused.text()).isEqualTo(200);
            assertThat(paused.json().get("message").asText()).isEqualTo("ok");
            assertThat(jobStatus(harness, "sync", "crmsync-sync")).isEqualTo("paused");
            source.execute("INSERT INTO crm.customers VALUES (4, 'Barbara', 'Boston')");
            Reply pausedAgain = call(postForm(harness, "/v2/job/sync/pause", "job_id=crmsync-sync"));
            assertThat(pausedAgain.status()).isEqualTo(409);
            assertThat(call(harness.post("/v2/job/sync/resume", Map.of("job_id", "crmsync-sync"))).status()).isEqualTo(200);
            assertThat(jobStatus(harness, "sync", "crmsync-sync")).isEqualTo("running");
            await().atMost(WAIT).untilAsserted(() -> assertThat(rows(target, "SELECT id, name, city FROM crm.customers ORDER BY id"))
                    .isEqualTo(rows(source, "SELECT id, name, city FROM crm.customers ORDER BY id")));

            // update: a running job is paused around the change and keeps running
            Map<String, Object> updated = job("crmsync-sync", "all", "crm");
            Reply update = call(harness.post("/v2/job/sync/update", Map.of("sync_job_config", updated)));
            assertThat(update.status()).as(update.text()).isEqualTo(200);
            assertThat(jobStatus(harness, "sync", "crmsync-sync")).isEqualTo("running");

            Reply deleted = call(harness.post("/v2/job/sync/delete?job_id=crmsync-sync", Map.of()));
            assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
            assertThat(jobStatus(harness, "sync", "crmsync-sync")).isEqualTo("stopped");
            assertThat(rows(target, "SELECT id FROM crm.customers ORDER BY id")).hasSize(4);

            // validation: a typo names the field; a good config passes every category
            Map<String, Object> broken = job("bad", "all", "crm");
            @SuppressWarnings("unchecked")
            Map<String, Object> brokenSrc = (Map<String, Object>) broken.get("src_task");
            @SuppressWarnings("unchecked")
            Map<String, Object> brokenConnection = new LinkedHashMap<>((Map<String, Object>) brokenSrc.get("mysql_connection_config"));
            brokenConnection.put("mysql_prot", brokenConnection.remove("mysql_port"));
            brokenSrc.put("mysql_connection_config", brokenConnection);
            Reply invalid = call(harness.post("/v2/validation/job", Map.of("job_config", broken)));
            assertThat(invalid.status()).as(invalid.text()).isEqualTo(200);
            assertThat(invalid.json().get("driver_config_validated").asBoolean()).isFalse();
            assertThat(invalid.json().get("job_validation_error").asText()).contains("mysql_prot");
            Reply valid = call(harness.post("/v2/validation/job", Map.of("job_config", job("check", "all", "crm"))));
            assertThat(valid.status()).as(valid.text()).isEqualTo(200);
            assertThat(valid.json().get("driver_config_validated").asBoolean()).as(valid.text()).isTrue();
            assertThat(valid.json().at("/mysql_task_validation_report/0/connection_validation/validated").asBoolean()).isTrue();
            assertThat(valid.json().at("/mysql_task_validation_report/0/binlog_validation/validated").asBoolean()).as(valid.text()).isTrue();
            assertThat(valid.json().at("/mysql_task_validation_report/1/privileges_validation/validated").asBoolean()).as(valid.text()).isTrue();
            assertThat(valid.json().get("job_validation_error").asText()).as(valid.text()).isEmpty();
            Reply viaGet = call(harness.get("/v2/validation/job?job_config=" + encode(json(job("check", "all", "crm")))));
            assertThat(viaGet.json().get("driver_config_validated").asBoolean()).as(viaGet.text()).isTrue();

            // MySQL helpers against the source
            String connection = "mysql_host=127.0.0.1&mysql_port=" + source.port() + "&mysql_user=" + encode(source.user()) + "&mysql_password=" + encode(source.password());
            Reply schemas = call(harness.get("/v2/mysql/schemas?" + connection));
            assertThat(schemas.status()).as(schemas.text()).isEqualTo(200);
            List<String> schemaNames = new ArrayList<>();
            schemas.json().get("schemas").forEach(schema -> schemaNames.add(schema.get("schema_name").asText()));
            assertThat(schemaNames).contains("shop", "crm").doesNotContain("mysql", "information_schema");
            assertThat(schemas.text()).contains("\"table_name\" : \"customers\"");
            Reply columns = call(harness.get("/v2/mysql/columns?" + connection + "&mysql_schema=crm&mysql_table=customers"));
            assertThat(columns.status()).as(columns.text()).isEqualTo(200);
            assertThat(columns.json().get("columns").toString()).isEqualTo("[\"id\",\"name\",\"city\"]");
            assertThat(call(harness.get("/v2/mysql/columns?" + connection + "&mysql_schema=crm&mysql_table=nope")).status()).isEqualTo(400);
            Reply ping = call(harness.get("/v2/mysql/instance_connection?" + connection));
            assertThat(ping.status()).as(ping.text()).isEqualTo(200);
            assertThat(ping.json().get("message").asText()).isEqualTo("ok");
            String wrongPassword = "Wr0ng-" + source.password();
            Reply denied = call(harness.get("/v2/mysql/instance_connection?mysql_host=127.0.0.1&mysql_port=" + source.port() + "&mysql_user=" + encode(source.user())
                    + "&mysql_password=" + encode(wrongPassword)));
            assertThat(denied.status()).isEqualTo(400);
            assertThat(denied.json().get("message").asText()).contains("rejected user").doesNotContain(wrongPassword);
            Reply encrypted = harness.post("/api/v1/secrets/encrypt", Map.of("plaintext", source.password()));
            Reply pingEncrypted = call(harness.get("/v2/mysql/instance_connection?mysql_host=127.0.0.1&mysql_port=" + source.port() + "&mysql_user=" + encode(source.user())
                    + "&mysql_password=" + encode(encrypted.json().get("ciphertext").asText()) + "&is_mysql_password_encrypted=true"));
            assertThat(pingEncrypted.status()).as(pingEncrypted.text()).isEqualTo(200);

            // nodes, log level
            Reply nodes = call(harness.get("/v2/nodes"));
            assertThat(nodes.status()).isEqualTo(200);
            assertThat(nodes.json().at("/nodes/0/node_name").asText()).isEqualTo("127.0.0.1:8262");
            assertThat(nodes.json().at("/nodes/0/node_status").asText()).isEqualTo("ready");
            assertThat(nodes.json().at("/nodes/1/node_status_description").asText()).isEqualTo("master (leader)");
            Reply level = call(postForm(harness, "/v2/log/level", "dtle_log_level=DEBUG"));
            assertThat(level.status()).as(level.text()).isEqualTo(200);
            assertThat(level.json().get("dtle_log_level").asText()).isEqualTo("DEBUG");
            assertThat(call(harness.post("/v2/log/level", Map.of("dtle_log_level", "INFO"))).json().get("dtle_log_level").asText()).isEqualTo("INFO");
            assertThat(call(harness.post("/v2/log/level", Map.of("dtle_log_level", "LOUD"))).status()).isEqualTo(400);

            // what is not there: Kafka subscriptions, reverse jobs, users
            Reply subscription = call(harness.post("/v2/job/subscription/create", Map.of("subscription_job_config", Map.of("job_id", "k"))));
            assertThat(subscription.status()).isEqualTo(501);
            assertThat(subscription.json().get("message").asText()).contains("Kafka");
            assertThat(call(harness.post("/v2/job/sync/reverse", Map.of("job_id", "crmsync-sync"))).status()).isEqualTo(501);
            assertThat(call(harness.get("/v2/login/captcha")).status()).isEqualTo(501);
            assertThat(call(harness.get("/v2/user/list")).json().get("message").asText()).contains("not implemented");

            for (Reply reply : replies) {
                assertThat(reply.text()).doesNotContain(source.password()).doesNotContain(target.password());
            }
        }
        assertThat(rows(target, "SELECT id, note FROM shop.orders ORDER BY id")).isEqualTo(rows(source, "SELECT id, note FROM shop.orders ORDER BY id"));
        assertThat(rows(target, "SELECT id, name, city FROM crm.customers ORDER BY id")).isEqualTo(rows(source, "SELECT id, name, city FROM crm.customers ORDER BY id"));
    }

    /** A form post, as dtle's swagger UI sends pause, resume and log level. */
    private static Reply postForm(ServerHarness harness, String path, String form) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + harness.address() + path))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).timeout(WAIT).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()));
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Reply call(Reply reply) {
        replies.add(reply);
        return reply;
    }

    private Map<String, Object> job(String id, String step, String schema) {
        Map<String, Object> src = new LinkedHashMap<>();
        src.put("task_name", "src");
        src.put("gtid", "");
        src.put("chunk_size", 500);
        src.put("drop_table_if_exists", false);
        src.put("skip_create_db_table", false);
        src.put("replicate_do_db", List.of(Map.of("table_schema", schema)));
        src.put("mysql_connection_config", connection(source));
        Map<String, Object> dest = new LinkedHashMap<>();
        dest.put("task_name", "dest");
        dest.put("parallel_workers", 1);
        dest.put("mysql_connection_config", connection(target));
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("job_id", id);
        job.put("task_step_name", step);
        job.put("is_mysql_password_encrypted", false);
        job.put("failover", true);
        job.put("retry", 2);
        job.put("src_task", src);
        job.put("dest_task", dest);
        return job;
    }

    private static Map<String, Object> connection(MariaDbServer server) {
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put("mysql_host", "127.0.0.1");
        connection.put("mysql_port", server.port());
        connection.put("mysql_user", server.user());
        connection.put("mysql_password", server.password());
        return connection;
    }

    private String jobStatus(ServerHarness harness, String type, String id) {
        Reply list = call(harness.get("/v2/jobs/" + type + "?filter_job_id=" + encode(id)));
        for (JsonNode job : list.json().get("jobs")) {
            if (job.get("job_id").asText().equals(id)) {
                return job.get("job_status").asText();
            }
        }
        return "absent";
    }

    private static List<String> ids(Reply reply) {
        List<String> ids = new ArrayList<>();
        reply.json().get("jobs").forEach(job -> ids.add(job.get("job_id").asText()));
        return ids;
    }

    private static List<List<String>> rows(MariaDbServer server, String sql) {
        try {
            return server.query(sql);
        }
        catch (RuntimeException e) {
            return List.of();
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
