package io.sluice.mysql.predicate;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.value.MysqlTime;
import org.junit.jupiter.api.Test;

/** TIME literals accept exactly MariaDB's range, checked against MariaDB 10.11. */
class TemporalsTest {
    @Test
    void timeRangeEndsAtMariaDbsLimit() {
        assertThat(Temporals.parseTime("838:59:59.5")).contains(new MysqlTime(false, 838, 59, 59, 500_000));
        assertThat(Temporals.parseTime("-838:59:59.999999")).contains(new MysqlTime(true, 838, 59, 59, 999_999));
        assertThat(Temporals.parseTime("838:00:00.25")).contains(new MysqlTime(false, 838, 0, 0, 250_000));
        assertThat(Temporals.parseTime("839:00:00")).isEmpty();
        assertThat(Temporals.parseTime("838:60:00")).isEmpty();
        assertThat(Temporals.parseTime("838:59:60")).isEmpty();
    }

    @Test
    void timeLiteralAtTheLimitCompares() {
        assertThat(Tables.constant("TIME '838:59:59.5' > TIME '838:59:59'")).isEqualTo(Truth.TRUE);
    }
}
