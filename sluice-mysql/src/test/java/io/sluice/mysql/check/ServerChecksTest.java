package io.sluice.mysql.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The server items on MySQL output (recorded from MySQL 5.6 to 9.1) and on MariaDB versions the tests cannot start. */
class ServerChecksTest {
    private static final String SOURCE = "mysql-replica-01";

    @Test
    void versions() {
        assertThat(ServerChecks.version(SOURCE, Facts.mysql().version("8.0.36").build()).state()).isEqualTo(CheckState.PASS);
        assertThat(ServerChecks.version(SOURCE, Facts.mysql().version("8.4.3").build()).state()).isEqualTo(CheckState.PASS);
        assertThat(ServerChecks.version(SOURCE, Facts.mysql().version("5.7.44-log").build()).state()).isEqualTo(CheckState.PASS);
        CheckResult tooOld = ServerChecks.version(SOURCE, Facts.mysql().version("5.6.51").build());
        assertThat(tooOld.state()).isEqualTo(CheckState.FAIL);
        assertThat(tooOld.message()).contains("MySQL 5.6.51");
        CheckResult tooNew = ServerChecks.version(SOURCE, Facts.mysql().version("9.1.0").build());
        assertThat(tooNew.state()).isEqualTo(CheckState.WARN);
        assertThat(ServerChecks.version(SOURCE, Facts.mariaDb().version("10.4.34-MariaDB").build()).state()).isEqualTo(CheckState.FAIL);
        assertThat(ServerChecks.version(SOURCE, Facts.mariaDb().version("11.4.2-MariaDB-log").build()).state()).isEqualTo(CheckState.PASS);
    }

    @Test
    void mysqlGtidModeOffWithEnableGtidWarns() {
        CheckResult result = ServerChecks.gtid(SOURCE, Facts.mysql().variable("gtid_mode", "OFF").variable("enforce_gtid_consistency", "OFF").build(), true);
        assertThat(result.state()).isEqualTo(CheckState.WARN);
        assertThat(result.message()).contains("gtid_mode is OFF").contains("enforce_gtid_consistency is OFF");
        assertThat(result.instruction()).contains("`gtid_mode = ON`").contains("enable-gtid: false");
        assertThat(ServerChecks.gtid(SOURCE, Facts.mysql().build(), true).state()).isEqualTo(CheckState.PASS);
        assertThat(ServerChecks.gtid(SOURCE, Facts.mysql().variable("gtid_mode", "OFF").build(), false).state()).isEqualTo(CheckState.PASS);
    }

    @Test
    void serverIdZeroFails() {
        CheckResult result = ServerChecks.serverId(SOURCE, Facts.mysql().variable("server_id", "0").build());
        assertThat(result.state()).isEqualTo(CheckState.FAIL);
        assertThat(result.instruction()).contains("server_id = ");
    }

    @Test
    void serversWithoutBinlogRowImageLogFullRows() {
        assertThat(ServerChecks.binlogRowImage(SOURCE, Facts.mysql().variable("binlog_row_image", null).build()).state()).isEqualTo(CheckState.PASS);
        CheckResult noblob = ServerChecks.binlogRowImage(SOURCE, Facts.mysql().variable("binlog_row_image", "NOBLOB").build());
        assertThat(noblob.state()).isEqualTo(CheckState.FAIL);
        assertThat(noblob.message()).contains("NOBLOB");
    }

    @Test
    void mixedFormatFails() {
        CheckResult result = ServerChecks.binlogFormat(SOURCE, Facts.mysql().variable("binlog_format", "MIXED").build());
        assertThat(result.state()).isEqualTo(CheckState.FAIL);
        assertThat(result.message()).startsWith("binlog_format is MIXED");
    }
}
