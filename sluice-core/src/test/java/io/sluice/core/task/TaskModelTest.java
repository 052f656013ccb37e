package io.sluice.core.task;

import io.sluice.core.config.Secret;
import io.sluice.core.position.FilePosition;
import io.sluice.core.position.MariaDbGtidList;
import io.sluice.core.position.MySqlGtidSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskModelTest
{
    private static final Endpoint TARGET = new Endpoint("127.0.0.1", 4000, "root", new Secret("s3cret"));

    @Test
    void testTaskModeParse()
    {
        assertThat(TaskMode.parse("all")).isEqualTo(TaskMode.ALL);
        assertThat(TaskMode.parse("FULL")).isEqualTo(TaskMode.FULL);
        assertThat(TaskMode.parse("Incremental")).isEqualTo(TaskMode.INCREMENTAL);
        assertThat(TaskMode.INCREMENTAL.configName()).isEqualTo("incremental");
        assertThatThrownBy(() -> TaskMode.parse("alll"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid task mode 'alll': expected one of all, full, incremental");
        assertThatThrownBy(() -> TaskMode.parse(" all"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void testEndpoint()
    {
        assertThat(TARGET.toString()).isEqualTo("root@127.0.0.1:4000").doesNotContain("s3cret");
        assertThat(new Endpoint("::1", 3306, "u", new Secret("")).toString()).isEqualTo("u@[::1]:3306");
        assertThat(TARGET.password().reveal()).isEqualTo("s3cret");
        assertThatThrownBy(() -> new Endpoint(" ", 3306, "u", new Secret("p")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host is blank");
        assertThatThrownBy(() -> new Endpoint("h", 0, "u", new Secret("p")))
                .hasMessage("port must be between 1 and 65535: 0");
        assertThatThrownBy(() -> new Endpoint("h", 65536, "u", new Secret("p")))
                .hasMessage("port must be between 1 and 65535: 65536");
        assertThatThrownBy(() -> new Endpoint("h", 3306, "", new Secret("p")))
                .hasMessage("user is blank");
        assertThatThrownBy(() -> new Endpoint("h", 3306, "u", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("password is null");
    }

    @Test
    void testSourceConfig()
    {
        SourceConfig source = new SourceConfig("mysql-01", true, TARGET);
        assertThat(source.toString()).doesNotContain("s3cret");
        assertThatThrownBy(() -> new SourceConfig("", false, TARGET)).hasMessage("sourceId is blank");
    }

    @Test
    void testStartMetaPosition()
    {
        assertThat(new StartMeta("mysql-bin.000003", 1234L, null).position())
                .contains(new FilePosition("mysql-bin.000003", 1234));
        assertThat(new StartMeta("mysql-bin.000003", null, null).position())
                .contains(new FilePosition("mysql-bin.000003", 4));
        assertThat(new StartMeta(null, null, "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5").position())
                .contains(MySqlGtidSet.parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5"));
        // The GTID set wins when both are given.
        assertThat(new StartMeta("mysql-bin.000003", 4L, "0-1-100").position())
                .contains(MariaDbGtidList.parse("0-1-100"));
    }

    @Test
    void testStartMetaValidation()
    {
        assertThatThrownBy(() -> new StartMeta(null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("meta must have a binlog name or a binlog GTID set");
        assertThatThrownBy(() -> new StartMeta(null, 4L, null))
                .hasMessage("meta has a binlog position but no binlog name it belongs to");
        assertThatThrownBy(() -> new StartMeta(null, 4L, "0-1-1"))
                .hasMessage("meta has a binlog position but no binlog name it belongs to");
        assertThatThrownBy(() -> new StartMeta("mysql-bin.000001", -1L, null))
                .hasMessage("position must not be negative: -1");
        assertThatThrownBy(() -> new StartMeta(null, null, "not a gtid"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid binlog position 'not a gtid'");
        assertThatThrownBy(() -> new StartMeta(null, null, "mysql-bin.000001:4"))
                .hasMessage("binlog GTID set 'mysql-bin.000001:4' is a file position, not a GTID set; put the file in binlog-name and the offset in binlog-pos");
    }

    @Test
    void testTableRef()
    {
        assertThat(new TableRef("db", "t*").toString()).isEqualTo("db.t*");
        assertThatThrownBy(() -> new TableRef("db", ""))
                .hasMessage("table pattern needs both a database and a table: 'db'.''");
    }

    @Test
    void testLoadOptions()
    {
        assertThat(LoadOptions.defaults()).isEqualTo(new LoadOptions(false, false, 10_000, 4));
        assertThat(new LoadOptions(true, true, 1, 64).copyThreads()).isEqualTo(64);
        assertThatThrownBy(() -> new LoadOptions(false, false, 0, 4)).hasMessage("chunkRows must be positive: 0");
        assertThatThrownBy(() -> new LoadOptions(false, false, 10, 0)).hasMessage("copyThreads must be between 1 and 64: 0");
        assertThatThrownBy(() -> new LoadOptions(false, false, 10, 65)).hasMessage("copyThreads must be between 1 and 64: 65");
    }

    @Test
    void testTaskConfig()
    {
        InstanceConfig instance = new InstanceConfig("mysql-01", null, BlockAllowList.allowAll());
        List<InstanceConfig> instances = new ArrayList<>(List.of(instance));
        TaskConfig task = new TaskConfig("test", TaskMode.ALL, TaskConfig.DEFAULT_META_SCHEMA, TARGET, instances, LoadOptions.defaults());
        instances.clear();
        assertThat(task.instances()).containsExactly(instance);
        assertThat(task.metaSchema()).isEqualTo("sluice_meta");
        assertThat(task.toString()).doesNotContain("s3cret");

        assertThatThrownBy(() -> new TaskConfig("test", TaskMode.ALL, "m", TARGET, List.of(), LoadOptions.defaults()))
                .hasMessage("instances is empty");
        assertThatThrownBy(() -> new TaskConfig("test", TaskMode.ALL, "m", TARGET, List.of(instance, instance), LoadOptions.defaults()))
                .hasMessage("duplicate source id: mysql-01");
        assertThatThrownBy(() -> new TaskConfig(" ", TaskMode.ALL, "m", TARGET, List.of(instance), LoadOptions.defaults()))
                .hasMessage("name is blank");
        assertThatThrownBy(() -> new TaskConfig("t", TaskMode.ALL, "", TARGET, List.of(instance), LoadOptions.defaults()))
                .hasMessage("metaSchema is blank");
        assertThatThrownBy(() -> new TaskConfig("t", TaskMode.ALL, "m".repeat(65), TARGET, List.of(instance), LoadOptions.defaults()))
                .hasMessageStartingWith("metaSchema is longer than 64 characters");
        assertThatThrownBy(() -> new InstanceConfig("", null, BlockAllowList.allowAll()))
                .hasMessage("sourceId is blank");
        assertThatThrownBy(() -> new InstanceConfig("s", null, (io.sluice.core.rule.InstanceRules) null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("rules is null");
    }
}
