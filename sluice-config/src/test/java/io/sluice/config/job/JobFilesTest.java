package io.sluice.config.job;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.rule.EventFilters;
import io.sluice.core.rule.EventType;
import io.sluice.core.rule.ExpressionSyntax;
import io.sluice.core.task.StartMeta;
import io.sluice.core.task.SyncOptions;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.sluice.config.job.JobFilesSeedTest.configJob;
import static io.sluice.config.job.JobFilesSeedTest.readConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How each job file field maps to the task model, the accepted shapes, and file handling. */
class JobFilesTest
{
    private static final String UUID_A = "f6def853-cbaa-11e8-8aeb-0242ac120003";
    private static final String UUID_B = "f74aacb5-cbaa-11e8-bdd1-0242ac120004";

    @Test
    void gtidIsAnExecutedSet()
    {
        DtleJob job = readConfig("\"Gtid\": \"" + UUID_A + ":1-7\",\n");
        assertThat(job.task().mode()).isEqualTo(TaskMode.INCREMENTAL);
        assertThat(job.task().instances().getFirst().meta()).isEqualTo(new StartMeta(null, null, UUID_A + ":1-7"));
        assertThat(job.sources().getFirst().enableGtid()).isTrue();
    }

    /** consul keeps dtle's progress as a GTID set "可能有多行"; a set copied from there or from SHOW MASTER STATUS spans lines. */
    @Test
    void gtidOverSeveralLines()
    {
        DtleJob job = readConfig("\"Gtid\": \"" + UUID_A + ":6-7,\\n" + UUID_B + ":1-5\",\n");
        assertThat(job.task().instances().getFirst().meta().position().orElseThrow().toString()).isEqualTo(UUID_A + ":6-7," + UUID_B + ":1-5");
    }

    @Test
    void mariaDbGtidList()
    {
        DtleJob job = readConfig("\"Gtid\": \"0-1-100,1-2-5\",\n");
        assertThat(job.task().instances().getFirst().meta().binlogGtid()).isEqualTo("0-1-100,1-2-5");
        assertThat(job.sources().getFirst().enableGtid()).isTrue();
    }

    @Test
    void gtidStartBecomesTheSetBeforeIt()
    {
        DtleJob job = readConfig("\"GtidStart\": \"" + UUID_A + ":8," + UUID_B + ":1\",\n");
        assertThat(job.task().mode()).isEqualTo(TaskMode.INCREMENTAL);
        // UUID_B starts at its first transaction: nothing of it is executed.
        assertThat(job.task().instances().getFirst().meta()).isEqualTo(new StartMeta(null, null, UUID_A + ":1-7"));
        assertThat(job.sources().getFirst().enableGtid()).isTrue();
    }

    @Test
    void autoGtidStartsAtTheCurrentPosition()
    {
        DtleJob job = readConfig("\"Gtid\": \"\",\n\"AutoGtid\": true,\n");
        assertThat(job.task().mode()).isEqualTo(TaskMode.INCREMENTAL);
        assertThat(job.task().instances().getFirst().meta()).isNull();
        assertThat(job.sources().getFirst().enableGtid()).isTrue();
    }

    @Test
    void binlogFileAndPosition()
    {
        DtleJob job = readConfig("\"BinlogFile\": \"bin.000075\",\n\"BinlogPos\": 11909,\n");
        assertThat(job.task().mode()).isEqualTo(TaskMode.INCREMENTAL);
        assertThat(job.task().instances().getFirst().meta()).isEqualTo(new StartMeta("bin.000075", 11909L, null));
        assertThat(job.sources().getFirst().enableGtid()).isFalse();
        DtleJob fileOnly = readConfig("\"BinlogFile\": \"bin.000075\",\n\"BinlogPos\": 0,\n");
        assertThat(fileOnly.task().instances().getFirst().meta()).isEqualTo(new StartMeta("bin.000075", null, null));
    }

    @Test
    void noStartPositionCopiesFirst()
    {
        DtleJob job = readConfig("\"Gtid\": \"\", \"GtidStart\": \"\", \"AutoGtid\": false, \"BinlogFile\": \"\", \"BinlogPos\": 0,\n");
        assertThat(job.task().mode()).isEqualTo(TaskMode.ALL);
        assertThat(job.task().instances().getFirst().meta()).isNull();
        assertThat(job.sources().getFirst().enableGtid()).isFalse();
    }

