package io.sluice.testkit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MariaDbExtensionTest
{
    @Test
    void defaultAnnotationMatchesDefaultConfig()
    {
        assertThat(MariaDbExtension.toConfig(sandbox("defaults"))).isEqualTo(MariaDbConfig.builder().build());
    }

    @Test
    void annotationAttributesMapToConfig()
    {
        MariaDbConfig config = MariaDbExtension.toConfig(sandbox("configured"));

        assertThat(config.logBin()).isFalse();
        assertThat(config.binlogFormat()).isEqualTo("MIXED");
        assertThat(config.binlogRowImage()).isEqualTo("NOBLOB");
        assertThat(config.binlogRowMetadata()).isEqualTo("MINIMAL");
        assertThat(config.gtidStrictMode()).isFalse();
        assertThat(config.logSlaveUpdates()).isTrue();
        assertThat(config.lowerCaseTableNames()).isEqualTo(1);
        assertThat(config.sqlMode()).contains("ANSI_QUOTES");
        assertThat(config.options())
                .containsEntry("binlog_annotate_row_events", "OFF")
                .containsEntry("init_connect", "SET @a=1")
                .containsEntry("sql_mode", "");
    }

    @Test
    void optionWithoutValueIsRejected()
    {
        assertThatThrownBy(() -> MariaDbExtension.toConfig(sandbox("invalid")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name=value");
    }

    private static Sandbox sandbox(String field)
    {
        try {
            return Annotated.class.getDeclaredField(field).getAnnotation(Sandbox.class);
        }
        catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }

    // annotations only: this class is never run with MariaDbExtension
    @SuppressWarnings("unused")
    private static final class Annotated
    {
        @Sandbox
        private MariaDbServer defaults;

        @Sandbox(logBin = false, binlogFormat = "mixed", binlogRowImage = "NOBLOB", binlogRowMetadata = "MINIMAL", gtidStrictMode = false,
                logSlaveUpdates = true, lowerCaseTableNames = 1, sqlMode = "ANSI_QUOTES",
                options = {"binlog_annotate_row_events=OFF", "init_connect=SET @a=1", "sql_mode="})
        private MariaDbServer configured;

        @Sandbox(options = "no_value")
        private MariaDbServer invalid;
    }
}
