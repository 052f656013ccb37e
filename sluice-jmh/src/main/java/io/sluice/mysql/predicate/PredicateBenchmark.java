package io.sluice.mysql.predicate;

import io.sluice.core.event.Row;
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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@link BoundExpression#evaluate} on sbtest rows, for the kinds of row predicate users write: an
 * integer comparison, BETWEEN, arithmetic with logic, a LIKE prefix and a collation-aware string
 * comparison on a CHAR(120) utf8mb4_general_ci column.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PredicateBenchmark {
    static final int ROWS = 64;

    @Param({"id > 125000", "k BETWEEN 1000 AND 50000", "id % 4 = 1 AND k > 0", "c LIKE '1%'", "c < '5'"})
    public String expression;

    private BoundExpression bound;
    private Row[] rows;

    @Setup
    public void setup() {
        bound = RowExpression.parse(expression).bind(Sbtest.SCHEMA);
        SplittableRandom random = new SplittableRandom(5);
        rows = new Row[ROWS];
        for (int i = 0; i < ROWS; i++) {
            rows[i] = Sbtest.row(Sbtest.values(random, 1 + random.nextInt(Sbtest.TABLE_SIZE)));
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void evaluate(Blackhole blackhole) {
        for (Row row : rows) {
            blackhole.consume(bound.evaluate(row));
        }
    }
}
