package io.sluice.config.job;

import io.sluice.core.error.SluiceException;
import io.sluice.core.rule.ExpressionSyntax;
import io.sluice.core.rule.InstanceRules;
import io.sluice.core.rule.TableSelector;
import io.sluice.core.schema.TableId;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Golden tests reproducing the job examples of the dtle manual (shared/seeds/dtle-manual-zh.md).
 * The manual's JSON examples come from a PDF and several are not valid JSON; the reader tolerates
 * none of that, so each resource file under {@code src/test/resources/job/} is the seed example
 * with only its syntax repaired, as noted on each test. HCL examples ("Job 示例") are written as
 * the equivalent JSON, and fragments (the mapping examples) are placed in a minimal job.
 */
class JobFilesSeedTest
{
    /**
     * 快速开始, "准备作业定义文件" job.json: the seed closes the src group with "}], {" (one ']' too
     * many) and the Job object is not closed; quickstart.json moves the ']' to after the dest
     * group and closes the Job.
     */
    @Test
    void quickStartFullAndIncremental()
    {
        assertThat(render("quickstart.json")).isEqualTo("""
                job dtle-demo
                source dtle-demo-src gtid=false from=root@mysql-src:3306
                task dtle-demo mode=all meta-schema=sluice_meta target=root@mysql-dst:3306 case-sensitive=true
                load drop=false skip-create=false chunk=2000 threads=4
                sync workers=4 group=200 age=50ms safe=false
                instance dtle-demo-src start=-
                  do demo.demo_tbl
                """);
    }

    /**
     * "MySQL 的汇聚复制" (n:1): src1_dst.json and src2_dst.json, two jobs writing to one target.
     * In the seed the src task's ConnectionConfig sits beside Config instead of inside it, and
     * the Job object is not closed; the resources move ConnectionConfig into Config. The literal
     * placement is rejected with a pointer to the key (see {@link #convergingReplicationLiteralMisplacesConnectionConfig}).
     * The seed replicates demo.demo_tbl1 although its tables are named demo_tbl; kept as written.
     */
    @Test
    void convergingReplicationTwoJobsIntoOneTarget()
    {
        DtleJob first = read("src1_dst.json");
        DtleJob second = read("src2_dst.json");
        assertThat(JobRender.render(first)).isEqualTo("""
                job dtle-demo-src1-dst
                source dtle-demo-src1-dst-src gtid=true from=root@mysql-src1:3306
                task dtle-demo-src1-dst mode=incremental meta-schema=sluice_meta target=root@mysql-dst:3306 case-sensitive=true
                load drop=false skip-create=false chunk=2000 threads=4
                sync workers=4 group=200 age=50ms safe=false
                instance dtle-demo-src1-dst-src start=gtid=f6def853-cbaa-11e8-8aeb-0242ac120003:1-7
                  do demo.demo_tbl1
                """);
        assertThat(JobRender.render(second)).isEqualTo("""
                job dtle-demo-src2-dst
                source dtle-demo-src2-dst-src gtid=true from=root@mysql-src2:3306
                task dtle-demo-src2-dst mode=incremental meta-schema=sluice_meta target=root@mysql-dst:3306 case-sensitive=true
                load drop=false skip-create=false chunk=2000 threads=4
                sync workers=4 group=200 age=50ms safe=false
                instance dtle-demo-src2-dst-src start=gtid=f74aacb5-cbaa-11e8-bdd1-0242ac120004:1-7
                  do demo.demo_tbl1
                """);
        // One target, two sources: distinct source ids, so their checkpoints never collide.
        assertThat(first.task().target()).isEqualTo(second.task().target());
        assertThat(first.sources().getFirst().sourceId()).isNotEqualTo(second.sources().getFirst().sourceId());
        assertThat(first.task().name()).isNotEqualTo(second.task().name());
    }

    @Test
    void convergingReplicationLiteralMisplacesConnectionConfig()
    {
        assertThatThrownBy(() -> read("src1_dst.literal.json"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.reason()).isEqualTo(
                        "src1_dst.literal.json:19:9: 'ConnectionConfig' cannot be used in 'Job.TaskGroups[0].Tasks[0]': it belongs inside the task's \"Config\""));
    }

