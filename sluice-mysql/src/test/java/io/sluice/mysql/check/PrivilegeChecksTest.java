package io.sluice.mysql.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.schema.TableId;
import io.sluice.core.task.TaskMode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

/** Privilege items on grants recorded from MySQL 8.0 (MariaDB's are exercised by TaskPrecheckIT). */
class PrivilegeChecksTest {
    private static final String SOURCE = "mysql-replica-01";

    @Test
    void mysqlCopyNeedsReload() {
        ServerFacts facts = Facts.mysql().grant("GRANT SELECT, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `dm`@`%`").build();
        List<TableId> tables = List.of(new TableId("shop", "orders"));
        CheckResult all = PrivilegeChecks.dump(SOURCE, facts, TaskMode.ALL, tables, Set.of("shop"));
        assertThat(all.state()).isEqualTo(CheckState.FAIL);
        assertThat(all.message()).contains("lacks RELOAD on *.*");
        assertThat(all.instruction()).isEqualTo("GRANT RELOAD ON *.* TO 'dm'@'%';");
        assertThat(PrivilegeChecks.dump(SOURCE, facts, TaskMode.INCREMENTAL, tables, Set.of("shop")).state()).isEqualTo(CheckState.PASS);
        assertThat(PrivilegeChecks.replication(SOURCE, facts).state()).isEqualTo(CheckState.PASS);
    }

    @Test
    void mysqlReplicationGrantNamesReplicationClient() {
        ServerFacts facts = Facts.mysql().grant("GRANT SELECT ON *.* TO `dm`@`%`").build();
        CheckResult result = PrivilegeChecks.replication(SOURCE, facts);
        assertThat(result.state()).isEqualTo(CheckState.FAIL);
        assertThat(result.message()).isEqualTo("the source user dm@% lacks REPLICATION SLAVE and REPLICATION CLIENT on *.*, which reading the binlog needs");
        assertThat(result.instruction()).isEqualTo("GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'dm'@'%';");
    }

    @Test
    void tableGrantsOnlyOnSomeTablesOfANamedDatabase() {
        ServerFacts facts = Facts.mariaDb().user("copier@127.0.0.1")
                .grant("GRANT REPLICATION SLAVE, BINLOG MONITOR ON *.* TO `copier`@`127.0.0.1`")
                .grant("GRANT SELECT ON `shop`.`orders` TO `copier`@`127.0.0.1`").build();
        CheckResult result = PrivilegeChecks.dump(SOURCE, facts, TaskMode.ALL, List.of(new TableId("shop", "orders")), Set.of("shop", "crm"));
        assertThat(result.state()).isEqualTo(CheckState.FAIL);
        assertThat(result.findings()).extracting(Finding::severity).containsExactly(CheckState.WARN, CheckState.FAIL);
        assertThat(result.findings().get(0).message()).contains("only some tables of database `shop`");
        assertThat(result.findings().get(1).message()).contains("lacks SELECT on database `crm` named by the task");
        assertThat(result.instruction()).isEqualTo("GRANT SELECT ON `shop`.* TO 'copier'@'127.0.0.1'; GRANT SELECT ON `crm`.* TO 'copier'@'127.0.0.1';");
    }

    @Test
    void targetNeedsWritePrivilegesAndWarnsWithoutDdlOnes() {
        ServerFacts facts = Facts.mysql().user("writer@%")
                .grant("GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP ON `shop`.* TO `writer`@`%`")
                .grant("GRANT SELECT, INSERT, UPDATE, DELETE ON `sluice_meta`.* TO `writer`@`%`").build();
        CheckResult result = PrivilegeChecks.target(facts, Set.of("shop"), "sluice_meta");
        assertThat(result.state()).isEqualTo(CheckState.FAIL);
        assertThat(result.findings()).extracting(Finding::severity).containsExactly(CheckState.WARN, CheckState.FAIL);
        assertThat(result.findings().get(0).instruction()).isEqualTo("GRANT ALTER, INDEX ON `shop`.* TO 'writer'@'%';");
        assertThat(result.findings().get(1).message()).contains("lacks CREATE on the meta schema `sluice_meta`");
        assertThat(result.findings().get(1).instruction()).isEqualTo("GRANT CREATE ON `sluice_meta`.* TO 'writer'@'%';");
    }
}
