package io.sluice.core.task;

import io.sluice.core.config.Secret;
import io.sluice.core.error.SluiceException;
import io.sluice.core.rule.EventFilterRule;
import io.sluice.core.rule.EventFilters;
import io.sluice.core.rule.EventType;
import io.sluice.core.rule.InstanceRules;
import io.sluice.core.rule.RouteRule;
import io.sluice.core.rule.RowPredicateRule;
import io.sluice.core.rule.TableMatcher;
import io.sluice.core.rule.TableRoutes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskUpdateTest
{
    private static final Endpoint TARGET = new Endpoint("127.0.0.1", 4000, "root", new Secret("s3cret"));
    private static final TableMatcher SHARDS = TableMatcher.of(NamePattern.parse("shard_*"), NamePattern.parse("t_*"));

    @Test
    void routesFiltersAndBlockAllowListsMayChangeWhilePaused()
    {
        TaskConfig current = task(rules(List.of("shop"), "merged", "t"), TaskMode.ALL, TARGET);
        TaskConfig updated = task(new InstanceRules(new BlockAllowList(List.of("shop", "crm"), List.of(), List.of(), List.of()),
                new EventFilters(List.of(new EventFilterRule(SHARDS, Set.of(EventType.TRUNCATE_TABLE), List.of(), EventFilterRule.Action.IGNORE, "task.yaml:9:3 filters.f"))),
                List.of(), List.of(), List.of(), routes("merged", "orders", "task.yaml:20:3 routes.r")), TaskMode.ALL, TARGET);

        assertThat(TaskUpdate.refusedChanges(current, updated)).isEmpty();
        TaskUpdate.verify(current, updated, true);
    }

    @Test
    void theSameRulesWrittenElsewhereInTheFileAreNoChange()
    {
        InstanceRules first = new InstanceRules(BlockAllowList.allowAll(), EventFilters.none(),
                List.of(RowPredicateRule.where(SHARDS, "a < 5", "job.json:3:1 Where")), List.of(), List.of(), routes("m", "t", "task.yaml:1:1 routes.r"));
        InstanceRules moved = new InstanceRules(BlockAllowList.allowAll(), EventFilters.none(),
                List.of(RowPredicateRule.where(SHARDS, "a < 5", "job.json:30:1 Where")), List.of(), List.of(), routes("m", "t", "task.yaml:40:1 routes.r"));

        assertThat(TaskUpdate.refusedChanges(task(first, TaskMode.ALL, TARGET), task(moved, TaskMode.ALL, TARGET))).isEmpty();
        assertThat(TaskUpdate.onlineRules(first)).isEqualTo(TaskUpdate.onlineRules(moved));
    }

    @Test
    void everyOtherChangeIsRefusedWithTheSettingsNamed()
    {
        TaskConfig current = task(rules(List.of("shop"), "merged", "t"), TaskMode.ALL, TARGET);
        InstanceRules newPredicate = new InstanceRules(BlockAllowList.allowAll(), EventFilters.none(),
                List.of(RowPredicateRule.where(SHARDS, "a >= 5", "x")), List.of(), List.of(), TableRoutes.none());
        TaskConfig updated = task(newPredicate, TaskMode.INCREMENTAL, new Endpoint("127.0.0.1", 4001, "root", new Secret("s3cret")));

        assertThat(TaskUpdate.refusedChanges(current, updated))
                .containsExactly("task-mode", "target-database", "mysql-instances[mysql-01] expression filters / Where");
        assertThatThrownBy(() -> TaskUpdate.verify(current, updated, true))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("task-mode, target-database, mysql-instances[mysql-01] expression filters / Where cannot change")
                .hasMessageContaining("stop-task");
    }

    @Test
    void aRunningTaskCannotBeUpdated()
    {
        TaskConfig current = task(rules(List.of("shop"), "merged", "t"), TaskMode.ALL, TARGET);
        assertThatThrownBy(() -> TaskUpdate.verify(current, current, false))
                .hasMessageContaining("only be updated while it is Paused")
                .hasMessageContaining("pause-task");
    }

    @Test
    void passwordsNeverAppearInTheRefusal()
    {
        TaskConfig current = task(rules(List.of("shop"), "merged", "t"), TaskMode.ALL, TARGET);
        TaskConfig updated = task(rules(List.of("shop"), "merged", "t"), TaskMode.ALL, new Endpoint("127.0.0.1", 4000, "root", new Secret("other-pass")));
        assertThatThrownBy(() -> TaskUpdate.verify(current, updated, true))
                .hasMessageContaining("target-database")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret").doesNotContain("other-pass"));
    }

    private static InstanceRules rules(List<String> doDbs, String targetSchema, String targetTable)
    {
        return new InstanceRules(new BlockAllowList(doDbs, List.of(), List.of(), List.of()), EventFilters.none(), List.of(), List.of(), List.of(),
                routes(targetSchema, targetTable, "task.yaml:5:3 routes.r"));
    }

    private static TableRoutes routes(String targetSchema, String targetTable, String origin)
    {
        return new TableRoutes(List.of(new RouteRule(SHARDS, Optional.of(targetSchema), Optional.of(targetTable), origin)));
    }

    private static TaskConfig task(InstanceRules rules, TaskMode mode, Endpoint target)
    {
        return new TaskConfig("shop-sync", mode, "sluice_meta", target, List.of(new InstanceConfig("mysql-01", null, rules)), LoadOptions.defaults());
    }
}
