package io.sluice.mysql.sink;

import io.sluice.core.event.RowChange;
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

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The applier's per-row SQL work: {@link RowStatements#add} turns sysbench oltp_write_only changes
 * into statement text and parameters in the sink's {@link StatementBatch} ({@link #add}), and
 * {@link #addAndFlush} also flushes each full batch through {@link ValueBinder} into a
 * no-op JDBC statement. {@code idempotent=true} is the load-window mode (REPLACE, and the
 * target-column check {@code MysqlSink} passes).
 *
 * <p>The no-op statement is a {@link Proxy}, whose boxed arguments (two per bound value) count in
 * {@code addAndFlush}'s allocation rate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RowStatementsBenchmark {
    static final int CHANGES = 64;

    @Param({"false", "true"})
    public boolean idempotent;

    private final StatementBatch batch = new StatementBatch();
    private RowChange[] changes;
    private Predicate<String> targetHasColumn;
    private Connection connection;

    @Setup
    public void setup() {
        changes = Sbtest.writeOnly(new SplittableRandom(3), CHANGES / 4);
        if (idempotent) {
            // what MysqlSink passes in idempotent mode: the target's columns, read once per table
            Set<String> columns = new HashSet<>(List.of("id", "k", "c", "pad"));
            targetHasColumn = column -> columns.contains(column.toLowerCase(Locale.ROOT));
        }
        else {
            targetHasColumn = column -> true;
        }
        PreparedStatement statement = (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getUpdateCount" -> -1;
                    case "execute", "getMoreResults" -> false;
                    default -> null;
                });
        connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> method.getName().equals("prepareStatement") ? statement : null);
    }

    @Benchmark
    @OperationsPerInvocation(CHANGES)
    public StatementBatch add() {
        for (RowChange change : changes) {
            RowStatements.add(batch, change.table().id(), change, idempotent, targetHasColumn);
            if (batch.isFull()) {
                batch.clear();
            }
        }
        return batch;
    }

    @Benchmark
    @OperationsPerInvocation(CHANGES)
    public StatementBatch addAndFlush() throws SQLException {
        for (RowChange change : changes) {
            RowStatements.add(batch, change.table().id(), change, idempotent, targetHasColumn);
            if (batch.isFull()) {
                batch.flush(connection);
            }
        }
        return batch;
    }
}
