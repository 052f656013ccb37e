package io.sluice.mysql.binlog;

import static java.util.Objects.requireNonNull;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.RetriableSluiceException;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.ChangeStream;
import io.sluice.core.event.ResumePosition;
import io.sluice.core.event.TransactionListener;
import io.sluice.core.position.BinlogPosition;
import io.sluice.core.position.FilePosition;
import io.sluice.core.position.GtidPosition;
import io.sluice.core.schema.TableId;
import io.sluice.mysql.schema.TableSchemaProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Reads a source's binlog as a replica and delivers whole transactions, each with the position
 * to resume after it, to a {@link TransactionListener}.
 *
 * <p>Built on {@code mysql-binlog-connector-java} for the protocol only. Its own position
 * tracking advances inside transactions and its keep-alive reconnects from there, and it logs
 * and skips listener and deserialization failures; so here keep-alive is off, every failure of
 * the listener or of decoding stops the reader with an error, and a lost connection is
 * re-established from the position after the last whole transaction (GTID state when reading
 * by GTID, file position otherwise), discarding the partial transaction.
 *
 * <p>Transactions are streamed to a {@link ChangeStream} (bounded memory whatever their size). A
 * retriable {@link SluiceException} thrown by the stream (the target went away) aborts the partial
 * transaction and re-reads it from its start after a backoff; any other exception stops the reader.
 *
 * <p>{@link #run()} blocks the calling thread, which is also the thread the stream is called on;
 * {@link #stop()} may be called from any thread.
 */
public final class BinlogReader {
    private static final Logger LOG = LoggerFactory.getLogger(BinlogReader.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final BinlogReaderConfig config;
    private final TransactionAssembler assembler;
    private final boolean gtidMode;
    private final String name;
    private final AtomicReference<BinaryLogClient> client = new AtomicReference<>();
    private final AtomicReference<SluiceException> fatal = new AtomicReference<>();
    private final AtomicReference<SluiceException> retry = new AtomicReference<>();
    private volatile boolean stopped;
    private volatile long lastEventNanos;

    /** Delivers whole transactions to a listener; each is held in memory until it ends (tools, tests). */
    public BinlogReader(BinlogReaderConfig config, GtidPosition gtidAtFileStart, TableSchemaProvider schemas, TransactionListener listener) {
        this(config, gtidAtFileStart, schemas, ChangeStream.collecting(listener));
    }

    /**
     * @param gtidAtFileStart the GTID state at a file-position start when known (MariaDB's
     *        {@code BINLOG_GTID_POS}), so that resume positions carry GTIDs too; null otherwise
     */
    public BinlogReader(BinlogReaderConfig config, GtidPosition gtidAtFileStart, TableSchemaProvider schemas, ChangeStream stream) {
        this(config, gtidAtFileStart, schemas, stream, table -> true);
    }

    /** @param rowFilter the tables whose rows are decoded and streamed; other tables' rows are skipped undecoded */
    public BinlogReader(BinlogReaderConfig config, GtidPosition gtidAtFileStart, TableSchemaProvider schemas, ChangeStream stream,
            Predicate<TableId> rowFilter) {
        this.config = requireNonNull(config, "config is null");
        BinlogPosition start = requireNonNull(config.start(), "config.start is null: resolve the current position first");
        this.gtidMode = start instanceof GtidPosition;
        this.name = "binlog " + config.host() + ":" + config.port();
        this.assembler = switch (start) {
            case FilePosition file -> new TransactionAssembler(file.file(), gtidAtFileStart, schemas, stream, rowFilter);
            case GtidPosition gtid -> new TransactionAssembler(null, gtid, schemas, stream, rowFilter);
        };
    }

    /** The position after the last delivered transaction, or null when none was delivered yet. */
    public ResumePosition lastCommitted() {
        return assembler.lastCommitted();
    }

    /**
     * Reads until {@link #stop()} is called (then returns normally) or until an error that
     * retrying cannot fix, which is thrown as a {@link SluiceException}.
     */
    public void run() {
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name + " watchdog");
            thread.setDaemon(true);
            return thread;
        });
        long silenceLimitNanos = config.heartbeat().toNanos() * 3;
        watchdog.scheduleWithFixedDelay(() -> {
            BinaryLogClient current = client.get();
            if (current != null && stopped) {
                // a stop() that raced with connect() found no channel to close: close it now
                disconnect(current);
            }
            else if (current != null && current.isConnected() && System.nanoTime() - lastEventNanos > silenceLimitNanos) {
                LOG.warn("{}: no event or heartbeat for {} ms, reconnecting", name, TimeUnit.NANOSECONDS.toMillis(silenceLimitNanos));
                disconnect(current);
            }
        }, config.heartbeat().toMillis(), config.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        try {
            readWithReconnects();
        }
        finally {
            watchdog.shutdownNow();
        }
    }

    private void readWithReconnects() {
        long unreachableSinceNanos = 0;
        Duration backoff = Duration.ofMillis(250);
        while (!stopped) {
            String position = positionText();
            BinaryLogClient current = newClient();
            AtomicReference<Exception> communicationFailure = new AtomicReference<>();
            current.registerEventListener(event -> onEvent(current, event));
            current.registerLifecycleListener(new BinaryLogClient.AbstractLifecycleListener() {
                @Override
                public void onCommunicationFailure(BinaryLogClient c, Exception ex) {
                    communicationFailure.set(ex);
                }

                @Override
                public void onEventDeserializationFailure(BinaryLogClient c, Exception ex) {
                    fail(c, new SluiceException(ErrorCode.BINLOG_EVENT_UNDECODABLE,
                            "Cannot decode a binlog event after " + positionText() + " on " + name + ": " + ex.getMessage(),
                            "Report this with the binlog file and position; start after the event only if losing it is acceptable.", ex));
                }
            });
            client.set(current);
            if (stopped) {
                break;
            }
            boolean delivered = false;
            ResumePosition before = assembler.lastCommitted();
            try {
                LOG.info("{}: connecting as replica server id {} from {}", name, config.serverId(), position);
                lastEventNanos = System.nanoTime();
                current.connect();
            }
            catch (IOException | RuntimeException e) {
                communicationFailure.compareAndSet(null, e);
            }
            delivered = assembler.lastCommitted() != before;
            SluiceException failure = fatal.get();
            if (failure != null) {
                throw failure;
            }
            if (stopped) {
                break;
            }
            Exception cause = communicationFailure.get();
            SluiceException retryable = retry.getAndSet(null);
            SluiceException classified = retryable != null ? retryable : cause == null
                    ? new RetriableSluiceException(ErrorCode.BINLOG_CONNECTION_LOST, "The source closed the binlog connection.",
                            "Sluice reconnects by itself.", null)
                    : BinlogErrors.classify(cause, config.host() + ":" + config.port(), config.user(), position);
            if (!classified.isRetriable()) {
                throw classified;
            }
            assembler.discardPartialTransaction();
            long now = System.nanoTime();
            if (delivered || unreachableSinceNanos == 0) {
                unreachableSinceNanos = now;
                backoff = Duration.ofMillis(250);
            }
            if (now - unreachableSinceNanos > config.reconnectTimeout().toNanos()) {
                throw new SluiceException(classified.errorCode(),
                        classified.reason() + " Gave up after retrying for " + config.reconnectTimeout().toSeconds() + " s.",
                        classified.fix(), classified);
            }
            LOG.warn("{}: {}; reconnecting in {} ms from {}", name, classified.reason(), backoff.toMillis(), positionText());
            sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
        LOG.info("{}: stopped at {}", name, positionText());
    }

    /** Stops reading; {@link #run()} returns once the connection is closed. Idempotent. */
    public void stop() {
        stopped = true;
        BinaryLogClient current = client.get();
        if (current != null) {
            disconnect(current);
        }
    }

    private void onEvent(BinaryLogClient current, Event event) {
        lastEventNanos = System.nanoTime();
        if (fatal.get() != null || retry.get() != null || stopped) {
            return;
        }
        try {
            assembler.accept(event);
        }
        catch (SluiceException e) {
            if (e.isRetriable()) {
                // the receiving side failed in a way that passes (target restarting): read the transaction again
                retry.compareAndSet(null, e);
                disconnect(current);
            }
            else {
                fail(current, e);
            }
        }
        catch (Exception | Error e) {
            fail(current, new SluiceException(ErrorCode.INTERNAL,
                    "Handling a transaction read after " + positionText() + " failed: " + e,
                    "See the cause in the log; the reader stopped so that nothing is skipped.", e));
        }
    }

    private void fail(BinaryLogClient current, SluiceException failure) {
        fatal.compareAndSet(null, failure);
        disconnect(current);
    }

    private BinaryLogClient newClient() {
        BinaryLogClient result = new BinaryLogClient(config.host(), config.port(), config.user(), config.password().reveal());
        result.setServerId(config.serverId());
        result.setKeepAlive(false);
        result.setHeartbeatInterval(config.heartbeat().toMillis());
        result.setConnectTimeout(config.connectTimeout().toMillis());
        result.setEventDeserializer(ExactEventDeserializer.create());
        ResumePosition resume = assembler.lastCommitted();
        if (gtidMode) {
            GtidPosition gtid = resume != null ? resume.gtid() : (GtidPosition) config.start();
            result.setGtidSet(gtid.toString());
        }
        else {
            FilePosition file = resume != null ? resume.file() : (FilePosition) config.start();
            result.setBinlogFilename(file.file());
            result.setBinlogPosition(file.position());
        }
        return result;
    }

    private String positionText() {
        ResumePosition resume = assembler.lastCommitted();
        if (resume == null) {
            return config.start().toString();
        }
        return gtidMode ? String.valueOf(resume.gtid()) : resume.file().toString();
    }

    private static void disconnect(BinaryLogClient current) {
        try {
            current.disconnect();
        }
        catch (IOException e) {
            LOG.debug("Closing the binlog connection failed", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException(ErrorCode.INTERNAL, "Interrupted while waiting to reconnect.", "None needed.", e);
        }
    }
}
