package io.sluice.config;

import io.sluice.core.config.Secret;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.task.Endpoint;
import io.sluice.core.task.SourceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceFilesTest
{
    // The shape of a DM v2 source.yaml, cut down to the keys Sluice reads.
    private static final String DM_SOURCE = """
            source-id: "mysql-replica-01"
            enable-gtid: true
            from:
              host: "127.0.0.1"
              user: "root"
              password: "123456"
              port: 3307
            """;

    @Test
    void testReadDmSource()
    {
        SourceConfig source = TaskFiles.readSource(DM_SOURCE, "source.yaml");
        assertThat(source).isEqualTo(new SourceConfig("mysql-replica-01", true, new Endpoint("127.0.0.1", 3307, "root", new Secret("123456"))));
        assertThat(source.toString()).doesNotContain("123456");
    }

    @Test
    void testDefaults()
    {
        SourceConfig source = TaskFiles.readSource("source-id: s\nfrom:\n  host: h\n  user: u\n", "source.yaml");
        assertThat(source).isEqualTo(new SourceConfig("s", false, new Endpoint("h", 3306, "u", new Secret(""))));
    }

    @Test
    void testReadFromPath(@TempDir Path directory)
            throws IOException
    {
        Path file = directory.resolve("source.yaml");
        Files.writeString(file, DM_SOURCE);
        assertThat(TaskFiles.readSource(file).sourceId()).isEqualTo("mysql-replica-01");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "source-id: s"                                                  | source.yaml:1:1: missing required key 'from' at the top level of the source file
            "from:\\n  host: h\\n  user: u"                                 | source.yaml:1:1: missing required key 'source-id' at the top level of the source file
            "source-id: s\\nenable_gtid: true"                              | source.yaml:2:1: unknown key 'enable_gtid' at the top level of the source file; did you mean 'enable-gtid'?
            "source-id: s\\nenable-gtid: 'true'"                            | source.yaml:2:14: 'enable-gtid' at the top level of the source file must be true or false, but is a string
            "source-id: s\\nfrom:\\n  host: h\\n  user: u\\n  port: 0"      | source.yaml:5:9: 'port' in 'from' must be between 1 and 65535, but is 0
            "source-id: s\\nfrom:\\n  host: h\\n  user: u\\n  hots: h2"     | source.yaml:5:3: unknown key 'hots' in 'from'; did you mean 'host'?
            "source-id: s\\nfrom:\\n  host: h\\n  user: u\\n  security: {}" | source.yaml:5:3: 'security' is not supported yet by Sluice
            "source-id: s\\nfrom:\\n  user: u"                              | source.yaml:2:1: missing required key 'host' in 'from'
            """)
    void testErrors(String yaml, String reason)
    {
        assertThatThrownBy(() -> TaskFiles.readSource(yaml.replace("\\n", "\n"), "source.yaml"))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CONFIG);
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.fix()).isNotBlank();
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "enable-relay: true",
            "relay-binlog-name: mysql-bin.000001",
            "relay-binlog-gtid: \"0-1-1\"",
            "relay-dir: ./relay_log",
            "purge: {interval: 3600}",
            "checker: {check-enable: true}",
            "case-sensitive: false",
            "filters: []",
            "server-id: 429",
            "flavor: mysql",
    })
    void testKeysNotSupportedYet(String line)
    {
        String key = line.substring(0, line.indexOf(':'));
        assertThatThrownBy(() -> TaskFiles.readSource(DM_SOURCE + line + "\n", "source.yaml"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.reason())
                        .isEqualTo("source.yaml:8:1: '" + key + "' is not supported yet by Sluice"));
    }
}
