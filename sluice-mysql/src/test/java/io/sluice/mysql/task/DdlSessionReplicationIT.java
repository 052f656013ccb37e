package io.sluice.mysql.task;

import static io.sluice.mysql.task.Replication.assertSameData;
import static io.sluice.mysql.task.Replication.awaitCaughtUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.task.LoadOptions;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

/**
 * DDL that evaluates the clock or reads temporal text replays under the source session: existing
 * rows of a column added with {@code DEFAULT CURRENT_TIMESTAMP} get the source's statement time
 * (seconds and microseconds), not the target's clock when the task catches up, and defaults read
 * in a non-UTC session time zone mean the same instant on the target.
 */
@ExtendWith(MariaDbExtension.class)
class DdlSessionReplicationIT {
    @Test
    void ddlEvaluatingTheClockGivesTheSourcesValues(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY, v VARCHAR(10))",
                "INSERT INTO app.t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        TaskConfig task = Replication.task(target, TaskMode.ALL, List.of("app"), LoadOptions.defaults(), null);
        try (Replication.Running running = Replication.Running.start(task, Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, 1);
        }
        // the task is stopped while the DDL runs, so it catches up well after the source's clock moved on
        source.execute("ALTER TABLE app.t ADD ts TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP",
                "ALTER TABLE app.t ADD ts6 TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)",
                "SET time_zone = '+05:30'",
                "ALTER TABLE app.t ADD local_now DATETIME(3) NOT NULL DEFAULT NOW(3), ADD lit TIMESTAMP NOT NULL DEFAULT '2020-01-01 10:00:00'",
                "SET time_zone = 'SYSTEM'");
        Thread.sleep(2_100);
        try (Replication.Running running = Replication.Running.start(task, Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, 2);
            source.execute("INSERT INTO app.t (id, v) VALUES (4, 'd')");
            awaitCaughtUp(source, target, running, 3);
        }
        String values = "SELECT id, UNIX_TIMESTAMP(ts), UNIX_TIMESTAMP(ts6), local_now, UNIX_TIMESTAMP(lit) FROM app.t ORDER BY id";
        assertThat(target.query(values)).isEqualTo(source.query(values));
        assertSameData(source, target, "app");
    }
}
