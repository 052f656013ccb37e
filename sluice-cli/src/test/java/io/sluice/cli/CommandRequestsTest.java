package io.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.cli.CtlRunner.Result;
import io.sluice.cli.FakeMaster.Recorded;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command sends the method, path, query and body of docs/api.md, and exits 0 on {@code "result": true}. */
class CommandRequestsTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TASK_YAML = """
            # a DM task
            name: "shop"
            task-mode: all
            target-database:
              host: 127.0.0.1
              password: secret
            mysql-instances:
              - source-id: mysql-replica-01
            """;
    private static final String SOURCE_YAML = """
            source-id: mysql-replica-01
            from:
              host: 127.0.0.1
              password: secret
            """;

    @TempDir
    Path directory;

    private FakeMaster master;

    @BeforeEach
    void startMaster()
            throws IOException
    {
        master = new FakeMaster();
    }

    @AfterEach
    void stopMaster()
    {
        master.close();
    }

    @Test
    void operateSourceCreateSendsEachFileText()
            throws IOException
    {
        Path first = write("source1.yaml", SOURCE_YAML);
        Path second = write("source2.yaml", "source-id: mysql-replica-02\n");

        Result result = CtlRunner.against(master, "operate-source", "create", first.toString(), second.toString());

        assertThat(result.exitCode()).isZero();
        assertRequest("POST", "/api/v1/sources", null, MAPPER.createObjectNode()
                .set("configs", MAPPER.createArrayNode().add(SOURCE_YAML).add("source-id: mysql-replica-02\n")));
    }

    @Test
    void operateSourceUpdatePuts()
            throws IOException
    {
        Path file = write("source.yaml", SOURCE_YAML);

        assertThat(CtlRunner.against(master, "operate-source", "update", file.toString()).exitCode()).isZero();
        assertRequest("PUT", "/api/v1/sources", null, MAPPER.createObjectNode()
                .set("configs", MAPPER.createArrayNode().add(SOURCE_YAML)));
    }

    @Test
    void operateSourceStopTakesIdsAndSourceFiles()
            throws IOException
    {
        Path file = write("source.yaml", SOURCE_YAML);

        assertThat(CtlRunner.against(master, "operate-source", "stop", file.toString(), "mysql-replica-02").exitCode()).isZero();
        assertRequest("POST", "/api/v1/sources/stop", null, "{\"sourceIds\": [\"mysql-replica-01\", \"mysql-replica-02\"]}");
    }

    @Test
    void operateSourceShowRepeatsTheSourceParameter()
    {
        assertThat(CtlRunner.against(master, "operate-source", "show", "mysql-replica-01", "mysql-replica-02").exitCode()).isZero();
        assertRequest("GET", "/api/v1/sources", "source=mysql-replica-01&source=mysql-replica-02", null);
    }

    @Test
    void operateSourceShowWithoutIdsListsAll()
    {
        assertThat(CtlRunner.against(master, "operate-source", "show").exitCode()).isZero();
        assertRequest("GET", "/api/v1/sources", null, null);
    }

    @Test
    void startTaskSendsTheFileTextAndWorkers()
            throws IOException
    {
        Path file = write("task.yaml", TASK_YAML);

        Result result = CtlRunner.against(master, "start-task", "-w", "w1,w2", "--worker", "w3", file.toString());

        assertThat(result.exitCode()).isZero();
        assertRequest("POST", "/api/v1/tasks", null, MAPPER.createObjectNode()
                .put("config", TASK_YAML)
                .put("removeMeta", false)
                .set("workers", MAPPER.createArrayNode().add("w1").add("w2").add("w3")));
        assertThat(master.onlyRequest().contentType()).isEqualTo("application/json");
    }

    @Test
    void startTaskRemoveMeta()
            throws IOException
    {
        Path file = write("task.yaml", TASK_YAML);

        assertThat(CtlRunner.against(master, "start-task", "--remove-meta", file.toString()).exitCode()).isZero();
        assertRequest("POST", "/api/v1/tasks", null, MAPPER.createObjectNode()
                .put("config", TASK_YAML)
                .put("removeMeta", true)
                .set("workers", MAPPER.createArrayNode()));
    }

    @Test
    void checkTaskSendsTheConfig()
            throws IOException
    {
        Path file = write("task.yaml", TASK_YAML);

        assertThat(CtlRunner.against(master, "check-task", file.toString()).exitCode()).isZero();
        assertRequest("POST", "/api/v1/tasks/check", null, MAPPER.createObjectNode().put("config", TASK_YAML));
    }

    @Test
    void updateTaskPutsToTheTaskNamedInTheYaml()
            throws IOException
    {
        Path file = write("task.yaml", TASK_YAML);

        assertThat(CtlRunner.against(master, "update-task", "-w", "w1", file.toString()).exitCode()).isZero();
        assertRequest("PUT", "/api/v1/tasks/shop", null, MAPPER.createObjectNode()
                .put("config", TASK_YAML)
                .set("workers", MAPPER.createArrayNode().add("w1")));
    }

    @Test
    void updateTaskPutsToTheJobNamedInTheJson()
            throws IOException
    {
        String job = "{\"migration_job_config\": {\"job_id\": \"demo job\", \"src_task\": {}, \"dest_task\": {}}}";
        Path file = write("job.json", job);

        assertThat(CtlRunner.against(master, "update-task", file.toString()).exitCode()).isZero();
        assertRequest("PUT", "/api/v1/tasks/demo%20job", null, MAPPER.createObjectNode()
                .put("config", job)
                .set("workers", MAPPER.createArrayNode()));
    }

    @Test
    void pauseResumeStopPostToTheTask()
    {
        for (String operation : new String[] {"pause", "resume", "stop"}) {
            try (FakeMaster fresh = newMaster()) {
                Result result = CtlRunner.against(fresh, operation + "-task", "-w", "127.0.0.1:8262", "shop");
                assertThat(result.exitCode()).as(operation).isZero();
                Recorded request = fresh.onlyRequest();
                assertThat(request.method()).isEqualTo("POST");
                assertThat(request.path()).isEqualTo("/api/v1/tasks/shop/" + operation);
                assertThat(json(request.body())).isEqualTo(json("{\"workers\": [\"127.0.0.1:8262\"]}"));
            }
        }
    }

    @Test
    void queryStatusWithoutArguments()
    {
        assertThat(CtlRunner.against(master, "query-status").exitCode()).isZero();
        assertRequest("GET", "/api/v1/status", null, null);
    }

    @Test
    void queryStatusWithTaskAndWorkers()
    {
        assertThat(CtlRunner.against(master, "query-status", "-w", "w1", "-w", "w2", "shop").exitCode()).isZero();
        assertRequest("GET", "/api/v1/status", "task=shop&worker=w1&worker=w2", null);
    }

    @Test
    void queryError()
    {
        assertThat(CtlRunner.against(master, "query-error", "shop").exitCode()).isZero();
        assertRequest("GET", "/api/v1/errors", "task=shop", null);
    }

    @Test
    void sqlSkipByBinlogPosition()
    {
        Result result = CtlRunner.against(master, "sql-skip", "-w", "w1", "--binlog-pos", "mysql-bin.000001:1234", "--source", "mysql-replica-01", "shop");

        assertThat(result.exitCode()).isZero();
        assertRequest("POST", "/api/v1/tasks/shop/sql-operators", null,
                "{\"op\": \"skip\", \"worker\": \"w1\", \"source\": \"mysql-replica-01\", \"binlogPos\": \"mysql-bin.000001:1234\"}");
    }

    @Test
    void sqlSkipByPattern()
    {
        assertThat(CtlRunner.against(master, "sql-skip", "--sql-pattern", "~(?i)ALTER\\s+TABLE", "shop").exitCode()).isZero();
        assertRequest("POST", "/api/v1/tasks/shop/sql-operators", null, "{\"op\": \"skip\", \"sqlPattern\": \"~(?i)ALTER\\\\s+TABLE\"}");
    }

    @Test
    void sqlReplace()
    {
        Result result = CtlRunner.against(master, "sql-replace", "-b", "mysql-bin.000001:1234", "shop",
                "ALTER TABLE t ADD c INT; ALTER TABLE t ADD d INT;");

        assertThat(result.exitCode()).isZero();
        assertRequest("POST", "/api/v1/tasks/shop/sql-operators", null,
                "{\"op\": \"replace\", \"binlogPos\": \"mysql-bin.000001:1234\", \"sqls\": \"ALTER TABLE t ADD c INT; ALTER TABLE t ADD d INT;\"}");
    }

    @Test
    void sqlInject()
    {
        Result result = CtlRunner.against(master, "sql-inject", "-w", "w1", "--source", "s1", "shop", "ALTER TABLE t ADD c INT;");

        assertThat(result.exitCode()).isZero();
        assertRequest("POST", "/api/v1/tasks/shop/sql-injections", null,
                "{\"worker\": \"w1\", \"source\": \"s1\", \"sqls\": \"ALTER TABLE t ADD c INT;\"}");
    }

    @Test
    void refreshWorkerTasks()
    {
        assertThat(CtlRunner.against(master, "refresh-worker-tasks").exitCode()).isZero();
        assertRequest("POST", "/api/v1/workers/refresh", null, "{}");
    }

    @Test
    void updateMasterConfig()
            throws IOException
    {
        Path file = write("server.toml", "http-addr = \"127.0.0.1:8261\"\n");

        assertThat(CtlRunner.against(master, "update-master-config", file.toString()).exitCode()).isZero();
        assertRequest("PUT", "/api/v1/master/config", null, MAPPER.createObjectNode().put("config", "http-addr = \"127.0.0.1:8261\"\n"));
    }

    @Test
    void listMemberWithoutFlagsListsAll()
    {
        assertThat(CtlRunner.against(master, "list-member").exitCode()).isZero();
        assertRequest("GET", "/api/v1/members", null, null);
    }

    @Test
    void listMemberRolesAndNames()
    {
        assertThat(CtlRunner.against(master, "list-member", "--leader", "--worker", "--name", "w1,w2").exitCode()).isZero();
        assertRequest("GET", "/api/v1/members", "role=leader&role=worker&name=w1&name=w2", null);
    }

    @Test
    void listMemberMaster()
    {
        assertThat(CtlRunner.against(master, "list-member", "--master").exitCode()).isZero();
        assertRequest("GET", "/api/v1/members", "role=master", null);
    }

    @Test
    void showDdlLocks()
    {
        assertThat(CtlRunner.against(master, "show-ddl-locks", "-w", "w1", "shop").exitCode()).isZero();
        assertRequest("GET", "/api/v1/ddl-locks", "task=shop&worker=w1", null);
    }

    @Test
    void unlockDdlLock()
    {
        Result result = CtlRunner.against(master, "unlock-ddl-lock", "--owner", "w2", "--force-remove", "shop-`db`.`t`");

        assertThat(result.exitCode()).isZero();
        assertRequest("POST", "/api/v1/ddl-locks/unlock", null,
                "{\"id\": \"shop-`db`.`t`\", \"owner\": \"w2\", \"forceRemove\": true, \"workers\": []}");
    }

    @Test
    void breakDdlLock()
    {
        Result result = CtlRunner.against(master, "break-ddl-lock", "-w", "w1", "--skip", "shop");

        assertThat(result.exitCode()).isZero();
        assertRequest("POST", "/api/v1/ddl-locks/break", null,
                "{\"task\": \"shop\", \"exec\": false, \"skip\": true, \"workers\": [\"w1\"]}");
    }

    @Test
    void relayCommandsForwardAndPrintTheReason()
    {
        String reply = "{\"result\": false, \"msg\": \"Sluice has no relay unit: it reads the source's binlog directly\"}";
        for (String command : new String[] {"pause-relay", "resume-relay", "purge-relay", "switch-relay-master", "migrate-relay", "update-relay"}) {
            try (FakeMaster fresh = newMaster()) {
                fresh.reply("POST", "/api/v1/relay/" + command, 501, reply);

                Result result = CtlRunner.against(fresh, command, "-w", "w1");

                assertThat(result.exitCode()).as(command).isEqualTo(1);
                assertThat(result.out()).contains("Sluice has no relay unit");
                Recorded request = fresh.onlyRequest();
                assertThat(request.method()).isEqualTo("POST");
                assertThat(request.path()).isEqualTo("/api/v1/relay/" + command);
                assertThat(json(request.body())).isEqualTo(json("{\"workers\": [\"w1\"]}"));
            }
        }
    }

    @Test
    void relayCommandsAcceptDmctlArguments()
    {
        Result result = CtlRunner.against(master, "purge-relay", "-w", "w1", "--filename", "mysql-bin.000003");

        assertThat(result.exitCode()).isZero();
        assertRequest("POST", "/api/v1/relay/purge-relay", null, "{\"workers\": [\"w1\"]}");
    }

    @Test
    void taskNamesAreEscapedInThePath()
    {
        assertThat(CtlRunner.against(master, "pause-task", "a/b c").exitCode()).isZero();
        assertThat(master.onlyRequest().path()).isEqualTo("/api/v1/tasks/a%2Fb%20c/pause");
    }

    private FakeMaster newMaster()
    {
        try {
            return new FakeMaster();
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void assertRequest(String method, String path, String query, Object body)
    {
        Recorded request = master.onlyRequest();
        assertThat(request.method()).isEqualTo(method);
        assertThat(request.path()).isEqualTo(path);
        assertThat(request.query()).isEqualTo(query);
        if (body == null) {
            assertThat(request.body()).isEmpty();
        }
        else {
            JsonNode expected = body instanceof JsonNode node ? node : json((String) body);
            assertThat(json(request.body())).isEqualTo(expected);
        }
    }

    private Path write(String name, String text)
            throws IOException
    {
        return Files.writeString(directory.resolve(name), text);
    }

    static JsonNode json(String text)
    {
        try {
            return MAPPER.readTree(text);
        }
        catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
