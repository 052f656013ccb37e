package io.sluice.mysql.binlog;

import io.sluice.core.config.Secret;
import io.sluice.core.event.ResumePosition;
import io.sluice.core.event.Transaction;
import io.sluice.core.position.BinlogPosition;
import io.sluice.core.position.FilePosition;
import io.sluice.core.position.GtidPosition;
import io.sluice.mysql.schema.FullMetadataSchemas;
import io.sluice.mysql.schema.InformationSchemaLoader;
import io.sluice.mysql.schema.TableSchemaProvider;
import io.sluice.testkit.MariaDbServer;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test helper: runs a {@link BinlogReader} against a sandbox on a background thread and collects
 * the transactions it delivers.
 */
final class BinlogCapture implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final List<Transaction> transactions = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final BinlogReader reader;
    private final Thread thread;
    private final Connection schemaConnection;

    private BinlogCapture(MariaDbServer server, BinlogReaderConfig config, GtidPosition gtidAtStart,
            ThrowingListener extra, boolean useTableMapMetadata) throws SQLException {
        schemaConnection = server.connect();
        TableSchemaProvider schemas = new InformationSchemaLoader(() -> schemaConnection);
        if (useTableMapMetadata) {
            schemas = FullMetadataSchemas.load(schemaConnection, schemas);
        }
        reader = new BinlogReader(config, gtidAtStart, schemas, transaction -> {
            extra.accept(transaction);
            transactions.add(transaction);
        });
        thread = new Thread(() -> {
            try {
                reader.run();
            }
            catch (Throwable t) {
                failure.set(t);
            }
        }, "binlog-capture");
        thread.setDaemon(true);
        thread.start();
    }

    static BinlogReaderConfig config(MariaDbServer server, BinlogPosition start) {
        return BinlogReaderConfig.of("127.0.0.1", server.port(), server.user(), new Secret(server.password()), 90_000 + (long) (Math.random() * 10_000), start)
                .withHeartbeat(Duration.ofSeconds(1))
                .withReconnectTimeout(Duration.ofSeconds(60));
    }

    /** Starts reading at the current end of the binlog. */
    static BinlogCapture fromNow(MariaDbServer server) throws SQLException {
        return fromNow(server, false);
    }

    /** Starts at the current end; with {@code useTableMapMetadata} schemas come from FULL row metadata. */
    static BinlogCapture fromNow(MariaDbServer server, boolean useTableMapMetadata) throws SQLException {
        try (Connection connection = server.connect()) {
            ResumePosition end = SourcePositions.currentEnd(connection);
            return new BinlogCapture(server, config(server, end.file()), end.gtid(), t -> { }, useTableMapMetadata);
        }
    }

    static BinlogCapture from(MariaDbServer server, BinlogPosition start) throws SQLException {
        return from(server, start, false);
    }

    static BinlogCapture from(MariaDbServer server, BinlogPosition start, boolean useTableMapMetadata) throws SQLException {
        GtidPosition gtid = null;
        if (start instanceof FilePosition file) {
            try (Connection connection = server.connect()) {
                gtid = SourcePositions.gtidAt(connection, file);
            }
        }
        return new BinlogCapture(server, config(server, start), gtid, t -> { }, useTableMapMetadata);
    }

    static BinlogCapture with(MariaDbServer server, BinlogReaderConfig config, ThrowingListener listener) throws SQLException {
        return new BinlogCapture(server, config, null, listener, false);
    }

    /** Waits until at least {@code count} transactions arrived; fails fast when the reader died. */
    List<Transaction> await(int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (transactions.size() < count) {
            Throwable t = failure.get();
            if (t != null) {
                throw new AssertionError("binlog reader failed after " + transactions.size() + " transactions", t);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + transactions.size() + " of " + count + " transactions arrived; last: "
                        + (transactions.isEmpty() ? "none" : transactions.getLast()));
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return new ArrayList<>(transactions);
    }

    /** Waits for the reader to stop by itself and returns why. */
    Throwable awaitFailure() throws InterruptedException {
        thread.join(WAIT.toMillis());
        if (thread.isAlive()) {
            throw new AssertionError("reader still running; transactions: " + transactions);
        }
        return failure.get();
    }

    List<Transaction> transactions() {
        return new ArrayList<>(transactions);
    }

    BinlogReader reader() {
        return reader;
    }

    @Override
    public void close() throws Exception {
        reader.stop();
        thread.join(WAIT.toMillis());
        schemaConnection.close();
        if (thread.isAlive()) {
            throw new AssertionError("binlog reader did not stop");
        }
    }

    interface ThrowingListener {
        void accept(Transaction transaction) throws Exception;
    }
}
