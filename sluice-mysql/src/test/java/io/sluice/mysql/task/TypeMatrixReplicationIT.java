package io.sluice.mysql.task;

import static io.sluice.mysql.task.Replication.assertSameData;
import static io.sluice.mysql.task.Replication.awaitCaughtUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.task.LoadOptions;
import io.sluice.core.task.LoadOptions.LoadMethod;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;
import io.sluice.mysql.binlog.ValueMatrixIT;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

/**
 * Every column type with its edge values (the {@link ValueMatrixIT} cases, one table each, about 70
 * tables) replicated by the copy and, for rows written afterwards, by the sync: source and target
 * must hold the same values table by table.
 */
@ExtendWith(MariaDbExtension.class)
class TypeMatrixReplicationIT {
    private static final String ZERO_DATES = "NO_ENGINE_SUBSTITUTION";

    @Test
    void everyTypeSurvivesCopyAndSync(@Sandbox(sqlMode = ZERO_DATES) MariaDbServer source, @Sandbox(sqlMode = ZERO_DATES) MariaDbServer target)
            throws Exception {
        everyTypeSurvivesCopyAndSync(source, target, LoadMethod.LOAD_DATA);
        // the copy really streamed: one LOAD DATA per chunk
        assertThat(Long.parseLong(target.query("SHOW GLOBAL STATUS LIKE 'Com_load'").getFirst().get(1))).isGreaterThan(ValueMatrixIT.CASES.size());
    }

    @Test
    void everyTypeSurvivesCopyWithInsertsAndSync(@Sandbox(sqlMode = ZERO_DATES) MariaDbServer source,
            @Sandbox(sqlMode = ZERO_DATES) MariaDbServer target) throws Exception {
        everyTypeSurvivesCopyAndSync(source, target, LoadMethod.INSERT);
        assertThat(target.query("SHOW GLOBAL STATUS LIKE 'Com_load'").getFirst().get(1)).isEqualTo("0");
    }

    private static void everyTypeSurvivesCopyAndSync(MariaDbServer source, MariaDbServer target, LoadMethod method) throws Exception {
        source.execute("CREATE DATABASE copied", "CREATE DATABASE synced");
        try (Connection connection = source.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET time_zone = '+00:00', sql_mode = '" + ZERO_DATES + "'");
            for (int i = 0; i < ValueMatrixIT.CASES.size(); i++) {
                create(statement, "copied", i);
                insert(statement, "copied", i);
            }
        }
        TaskConfig task = Replication.task(target, TaskMode.ALL, List.of("copied", "synced", "app"), new LoadOptions(false, false, 2, 4, method), null);
        try (Replication.Running running = Replication.Running.start(task, Replication.source(source, true));
                Connection connection = source.connect(); Statement statement = connection.createStatement()) {
            awaitCaughtUp(source, target, running, 1);
            statement.execute("SET time_zone = '+03:00', sql_mode = '" + ZERO_DATES + "'");
            for (int i = 0; i < ValueMatrixIT.CASES.size(); i++) {
                create(statement, "synced", i);
                insert(statement, "synced", i);
                statement.execute("UPDATE synced.t" + i + " SET id = id + 100, note = 'moved' WHERE id % 2 = 0");
                statement.execute("UPDATE copied.t" + i + " SET note = 'touched'");
                statement.execute("DELETE FROM copied.t" + i + " WHERE id = 1");
            }
            awaitCaughtUp(source, target, running, 2);
        }
        assertSameData(source, target, "copied", "synced");
    }

    private static void create(Statement statement, String database, int i) throws Exception {
        statement.execute("CREATE TABLE " + database + ".t" + i + " (id INT PRIMARY KEY, v " + ValueMatrixIT.CASES.get(i).type()
                + ", note VARCHAR(10))");
    }

    private static void insert(Statement statement, String database, int i) throws Exception {
        List<String> literals = ValueMatrixIT.CASES.get(i).literals();
        StringBuilder insert = new StringBuilder("INSERT INTO " + database + ".t" + i + " (id, v) VALUES (0, NULL)");
        for (int row = 0; row < literals.size(); row++) {
            insert.append(", (").append(row + 1).append(", ").append(literals.get(row)).append(")");
        }
        statement.execute(insert.toString());
    }
}