    /**
     * "MySQL 的数据分散" (1:n): rows with a<5 go to dst1, a>=5 to dst2. src_dst1.json is the seed
     * with the missing '}' of each task added and the Job closed; the seed's src_dst2.json is
     * broken beyond that (its dest group is spliced into the Job object), so src_dst2.json is
     * src_dst1.json with the differences the manual lists: Where "a>=5" and target mysql-dst2.
     */
    @Test
    void dataSplitWhere()
    {
        assertThat(render("src_dst1.json")).isEqualTo("""
                job dtle-demo-src-dst1
                source dtle-demo-src-dst1-src gtid=false from=root@mysql-src:3306
                task dtle-demo-src-dst1 mode=all meta-schema=sluice_meta target=root@mysql-dst1:3306 case-sensitive=true
                load drop=false skip-create=false chunk=2000 threads=4
                sync workers=4 group=200 age=50ms safe=false
                instance dtle-demo-src-dst1-src start=-
                  do demo.demo_tb1
                  where demo.demo_tb1: a<5  @ src_dst1.json:14:24 ReplicateDoDb[0].Tables[0]
                """);
        assertThat(render("src_dst2.json")).isEqualTo("""
                job dtle-demo-src-dst2
                source dtle-demo-src-dst2-src gtid=false from=root@mysql-src:3306
                task dtle-demo-src-dst2 mode=all meta-schema=sluice_meta target=root@mysql-dst2:3306 case-sensitive=true
                load drop=false skip-create=false chunk=2000 threads=4
                sync workers=4 group=200 age=50ms safe=false
                instance dtle-demo-src-dst2-src start=-
                  do demo.demo_tb1
                  where demo.demo_tb1: a>=5  @ src_dst2.json:14:24 ReplicateDoDb[0].Tables[0]
                """);
    }

    /**
     * "配置dc1到dc2的复制" job-dc1-dc2.json: nomad Constraints on each task are accepted and
     * ignored. The seed ends the src group with "]" "}]," and splices the dest group into the
     * Job; dc1-dc2.json closes the src group properly.
     */
    @Test
    void bidirectionalJobWithConstraints()
    {
        assertThat(render("dc1-dc2.json")).isEqualTo("""
                job dtle-demo-dc1-2-dc2
                source dtle-demo-dc1-2-dc2-src gtid=true from=root@mysql-dc1:3306
                task dtle-demo-dc1-2-dc2 mode=incremental meta-schema=sluice_meta target=root@mysql-dc2:3306 case-sensitive=true
                load drop=false skip-create=false chunk=2000 threads=4
                sync workers=4 group=200 age=50ms safe=false
                instance dtle-demo-dc1-2-dc2-src start=gtid=41f102d4-d29f-11e8-8de7-0242ac130002:1-5
                  do demo.demo_tbl
                """);
    }

    /** dtle's packaged sample (/usr/share/dtle/scripts/example.job.json), valid JSON as shipped, with a job-level Reschedule. */
    @Test
    void packagedExampleJob()
    {
        assertThat(render("example.job.json")).isEqualTo("""
                job job1
                source job1-src gtid=false from=root@127.0.0.1:3307
                task job1 mode=all meta-schema=sluice_meta target=root@127.0.0.1:3307 case-sensitive=true
                load drop=true skip-create=false chunk=2000 threads=4
                sync workers=4 group=200 age=50ms safe=false
                instance job1-src start=-
                  do db1.tb1
                """);
    }

    /** "dtle mapping 支持", 单库mapping: demo -> demoRename. */
    @Test
    void schemaMappingSingle()
    {
        DtleJob job = readConfig("""
                "ReplicateDoDb": [
                    {
                        "TableSchema": "demo",
                        "TableSchemaRename": "demoRename"
                    }
                ],
                """);
        assertThat(rulesText(job)).isEqualTo("""
                  do demo
                  route demo -> schema=demoRename table=-  @ mapping.json:3:5 ReplicateDoDb[0]
                """);
        InstanceRules rules = rules(job);
        assertThat(rules.routes().routeDatabase("demo")).isEqualTo("demoRename");
        assertThat(rules.routes().route(new TableId("demo", "t1"))).isEqualTo(new TableId("demoRename", "t1"));
    }

