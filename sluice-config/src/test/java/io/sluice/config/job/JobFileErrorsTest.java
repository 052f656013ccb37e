package io.sluice.config.job;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Golden messages for invalid job files: each case is a file and the exact reason, which starts
 * with {@code job.json:line:column}. No message may contain a password.
 */
class JobFileErrorsTest
{
    private static final String SRC_PASSWORD = "s3cret-src";
    private static final String DEST_PASSWORD = "s3cret-dst";

    /**
     * A valid nomad job; {@code @SRC@} (line 10) and {@code @DEST@} are replaced by extra members
     * of the src and dest Configs, each ending with a comma, or removed.
     */
    private static final String NOMAD = """
            {
              "Job": {
                "ID": "job1",
                "TaskGroups": [{
                  "Name": "src",
                  "Tasks": [{
                    "Name": "src",
                    "Driver": "dtle",
                    "Config": {
            @SRC@
                      "ConnectionConfig": {"Host": "src", "Port": 3306, "User": "root", "Password": "s3cret-src"}
                    }
                  }]
                }, {
                  "Name": "dest",
                  "Tasks": [{
                    "Name": "dest",
                    "Driver": "dtle",
                    "Config": {
            @DEST@
                      "ConnectionConfig": {"Host": "dst", "Port": 3306, "User": "root", "Password": "s3cret-dst"}
                    }
                  }]
                }]
              }
            }
            """;

    /** A valid API v2 job; {@code @JOB@} (line 3), {@code @SRC@} (line 5) and {@code @DEST@} are replaced or removed like above. */
    private static final String API = """
            {"migration_job_config": {
              "job_id": "job2",
            @JOB@
              "src_task": {
            @SRC@
                "mysql_connection_config": {"mysql_host": "src", "mysql_port": 3306, "mysql_user": "root", "mysql_password": "s3cret-src"}
              },
              "dest_task": {
            @DEST@
                "mysql_connection_config": {"mysql_host": "dst", "mysql_port": 3306, "mysql_user": "root", "mysql_password": "s3cret-dst"}
              }
            }}
            """;

