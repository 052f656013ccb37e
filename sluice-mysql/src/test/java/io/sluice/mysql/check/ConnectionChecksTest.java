package io.sluice.mysql.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionChecksTest {
    @Test
    void limitBelowWhatTheTaskOpensFails() {
        CheckResult result = ConnectionChecks.check("s1", Facts.mysql().variable("max_connections", "10").build(), 18);
        assertThat(result.state()).isEqualTo(CheckState.FAIL);
        assertThat(result.message()).isEqualTo("max_connections is 10, but the task opens up to 18 connections here");
        assertThat(result.instruction()).contains("SET GLOBAL max_connections = 18").contains("`max_connections = 18`");
    }

    @Test
    void busyServerWarns() {
        CheckResult result = ConnectionChecks.check("s1", Facts.mysql().variable("max_connections", "100").threadsConnected(95).build(), 18);
        assertThat(result.state()).isEqualTo(CheckState.WARN);
        assertThat(result.message()).contains("leaving 6 connections");
        assertThat(ConnectionChecks.check("s1", Facts.mysql().threadsConnected(5).build(), 18).state()).isEqualTo(CheckState.PASS);
    }

    @Test
    void perUserLimitCounts() {
        CheckResult result = ConnectionChecks.check("s1", Facts.mysql().variable("max_user_connections", "4").build(), 6);
        assertThat(result.state()).isEqualTo(CheckState.FAIL);
        assertThat(result.message()).startsWith("max_user_connections is 4");
    }
}
