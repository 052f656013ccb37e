package io.sluice.mysql.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.config.Secret;
import io.sluice.core.event.ResumePosition;
import io.sluice.core.position.FilePosition;
import io.sluice.core.position.MariaDbGtidList;
import io.sluice.core.task.BlockAllowList;
import io.sluice.core.task.Endpoint;
import io.sluice.core.task.InstanceConfig;
import io.sluice.core.task.SourceConfig;
import io.sluice.core.task.StartMeta;
import io.sluice.core.task.TaskMode;
import io.sluice.mysql.sink.SubtaskState;
import org.junit.jupiter.api.Test;

import java.util.Optional;

class PositionChecksTest {
    private static final String SOURCE = "mysql-replica-01";
    private static final String UUID = "3e11fa47-71ca-11e1-9e33-c80aa9429562";

    @Test
    void mysqlGtidSetMustContainThePurgedTransactions() {
        ServerFacts facts = Facts.mysql().variable("gtid_purged", UUID + ":1-100").variable("gtid_executed", UUID + ":1-120").build();
        CheckResult purged = incremental(facts, true, new StartMeta(null, null, UUID + ":1-50"));
        assertThat(purged.state()).isEqualTo(CheckState.FAIL);
        assertThat(purged.message()).contains("lacks transactions the source has purged: " + UUID + ":51-100");
        assertThat(purged.instruction()).contains("meta of mysql-replica-01").contains("SHOW BINARY LOGS");

        CheckResult ahead = incremental(facts, true, new StartMeta(null, null, UUID + ":1-150"));
        assertThat(ahead.state()).isEqualTo(CheckState.FAIL);
        assertThat(ahead.message()).contains("never executed: " + UUID + ":121-150");

        assertThat(incremental(facts, true, new StartMeta(null, null, UUID + ":1-110")).state()).isEqualTo(CheckState.PASS);
    }

    @Test
    void gtidOfTheOtherFlavourFails() {
        CheckResult result = incremental(Facts.mariaDb().build(), true, new StartMeta(null, null, UUID + ":1-5"));
        assertThat(result.state()).isEqualTo(CheckState.FAIL);
        assertThat(result.message()).contains("is a MySQL GTID set, but the source is MariaDB 10.11.6");
    }

    @Test
    void mariaDbGtidPositionMustNotPrecedeTheOldestBinlog() {
        ServerFacts facts = Facts.mariaDb().build();
        CheckResult purged = incremental(facts, true, new StartMeta(null, null, "0-7-5"));
        assertThat(purged.state()).isEqualTo(CheckState.FAIL);
        assertThat(purged.message()).contains("needs domain 0 transactions after sequence 5").contains("mysql-bin.000002 starts after 0-7-11");
        assertThat(incremental(facts, true, new StartMeta(null, null, "0-7-11")).state()).isEqualTo(CheckState.PASS);
        CheckResult ahead = incremental(facts, true, new StartMeta(null, null, "0-7-20"));
        assertThat(ahead.state()).isEqualTo(CheckState.FAIL);
        assertThat(ahead.message()).contains("0-7-20, which the source has not logged (gtid_binlog_pos=0-7-12)");
    }

    @Test
    void filePositionMustBeInAListedBinlog() {
        ServerFacts facts = Facts.mariaDb().build();
        CheckResult purged = incremental(facts, false, new StartMeta("mysql-bin.000001", 4L, null));
        assertThat(purged.state()).isEqualTo(CheckState.FAIL);
        assertThat(purged.message()).isEqualTo("the task's meta mysql-bin.000001:4 is in a binlog the source has purged (the source has mysql-bin.000002 to mysql-bin.000003)");
        assertThat(incremental(facts, false, new StartMeta("mysql-bin.000003", 999L, null)).message()).contains("beyond the end of mysql-bin.000003 (428 bytes)");
        assertThat(incremental(facts, false, new StartMeta("mysql-bin.000009", null, null)).message()).contains("names a binlog the source does not have");
        assertThat(incremental(facts, false, new StartMeta("mysql-bin.000003", 428L, null)).state()).isEqualTo(CheckState.PASS);
        // enable-gtid makes the subtask start from binlog-gtid when the meta has both, as DM does
        assertThat(incremental(facts, true, new StartMeta("mysql-bin.000001", 4L, "0-7-11")).state()).isEqualTo(CheckState.PASS);
    }

    @Test
    void checkpointIsCheckedInEveryModeAndWinsOverTheMeta() {
        ServerFacts facts = Facts.mariaDb().build();
        SubtaskState lost = new SubtaskState(SubtaskState.Stage.SYNC, new ResumePosition(new FilePosition("mysql-bin.000001", 900), MariaDbGtidList.parse("0-7-3")), null);
        CheckResult result = PositionChecks.metaPosition(SOURCE, facts, source(false), instance(new StartMeta("mysql-bin.000003", 4L, null)), TaskMode.ALL,
                Optional.of(lost), "sluice_meta", "orders");
        assertThat(result.state()).isEqualTo(CheckState.FAIL);
        assertThat(result.message()).startsWith("the checkpoint saved on the target mysql-bin.000001:900 is in a binlog the source has purged");
        assertThat(result.instruction()).contains("DELETE FROM `sluice_meta`.`checkpoint` WHERE task = 'orders' AND source = 'mysql-replica-01'");
        SubtaskState finished = new SubtaskState(SubtaskState.Stage.FINISHED, lost.position(), null);
        assertThat(PositionChecks.metaPosition(SOURCE, facts, source(false), instance(null), TaskMode.FULL, Optional.of(finished), "sluice_meta", "orders").state())
                .isEqualTo(CheckState.PASS);
    }

    @Test
    void unreadableBinlogListFailsWithTheGrant() {
        ServerFacts facts = Facts.mysql().user("dm@10.0.0.%").noBinaryLogs()
                .unavailable(ServerFacts.BINARY_LOGS, "Access denied; you need (at least one of) the REPLICATION CLIENT privilege(s)").build();
        CheckResult result = incremental(facts, false, new StartMeta("binlog.000001", 4L, null));
        assertThat(result.state()).isEqualTo(CheckState.FAIL);
        assertThat(result.message()).contains("SHOW BINARY LOGS failed: Access denied");
        assertThat(result.instruction()).isEqualTo("GRANT REPLICATION CLIENT ON *.* TO 'dm'@'10.0.0.%';");
    }

    private static CheckResult incremental(ServerFacts facts, boolean enableGtid, StartMeta meta) {
        return PositionChecks.metaPosition(SOURCE, facts, source(enableGtid), instance(meta), TaskMode.INCREMENTAL, Optional.empty(), "sluice_meta", "orders");
    }

    private static SourceConfig source(boolean enableGtid) {
        return new SourceConfig(SOURCE, enableGtid, new Endpoint("127.0.0.1", 3306, "dm", new Secret("pw")));
    }

    private static InstanceConfig instance(StartMeta meta) {
        return new InstanceConfig(SOURCE, meta, BlockAllowList.allowAll());
    }
}