    static Stream<Arguments> errors()
    {
        return Stream.of(
                // JSON syntax
                error("comma after the last member", nomad("          \"Gtid\": \"\",\n          \"ChunkSize\": 10,,\n", ""),
                        "job.json:11:27: invalid JSON: Unexpected character (',' (code 44)): was expecting double-quote to start field name"),
                error("missing comma", nomad("          \"Gtid\": \"\"\n", ""),
                        "job.json:11:11: invalid JSON: Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries"),
                error("unquoted password is not echoed", NOMAD.replace("@SRC@\n", "").replace("@DEST@\n", "").replace("\"s3cret-src\"", "s3cret-src"),
                        "job.json:10:89: invalid JSON: Unrecognized token: was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"),
                error("empty file", "  \n", "job.json:1:1: the job file is empty"),
                error("not an object", "[1, 2]", "job.json:1:1: the job file must be a JSON object, but is an array"),
                error("duplicate key", nomad("          \"Gtid\": \"\",\n          \"Gtid\": \"\",\n", ""),
                        "job.json:11:11: duplicate key 'Gtid'; it is already set at line 10"),
                // shapes
                error("unknown shape", "{\"Jobs\": {}}",
                        "job.json:1:2: not a dtle job: expected a nomad job ('Job'), an HTTP API v2 job ('migration_job_config', 'sync_job_config') or a bare API v2 job ('job_id', 'src_task', 'dest_task'); did you mean 'Job'?"),
                error("two API wrappers", "{\"migration_job_config\": {}, \"sync_job_config\": {}}",
                        "job.json:1:30: a job file holds one job, but it has both 'migration_job_config' and 'sync_job_config'"),
                error("missing dest group", "{\"Job\": {\"ID\": \"j\", \"TaskGroups\": [{\"Name\": \"src\", \"Tasks\": [{\"Driver\": \"dtle\", \"Config\": {}}]}]}}",
                        "job.json:1:9: the job has no dest (destination) task"),
                error("second src task", "{\"Job\": {\"ID\": \"j\", \"TaskGroups\": [{\"Name\": \"src\", \"Tasks\": [{\"Config\": {}}, {\"Config\": {}}]}]}}",
                        "job.json:1:78: a second src (source) task; the one whose Config starts at line 1 is the src (source) task already"),
                error("task whose side is unknown", "{\"Job\": {\"ID\": \"j\", \"TaskGroups\": [{\"Name\": \"g\", \"Tasks\": [{\"Name\": \"t\", \"Config\": {}}]}]}}",
                        "job.json:1:60: cannot tell whether task 'Job.TaskGroups[0].Tasks[0]' is the source or the destination"),
                error("unknown Type", NOMAD.replace("\"Name\": \"src\",\n        \"Driver\"", "\"Type\": \"Source\",\n        \"Driver\"").replace("@SRC@\n", "").replace("@DEST@\n", ""),
                        "job.json:7:17: unknown task Type 'Source'"),
                error("other nomad driver", NOMAD.replace("\"Driver\": \"dtle\",\n        \"Config\": {\n@SRC@", "\"Driver\": \"docker\",\n        \"Config\": {\n@SRC@").replace("@SRC@\n", "").replace("@DEST@\n", ""),
                        "job.json:8:19: 'Job.TaskGroups[0].Tasks[0].Driver' is 'docker', but Sluice runs only dtle tasks"),
                error("missing job ID", NOMAD.replace("\"ID\": \"job1\",", "\"Region\": \"global\",").replace("@SRC@\n", "").replace("@DEST@\n", ""),
                        "job.json:2:10: missing 'ID' in 'Job'"),
                // unknown and misplaced keys
                error("unknown key with suggestion", nomad("          \"Gtdi\": \"\",\n", ""),
                        "job.json:10:11: unknown key 'Gtdi' in 'Job.TaskGroups[0].Tasks[0].Config'; did you mean 'Gtid'?"),
                error("key in the wrong case", nomad("          \"gtid\": \"\",\n", ""),
                        "job.json:10:11: unknown key 'gtid' in 'Job.TaskGroups[0].Tasks[0].Config'; did you mean 'Gtid'?"),
                error("unknown key in ConnectionConfig", NOMAD.replace("{\"Host\": \"src\"", "{\"Hots\": \"src\"").replace("@SRC@\n", "").replace("@DEST@\n", ""),
                        "job.json:10:32: unknown key 'Hots' in 'Job.TaskGroups[0].Tasks[0].Config.ConnectionConfig'; did you mean 'Host'?"),
                error("unknown key in a table", nomad("          \"ReplicateDoDb\": [{\"TableSchema\": \"db\", \"Tables\": [{\"TabelName\": \"t\"}]}],\n", ""),
                        "job.json:10:63: unknown key 'TabelName' in 'Job.TaskGroups[0].Tasks[0].Config.ReplicateDoDb[0].Tables[0]'; did you mean 'TableName'?"),
                error("dest setting in the src task", nomad("          \"ParallelWorkers\": 8,\n", ""),
                        "job.json:10:11: 'ParallelWorkers' cannot be used in 'Job.TaskGroups[0].Tasks[0].Config': it is a setting of the destination (dest) task"),
                error("src setting in the dest task", nomad("", "          \"Gtid\": \"uuid:1\",\n"),
                        "job.json:19:11: 'Gtid' cannot be used in 'Job.TaskGroups[1].Tasks[0].Config': it is a setting of the source (src) task"),
                // connections
                error("missing source ConnectionConfig", NOMAD.replace("@SRC@\n          \"ConnectionConfig\": {\"Host\": \"src\", \"Port\": 3306, \"User\": \"root\", \"Password\": \"s3cret-src\"}\n", "          \"Gtid\": \"\"\n").replace("@DEST@\n", ""),
                        "job.json:9:19: missing 'ConnectionConfig' in 'Job.TaskGroups[0].Tasks[0].Config': the source task needs the MySQL server to read"),
                error("missing destination ConnectionConfig", NOMAD.replace("@DEST@\n          \"ConnectionConfig\": {\"Host\": \"dst\", \"Port\": 3306, \"User\": \"root\", \"Password\": \"s3cret-dst\"}\n", "          \"ParallelWorkers\": 2\n").replace("@SRC@\n", ""),
                        "job.json:18:19: missing 'ConnectionConfig' in 'Job.TaskGroups[1].Tasks[0].Config': the destination task needs the MySQL server to write to (or a Kafka destination)"),
                error("missing Host", NOMAD.replace("{\"Host\": \"src\", ", "{").replace("@SRC@\n", "").replace("@DEST@\n", ""),
                        "job.json:10:31: missing 'Host' in 'Job.TaskGroups[0].Tasks[0].Config.ConnectionConfig'"),
                error("Port not a number", NOMAD.replace("\"Port\": 3306, \"User\": \"root\", \"Password\": \"s3cret-src\"", "\"Port\": \"33o6\", \"User\": \"root\", \"Password\": \"s3cret-src\"").replace("@SRC@\n", "").replace("@DEST@\n", ""),
                        "job.json:10:55: 'Job.TaskGroups[0].Tasks[0].Config.ConnectionConfig.Port' must be a port number, but is a string"),
                error("Port out of range", NOMAD.replace("\"Port\": 3306, \"User\": \"root\", \"Password\": \"s3cret-src\"", "\"Port\": 70000, \"User\": \"root\", \"Password\": \"s3cret-src\"").replace("@SRC@\n", "").replace("@DEST@\n", ""),
                        "job.json:10:55: 'Job.TaskGroups[0].Tasks[0].Config.ConnectionConfig.Port' must be between 1 and 65535, but is 70000"),
                error("Password not a string", NOMAD.replace("\"Password\": \"s3cret-src\"", "\"Password\": 123456").replace("@SRC@\n", "").replace("@DEST@\n", ""),
                        "job.json:10:89: 'Job.TaskGroups[0].Tasks[0].Config.ConnectionConfig.Password' must be a string, but is an integer"),
                error("Kafka and MySQL destinations", nomad("", "          \"KafkaConfig\": {\"Topic\": \"t\", \"Brokers\": [\"k:9092\"]},\n"),
                        "job.json:20:31: the destination task has both 'ConnectionConfig' and a Kafka destination in 'Job.TaskGroups[1].Tasks[0].Config'"),
                error("Kafka converter", nomad("", "          \"KafkaConfig\": {\"Topic\": \"t\", \"Brokers\": [\"k:9092\"], \"Converter\": \"avro\"},\n"),
                        "job.json:19:77: unknown Converter 'avro': only json is supported"),
                error("Kafka without brokers", nomad("", "          \"KafkaConfig\": {\"Topic\": \"t\", \"Brokers\": []},\n"),
                        "job.json:19:26: missing 'Brokers' in 'Job.TaskGroups[1].Tasks[0].Config.KafkaConfig'"),
                // start position
                error("Gtid and BinlogFile", nomad("          \"Gtid\": \"f6def853-cbaa-11e8-8aeb-0242ac120003:1-7\",\n          \"BinlogFile\": \"mysql-bin.000003\",\n", ""),
                        "job.json:11:25: 'Job.TaskGroups[0].Tasks[0].Config.BinlogFile' cannot be combined with 'Gtid': a job starts from one position"),
                error("AutoGtid and GtidStart", nomad("          \"AutoGtid\": true,\n          \"GtidStart\": \"f6def853-cbaa-11e8-8aeb-0242ac120003:8\",\n", ""),
                        "job.json:11:24: 'Job.TaskGroups[0].Tasks[0].Config.GtidStart' cannot be combined with 'AutoGtid': a job starts from one position"),
                error("BinlogPos without BinlogFile", nomad("          \"BinlogPos\": 154,\n", ""),
                        "job.json:10:24: 'Job.TaskGroups[0].Tasks[0].Config.BinlogPos' is set without 'BinlogFile': an offset means nothing without its binlog file"),
                error("BinlogPos before the first event", nomad("          \"BinlogFile\": \"mysql-bin.000003\",\n          \"BinlogPos\": 2,\n", ""),
                        "job.json:11:24: 'Job.TaskGroups[0].Tasks[0].Config.BinlogPos' is 2, but the first event of a binlog file is at offset 4"),
                error("Gtid not a GTID set", nomad("          \"Gtid\": \"yesterday\",\n", ""),
                        "job.json:10:19: invalid 'Job.TaskGroups[0].Tasks[0].Config.Gtid': Invalid binlog position 'yesterday': expected file:position such as mysql-bin.000003:4, a MariaDB GTID list such as 0-1-100,1-2-5 or a MySQL GTID set such as 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5"),
                error("Gtid is a file position", nomad("          \"Gtid\": \"mysql-bin.000003:4\",\n", ""),
                        "job.json:10:19: 'Job.TaskGroups[0].Tasks[0].Config.Gtid' is a binlog file position, not a GTID set"),
                error("GtidStart range", nomad("          \"GtidStart\": \"f6def853-cbaa-11e8-8aeb-0242ac120003:5-9\",\n", ""),
                        "job.json:10:24: invalid 'Job.TaskGroups[0].Tasks[0].Config.GtidStart': 'f6def853-cbaa-11e8-8aeb-0242ac120003:5-9' names the range 5-9 for f6def853-cbaa-11e8-8aeb-0242ac120003; GtidStart takes one GTID per source UUID, the first transaction to replicate, such as 3e11fa47-71ca-11e1-9e33-c80aa9429562:15"),
                error("GtidStart MariaDB", nomad("          \"GtidStart\": \"0-1-100\",\n", ""),
                        "job.json:10:24: invalid 'Job.TaskGroups[0].Tasks[0].Config.GtidStart': '0-1-100' is a MariaDB GTID; GtidStart takes MySQL GTIDs, as in dtle. For MariaDB give Gtid the last executed GTID of each domain instead, e.g. 0-1-99 to start after 0-1-99"),
                error("GtidStart at the first transaction", nomad("          \"GtidStart\": \"f6def853-cbaa-11e8-8aeb-0242ac120003:1\",\n", ""),
                        "job.json:10:24: invalid 'Job.TaskGroups[0].Tasks[0].Config.GtidStart': 'f6def853-cbaa-11e8-8aeb-0242ac120003:1' starts at the first transaction of every source UUID it names, so nothing counts as executed, and a start position cannot be an empty GTID set; leave GtidStart, Gtid and BinlogFile empty to copy the existing rows first, or give BinlogFile and BinlogPos of the oldest binlog"),
                // unsupported
                error("BinlogRelay", nomad("          \"BinlogRelay\": true,\n", ""),
                        "job.json:10:26: 'Job.TaskGroups[0].Tasks[0].Config.BinlogRelay' is true, but binlog relay is not available in Sluice yet"),
                error("WaitOnJob", nomad("          \"WaitOnJob\": \"job0\",\n", ""),
                        "job.json:10:24: 'Job.TaskGroups[0].Tasks[0].Config.WaitOnJob' makes this job wait for job 'job0', which needs the dtle server; 'sluice run' runs one job on its own"),
                // selection and rules
                error("entry without a schema", nomad("          \"ReplicateDoDb\": [{\"Tables\": [{\"TableName\": \"t\"}]}],\n", ""),
                        "job.json:10:29: 'Job.TaskGroups[0].Tasks[0].Config.ReplicateDoDb[0]' needs 'TableSchema' or 'TableSchemaRegex'"),
                error("ignore entry without a schema", nomad("          \"ReplicateIgnoreDb\": [{}],\n", ""),
                        "job.json:10:33: 'Job.TaskGroups[0].Tasks[0].Config.ReplicateIgnoreDb[0]' needs 'TableSchema' or 'TableSchemaRegex'"),
                error("table without a name", nomad("          \"ReplicateDoDb\": [{\"TableSchema\": \"db\", \"Tables\": [{\"Where\": \"a > 1\"}]}],\n", ""),
                        "job.json:10:62: 'Job.TaskGroups[0].Tasks[0].Config.ReplicateDoDb[0].Tables[0]' needs 'TableName' or 'TableRegex'"),
                error("schema by name and by regex", nomad("          \"ReplicateDoDb\": [{\"TableSchema\": \"db\", \"TableSchemaRegex\": \"^db\"}],\n", ""),
                        "job.json:10:71: 'TableSchema' and 'TableSchemaRegex' are both set in 'Job.TaskGroups[0].Tasks[0].Config.ReplicateDoDb[0]'; an entry selects schemas by one of them"),
                error("bad schema regex", nomad("          \"ReplicateDoDb\": [{\"TableSchemaRegex\": \"(\\\\w*src\"}],\n", ""),
                        "job.json:10:50: 'Job.TaskGroups[0].Tasks[0].Config.ReplicateDoDb[0].TableSchemaRegex' is not a valid regular expression: invalid regular expression '(\\w*src': Unclosed group at index 7"),
                error("bad table regex", nomad("          \"ReplicateDoDb\": [{\"TableSchema\": \"db\", \"Tables\": [{\"TableRegex\": \"[a-\"}]}],\n", ""),
                        "job.json:10:77: 'Job.TaskGroups[0].Tasks[0].Config.ReplicateDoDb[0].Tables[0].TableRegex' is not a valid regular expression: invalid regular expression '[a-': Illegal character range at index 3"),
                error("Where syntax", nomad("          \"ReplicateDoDb\": [{\"TableSchema\": \"db\", \"Tables\": [{\"TableName\": \"t\", \"Where\": \"a <\"}]}],\n", ""),
                        "job.json:10:90: invalid 'Job.TaskGroups[0].Tasks[0].Config.ReplicateDoDb[0].Tables[0].Where' expression 'a <': unexpected end of expression after '<'"),
                error("ColumnMapFrom twice the same column", nomad("          \"ReplicateDoDb\": [{\"TableSchema\": \"db\", \"Tables\": [{\"TableName\": \"t\", \"ColumnMapFrom\": [\"id\", \"ID\"]}]}],\n", ""),
                        "job.json:10:98: invalid 'Job.TaskGroups[0].Tasks[0].Config.ReplicateDoDb[0].Tables[0].ColumnMapFrom': ColumnMapFrom lists column 'ID' twice"),
                error("rename in an ignore entry", nomad("          \"ReplicateIgnoreDb\": [{\"TableSchema\": \"db\", \"TableSchemaRename\": \"db2\"}],\n", ""),
                        "job.json:10:76: 'Job.TaskGroups[0].Tasks[0].Config.ReplicateIgnoreDb[0].TableSchemaRename' has no meaning in ReplicateIgnoreDb: what it ignores is not replicated at all"),
                error("unknown SqlFilter", nomad("          \"SqlFilter\": [\"NoDDL\", \"NoDMLInserts\"],\n", ""),
                        "job.json:10:34: unknown SqlFilter 'NoDMLInserts'; did you mean 'NoDMLInsert'?"),
                error("SqlFilter not a list", nomad("          \"SqlFilter\": \"NoDDL\",\n", ""),
                        "job.json:10:24: 'Job.TaskGroups[0].Tasks[0].Config.SqlFilter' must be an array of strings, but is a string"),
                // options
                error("boolean as a string", nomad("          \"DropTableIfExists\": \"true\",\n", ""),
                        "job.json:10:32: 'Job.TaskGroups[0].Tasks[0].Config.DropTableIfExists' must be true or false, but is a string"),
                error("drop and skip create", nomad("          \"DropTableIfExists\": true,\n          \"SkipCreateDbTable\": true,\n", ""),
                        "job.json:11:32: 'Job.TaskGroups[0].Tasks[0].Config.SkipCreateDbTable' and 'DropTableIfExists' are both true: the target tables would be dropped and never created again"),
                error("ChunkSize zero", nomad("          \"ChunkSize\": 0,\n", ""),
                        "job.json:10:24: 'Job.TaskGroups[0].Tasks[0].Config.ChunkSize' must be between 1 and 2147483647, but is 0"),
                error("ChunkSize fraction", nomad("          \"ChunkSize\": 2000.5,\n", ""),
                        "job.json:10:24: 'Job.TaskGroups[0].Tasks[0].Config.ChunkSize' must be an integer, but is a decimal number"),
                error("ParallelWorkers too many", nomad("", "          \"ParallelWorkers\": 1000,\n"),
                        "job.json:19:30: 'Job.TaskGroups[1].Tasks[0].Config.ParallelWorkers' must be between 1 and 256, but is 1000"),
                error("ExpandSyntaxSupport", nomad("          \"ExpandSyntaxSupport\": true,\n", ""),
                        "job.json:10:34: 'Job.TaskGroups[0].Tasks[0].Config.ExpandSyntaxSupport' is true, but Sluice does not replicate accounts, privileges, procedures or functions (CREATE USER, GRANT, CREATE PROCEDURE...)"),
                // API v2
                error("encrypted password", api("  \"is_mysql_password_encrypted\": true,\n", "", ""),
                        "job.json:3:34: 'migration_job_config.is_mysql_password_encrypted' is true, but encrypted passwords need the dtle server's RSA private key, which 'sluice run' does not have"),
                error("unknown task_step_name", api("  \"task_step_name\": \"job_stage_ful\",\n", "", ""),
                        "job.json:3:21: unknown task_step_name 'job_stage_ful'; did you mean 'job_stage_full'?"),
                error("full step with a GTID", api("  \"task_step_name\": \"job_stage_full\",\n", "    \"gtid\": \"f6def853-cbaa-11e8-8aeb-0242ac120003:1-7\",\n", ""),
                        "job.json:5:13: 'migration_job_config.src_task.gtid' cannot be used with task_step_name 'job_stage_full': a full job copies the existing rows and stops"),
                error("all step with a binlog file", api("  \"task_step_name\": \"all\",\n", "    \"binlog_file\": \"mysql-bin.000001\",\n", ""),
                        "job.json:5:20: 'migration_job_config.src_task.binlog_file' cannot be used with task_step_name 'all': it copies the existing rows first and replicates from where the copy ended"),
                error("unknown API key with suggestion", api("", "    \"replicate_do_dbs\": [],\n", ""),
                        "job.json:4:5: unknown key 'replicate_do_dbs' in 'migration_job_config.src_task'; did you mean 'replicate_do_db'?"),
                error("nomad key in an API job", api("", "    \"ReplicateDoDb\": [],\n", ""),
                        "job.json:4:5: unknown key 'ReplicateDoDb' in 'migration_job_config.src_task'"),
                error("wait_on_job", api("", "    \"wait_on_job\": \"job1\",\n", ""),
                        "job.json:4:20: 'migration_job_config.src_task.wait_on_job' makes this job wait for job 'job1', which needs the dtle server; 'sluice run' runs one job on its own"),
                error("both spellings of use_mysql_dependency", api("", "", "    \"use_mysql_dependency\": true,\n    \"use_my_sql_dependency\": true,\n"),
                        "job.json:8:5: 'use_mysql_dependency' and 'use_my_sql_dependency' in 'migration_job_config.dest_task' are the same setting"),
                error("Kafka topic without brokers", api("", "", "    \"kafka_topic\": \"t\",\n").replace(
                                "    \"mysql_connection_config\": {\"mysql_host\": \"dst\", \"mysql_port\": 3306, \"mysql_user\": \"root\", \"mysql_password\": \"s3cret-dst\"}\n", "    \"parallel_workers\": 1\n"),
                        "job.json:6:16: missing 'kafka_broker_addrs' in 'migration_job_config.dest_task'"),
                error("missing job_id", api("", "", "").replace("  \"job_id\": \"job2\",\n", ""),
                        "job.json:1:26: missing 'job_id' in 'migration_job_config'"),
                error("missing src_task", "{\"job_id\": \"j\", \"dest_task\": {}}",
                        "job.json:1:1: missing 'src_task' at the top level of the job file"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void rejects(String json, String reason)
    {
        assertThatThrownBy(() -> JobFiles.read(json, "job.json", JobFileErrorsTest::fakeSyntax))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CONFIG);
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.fix()).isNotBlank();
                    assertThat(e.getMessage()).doesNotContain(SRC_PASSWORD).doesNotContain(DEST_PASSWORD);
                });
    }

    /** A stand-in for the MySQL module's expression check: an expression may not end with an operator. */
    private static Optional<String> fakeSyntax(String expression)
    {
        String trimmed = expression.strip();
        for (String operator : new String[] {"<", ">", "=", "AND", "OR"}) {
            if (trimmed.endsWith(operator)) {
                return Optional.of("unexpected end of expression after '" + operator + "'");
            }
        }
        return Optional.empty();
    }

    private static String nomad(String src, String dest)
    {
        return NOMAD.replace("@SRC@\n", src).replace("@DEST@\n", dest);
    }

    private static String api(String job, String src, String dest)
    {
        return API.replace("@JOB@\n", job).replace("@SRC@\n", src).replace("@DEST@\n", dest);
    }

    private static Arguments error(String description, String json, String reason)
    {
        return argumentSet(description, json, reason);
    }
}
