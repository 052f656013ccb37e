package io.sluice.mysql.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.rule.ColumnMapRule;
import io.sluice.core.rule.EventFilters;
import io.sluice.core.rule.InstanceRules;
import io.sluice.core.rule.RouteRule;
import io.sluice.core.rule.RowPredicateRule;
import io.sluice.core.rule.TableRoutes;
import io.sluice.core.task.BlockAllowList;
import io.sluice.core.task.InstanceConfig;
import io.sluice.core.task.ShardMode;
import io.sluice.core.task.SyncOptions;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The Check unit refuses rules that cannot work on the source as it is, before anything is copied:
 * a predicate or column map naming an unknown column (the message points at the rule in the task
 * file), and shards merging into one table with colliding auto-increment ids unless
 * {@code ignore-checking-items} says otherwise.
 */
@ExtendWith(MariaDbExtension.class)
class RuleChecksIT {
    @Sandbox
    MariaDbServer source;
    @Sandbox
    MariaDbServer target;

    @Test
    void predicateOnAnUnknownColumnStopsTheTaskBeforeTheCopy() throws Exception {
        source.execute("CREATE DATABASE demo", "CREATE TABLE demo.demo_tbl (a INT PRIMARY KEY)", "INSERT INTO demo.demo_tbl VALUES (1)");
        InstanceRules rules = new InstanceRules(new BlockAllowList(List.of("demo"), List.of(), List.of(), List.of()), EventFilters.none(),
                List.of(RowPredicateRule.where(RuleTasks.exact("demo", "demo_tbl"), "b < 5", "job.json:14:24 ReplicateDoDb[0].Tables[0].Where")),
                List.of(), List.of(), TableRoutes.none());
        SluiceException error = failure(RuleTasks.task("bad-where", target, TaskMode.ALL, "mysql-replica-01", rules, RuleTasks.load(false)));
        assertThat(error.errorCode()).isEqualTo(ErrorCode.RULE_INVALID);
        assertThat(error.getMessage()).contains("b").contains("demo.demo_tbl");
        assertThat(target.query("SHOW DATABASES LIKE 'demo'")).as("nothing created").isEmpty();
    }

    @Test
    void columnMapOnAnUnknownColumnNamesTheRule() throws Exception {
        source.execute("CREATE DATABASE demo", "CREATE TABLE demo.colmap (id INT PRIMARY KEY, val1 INT, val2 INT)");
        InstanceRules rules = new InstanceRules(new BlockAllowList(List.of("demo"), List.of(), List.of(), List.of()), EventFilters.none(), List.of(),
                List.of(new ColumnMapRule(RuleTasks.exact("demo", "colmap"), List.of("val3", "id"), "job.json:20:9 ReplicateDoDb[0].Tables[0].ColumnMapFrom")),
                List.of(), TableRoutes.none());
        SluiceException error = failure(RuleTasks.task("bad-map", target, TaskMode.INCREMENTAL, "mysql-replica-01", rules, RuleTasks.load(false)));
        assertThat(error.getMessage()).contains("job.json:20:9").contains("val3").contains("id, val1, val2");
    }

    @Test
    void shardsWithAutoIncrementIdsMustNotCollide() throws Exception {
        String shard = "(id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, v INT)";
        source.execute("CREATE DATABASE shard_1", "CREATE TABLE shard_1.t_1 " + shard, "CREATE TABLE shard_1.t_2 " + shard,
                "INSERT INTO shard_1.t_1 (v) VALUES (1)", "INSERT INTO shard_1.t_2 (v) VALUES (2)");
        InstanceRules rules = new InstanceRules(new BlockAllowList(List.of("shard_1"), List.of(), List.of(), List.of()), EventFilters.none(), List.of(),
                List.of(), List.of(), new TableRoutes(List.of(new RouteRule(RuleTasks.pattern("shard_*", "t_*"), Optional.of("merged"), Optional.of("t"),
                        "task.yaml:30:3 routes.shards"))));
        SluiceException error = failure(task(rules, List.of()));
        assertThat(error.getMessage()).contains("merge into merged.t").contains("auto-increment").contains("will collide");
        assertThat(error.fix()).contains("partition id").contains("auto_increment_ID");

        // the user vouches that the ids never overlap: the check is skipped and the shards merge
        source.execute("ALTER TABLE shard_1.t_2 AUTO_INCREMENT = 1000", "INSERT INTO shard_1.t_2 (v) VALUES (3)", "DELETE FROM shard_1.t_2 WHERE v = 2");
        TaskConfig ignoring = task(rules, List.of("auto_increment_ID"));
        try (RuleTasks.Runs runs = new RuleTasks.Runs()) {
            Replication.Running run = runs.add(RuleTasks.start(ignoring, source));
            RuleTasks.awaitSynced(source, run);
        }
        assertThat(target.query("SELECT v FROM merged.t ORDER BY v")).containsExactly(List.of("1"), List.of("3"))
                .isEqualTo(source.query("SELECT v FROM (SELECT v FROM shard_1.t_1 UNION ALL SELECT v FROM shard_1.t_2) shards ORDER BY v"));
    }

    private TaskConfig task(InstanceRules rules, List<String> ignoreCheckingItems) {
        return new TaskConfig("shards", TaskMode.ALL, "sluice_meta", Replication.endpoint(target),
                List.of(new InstanceConfig("mysql-replica-01", null, rules)), RuleTasks.load(false), SyncOptions.defaults(),
                Optional.of(ShardMode.OPTIMISTIC), false, ignoreCheckingItems);
    }

    private SluiceException failure(TaskConfig task) throws InterruptedException {
        Replication.Running run = RuleTasks.start(task, source);
        Throwable failure = run.awaitEnd(Duration.ofSeconds(60));
        assertThat(failure).isInstanceOf(SluiceException.class);
        return (SluiceException) failure;
    }
}
