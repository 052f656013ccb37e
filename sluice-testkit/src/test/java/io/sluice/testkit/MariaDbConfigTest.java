package io.sluice.testkit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MariaDbConfigTest
{
    @Test
    void defaults()
    {
        MariaDbConfig config = MariaDbConfig.builder().build();

        assertThat(config.logBin()).isTrue();
        assertThat(config.binlogFormat()).isEqualTo("ROW");
        assertThat(config.binlogRowImage()).isEqualTo("FULL");
        assertThat(config.binlogRowMetadata()).isEqualTo("FULL");
        assertThat(config.serverId()).isEmpty();
        assertThat(config.gtidStrictMode()).isTrue();
        assertThat(config.logSlaveUpdates()).isFalse();
        assertThat(config.lowerCaseTableNames()).isZero();
        assertThat(config.sqlMode()).isEmpty();
        assertThat(config.maxAllowedPacket()).isEqualTo("64M");
        assertThat(config.options()).isEmpty();
        assertThat(config.user()).isEqualTo("sluice");
        assertThat(config.password()).isEmpty();
    }

    @Test
    void normalizesEnumeratedValuesAndSizes()
    {
        MariaDbConfig config = MariaDbConfig.builder()
                .binlogFormat("mixed")
                .binlogRowImage(" minimal ")
                .binlogRowMetadata("no_log")
                .maxAllowedPacket("16m")
                .build();

        assertThat(config.binlogFormat()).isEqualTo("MIXED");
        assertThat(config.binlogRowImage()).isEqualTo("MINIMAL");
        assertThat(config.binlogRowMetadata()).isEqualTo("NO_LOG");
        assertThat(config.maxAllowedPacket()).isEqualTo("16M");
    }

    @Test
    void rejectsInvalidValues()
    {
        assertThatThrownBy(() -> MariaDbConfig.builder().binlogFormat("ROWS"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("binlogFormat");
        assertThatThrownBy(() -> MariaDbConfig.builder().binlogRowImage("PARTIAL"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MariaDbConfig.builder().binlogRowMetadata("ALL"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MariaDbConfig.builder().lowerCaseTableNames(3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MariaDbConfig.builder().serverId(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MariaDbConfig.builder().serverId(4_294_967_296L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MariaDbConfig.builder().maxAllowedPacket("lots"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MariaDbConfig.builder().option("bad name", "1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MariaDbConfig.builder().option("a=b", "1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MariaDbConfig.builder().user("root"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MariaDbConfig.builder().password("two\nlines"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MariaDbConfig.builder().binlogFormat(null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> MariaDbConfig.builder().option("x", null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void optionsKeepOrderAndLaterValuesReplaceEarlierOnes()
    {
        MariaDbConfig config = MariaDbConfig.builder()
                .option("binlog-annotate-row-events", "ON")
                .option("--sync_binlog", "1")
                .option("binlog_annotate_row_events", "OFF")
                .build();

        assertThat(config.options()).containsExactly(
                java.util.Map.entry("binlog_annotate_row_events", "OFF"),
                java.util.Map.entry("sync_binlog", "1"));
        assertThatThrownBy(() -> config.options().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toBuilderRoundTrips()
    {
        MariaDbConfig config = MariaDbConfig.builder()
                .logBin(false)
                .binlogFormat("STATEMENT")
                .serverId(7)
                .gtidStrictMode(false)
                .logSlaveUpdates(true)
                .lowerCaseTableNames(1)
                .sqlMode("ANSI_QUOTES")
                .option("binlog_annotate_row_events", "OFF")
                .user("app")
                .password("secret")
                .build();

        assertThat(config.toBuilder().build()).isEqualTo(config).hasSameHashCodeAs(config);
        assertThat(config.toBuilder().serverId(8).build()).isNotEqualTo(config);
    }

    @Test
    void toStringHidesPassword()
    {
        assertThat(MariaDbConfig.builder().password("s3cr3t").build().toString())
                .doesNotContain("s3cr3t")
                .contains("password=***");
    }
}