    /**
     * 多库mapping: TableSchemaRegex (\w*)src(\w*) with rename${1}. The seed has a comma after the
     * last member ("rename${1}",), which JSON does not allow; removed here.
     */
    @Test
    void schemaMappingRegex()
    {
        DtleJob job = readConfig("""
                "ReplicateDoDb": [
                    {
                        "TableSchemaRegex": "(\\\\w*)src(\\\\w*)",
                        "TableSchemaRename": "rename${1}"
                    }
                ],
                """);
        InstanceRules rules = rules(job);
        TableSelector selector = rules.selector();
        // src : test1src, test2src, test3src, cust -> dest: renametest1, renametest2, renametest3
        assertThat(selector.allowsDatabase("test1src")).isTrue();
        assertThat(selector.allowsDatabase("test2src")).isTrue();
        assertThat(selector.allowsDatabase("test3src")).isTrue();
        assertThat(selector.allowsDatabase("cust")).isFalse();
        assertThat(rules.routes().routeDatabase("test1src")).isEqualTo("renametest1");
        assertThat(rules.routes().routeDatabase("test2src")).isEqualTo("renametest2");
        assertThat(rules.routes().route(new TableId("test3src", "orders"))).isEqualTo(new TableId("renametest3", "orders"));
        assertThat(rulesText(job)).isEqualTo("""
                  do regex((\\w*)src(\\w*))
                  route regex((\\w*)src(\\w*)) -> schema=rename${1} table=-  @ mapping.json:3:5 ReplicateDoDb[0]
                """);
    }

    /** 单表mapping: demo.testDemo -> demo.renameDemo. */
    @Test
    void tableMappingSingle()
    {
        DtleJob job = readConfig("""
                "ReplicateDoDb":[
                    {
                        "TableSchema":"demo",
                        "Tables":[
                            {
                                "TableName":"testDemo",
                                "TableRename":"renameDemo"
                            }
                        ]
                    }
                ],
                """);
        InstanceRules rules = rules(job);
        assertThat(rules.routes().route(new TableId("demo", "testDemo"))).isEqualTo(new TableId("demo", "renameDemo"));
        assertThat(rules.selector().allowsTable("demo", "testDemo")).isTrue();
        assertThat(rules.selector().allowsTable("demo", "other")).isFalse();
        assertThat(rulesText(job)).isEqualTo("""
                  do demo.testDemo
                  route demo.testDemo -> schema=- table=renameDemo  @ mapping.json:6:13 ReplicateDoDb[0].Tables[0]
                """);
    }

    /** 多表mapping: (\w*)Shard(\w*) -> ${1}Rename; demo.customer is not selected. */
    @Test
    void tableMappingRegex()
    {
        DtleJob job = readConfig("""
                "ReplicateDoDb":[
                    {
                        "TableSchema":"demo",
                        "Tables":[
                            {
                                "TableRegex":"(\\\\w*)Shard(\\\\w*)",
                                "TableRename":"${1}Rename"
                            }
                        ]
                    }
                ],
                """);
        InstanceRules rules = rules(job);
        // src : demo.test1Shard,demo.test2Shard,demo.customer,demo.test3Shard -> dest: demo.test1Rename,demo.test2Rename,demo.test3Rename
        for (int i = 1; i <= 3; i++) {
            assertThat(rules.selector().allowsTable("demo", "test" + i + "Shard")).isTrue();
            assertThat(rules.routes().route(new TableId("demo", "test" + i + "Shard"))).isEqualTo(new TableId("demo", "test" + i + "Rename"));
        }
        assertThat(rules.selector().allowsTable("demo", "customer")).isFalse();
        assertThat(rulesText(job)).isEqualTo("""
                  do demo.regex((\\w*)Shard(\\w*))
                  route demo.regex((\\w*)Shard(\\w*)) -> schema=- table=${1}Rename  @ mapping.json:6:13 ReplicateDoDb[0].Tables[0]
                """);
    }