    @Test
    void optionsAndDefaults()
    {
        TaskConfig defaults = readConfig("").task();
        assertThat(defaults.load().chunkRows()).isEqualTo(2000);
        assertThat(defaults.load().copyThreads()).isEqualTo(4);
        assertThat(defaults.sync().workers()).isEqualTo(SyncOptions.DEFAULT_WORKERS);
        assertThat(defaults.sync().groupAge()).isEqualTo(Duration.ofMillis(50));
        assertThat(defaults.metaSchema()).isEqualTo(TaskConfig.DEFAULT_META_SCHEMA);
        assertThat(defaults.caseSensitive()).isTrue();
        assertThat(defaults.shardMode()).isEmpty();

        String json = configJob("""
                "ChunkSize": 500, "GroupTimeout": 20, "GroupMaxSize": 65536, "ReplChanBufferSize": 60,
                "ExpandSyntaxSupport": false, "BinlogRelay": false, "DropTableIfExists": true, "SkipCreateDbTable": false,
                """).replace("\"Config\": {\"ConnectionConfig\": {\"Host\": \"dst\"",
                "\"Config\": {\"ParallelWorkers\": 16, \"UseMySQLDependency\": false, \"DependencyHistorySize\": 5000, \"ConnectionConfig\": {\"Host\": \"dst\"");
        TaskConfig task = JobFiles.read(json, "job.json", ExpressionSyntax.UNCHECKED).task();
        assertThat(task.load().chunkRows()).isEqualTo(500);
        assertThat(task.load().dropTableIfExists()).isTrue();
        assertThat(task.sync().workers()).isEqualTo(16);
        assertThat(task.sync().groupAge()).isEqualTo(Duration.ofMillis(20));
        assertThat(task.sync().groupTransactions()).isEqualTo(200);
        assertThat(task.sync().safeMode()).isFalse();
    }

    @Test
    void connectionConfig()
    {
        String json = configJob("").replace("\"Host\": \"src\", \"Port\": 3306, \"User\": \"root\", \"Password\": \"pass\"",
                "\"Host\": \" 10.0.0.1 \", \"Port\": \"3307\", \"User\": \"repl\", \"Charset\": \"utf8\"");
        DtleJob job = JobFiles.read(json, "job.json", ExpressionSyntax.UNCHECKED);
        assertThat(job.sources().getFirst().from().host()).isEqualTo("10.0.0.1");
        assertThat(job.sources().getFirst().from().port()).isEqualTo(3307);
        assertThat(job.sources().getFirst().from().user()).isEqualTo("repl");
        assertThat(job.sources().getFirst().from().password().isEmpty()).isTrue();
        assertThat(job.sources().getFirst().sourceId()).isEqualTo("mapping-src");
    }

    @Test
    void passwordsNeverPrinted()
    {
        DtleJob job = JobFiles.read(configJob("").replace("\"pass\"", "\"Pa55-word\""), "job.json", ExpressionSyntax.UNCHECKED);
        assertThat(job.toString()).doesNotContain("Pa55-word");
        assertThat(JobRender.render(job)).doesNotContain("Pa55-word");
        assertThat(job.task().target().password().reveal()).isEqualTo("Pa55-word");
    }

    @Test
    void sqlFilterNames()
    {
        DtleJob job = readConfig("""
                "SqlFilter": ["NoDML", "NoDMLDelete", "NoDMLInsert", "NoDMLUpdate", "NoDDL", "NoDDLAlterTableAddColumn",
                  "NoDDLAlterTableDropColumn", "NoDDLAlterTableModifyColumn", "NoDDLAlterTableChangeColumn", "NoDDLAlterTableAlterColumn"],
                """);
        EventFilters filters = job.task().instances().getFirst().rules().eventFilters();
        List<Set<EventType>> events = new ArrayList<>();
        filters.rules().forEach(rule -> events.add(rule.events()));
        assertThat(events).containsExactly(
                Set.of(EventType.INSERT, EventType.UPDATE, EventType.DELETE),
                Set.of(EventType.DELETE),
                Set.of(EventType.INSERT),
                Set.of(EventType.UPDATE),
                EventType.parse("all ddl"),
                Set.of(EventType.ADD_COLUMN),
                Set.of(EventType.DROP_COLUMN),
                Set.of(EventType.MODIFY_COLUMN),
                Set.of(EventType.CHANGE_COLUMN),
                Set.of(EventType.ALTER_COLUMN));
        assertThat(filters.rules().getFirst().origin()).isEqualTo("mapping.json:2:15 SqlFilter[0]");
        assertThat(filters.rules().get(6).origin()).isEqualTo("mapping.json:3:3 SqlFilter[6]");
    }

