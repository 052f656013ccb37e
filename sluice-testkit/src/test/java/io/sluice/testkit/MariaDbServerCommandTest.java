package io.sluice.testkit;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class MariaDbServerCommandTest
{
    private static final MariaDbBinaries BINARIES = new MariaDbBinaries(Path.of("/usr/sbin/mariadbd"), Path.of("/usr/bin/mariadb-install-db"));
    private static final Path DATA_DIR = Path.of("/tmp/sluice-mariadb-1");

    @Test
    void defaultCommand()
    {
        MariaDbConfig config = MariaDbConfig.builder().serverId(1234).password("pw").build();

        List<String> command = MariaDbServer.command(BINARIES, config, DATA_DIR, 23456, Optional.empty(), false);

        assertThat(command.subList(0, 2)).containsExactly("/usr/sbin/mariadbd", "--no-defaults");
        assertThat(command).contains(
                "--basedir=/usr",
                "--datadir=/tmp/sluice-mariadb-1",
                "--bind-address=127.0.0.1",
                "--port=23456",
                "--socket=/tmp/sluice-mariadb-1/mysql.sock",
                "--skip-networking=0",
                "--skip-name-resolve",
                "--log-error=/tmp/sluice-mariadb-1/error.log",
                "--tmpdir=/tmp/sluice-mariadb-1/.tmp",
                "--ignore-db-dirs=.tmp",
                "--innodb-buffer-pool-size=64M",
                "--server-id=1234",
                "--log-bin=/tmp/sluice-mariadb-1/mysql-bin",
                "--binlog-format=ROW",
                "--binlog-row-image=FULL",
                "--binlog-row-metadata=FULL",
                "--gtid-strict-mode=ON",
                "--log-slave-updates=OFF",
                "--lower-case-table-names=0",
                "--max-allowed-packet=64M");
        assertThat(command).noneMatch(argument -> argument.startsWith("--user="));
        assertThat(command).noneMatch(argument -> argument.startsWith("--sql-mode="));
        assertThat(command).noneMatch(argument -> argument.startsWith("--init-file="));
        assertThat(String.join(" ", command)).doesNotContain("pw");
    }

    @Test
    void configuredCommand()
    {
        MariaDbConfig config = MariaDbConfig.builder()
                .serverId(7)
                .password("pw")
                .logBin(false)
                .binlogFormat("STATEMENT")
                .gtidStrictMode(false)
                .logSlaveUpdates(true)
                .sqlMode("")
                .option("binlog_annotate_row_events", "OFF")
                .option("innodb_buffer_pool_size", "128M")
                .build();

        List<String> command = MariaDbServer.command(BINARIES, config, DATA_DIR, 1, Optional.of(DATA_DIR.resolve("init.sql")), true);

        assertThat(command.get(2)).isEqualTo("--user=root");
        assertThat(command).noneMatch(argument -> argument.startsWith("--log-bin"));
        assertThat(command).contains("--binlog-format=STATEMENT", "--gtid-strict-mode=OFF", "--log-slave-updates=ON", "--sql-mode=",
                "--init-file=/tmp/sluice-mariadb-1/init.sql");
        // extra options come last, so they override the built-in ones
        assertThat(command.subList(command.size() - 2, command.size()))
                .containsExactly("--binlog_annotate_row_events=OFF", "--innodb_buffer_pool_size=128M");
    }

    @Test
    void initSqlQuotesAccountAndPassword()
    {
        String sql = MariaDbServer.initSql("o'neil", "p'w\\x");

        assertThat(sql.lines()).allMatch(line -> line.endsWith(";"));
        assertThat(sql).startsWith("SET sql_log_bin = 0;\n");
        assertThat(sql).contains(
                "CREATE OR REPLACE USER 'o''neil'@'127.0.0.1' IDENTIFIED BY 'p''w\\\\x';",
                "GRANT ALL PRIVILEGES ON *.* TO 'o''neil'@'localhost' WITH GRANT OPTION;");
    }
}
