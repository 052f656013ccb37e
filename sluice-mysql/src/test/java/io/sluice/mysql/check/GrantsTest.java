package io.sluice.mysql.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.List;

class GrantsTest {
    @Test
    void mariaDbGlobalDatabaseTableAndPublicGrants() {
        // SHOW GRANTS on MariaDB 10.11 for a user with grants at every level, plus the PUBLIC grants of a fresh install
        Grants grants = Grants.parse(List.of(
                "GRANT RELOAD, BINLOG MONITOR ON *.* TO `r2`@`%` IDENTIFIED BY PASSWORD '*B69027D44F6E5EDC07F1AEAD1477967B16F28227'",
                "GRANT SELECT ON `te\\\\_st`.* TO `r2`@`%`",
                "GRANT SELECT (`a`), INSERT ON `other`.`t` TO `r2`@`%`",
                "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, REFERENCES, INDEX, ALTER, CREATE TEMPORARY TABLES, LOCK TABLES ON `test\\\\_%`.* TO PUBLIC"), true);
        assertThat(grants.global("RELOAD")).isTrue();
        assertThat(grants.global("BINLOG MONITOR")).isTrue();
        assertThat(grants.global("SELECT")).isFalse();
        assertThat(grants.onDatabase("SELECT", "te_st")).isTrue();
        assertThat(grants.onDatabase("SELECT", "teXst")).as("an escaped _ is literal").isFalse();
        assertThat(grants.onTable("INSERT", "other", "t")).isTrue();
        assertThat(grants.onTable("SELECT", "other", "t")).as("a column grant does not read the table").isFalse();
        assertThat(grants.onTable("INSERT", "other", "u")).isFalse();
        assertThat(grants.onDatabase("CREATE", "test_1")).isTrue();
        assertThat(grants.onDatabase("CREATE", "testx1")).isFalse();
        assertThat(grants.onDatabase("CREATE", "test_")).as("% matches nothing too").isTrue();
    }

    @Test
    void mysqlAllPrivilegesProxyAndRoles() {
        Grants grants = Grants.parse(List.of(
                "GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION",
                "GRANT PROXY ON ``@`` TO `root`@`localhost` WITH GRANT OPTION",
                "GRANT `app_read`@`%` TO `root`@`localhost`"), true);
        assertThat(grants.global("REPLICATION SLAVE")).isTrue();
        assertThat(grants.onTable("SELECT", "any", "table")).isTrue();
    }

    @Test
    void mysql57QuotesAndUnescapedWildcards() {
        Grants grants = Grants.parse(List.of(
                "GRANT USAGE ON *.* TO 'dm'@'%'",
                "GRANT SELECT ON `db_1`.* TO 'dm'@'%'",
                "GRANT SELECT, INSERT ON `we``ird.db`.`t.1` TO 'dm'@'%'"), true);
        assertThat(grants.global("SELECT")).isFalse();
        assertThat(grants.onDatabase("SELECT", "db_1")).isTrue();
        assertThat(grants.onDatabase("SELECT", "dbx1")).as("an unescaped _ is a wildcard, as on the server").isTrue();
        assertThat(grants.onTable("INSERT", "we`ird.db", "t.1")).isTrue();
        assertThat(grants.onDatabase("INSERT", "we`ird.db")).isFalse();
    }

    @Test
    void namesCompareWithCaseOnlyWhenTheServerDoes() {
        List<String> lines = List.of("GRANT SELECT ON `App`.* TO `u`@`%`", "GRANT INSERT ON `App`.`Orders` TO `u`@`%`");
        assertThat(Grants.parse(lines, true).onDatabase("SELECT", "app")).isFalse();
        assertThat(Grants.parse(lines, true).onTable("INSERT", "App", "orders")).isFalse();
        assertThat(Grants.parse(lines, false).onDatabase("SELECT", "app")).isTrue();
        assertThat(Grants.parse(lines, false).onTable("INSERT", "app", "orders")).isTrue();
    }
}
