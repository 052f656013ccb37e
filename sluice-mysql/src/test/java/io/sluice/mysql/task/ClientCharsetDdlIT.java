package io.sluice.mysql.task;

import static io.sluice.mysql.task.Replication.assertSameData;
import static io.sluice.mysql.task.Replication.awaitCaughtUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.task.LoadOptions;
import io.sluice.core.task.LoadOptions.LoadMethod;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * DDL sent by latin1 and gbk clients, with non-ASCII literals in COMMENTs, DEFAULTs and ENUM
 * members: the binlog holds the statement in the client's charset, and sync must decode it so
 * (not as UTF-8) for the target to get the same definitions and default values. The statements go
 * through the {@code mariadb} client, since the JDBC driver only sends UTF-8.
 */
@ExtendWith(MariaDbExtension.class)
class ClientCharsetDdlIT {
    @Test
    void ddlFromLatin1AndGbkClientsReplicatesExactly(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE cs");
        TaskConfig task = Replication.task(target, TaskMode.ALL, List.of("cs", "app"), new LoadOptions(false, false, 100, 2, LoadMethod.LOAD_DATA), null);
        try (Replication.Running running = Replication.Running.start(task, Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, 1);
            client(source, "latin1", """
                    CREATE TABLE cs.l1 (id INT PRIMARY KEY, e ENUM('é','ü','x') CHARACTER SET latin1 DEFAULT 'ü',
                        v VARCHAR(10) CHARACTER SET latin1 DEFAULT 'café' COMMENT 'colonne é',
                        u VARCHAR(10) CHARACTER SET utf8mb4 DEFAULT 'Ünï') COMMENT='table à' DEFAULT CHARSET=latin1;
                    INSERT INTO cs.l1 (id) VALUES (1);
                    ALTER TABLE cs.l1 ADD COLUMN w VARCHAR(5) DEFAULT 'ñ' COMMENT 'ß', MODIFY e ENUM('é','ü','x','ÿ') CHARACTER SET latin1 DEFAULT 'ÿ';
                    INSERT INTO cs.l1 (id) VALUES (2);
                    """);
            client(source, "gbk", """
                    CREATE TABLE cs.g (id INT PRIMARY KEY, v VARCHAR(10) CHARACTER SET gbk DEFAULT '中文' COMMENT '注释',
                        e ENUM('汉','字') CHARACTER SET gbk DEFAULT '字') COMMENT='表';
                    INSERT INTO cs.g (id) VALUES (1);
                    ALTER TABLE cs.g ADD COLUMN u VARCHAR(10) CHARACTER SET utf8mb4 DEFAULT '简体';
                    INSERT INTO cs.g (id) VALUES (2);
                    """);
            awaitCaughtUp(source, target, running, 2);
        }
        assertSameData(source, target, "cs");
        for (String table : List.of("l1", "g")) {
            String created = source.query("SHOW CREATE TABLE cs." + table).getFirst().get(1);
            assertThat(created).as("the source holds the client's text").containsAnyOf("café", "中文");
            assertThat(target.query("SHOW CREATE TABLE cs." + table).getFirst().get(1)).isEqualTo(created);
        }
        assertThat(target.query("SELECT e, v, u, w FROM cs.l1 WHERE id = 2").getFirst()).containsExactly("ÿ", "café", "Ünï", "ñ");
        assertThat(target.query("SELECT v, e, u FROM cs.g WHERE id = 2").getFirst()).containsExactly("中文", "字", "简体");
    }

    /** Runs the statements through the mariadb client with the given connection charset, the text encoded in it. */
    private static void client(MariaDbServer server, String charset, String sql) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("mariadb", "--no-defaults", "--protocol=TCP", "-h", server.host(),
                "-P", String.valueOf(server.port()), "-u", server.user(), "--default-character-set=" + charset)
                .redirectErrorStream(true);
        // the password through the environment, never on a command line
        builder.environment().put("MYSQL_PWD", server.password());
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(sql.getBytes(Charset.forName(charset.equals("latin1") ? "windows-1252" : "GBK")));
        }
        String output = new String(process.getInputStream().readAllBytes(), Charset.defaultCharset());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