    /** A table rename inside a renamed schema takes the schema rename too; other tables of the schema follow the schema route. */
    @Test
    void tableMappingInsideSchemaMapping()
    {
        DtleJob job = readConfig("""
                "ReplicateDoDb": [{
                  "TableSchemaRegex": "^(\\\\w+)_src$",
                  "TableSchemaRename": "${1}_dst",
                  "Tables": [
                    {"TableName": "a", "TableRename": "a2"},
                    {"TableName": "b"}
                  ]
                }],
                """);
        InstanceRules rules = rules(job);
        assertThat(rules.routes().route(new TableId("shop_src", "a"))).isEqualTo(new TableId("shop_dst", "a2"));
        assertThat(rules.routes().route(new TableId("shop_src", "b"))).isEqualTo(new TableId("shop_dst", "b"));
        assertThat(rules.selector().allowsTable("shop_src", "c")).isFalse();
    }

    /**
     * 列mapping: ColumnMapFrom ["val1", "id"] with SkipCreateDbTable true and DropTableIfExists
     * false. The manual says the example drops val1 and reorders to (val2, id), but its list
     * names val1; the list is reproduced as written.
     */
    @Test
    void columnMapping()
    {
        DtleJob job = readConfig("""
                "ReplicateDoDb": [{
                  "TableSchema": "demo",
                  "Tables": [{
                    "TableName": "colmap",
                    "ColumnMapFrom": ["val1", "id"]
                  }]
                }],
                "SkipCreateDbTable": true,
                "DropTableIfExists": false,
                """);
        assertThat(rulesText(job)).isEqualTo("""
                  do demo.colmap
                  columns demo.colmap: val1, id  @ mapping.json:4:14 ReplicateDoDb[0].Tables[0]
                """);
        assertThat(job.task().load().skipCreateTable()).isTrue();
        assertThat(job.task().load().dropTableIfExists()).isFalse();
    }

    /** "Job 示例", 复制整个实例的所有数据库: ReplicateDoDb = [] replicates everything but the system schemas. */
    @Test
    void exampleWholeInstance()
    {
        TableSelector selector = selector("\"ReplicateDoDb\": [],");
        assertThat(selector.allowsDatabase("action_db_1")).isTrue();
        assertThat(selector.allowsTable("anything", "t")).isTrue();
        assertThat(selector.allowsDatabase("mysql")).isFalse();
    }

    /** 复制指定数据库. */
    @Test
    void exampleOneDatabase()
    {
        TableSelector selector = selector("\"ReplicateDoDb\": [{\"TableSchema\": \"action_db_1\"}],");
        assertThat(selector.allowsDatabase("action_db_1")).isTrue();
        assertThat(selector.allowsTable("action_db_1", "any_table")).isTrue();
        assertThat(selector.allowsDatabase("action_db_2")).isFalse();
        // dtle compares names with case
        assertThat(selector.allowsDatabase("ACTION_DB_1")).isFalse();
    }

    /** 复制一个库中的多个表. */
    @Test
    void exampleTablesOfOneDatabase()
    {
        TableSelector selector = selector("""
                "ReplicateDoDb": [{
                  "TableSchema": "action_db_1",
                  "Tables": [{"TableName": "sbtest1"}, {"TableName": "sbtest2"}, {"TableName": "sbtest3"}]
                }],
                """);
        assertThat(selector.allowsTable("action_db_1", "sbtest1")).isTrue();
        assertThat(selector.allowsTable("action_db_1", "sbtest3")).isTrue();
        assertThat(selector.allowsTable("action_db_1", "sbtest4")).isFalse();
        assertThat(selector.allowsDatabase("action_db_2")).isFalse();
    }

    /** 复制多个库中的多个表. */
    @Test
    void exampleTablesOfSeveralDatabases()
    {
        TableSelector selector = selector("""
                "ReplicateDoDb": [{
                  "TableSchema": "action_db_1",
                  "Tables": [{"TableName": "sbtest1"}, {"TableName": "sbtest2"}, {"TableName": "sbtest3"}]
                }, {
                  "TableSchema": "action_db_2",
                  "Tables": [{"TableName": "sbtest1"}, {"TableName": "sbtest2"}, {"TableName": "sbtest3"}]
                }],
                """);
        for (String db : new String[] {"action_db_1", "action_db_2"}) {
            assertThat(selector.allowsTable(db, "sbtest2")).isTrue();
            assertThat(selector.allowsTable(db, "sbtest9")).isFalse();
        }
        assertThat(selector.allowsDatabase("action_db_3")).isFalse();
    }