    @Test
    void sqlFilterDecisions()
    {
        EventFilters filters = readConfig("\"SqlFilter\": [\"NoDMLDelete\", \"NoDDLAlterTableDropColumn\"],\n").task().instances().getFirst().rules().eventFilters();
        assertThat(filters.decide("shop", "orders", Set.of(EventType.DELETE), null).verdict()).isEqualTo(EventFilters.Verdict.IGNORE);
        assertThat(filters.decide("shop", "orders", Set.of(EventType.INSERT), null).verdict()).isEqualTo(EventFilters.Verdict.APPLY);
        assertThat(filters.decide("shop", "orders", Set.of(EventType.ALTER_TABLE, EventType.DROP_COLUMN), "ALTER TABLE orders DROP COLUMN c").verdict())
                .isEqualTo(EventFilters.Verdict.IGNORE);
        assertThat(filters.decide("shop", "orders", Set.of(EventType.ALTER_TABLE, EventType.ADD_COLUMN), "ALTER TABLE orders ADD COLUMN c INT").verdict())
                .isEqualTo(EventFilters.Verdict.APPLY);
        EventFilters noDdl = readConfig("\"SqlFilter\": [\"NoDDL\"],\n").task().instances().getFirst().rules().eventFilters();
        assertThat(noDdl.decide("shop", null, Set.of(EventType.CREATE_DATABASE), "CREATE DATABASE shop").verdict()).isEqualTo(EventFilters.Verdict.IGNORE);
    }

    @Test
    void whereIsCheckedAndKept()
    {
        List<String> checked = new ArrayList<>();
        ExpressionSyntax syntax = expression -> {
            checked.add(expression);
            return Optional.empty();
        };
        DtleJob job = JobFiles.read(configJob("\"ReplicateDoDb\": [{\"TableSchema\": \"demo\", \"Tables\": [{\"TableName\": \"t\", \"Where\": \"id % 2 = 0\"}]}],\n"), "job.json", syntax);
        assertThat(checked).containsExactly("id % 2 = 0");
        assertThat(job.task().instances().getFirst().rules().rowPredicates().getFirst().where()).contains("id % 2 = 0");
    }

    @Test
    void kafkaDestination()
    {
        String json = configJob("\"ReplicateDoDb\": [{\"TableSchema\": \"db1\"}],\n").replace(
                "\"Config\": {\"ConnectionConfig\": {\"Host\": \"dst\", \"Port\": 3306, \"User\": \"root\", \"Password\": \"pass\"}}",
                "\"Config\": {\"KafkaConfig\": {\"Topic\": \"kafka1\", \"Brokers\": [\"127.0.0.1:9192\", \"127.0.0.1:9092\"], \"Converter\": \"json\"}}");
        DtleJob job = JobFiles.read(json, "job.json", ExpressionSyntax.UNCHECKED);
        assertThat(job.task()).isNull();
        assertThat(job.kafka()).contains(new KafkaConfig("kafka1", true, List.of("127.0.0.1:9192", "127.0.0.1:9092"), "json", 1, 100));
        assertThat(job.sources()).hasSize(1);

        String tuned = json.replace("\"Converter\": \"json\"", "\"TopicWithSchemaTable\": false, \"MessageGroupMaxSize\": 4096, \"MessageGroupTimeout\": 50");
        assertThat(JobFiles.read(tuned, "job.json", ExpressionSyntax.UNCHECKED).kafka())
                .contains(new KafkaConfig("kafka1", false, List.of("127.0.0.1:9192", "127.0.0.1:9092"), "json", 4096, 50));
    }

