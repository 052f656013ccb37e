package io.sluice.mysql.task;

import static io.sluice.mysql.task.RuleTasks.awaitSynced;
import static io.sluice.mysql.task.RuleTasks.exact;
import static io.sluice.mysql.task.RuleTasks.rules;
import static io.sluice.mysql.task.RuleTasks.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.rule.DoIgnoreSelection;
import io.sluice.core.task.InstanceConfig;
import io.sluice.core.task.LoadOptions;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

/**
 * Two mysql-instances select a table of the same name without shard-mode or routes: both fill one
 * target table. {@code drop-table-if-exists} drops what an earlier attempt left there, but must
 * not let the second subtask drop the rows the first one copied.
 */
@ExtendWith(MariaDbExtension.class)
class SharedTargetTableIT {
    @Test
    void dropTableIfExistsKeepsTheRowsAnotherSubtaskCopied(@Sandbox MariaDbServer east, @Sandbox MariaDbServer west, @Sandbox MariaDbServer target)
            throws Exception {
        east.execute("CREATE DATABASE shop", "CREATE TABLE shop.events (id INT PRIMARY KEY, origin VARCHAR(10))",
                "INSERT INTO shop.events SELECT seq, 'east' FROM shop.seq_1_to_3000");
        west.execute("CREATE DATABASE shop", "CREATE TABLE shop.events (id INT PRIMARY KEY, origin VARCHAR(10))",
                "INSERT INTO shop.events SELECT seq + 1000000, 'west' FROM shop.seq_1_to_3000");
        // left over from an earlier attempt: drop-table-if-exists is for this one
        target.execute("CREATE DATABASE shop", "CREATE TABLE shop.events (id INT PRIMARY KEY, origin VARCHAR(10), old INT)",
                "INSERT INTO shop.events VALUES (7, 'stale', 1), (2000000, 'stale', 1)");
        DoIgnoreSelection events = new DoIgnoreSelection(List.of(exact("shop", "events")), List.of());
        TaskConfig task = new TaskConfig("shared", TaskMode.ALL, "sluice_meta", Replication.endpoint(target),
                List.of(new InstanceConfig("east", null, rules(events)), new InstanceConfig("west", null, rules(events))),
                new LoadOptions(true, false, 500, 2));
        try (RuleTasks.Runs runs = new RuleTasks.Runs()) {
            Replication.Running first = runs.add(start(task, task.instances().get(0), RuleTasks.source(east, "east")));
            awaitSynced(east, first);
            // the second subtask starts once the first one's copy is done, as after a restart
            Replication.Running second = runs.add(start(task, task.instances().get(1), RuleTasks.source(west, "west")));
            awaitSynced(west, second);
            east.execute("INSERT INTO shop.events VALUES (5000, 'east')", "DELETE FROM shop.events WHERE id = 1");
            west.execute("UPDATE shop.events SET origin = 'w' WHERE id = 1000001");
            awaitSynced(east, first);
            awaitSynced(west, second);
        }
        List<List<String>> union = new ArrayList<>(east.query("SELECT id, origin FROM shop.events"));
        union.addAll(west.query("SELECT id, origin FROM shop.events"));
        assertThat(target.query("SELECT id, origin FROM shop.events")).containsExactlyInAnyOrderElementsOf(union);
        assertThat(target.query("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'shop' AND TABLE_NAME = 'events'"))
                .containsExactly(List.of("id"), List.of("origin"));
    }
}
