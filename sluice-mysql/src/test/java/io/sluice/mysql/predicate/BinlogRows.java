package io.sluice.mysql.predicate;

import io.sluice.core.config.Secret;
import io.sluice.core.event.ChangeEvent;
import io.sluice.core.event.ResumePosition;
import io.sluice.core.event.Row;
import io.sluice.core.event.RowChange;
import io.sluice.core.event.Transaction;
import io.sluice.mysql.binlog.BinlogReader;
import io.sluice.mysql.binlog.BinlogReaderConfig;
import io.sluice.mysql.binlog.SourcePositions;
import io.sluice.mysql.schema.InformationSchemaLoader;
import io.sluice.testkit.MariaDbServer;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test helper: runs statements on a sandbox and returns the inserted rows as the binlog reader
 * decodes them, keyed by their integer {@code id} column, so predicates are evaluated on exactly
 * the values replication sees.
 */
final class BinlogRows {
    private BinlogRows() {}

    static Map<Integer, Row> inserted(MariaDbServer server, String table, int expectedRows, String... statements) throws Exception {
        List<Transaction> transactions = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (Connection schemaConnection = server.connect()) {
            ResumePosition end;
            try (Connection connection = server.connect()) {
                end = SourcePositions.currentEnd(connection);
            }
            BinlogReaderConfig config = BinlogReaderConfig.of("127.0.0.1", server.port(), server.user(), new Secret(server.password()),
                    70_000 + (long) (Math.random() * 10_000), end.file()).withHeartbeat(Duration.ofSeconds(1));
            BinlogReader reader = new BinlogReader(config, end.gtid(), new InformationSchemaLoader(() -> schemaConnection), transactions::add);
            Thread thread = new Thread(() -> {
                try {
                    reader.run();
                }
                catch (Throwable t) {
                    failure.set(t);
                }
            }, "predicate-binlog");
            thread.setDaemon(true);
            thread.start();
            try {
                server.execute(statements);
                Map<Integer, Row> rows = new TreeMap<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (rows.size() < expectedRows) {
                    if (failure.get() != null) {
                        throw new AssertionError("binlog reader failed", failure.get());
                    }
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("only " + rows.size() + " of " + expectedRows + " rows arrived");
                    }
                    TimeUnit.MILLISECONDS.sleep(20);
                    rows.clear();
                    for (Transaction transaction : transactions) {
                        for (ChangeEvent event : transaction.events()) {
                            if (event instanceof RowChange change && change.after() != null && change.table().id().table().equals(table)) {
                                rows.put(((Number) change.after().get("id")).intValue(), change.after());
                            }
                        }
                    }
                }
                return rows;
            }
            finally {
                reader.stop();
                thread.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
    }
}