    /** "创建一个订阅作业" subscription_job_config: the API v2 spells the Kafka destination flat in dest_task. */
    @Test
    void apiSubscriptionKafka()
    {
        String json = """
                {"subscription_job_config": {
                  "job_id": "demo",
                  "src_task": {
                    "mysql_connection_config": {"mysql_host": "10.186.63.18", "mysql_port": 33061, "mysql_user": "root", "mysql_password": "pass"},
                    "node_id": "85148787-a6ba-016f-d9d2-3bc3522a573a",
                    "drop_table_if_exists": true, "binlog_relay": false, "repl_chan_buffer_size": 120, "group_max_size": 1, "group_timeout": 100,
                    "chunk_size": 2000, "skip_create_db_table": false, "task_name": "src", "replicate_do_db": []
                  },
                  "is_mysql_password_encrypted": false,
                  "dest_task": {
                    "kafka_broker_addrs": ["10.186.63.18:9092"],
                    "kafka_topic": "demo",
                    "message_group_max_size": 1, "message_group_timeout": 100,
                    "node_id": "85148787-a6ba-016f-d9d2-3bc3522a573a",
                    "parallel_workers": 1,
                    "task_name": "dest"
                  },
                  "task_step_name": "job_stage_full", "failover": true, "retry": 2
                }}
                """;
        DtleJob job = JobFiles.read(json, "sub.json", ExpressionSyntax.UNCHECKED);
        assertThat(job.jobId()).isEqualTo("demo");
        assertThat(job.task()).isNull();
        assertThat(job.kafka()).contains(new KafkaConfig("demo", true, List.of("10.186.63.18:9092"), "json", 1, 100));
    }

    /** The API v2 echoes every unset field as "" or null (the responses in the manual); such a job reads like one without them. */
    @Test
    void apiEchoedEmptyFields()
    {
        String json = """
                {
                  "job_id": "demo-migration", "task_step_name": "", "reverse": false, "failover": true, "is_mysql_password_encrypted": false,
                  "src_task": {
                    "task_name": "src", "node_id": "n", "gtid": "", "group_max_size": 1, "chunk_size": 2000,
                    "drop_table_if_exists": true, "skip_create_db_table": false, "repl_chan_buffer_size": 120,
                    "replicate_do_db": [{"table_schema": "demo", "table_schema_regex": "", "table_schema_rename": "",
                      "tables": [{"table_name": "demo_tbl", "table_regex": "", "table_rename": "", "column_map_from": null, "where": ""}]}],
                    "replicate_ignore_db": null,
                    "mysql_connection_config": {"mysql_host": "10.186.63.18", "mysql_port": 33061, "mysql_user": "root", "mysql_password": ""},
                    "binlog_relay": false, "group_timeout": 100, "wait_on_job": "", "auto_gtid": false
                  },
                  "dest_task": {
                    "task_name": "dest", "node_id": "n", "parallel_workers": 1,
                    "mysql_connection_config": {"mysql_host": "10.186.63.18", "mysql_port": 33062, "mysql_user": "root", "mysql_password": ""},
                    "use_mysql_dependency": true, "dependency_history_size": 2500
                  },
                  "retry": 2
                }
                """;
        DtleJob job = JobFiles.read(json, "echo.json", ExpressionSyntax.UNCHECKED);
        assertThat(JobRender.render(job)).isEqualTo("""
                job demo-migration
                source demo-migration-src gtid=false from=root@10.186.63.18:33061
                task demo-migration mode=all meta-schema=sluice_meta target=root@10.186.63.18:33062 case-sensitive=true
                load drop=true skip-create=false chunk=2000 threads=4
                sync workers=1 group=200 age=100ms safe=false
                instance demo-migration-src start=-
                  do demo.demo_tbl
                """);
    }

    @Test
    void apiIncrementalWithGtid()
    {
        String json = """
                {"sync_job_config": {"job_name": "s1", "task_step_name": "job_stage_incr",
                  "src_task": {"gtid": "%s:1-7", "mysql_connection_config": {"mysql_host": "a", "mysql_port": 3306, "mysql_user": "u", "mysql_password": "p"}},
                  "dest_task": {"mysql_connection_config": {"mysql_host": "b", "mysql_port": "3306", "mysql_user": "u", "mysql_password": "p"}}}}
                """.formatted(UUID_A);
        DtleJob job = JobFiles.read(json, "sync.json", ExpressionSyntax.UNCHECKED);
        assertThat(job.jobId()).isEqualTo("s1");
        assertThat(job.task().mode()).isEqualTo(TaskMode.INCREMENTAL);
        assertThat(job.task().instances().getFirst().meta().binlogGtid()).isEqualTo(UUID_A + ":1-7");
    }

