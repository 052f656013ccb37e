package io.sluice.cli.command;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigFilesTest
{
    @Test
    void taskNameOfATaskYaml()
    {
        assertThat(ConfigFiles.taskName("t.yaml", "---\n# comment\nname: 'shop'   # the task\ntask-mode: all\nmysql-instances:\n  - name: nested\n")).isEqualTo("shop");
        assertThat(ConfigFiles.taskName("t.yaml", "task-mode: all\nname: 123\n")).isEqualTo("123");
    }

    @Test
    void taskNameOfEveryJobShape()
    {
        assertThat(ConfigFiles.taskName("j.json", "{\"Job\": {\"ID\": \"dtle-demo\", \"TaskGroups\": []}}")).isEqualTo("dtle-demo");
        assertThat(ConfigFiles.taskName("j.json", "{\"ID\": \"bare\", \"TaskGroups\": []}")).isEqualTo("bare");
        assertThat(ConfigFiles.taskName("j.json", "{\"migration_job_config\": {\"job_id\": \"v2\"}}")).isEqualTo("v2");
        assertThat(ConfigFiles.taskName("j.json", "{\"job_config\": {\"job_name\": \"named\"}}")).isEqualTo("named");
        assertThat(ConfigFiles.taskName("j.json", "{\"job_id\": \"params\", \"src_task\": {}}")).isEqualTo("params");
        assertThat(ConfigFiles.taskName("j.json", "  {\"Name\": \"test1\", \"Tasks\": []}")).isEqualTo("test1");
    }

    @Test
    void missingOrUnreadableNameIsAFailureNamingTheFile()
    {
        assertThatThrownBy(() -> ConfigFiles.taskName("t.yaml", "task-mode: all\n"))
                .isInstanceOf(CommandFailure.class)
                .hasMessageContaining("'t.yaml' has no task name");
        assertThatThrownBy(() -> ConfigFiles.taskName("t.yaml", "name: [unclosed\n"))
                .isInstanceOf(CommandFailure.class)
                .hasMessageContaining("cannot parse the task file 't.yaml'");
        assertThatThrownBy(() -> ConfigFiles.taskName("t.yaml", "- a list\n"))
                .isInstanceOf(CommandFailure.class)
                .hasMessageContaining("is not a YAML mapping");
    }

    @Test
    void sourceIdOfASourceYaml()
    {
        assertThat(ConfigFiles.sourceId("s.yaml", "source-id: \"mysql-replica-01\"\nfrom:\n  host: h\n")).isEqualTo("mysql-replica-01");
        assertThatThrownBy(() -> ConfigFiles.sourceId("s.yaml", "from:\n  host: h\n")).hasMessageContaining("no top-level 'source-id:'");
    }

    @Test
    void readingADirectoryIsAFailure()
    {
        assertThatThrownBy(() -> ConfigFiles.read(System.getProperty("java.io.tmpdir"), "task file"))
                .isInstanceOf(CommandFailure.class)
                .hasMessageContaining("it is a directory");
    }
}