    /** 忽略指定的库: Do [] and Ignore db1 leave out db1 and all its tables. */
    @Test
    void exampleIgnoreDatabase()
    {
        TableSelector selector = selector("""
                "ReplicateDoDb": [],
                "ReplicateIgnoreDb": [{"TableSchema": "db1"}],
                """);
        assertThat(selector.allowsDatabase("db1")).isFalse();
        assertThat(selector.allowsTable("db1", "tb1")).isFalse();
        assertThat(selector.allowsDatabase("db2")).isTrue();
        assertThat(selector.allowsTable("db2", "tb1")).isTrue();
    }

    /** Do db1.tb1 and Ignore db1: "最终效果是没有要复制的库表", nothing is replicated. */
    @Test
    void exampleIgnoreDatabaseOfDoTables()
    {
        TableSelector selector = selector("""
                "ReplicateDoDb": [{"TableSchema": "db1", "Tables": [{"TableName": "tb1"}]}],
                "ReplicateIgnoreDb": [{"TableSchema": "db1"}],
                """);
        assertThat(selector.allowsDatabase("db1")).isFalse();
        assertThat(selector.allowsTable("db1", "tb1")).isFalse();
        assertThat(selector.allowsDatabase("db2")).isFalse();
    }

    /** 忽略指定的表: Do db1 and Ignore db1.tb1 replicate every table of db1 but tb1. */
    @Test
    void exampleIgnoreTableOfDoDatabase()
    {
        TableSelector selector = selector("""
                "ReplicateDoDb": [{"TableSchema": "db1"}],
                "ReplicateIgnoreDb": [{"TableSchema": "db1", "Tables": [{"TableName": "tb1"}]}],
                """);
        assertThat(selector.allowsDatabase("db1")).isTrue();
        assertThat(selector.allowsTable("db1", "tb1")).isFalse();
        assertThat(selector.allowsTable("db1", "tb2")).isTrue();
    }

    /** Do db1.tb1 and Ignore db1.tb1: "最终只复制库db1结构", db1 itself is replicated (created) but none of its tables. */
    @Test
    void exampleIgnoreTheOnlyDoTable()
    {
        TableSelector selector = selector("""
                "ReplicateDoDb": [{"TableSchema": "db1", "Tables": [{"TableName": "tb1"}]}],
                "ReplicateIgnoreDb": [{"TableSchema": "db1", "Tables": [{"TableName": "tb1"}]}],
                """);
        assertThat(selector.allowsDatabase("db1")).isTrue();
        assertThat(selector.allowsTable("db1", "tb1")).isFalse();
        assertThat(selector.allowsTable("db1", "tb2")).isFalse();
    }