    /** nomad scheduling keys at every level are accepted and ignored; Type may sit inside Config; the job wrapper is optional. */
    @Test
    void nomadSchedulingKeysAndTypeInConfig()
    {
        String json = """
                {
                  "ID": "j1", "Name": "j1", "Type": "service", "Datacenters": ["dc1"], "Priority": 50,
                  "Constraints": [{"LTarget": "${node.unique.name}", "RTarget": "nomad1", "Operand": "="}],
                  "Reschedule": {"Attempts": 1, "Interval": 1800000000000, "Unlimited": false},
                  "TaskGroups": [{
                    "Name": "a", "Count": 1, "RestartPolicy": {"Attempts": 2}, "Restart": {"Attempts": 2},
                    "Tasks": [{"Name": "x", "Driver": "dtle", "Resources": {"CPU": 100, "MemoryMB": 300},
                      "Config": {"Type": "Src", "ConnectionConfig": {"Host": "s", "Port": 3306, "User": "u", "Password": "p"}}}]
                  }, {
                    "Name": "b",
                    "Tasks": [{"Name": "y", "Driver": "dtle", "Type": "Dest",
                      "Config": {"Type": "Dest", "ConnectionConfig": {"Host": "d", "Port": 3306, "User": "u", "Password": "p"}}}]
                  }]
                }
                """;
        DtleJob job = JobFiles.read(json, "job.json", ExpressionSyntax.UNCHECKED);
        assertThat(job.sources().getFirst().from().host()).isEqualTo("s");
        assertThat(job.task().target().host()).isEqualTo("d");
    }

    @Test
    void jobIdFromNameWhenNoId()
    {
        String json = configJob("").replace("\"ID\": \"mapping\"", "\"Name\": \"named\"");
        assertThat(JobFiles.read(json, "job.json", ExpressionSyntax.UNCHECKED).task().name()).isEqualTo("named");
    }

    @Test
    void ignoreAcceptsRegexes()
    {
        var selector = readConfig("""
                "ReplicateIgnoreDb": [{"TableSchemaRegex": "^tmp_"}, {"TableSchema": "shop", "Tables": [{"TableRegex": "_bak$"}]}],
                """).task().instances().getFirst().rules().selector();
        assertThat(selector.allowsDatabase("tmp_1")).isFalse();
        assertThat(selector.allowsTable("shop", "orders_bak")).isFalse();
        assertThat(selector.allowsTable("shop", "orders")).isTrue();
    }

    /** dtle's regular expressions are Go's: a named group is written (?P<name>...), and ${name} refers to it. */
    @Test
    void goNamedGroups()
    {
        var rules = readConfig("""
                "ReplicateDoDb": [{"TableSchemaRegex": "^(?P<base>\\\\w+)_src$", "TableSchemaRename": "${base}_dst"}],
                """).task().instances().getFirst().rules();
        assertThat(rules.selector().allowsDatabase("shop_src")).isTrue();
        assertThat(rules.routes().routeDatabase("shop_src")).isEqualTo("shop_dst");
    }

    @Test
    void byteOrderMarkIsSkipped()
    {
        assertThat(JobFiles.read("\uFEFF" + configJob(""), "job.json", ExpressionSyntax.UNCHECKED).jobId()).isEqualTo("mapping");
    }

    @Test
    void readsFiles(@TempDir Path dir)
            throws IOException
    {
        Path file = dir.resolve("job.json");
        Files.writeString(file, configJob(""), StandardCharsets.UTF_8);
        assertThat(JobFiles.read(file, ExpressionSyntax.UNCHECKED).jobId()).isEqualTo("mapping");
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> JobFiles.read(missing, ExpressionSyntax.UNCHECKED))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.reason()).isEqualTo(missing + ": the job file does not exist");
                });
        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, new byte[] {'{', (byte) 0xE9, '}'});
        assertThatThrownBy(() -> JobFiles.read(latin1, ExpressionSyntax.UNCHECKED))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.reason()).isEqualTo(latin1 + ": the job file is not valid UTF-8"));
    }

    @Test
    void looksLikeJob(@TempDir Path dir)
            throws IOException
    {
        Path json = dir.resolve("anything.JSON");
        Files.writeString(json, "name: not really json\n");
        Path braces = dir.resolve("job.txt");
        Files.writeString(braces, "\uFEFF\n  {\"Job\": {}}");
        Path yaml = dir.resolve("task.yaml");
        Files.writeString(yaml, "# a task\nname: t\n");
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "   \n");
        assertThat(JobFiles.looksLikeJob(json)).isTrue();
        assertThat(JobFiles.looksLikeJob(braces)).isTrue();
        assertThat(JobFiles.looksLikeJob(yaml)).isFalse();
        assertThat(JobFiles.looksLikeJob(empty)).isFalse();
        assertThat(JobFiles.looksLikeJob(dir.resolve("missing.yaml"))).isFalse();
        assertThat(JobFiles.looksLikeJob(dir)).isFalse();
    }
}
