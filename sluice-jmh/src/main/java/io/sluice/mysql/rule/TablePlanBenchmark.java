package io.sluice.mysql.rule;

import io.sluice.core.event.RowChange;
import io.sluice.core.rule.ColumnMapRule;
import io.sluice.core.rule.EventFilters;
import io.sluice.core.rule.InstanceRules;
import io.sluice.core.rule.RouteRule;
import io.sluice.core.rule.RowPredicateRule;
import io.sluice.core.rule.TableMatcher;
import io.sluice.core.rule.TableRoutes;
import io.sluice.core.schema.TableId;
import io.sluice.core.task.BlockAllowList;
import io.sluice.core.task.NamePattern;
import io.sluice.jmh.Sbtest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@link TablePlan#map} on sysbench oltp_write_only changes (two UPDATEs, a DELETE and an INSERT
 * per transaction) for the rule shapes a task can have: none ({@code identity}), a route to another
 * table, a column map ({@code ColumnMapFrom} id, k, c) and a dtle {@code Where}. {@link #lookupAndMap}
 * adds the plan lookup {@code ChangeMapper} does for every row.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TablePlanBenchmark {
    static final int CHANGES = 64;

    @Param({"identity", "route", "columnMap", "where"})
    public String plan;

    private TableRules rules;
    private TablePlan tablePlan;
    private RowChange[] changes;
    private final Function<TableId, List<String>> noTargetTable = table -> List.of();

    @Setup
    public void setup() {
        TableMatcher sbtest = TableMatcher.of(NamePattern.exact("sbtest", false), NamePattern.exact("sbtest1", false));
        InstanceRules instanceRules = switch (plan) {
            case "identity" -> InstanceRules.allowAll();
            case "route" -> rules(List.of(), List.of(),
                    new TableRoutes(List.of(new RouteRule(sbtest, Optional.of("archive"), Optional.of("sbtest_all"), "bench"))));
            case "columnMap" -> rules(List.of(), List.of(new ColumnMapRule(sbtest, List.of("id", "k", "c"), "bench")), TableRoutes.none());
            // about half of the rows, as one target of a 1:n split holds
            case "where" -> rules(List.of(RowPredicateRule.where(sbtest, "k >= 125000", "bench")), List.of(), TableRoutes.none());
            default -> throw new IllegalArgumentException(plan);
        };
        rules = new TableRules(instanceRules, false);
        tablePlan = rules.plan(Sbtest.SCHEMA, noTargetTable);
        if (tablePlan.isIdentity() != plan.equals("identity")) {
            throw new IllegalStateException("unexpected plan for " + plan);
        }
        changes = Sbtest.writeOnly(new SplittableRandom(11), CHANGES / 4);
    }

    private static InstanceRules rules(List<RowPredicateRule> predicates, List<ColumnMapRule> columnMaps, TableRoutes routes) {
        return new InstanceRules(BlockAllowList.allowAll(), EventFilters.none(), predicates, columnMaps, List.of(), routes);
    }

    @Benchmark
    @OperationsPerInvocation(CHANGES)
    public void map(Blackhole blackhole) {
        for (RowChange change : changes) {
            blackhole.consume(tablePlan.map(change));
        }
    }

    @Benchmark
    @OperationsPerInvocation(CHANGES)
    public void lookupAndMap(Blackhole blackhole) {
        for (RowChange change : changes) {
            blackhole.consume(rules.plan(change.table(), noTargetTable).map(change));
        }
    }
}
