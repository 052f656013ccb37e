package io.sluice.server.http.dtle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.server.ServerHarness;
import io.sluice.server.ServerHarness.Reply;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The dtle manual's "dtle mapping" examples, as written there, created over the v2 API with a
 * running server: schemas matching {@code (\w*)src(\w*)} renamed to {@code rename${1}}, tables
 * matching {@code (\w*)Shard(\w*)} renamed to {@code ${1}Rename}, and "列mapping"
 * ({@code ColumnMapFrom ["val1", "id"]} into a pre-created table), each with rows written during
 * sync. The mapping job is then updated while running (the API pauses it): a new {@code SqlFilter}
 * applies on resume, while a changed {@code Where} is refused with the stop-and-start message.
 */
@ExtendWith(MariaDbExtension.class)
class DtleMappingJobIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Sandbox
    MariaDbServer source;
    @Sandbox
    MariaDbServer target;
    @TempDir
    Path dataDir;

    @Test
    void mappingExamplesOverTheV2Api() throws Exception {
        String table = " (id INT PRIMARY KEY, v VARCHAR(20))";
        for (String database : List.of("test1src", "test2src", "cust")) {
            source.execute("CREATE DATABASE " + database, "CREATE TABLE " + database + ".t" + table, "INSERT INTO " + database + ".t VALUES (1, 'a'), (2, 'b')");
        }
        source.execute("CREATE DATABASE demo");
        for (String name : List.of("test1Shard", "test2Shard", "customer")) {
            source.execute("CREATE TABLE demo." + name + table, "INSERT INTO demo." + name + " VALUES (1, 'a'), (2, 'b')");
        }
        source.execute("CREATE TABLE demo.colmap (id INT PRIMARY KEY, val1 INT, val2 INT)", "INSERT INTO demo.colmap VALUES (1, 10, 100), (2, 20, 200)");
        target.execute("CREATE DATABASE demo", "CREATE TABLE demo.colmap (val2 INT, id INT PRIMARY KEY)");

        // the manual's ReplicateDoDb blocks, in the v2 API's names
        String mapping = """
                {"job_id": "mapping", "task_step_name": "all", "is_mysql_password_encrypted": false,
                 "src_task": {"task_name": "src", "gtid": "", "sql_filter": [],
                   "replicate_do_db": [
                     {"table_schema_regex": "(\\\\w*)src(\\\\w*)", "table_schema_rename": "rename${1}"},
                     {"table_schema": "demo", "tables": [{"table_regex": "(\\\\w*)Shard(\\\\w*)", "table_rename": "${1}Rename"}]}],
                   "mysql_connection_config": %s},
                 "dest_task": {"task_name": "dest", "parallel_workers": 1, "mysql_connection_config": %s}}
                """.formatted(connection(source), connection(target));
        String colmap = """
                {"job_id": "colmap", "task_step_name": "all", "is_mysql_password_encrypted": false,
                 "src_task": {"task_name": "src", "gtid": "",
                   "replicate_do_db": [{"table_schema": "demo", "tables": [{"table_name": "colmap", "column_map_from": ["val1", "id"]}]}],
                   "skip_create_db_table": true, "drop_table_if_exists": false,
                   "mysql_connection_config": %s},
                 "dest_task": {"task_name": "dest", "parallel_workers": 1, "mysql_connection_config": %s}}
                """.formatted(connection(source), connection(target));
        try (ServerHarness harness = new ServerHarness(dataDir)) {
            Reply created = harness.post("/v2/job/sync/create", Map.of("sync_job_config", JSON.readTree(mapping)));
            assertThat(created.status()).as(created.text()).isEqualTo(200);
            Reply createdColmap = harness.post("/v2/job/sync/create", Map.of("sync_job_config", JSON.readTree(colmap)));
            assertThat(createdColmap.status()).as(createdColmap.text()).isEqualTo(200);
            await().atMost(WAIT).untilAsserted(() -> assertThat(rows(target, "SELECT id FROM demo.test2Rename")).hasSize(2));

            // rows during sync, through both jobs
            source.execute("INSERT INTO test1src.t VALUES (3, 'c')", "UPDATE test2src.t SET v = 'B' WHERE id = 2", "DELETE FROM test1src.t WHERE id = 1",
                    "INSERT INTO cust.t VALUES (3, 'c')", "INSERT INTO demo.customer VALUES (3, 'c')",
                    "UPDATE demo.test1Shard SET v = 'A' WHERE id = 1", "DELETE FROM demo.test2Shard WHERE id = 1",
                    "CREATE TABLE demo.test3Shard" + table, "INSERT INTO demo.test3Shard VALUES (1, 'x')",
                    "INSERT INTO demo.colmap VALUES (3, 30, 300)", "UPDATE demo.colmap SET val1 = 21, val2 = 0 WHERE id = 2", "DELETE FROM demo.colmap WHERE id = 1");
            awaitMapped();

            // update-task through the API: a binlog filter may change (the API pauses the job around it)
            JsonNode noDeletes = JSON.readTree(mapping.replace("\"sql_filter\": []", "\"sql_filter\": [\"NoDMLDelete\"]").replace("\"job_id\": \"mapping\"", "\"job_id\": \"mapping-sync\""));
            Reply updated = harness.post("/v2/job/sync/update", Map.of("sync_job_config", noDeletes));
            assertThat(updated.status()).as(updated.text()).isEqualTo(200);
            source.execute("DELETE FROM test2src.t WHERE id = 1", "INSERT INTO test2src.t VALUES (3, 'c')");
            await().atMost(WAIT).untilAsserted(() -> assertThat(rows(target, "SELECT id FROM renametest2.t ORDER BY id"))
                    .containsExactly(List.of("1"), List.of("2"), List.of("3")));

            // a row predicate is not an update-task change: refused, telling the user to stop and start the task
            String withWhere = noDeletes.toString().replace("\"table_rename\":\"${1}Rename\"", "\"table_rename\":\"${1}Rename\",\"where\":\"id > 1\"");
            assertThat(withWhere).contains("\"where\"");
            Reply refused = harness.post("/v2/job/sync/update", Map.of("sync_job_config", JSON.readTree(withWhere)));
            assertThat(refused.status()).as(refused.text()).isNotEqualTo(200);
            assertThat(refused.text()).contains("stop").contains("Where").doesNotContain(source.password()).doesNotContain(target.password());

            source.execute("INSERT INTO demo.test1Shard VALUES (3, 'c')", "INSERT INTO demo.colmap VALUES (4, 40, 400)");
            await().atMost(WAIT).untilAsserted(() -> assertThat(rows(target, "SELECT id FROM demo.test1Rename ORDER BY id")).hasSize(3));
            awaitMapped();
        }
        assertThat(rows(target, "SELECT v FROM renametest2.t WHERE id = 1")).containsExactly(List.of("a"));
        assertThat(rows(target, "SELECT id, v FROM renametest2.t WHERE id > 1 ORDER BY id")).isEqualTo(rows(source, "SELECT id, v FROM test2src.t ORDER BY id"));
    }

    /** Every mapped table holds its source's rows; unselected schemas and tables stay away. */
    private void awaitMapped() {
        await().atMost(WAIT).untilAsserted(() -> {
            assertSame("SELECT id, v FROM test1src.t ORDER BY id", "SELECT id, v FROM renametest1.t ORDER BY id");
            assertSame("SELECT id, v FROM demo.test1Shard ORDER BY id", "SELECT id, v FROM demo.test1Rename ORDER BY id");
            assertSame("SELECT id, v FROM demo.test2Shard ORDER BY id", "SELECT id, v FROM demo.test2Rename ORDER BY id");
            assertSame("SELECT id, v FROM demo.test3Shard ORDER BY id", "SELECT id, v FROM demo.test3Rename ORDER BY id");
            assertSame("SELECT val1, id FROM demo.colmap ORDER BY id", "SELECT val2, id FROM demo.colmap ORDER BY id");
        });
        assertThat(rows(target, "SHOW DATABASES LIKE 'cust'")).isEmpty();
        assertThat(rows(target, "SHOW DATABASES LIKE 'renamecust'")).isEmpty();
        assertThat(rows(target, "SHOW DATABASES LIKE 'test1src'")).isEmpty();
        assertThat(rows(target, "SHOW TABLES IN demo")).containsExactlyInAnyOrder(List.of("colmap"), List.of("test1Rename"), List.of("test2Rename"),
                List.of("test3Rename"));
    }

    private void assertSame(String sourceSql, String targetSql) {
        assertThat(rows(target, targetSql)).isEqualTo(rows(source, sourceSql));
    }

    private static String connection(MariaDbServer server) {
        return """
                {"mysql_host": "127.0.0.1", "mysql_port": %d, "mysql_user": "%s", "mysql_password": "%s"}""".formatted(server.port(), server.user(), server.password());
    }

    private static List<List<String>> rows(MariaDbServer server, String sql) {
        try {
            return server.query(sql);
        }
        catch (RuntimeException e) {
            return List.of();
        }
    }
}
