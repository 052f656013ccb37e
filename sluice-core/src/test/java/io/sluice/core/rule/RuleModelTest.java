package io.sluice.core.rule;

import io.sluice.core.error.SluiceException;
import io.sluice.core.schema.TableId;
import io.sluice.core.task.NamePattern;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleModelTest
{
    @Test
    void goTemplatesExpandLikeReplaceAllString()
    {
        NamePattern schema = NamePattern.regex("(\\w*)src(\\w*)", true);
        assertThat(schema.rename("test1src", "rename${1}")).isEqualTo("renametest1");
        assertThat(schema.rename("test1src", "rename$1")).isEqualTo("renametest1");
        assertThat(schema.rename("test1src", "x${2}y$$")).isEqualTo("xy$");
        assertThat(schema.rename("test1src", "$1x")).as("$1x names group '1x', which does not exist").isEqualTo("");
        assertThat(schema.rename("test1src", "${9}")).isEmpty();
        assertThat(NamePattern.regex("(\\w*)Shard(\\w*)", true).rename("test1Shard", "${1}Rename")).isEqualTo("test1Rename");
        assertThat(NamePattern.regex("(?<pre>\\w+)_old", true).rename("orders_old", "${pre}_new")).isEqualTo("orders_new");
        assertThat(NamePattern.regex("a*", true).rename("baaac", "-")).as("empty matches, as Go").isEqualTo("-b-c-");
        assertThat(NamePattern.parse("t_*").rename("t_1", "t")).isEqualTo("t");
    }

    @Test
    void exactAndCaseSensitivePatterns()
    {
        assertThat(NamePattern.exact("db*", true).matches("db*")).isTrue();
        assertThat(NamePattern.exact("db*", true).matches("db1")).isFalse();
        assertThat(NamePattern.exact("Demo", true).matches("demo")).isFalse();
        assertThat(NamePattern.exact("Demo", false).matches("demo")).isTrue();
        assertThat(NamePattern.parse("Shop_*", true).matches("shop_1")).isFalse();
        assertThat(NamePattern.parse("Shop_*", false).matches("shop_1")).isTrue();
        assertThat(NamePattern.parse("t_*").isExactName()).isFalse();
        assertThat(NamePattern.parse("orders").isExactName()).isTrue();
    }

    @Test
    void dtleIgnoreAlwaysWins()
    {
        TableMatcher db1 = TableMatcher.of(NamePattern.exact("db1", true), null);
        TableMatcher tb1 = TableMatcher.of(NamePattern.exact("db1", true), NamePattern.exact("tb1", true));
        DoIgnoreSelection everything = new DoIgnoreSelection(List.of(), List.of());
        assertThat(everything.allowsTable("any", "t")).isTrue();
        assertThat(everything.allowsDatabase("mysql")).isFalse();

        DoIgnoreSelection ignoreDb = new DoIgnoreSelection(List.of(), List.of(db1));
        assertThat(ignoreDb.allowsDatabase("db1")).isFalse();
        assertThat(ignoreDb.allowsTable("db2", "t")).isTrue();

        DoIgnoreSelection doTableIgnoreDb = new DoIgnoreSelection(List.of(tb1), List.of(db1));
        assertThat(doTableIgnoreDb.allowsDatabase("db1")).isFalse();
        assertThat(doTableIgnoreDb.allowsTable("db1", "tb1")).isFalse();

        DoIgnoreSelection doDbIgnoreTable = new DoIgnoreSelection(List.of(db1), List.of(tb1));
        assertThat(doDbIgnoreTable.allowsTable("db1", "tb2")).isTrue();
        assertThat(doDbIgnoreTable.allowsTable("db1", "tb1")).isFalse();
        assertThat(doDbIgnoreTable.allowsDatabase("db2")).isFalse();

        DoIgnoreSelection sameTable = new DoIgnoreSelection(List.of(tb1), List.of(tb1));
        assertThat(sameTable.allowsDatabase("db1")).as("the structure of db1 is still created").isTrue();
        assertThat(sameTable.allowsTable("db1", "tb1")).isFalse();
    }

    @Test
    void tableRulesWinOverSchemaRulesAndConflictsAreNamed()
    {
        RouteRule schemaRule = new RouteRule(TableMatcher.of(NamePattern.parse("shard_*"), null), Optional.of("merged"), Optional.empty(), "task.yaml:3:3 routes.a");
        RouteRule tableRule = new RouteRule(TableMatcher.of(NamePattern.parse("shard_*"), NamePattern.parse("t_*")), Optional.of("merged"), Optional.of("t"),
                "task.yaml:7:3 routes.b");
        TableRoutes routes = new TableRoutes(List.of(schemaRule, tableRule));
        assertThat(routes.route(new TableId("shard_1", "t_2"))).isEqualTo(new TableId("merged", "t"));
        assertThat(routes.route(new TableId("shard_1", "other"))).isEqualTo(new TableId("merged", "other"));
        assertThat(routes.route(new TableId("app", "t_1"))).isEqualTo(new TableId("app", "t_1"));
        assertThat(routes.routeDatabase("shard_9")).isEqualTo("merged");
        assertThat(tableRule.mayMerge()).isTrue();
        assertThat(new RouteRule(TableMatcher.of(NamePattern.regex("(\\w*)src", true), null), Optional.of("r${1}"), Optional.empty(), "x").mayMerge()).isFalse();

        TableRoutes conflicting = new TableRoutes(List.of(tableRule,
                new RouteRule(TableMatcher.of(NamePattern.parse("shard_1"), NamePattern.parse("t_?")), Optional.of("other"), Optional.of("t"), "task.yaml:12:3 routes.c")));
        assertThatThrownBy(() -> conflicting.route(new TableId("shard_1", "t_2")))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("task.yaml:7:3 routes.b")
                .hasMessageContaining("task.yaml:12:3 routes.c");
        assertThatThrownBy(() -> new RouteRule(TableMatcher.of(NamePattern.parse("a"), null), Optional.of("b"), Optional.of("t"), "x"))
                .hasMessageContaining("without a table pattern");
    }

    @Test
    void eventFiltersIgnoreWinsOverDoAndErrorWinsOverAll()
    {
        TableMatcher orders = TableMatcher.of(NamePattern.parse("shop"), NamePattern.parse("orders"));
        EventFilterRule onlyInserts = new EventFilterRule(orders, EventType.parse("insert"), List.of(), EventFilterRule.Action.DO, "f.do");
        EventFilterRule noTruncate = new EventFilterRule(orders, EventType.parse("truncate table"), List.of("^ALTER\\s+TABLE\\s+\\S+\\s+DROP"),
                EventFilterRule.Action.IGNORE, "f.ignore");
        EventFilters filters = new EventFilters(List.of(onlyInserts, noTruncate));
        assertThat(filters.decide("shop", "orders", Set.of(EventType.INSERT), null).verdict()).isEqualTo(EventFilters.Verdict.APPLY);
        assertThat(filters.decide("shop", "orders", Set.of(EventType.DELETE), null).verdict()).isEqualTo(EventFilters.Verdict.IGNORE);
        assertThat(filters.decide("shop", "orders", Set.of(EventType.ALTER_TABLE), "alter table orders drop c").verdict()).isEqualTo(EventFilters.Verdict.IGNORE);
        assertThat(filters.decide("shop", "lines", Set.of(EventType.DELETE), null).verdict()).isEqualTo(EventFilters.Verdict.APPLY);

        EventFilters withError = new EventFilters(List.of(noTruncate,
                new EventFilterRule(TableMatcher.of(NamePattern.parse("shop"), null), EventType.parse("drop database"), List.of(), EventFilterRule.Action.ERROR, "f.err")));
        EventFilters.Decision decision = withError.decide("shop", null, Set.of(EventType.DROP_DATABASE), "DROP DATABASE shop");
        assertThat(decision.verdict()).isEqualTo(EventFilters.Verdict.ERROR);
        assertThat(decision.rule().origin()).isEqualTo("f.err");
    }

    @Test
    void eventNamesAndGroups()
    {
        assertThat(EventType.parse("ALL  DML")).containsExactlyInAnyOrder(EventType.INSERT, EventType.UPDATE, EventType.DELETE);
        assertThat(EventType.parse("none ddl")).isEmpty();
        assertThat(EventType.parse("incompatible ddl changes")).contains(EventType.DROP_TABLE, EventType.TRUNCATE_TABLE).doesNotContain(EventType.CREATE_TABLE);
        assertThat(EventType.parse("all")).hasSize(EventType.values().length);
        assertThatThrownBy(() -> EventType.parse("trunc table")).hasMessageContaining("unknown binlog event 'trunc table'");
        assertThatThrownBy(() -> new EventFilterRule(TableMatcher.of(NamePattern.parse("a"), null), Set.of(), List.of("(unclosed"), EventFilterRule.Action.IGNORE, "x"))
                .hasMessageContaining("invalid sql-pattern '(unclosed'");
    }
}