    /**
     * HTTP API v2 "创建一个迁移作业" migration_job_config, as printed: the PDF breaks each
     * mysql_password over three lines, which is not JSON (migration.literal.json reproduces the
     * seed byte for byte).
     */
    @Test
    void apiMigrationExampleAsPrintedIsNotJson()
    {
        assertThatThrownBy(() -> read("migration.literal.json"))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.reason()).isEqualTo("migration.literal.json:9:85: invalid JSON: Illegal unquoted character ((CTRL-CHAR, code 10)): has to be escaped using backslash to be included in string value");
                    assertThat(e.fix()).startsWith("A JSON string cannot span lines");
                    assertThat(e.getMessage()).doesNotContain("t0VPvMXeG3ab9JX66sNX");
                });
    }

    /** The same example with the password lines joined (migration.encrypted.json): its passwords are encrypted, which needs the dtle server's key. */
    @Test
    void apiMigrationExampleEncryptedPasswords()
    {
        assertThatThrownBy(() -> read("migration.encrypted.json"))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.reason()).isEqualTo("migration.encrypted.json:24:34: 'is_mysql_password_encrypted' is true, but encrypted passwords need the dtle server's RSA private key, which 'sluice run' does not have");
                    assertThat(e.getMessage()).doesNotContain("t0VPvMXeG3ab9JX66sNX");
                });
    }

    /** The example with clear passwords: a bare API v2 job (shape c), job_stage_full -> full. */
    @Test
    void apiMigrationExampleWithClearPasswords()
    {
        String json = resource("migration.encrypted.json")
                .replaceAll("\"mysql_password\": \"[^\"]*\"", "\"mysql_password\": \"pass\"")
                .replace("\"is_mysql_password_encrypted\": true", "\"is_mysql_password_encrypted\": false");
        DtleJob job = JobFiles.read(json, "migration.json", ExpressionSyntax.UNCHECKED);
        assertThat(JobRender.render(job)).isEqualTo("""
                job demo
                source demo-src gtid=false from=root@10.186.63.18:33061
                task demo mode=full meta-schema=sluice_meta target=root@10.186.63.18:33062 case-sensitive=true
                load drop=true skip-create=false chunk=2000 threads=4
                sync workers=1 group=200 age=100ms safe=false
                instance demo-src start=-
                """);
        assertThat(job.task().target().password().reveal()).isEqualTo("pass");
    }

    /**
     * "创建一个同步作业" sync_job_config: job_stage_incr with gtid "" gives no start position. dtle
     * would quietly copy everything first (its step name is only a label); Sluice refuses to guess.
     */
    @Test
    void apiSyncExampleNeedsAStartPosition()
    {
        String json = "{\"sync_job_config\": " + resource("migration.encrypted.json")
                .replaceAll("\"mysql_password\": \"[^\"]*\"", "\"mysql_password\": \"pass\"")
                .replace("\"is_mysql_password_encrypted\": true", "\"is_mysql_password_encrypted\": false")
                .replace("job_stage_full", "job_stage_incr") + "}";
        assertThatThrownBy(() -> JobFiles.read(json, "sync.json", ExpressionSyntax.UNCHECKED))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.reason()).isEqualTo(
                        "sync.json:38:21: task_step_name 'job_stage_incr' replicates changes from a start position, but the source task gives none"));
        DtleJob job = JobFiles.read(json.replace("\"gtid\": \"\"", "\"auto_gtid\": true"), "sync.json", ExpressionSyntax.UNCHECKED);
        assertThat(job.task().mode()).isEqualTo(TaskMode.INCREMENTAL);
        assertThat(job.task().instances().getFirst().meta()).isNull();
        assertThat(job.sources().getFirst().enableGtid()).isTrue();
    }

    /**
     * "更新 一个迁移作业" migration_job_config wrapped as the request body (shape b); the seed's
     * dest_task is split by a page break and its passwords are encrypted, so
     * migration-update.json joins it and uses clear passwords.
     */
    @Test
    void apiMigrationUpdateExampleWrapped()
    {
        assertThat(render("migration-update.json")).isEqualTo("""
                job demo-migration
                source demo-migration-src gtid=false from=root@10.186.63.18:33061
                task demo-migration mode=full meta-schema=sluice_meta target=root@10.186.63.18:33062 case-sensitive=true
                load drop=true skip-create=false chunk=2000 threads=4
                sync workers=1 group=200 age=100ms safe=false
                instance demo-migration-src start=-
                  do demo.demo_tbl
                """);
    }

    /**
     * "DCL支持度" 实例级别job.json (a dtle 2.x job: Name and Tasks with "Type": "Src"/"Dest"), with
     * the seed's "{...}" placeholders filled in. ExpandSyntaxSupport true asks for account and
     * routine statements, which Sluice does not replicate.
     */
    @Test
    void legacyInstanceJobWithExpandSyntaxSupport()
    {
        String json = """
                {
                  "Name": "test1",
                  "Tasks": [
                    {
                      "Type": "Src",
                      "Config": {
                        "Gtid": "",
                        "ExpandSyntaxSupport": true,
                        "DropTableIfExists": false,
                        "ReplicateDoDb": [],
                        "ConnectionConfig": {"Host": "src", "Port": 3306, "User": "root", "Password": "pass"}
                      }
                    },
                    {
                      "Type": "Dest",
                      "Config": {
                        "ConnectionConfig": {"Host": "dst", "Port": 3306, "User": "root", "Password": "pass"}
                      }
                    }
                  ]
                }
                """;
        assertThatThrownBy(() -> JobFiles.read(json, "test1.json", ExpressionSyntax.UNCHECKED))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.reason()).isEqualTo(
                        "test1.json:8:32: 'Tasks[0].Config.ExpandSyntaxSupport' is true, but Sluice does not replicate accounts, privileges, procedures or functions (CREATE USER, GRANT, CREATE PROCEDURE...)"));
        DtleJob job = JobFiles.read(json.replace("\"ExpandSyntaxSupport\": true", "\"ExpandSyntaxSupport\": false"), "test1.json", ExpressionSyntax.UNCHECKED);
        assertThat(JobRender.render(job)).isEqualTo("""
                job test1
                source test1-src gtid=false from=root@src:3306
                task test1 mode=all meta-schema=sluice_meta target=root@dst:3306 case-sensitive=true
                load drop=false skip-create=false chunk=2000 threads=4
                sync workers=4 group=200 age=50ms safe=false
                instance test1-src start=-
                """);
    }

    /** "Binlog Relay (中继)": "Type": "Src" with BinlogRelay true is refused until relay exists. */
    @Test
    void binlogRelayExample()
    {
        String json = """
                {"Name": "relay", "Tasks": [
                  {"Type": "Src",
                  "Config": {
                    "BinlogRelay": true,
                    "Gtid": "",
                    "ConnectionConfig": {"Host": "src", "Port": 3306, "User": "root", "Password": "pass"}
                  }},
                  {"Type": "Dest", "Config": {"ConnectionConfig": {"Host": "dst", "Port": 3306, "User": "root", "Password": "pass"}}}
                ]}
                """;
        assertThatThrownBy(() -> JobFiles.read(json, "relay.json", ExpressionSyntax.UNCHECKED))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.reason()).isEqualTo(
                        "relay.json:4:20: 'Tasks[0].Config.BinlogRelay' is true, but binlog relay is not available in Sluice yet"));
    }

    static DtleJob read(String resource)
    {
        return JobFiles.read(resource(resource), resource, ExpressionSyntax.UNCHECKED);
    }

    private static String render(String resource)
    {
        return JobRender.render(read(resource));
    }

    /** A nomad job whose src Config starts with the given members at line 2 (so line numbers in the fragment are its own, plus one). */
    static DtleJob readConfig(String members)
    {
        return JobFiles.read(configJob(members), "mapping.json", ExpressionSyntax.UNCHECKED);
    }

    static String configJob(String members)
    {
        return "{\"Job\": {\"ID\": \"mapping\", \"TaskGroups\": [{\"Name\": \"src\", \"Tasks\": [{\"Driver\": \"dtle\", \"Config\": {\n"
                + members
                + "\"ConnectionConfig\": {\"Host\": \"src\", \"Port\": 3306, \"User\": \"root\", \"Password\": \"pass\"}\n"
                + "}}]}, {\"Name\": \"dest\", \"Tasks\": [{\"Driver\": \"dtle\", \"Config\": {\"ConnectionConfig\": {\"Host\": \"dst\", \"Port\": 3306, \"User\": \"root\", \"Password\": \"pass\"}}}]}]}}\n";
    }

    private static InstanceRules rules(DtleJob job)
    {
        TaskConfig task = job.task();
        return task.instances().getFirst().rules();
    }

    private static TableSelector selector(String members)
    {
        return rules(readConfig(members)).selector();
    }

    /** The rule lines of a render. */
    private static String rulesText(DtleJob job)
    {
        String text = JobRender.render(job);
        return text.substring(text.indexOf('\n', text.indexOf("instance ")) + 1);
    }

    static String resource(String name)
    {
        try (InputStream in = JobFilesSeedTest.class.getResourceAsStream("/job/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource job/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
