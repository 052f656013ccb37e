package io.sluice.config;

import io.sluice.core.config.Secret;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.position.FilePosition;
import io.sluice.core.position.MySqlGtidSet;
import io.sluice.core.task.BlockAllowList;
import io.sluice.core.task.Endpoint;
import io.sluice.core.task.InstanceConfig;
import io.sluice.core.task.LoadOptions;
import io.sluice.core.task.StartMeta;
import io.sluice.core.task.TableRef;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskFilesTest
{
    // The shape of DM's documented task.yaml, cut down to the keys Sluice reads; the rules are
    // DM's own block-allow-list example.
    private static final String DM_TASK = """
            # DM task, minimal subset
            name: "test"
            task-mode: all
            meta-schema: "dm_meta"

            target-database:
              host: "192.168.0.1"
              port: 4000
              user: "root"
              password: "s3cr3t"

            mysql-instances:
              - source-id: "mysql-replica-01"
                meta:
                  binlog-name: binlog.000001
                  binlog-pos: 4
                  binlog-gtid: ""
                block-allow-list: "rule-1"
              - source-id: "mysql-replica-02"
                meta:
                  binlog-gtid: "03fc0263-28c7-11e7-a653-6c0b84d59f30:1-7041423"
                block-allow-list: "rule-2"
              - source-id: "mysql-replica-03"

            block-allow-list:
              rule-1:
                do-dbs: ["test*"]
                do-tables:
                - db-name: "test[123]"
                  tbl-name: "t[1-5]"
                - db-name: "test"
                  tbl-name: "t"
              rule-2:
                do-dbs: ["~^test.*"]
                ignore-dbs: ["mysql"]
                do-tables:
                - db-name: "~^test.*"
                  tbl-name: "~^t.*"
                - db-name: "test"
                  tbl-name: "t*"
                ignore-tables:
                - db-name: "test"
                  tbl-name: "log"
            """;

    private static final String MINIMAL_TASK = """
            name: minimal
            task-mode: incremental
            target-database:
              host: localhost
              user: sluice
            mysql-instances:
              - source-id: db1
            """;

    @Test
    void testReadDmTask()
    {
        BlockAllowList rule1 = new BlockAllowList(
                List.of("test*"),
                List.of(),
                List.of(new TableRef("test[123]", "t[1-5]"), new TableRef("test", "t")),
                List.of());
        BlockAllowList rule2 = new BlockAllowList(
                List.of("~^test.*"),
                List.of("mysql"),
                List.of(new TableRef("~^test.*", "~^t.*"), new TableRef("test", "t*")),
                List.of(new TableRef("test", "log")));
        TaskConfig expected = new TaskConfig(
                "test",
                TaskMode.ALL,
                "dm_meta",
                new Endpoint("192.168.0.1", 4000, "root", new Secret("s3cr3t")),
                List.of(
                        new InstanceConfig("mysql-replica-01", new StartMeta("binlog.000001", 4L, null), rule1),
                        new InstanceConfig("mysql-replica-02", new StartMeta(null, null, "03fc0263-28c7-11e7-a653-6c0b84d59f30:1-7041423"), rule2),
                        new InstanceConfig("mysql-replica-03", null, BlockAllowList.allowAll())),
                LoadOptions.defaults());

        TaskConfig task = TaskFiles.readTask(DM_TASK, "task.yaml");

        assertThat(task).isEqualTo(expected);
        assertThat(task.target().password().reveal()).isEqualTo("s3cr3t");
        assertThat(task.toString()).doesNotContain("s3cr3t");
        assertThat(task.instances().get(0).meta().position()).contains(new FilePosition("binlog.000001", 4));
        assertThat(task.instances().get(1).meta().position()).contains(MySqlGtidSet.parse("03fc0263-28c7-11e7-a653-6c0b84d59f30:1-7041423"));
        // The resolved rules behave as DM documents them.
        BlockAllowList first = (BlockAllowList) task.instances().get(0).rules().selector();
        assertThat(first.allowsTable("test1", "t3")).isTrue();
        assertThat(first.allowsTable("test", "t")).isTrue();
        assertThat(first.allowsTable("test", "t2")).isFalse();
        assertThat(first.allowsTable("prod", "t")).isFalse();
        BlockAllowList second = (BlockAllowList) task.instances().get(1).rules().selector();
        assertThat(second.allowsTable("test_a", "t1")).isTrue();
        assertThat(second.allowsTable("test", "log")).isFalse();
        assertThat(second.allowsTable("test", "tlog")).isTrue();
        assertThat(second.allowsTable("other", "t1")).isFalse();
    }

    @Test
    void testDefaults()
    {
        TaskConfig task = TaskFiles.readTask(MINIMAL_TASK, "task.yaml");
        assertThat(task).isEqualTo(new TaskConfig(
                "minimal",
                TaskMode.INCREMENTAL,
                "sluice_meta",
                new Endpoint("localhost", 3306, "sluice", new Secret("")),
                List.of(new InstanceConfig("db1", null, BlockAllowList.allowAll())),
                LoadOptions.defaults()));
    }

    @Test
    void testEmptyValuesMeanNotSet()
    {
        TaskConfig task = TaskFiles.readTask("""
                name: t
                task-mode: full
                meta-schema:
                target-database:
                  host: h
                  user: u
                  password:
                  port: ~
                loader:
                mysql-instances:
                  - source-id: s
                    meta:
                    block-allow-list:
                """, "task.yaml");
        assertThat(task.metaSchema()).isEqualTo("sluice_meta");
        assertThat(task.target()).isEqualTo(new Endpoint("h", 3306, "u", new Secret("")));
        assertThat(task.load()).isEqualTo(LoadOptions.defaults());
        assertThat(task.instances()).containsExactly(new InstanceConfig("s", null, BlockAllowList.allowAll()));
    }

    @Test
    void testOldBlackWhiteListName()
    {
        TaskConfig task = TaskFiles.readTask(MINIMAL_TASK + """
                    black-white-list: old
                  - source-id: db2
                    block-allow-list: old
                black-white-list:
                  old:
                    ignore-dbs: [scratch]
                """, "task.yaml");
        BlockAllowList old = new BlockAllowList(List.of(), List.of("scratch"), List.of(), List.of());
        assertThat(task.instances()).extracting(instance -> instance.rules().selector()).containsExactly(old, old);
    }

    @Test
    void testRuleWithoutSettingsAllowsAll()
    {
        TaskConfig task = TaskFiles.readTask(MINIMAL_TASK + """
                    block-allow-list: everything
                block-allow-list:
                  everything:
                """, "task.yaml");
        assertThat(task.instances().getFirst().rules().selector()).isEqualTo(BlockAllowList.allowAll());
    }

    @Test
    void testLoaderBlock()
    {
        TaskConfig task = TaskFiles.readTask(MINIMAL_TASK + """
                loader:
                  drop-table-if-exists: true
                  skip-create-table: false
                  chunk-rows: 5_000
                  copy-threads: 64
                """, "task.yaml");
        assertThat(task.load()).isEqualTo(new LoadOptions(true, false, 5000, 64));
        assertThat(task.load().loadMethod()).isEqualTo(LoadOptions.DEFAULT_LOAD_METHOD);
        TaskConfig inserts = TaskFiles.readTask(MINIMAL_TASK + "loader:\n  load-method: insert\n", "task.yaml");
        assertThat(inserts.load().loadMethod()).isEqualTo(LoadOptions.LoadMethod.INSERT);
        TaskConfig loadData = TaskFiles.readTask(MINIMAL_TASK + "loader:\n  load-method: LOAD-DATA\n", "task.yaml");
        assertThat(loadData.load().loadMethod()).isEqualTo(LoadOptions.LoadMethod.LOAD_DATA);
    }

    @Test
    void testStringsAreReadAsWritten()
    {
        // YAML resolves these to numbers or booleans; DM (Go) reads them into string fields as
        // written, and so must Sluice, or a password like 0123 would silently become 83.
        TaskConfig task = TaskFiles.readTask("""
                name: 2024
                task-mode: ALL
                target-database:
                  host: 10.0.0.1
                  user: yes
                  password: 0123
                mysql-instances:
                  - source-id: 01
                """, "task.yaml");
        assertThat(task.name()).isEqualTo("2024");
        assertThat(task.mode()).isEqualTo(TaskMode.ALL);
        assertThat(task.target().user()).isEqualTo("yes");
        assertThat(task.target().password().reveal()).isEqualTo("0123");
        assertThat(task.instances().getFirst().sourceId()).isEqualTo("01");
    }

    @Test
    void testFlowStyle()
    {
        TaskConfig task = TaskFiles.readTask("""
                {name: flow, task-mode: full, target-database: {host: h, port: 0x0CEA, user: u},
                 mysql-instances: [{source-id: a, block-allow-list: r}], block-allow-list: {r: {do-tables: [{db-name: d, tbl-name: t}]}}}
                """, "task.yaml");
        assertThat(task.target().port()).isEqualTo(3306);
        assertThat(task.instances().getFirst().rules().selector()).isInstanceOfSatisfying(BlockAllowList.class, list -> assertThat(list.doTables()).containsExactly(new TableRef("d", "t")));
    }

    @Test
    void testReadFromPath(@TempDir Path directory)
            throws IOException
    {
        Path file = directory.resolve("task.yaml");
        Files.writeString(file, MINIMAL_TASK);
        assertThat(TaskFiles.readTask(file).name()).isEqualTo("minimal");

        Path broken = directory.resolve("broken.yaml");
        Files.writeString(broken, "name: x\ntask-mode: sometimes\n");
        assertThatThrownBy(() -> TaskFiles.readTask(broken))
                .isInstanceOf(SluiceException.class)
                .hasMessageStartingWith("SLUICE-10002 INVALID_CONFIG: " + broken + ":2:12: ");
    }

    @Test
    void testUnreadableFiles(@TempDir Path directory)
            throws IOException
    {
        Path missing = directory.resolve("missing.yaml");
        assertThatThrownBy(() -> TaskFiles.readTask(missing))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.reason()).isEqualTo(missing + ": the task file does not exist");
                });
        assertThatThrownBy(() -> TaskFiles.readSource(missing))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.reason()).isEqualTo(missing + ": the source file does not exist"));
        assertThatThrownBy(() -> TaskFiles.readTask(directory))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT));

        Path latin1 = directory.resolve("latin1.yaml");
        Files.write(latin1, "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> TaskFiles.readTask(latin1))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CONFIG);
                    assertThat(e.reason()).isEqualTo(latin1 + ": the task file is not valid UTF-8");
                });
    }
}
