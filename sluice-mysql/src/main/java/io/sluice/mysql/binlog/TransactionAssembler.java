package io.sluice.mysql.binlog;

import static java.util.Objects.requireNonNull;

import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.ChangeStream;
import io.sluice.core.event.DdlEvent;
import io.sluice.core.event.ResumePosition;
import io.sluice.core.event.RowChange;
import io.sluice.core.event.SourceSession;
import io.sluice.core.event.TransactionHeader;
import io.sluice.core.position.BinlogOffsetId;
import io.sluice.core.position.FilePosition;
import io.sluice.core.position.GtidPosition;
import io.sluice.core.position.MariaDbGtid;
import io.sluice.core.position.MySqlGtid;
import io.sluice.core.position.TransactionId;
import io.sluice.core.schema.TableId;
import io.sluice.mysql.schema.TableSchemaProvider;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.UUID;

/**
 * Groups binlog events into transactions and streams each one, with the position to resume after
 * it, to a {@link ChangeStream}: begin, every change as soon as it is decoded, commit. Nothing of
 * a transaction is held here, so its size does not matter.
 *
 * <p>Boundaries: a transaction starts at a GTID event (MySQL GTID or MariaDB GTID, which on
 * MariaDB stands in for BEGIN) or, without GTIDs, at a {@code BEGIN} query; it ends at an XID
 * event, a {@code COMMIT} or {@code ROLLBACK} query, or, for a statement outside BEGIN (a MariaDB
 * GTID flagged standalone, a MySQL GTID not followed by BEGIN, or any statement without GTIDs),
 * with that statement itself. This object is confined to the reader's thread.
 */
final class TransactionAssembler {
    private final TableSchemaProvider schemas;
    private final ChangeStream stream;
    private final Predicate<TableId> rowFilter;
    private final Map<Long, TableMapEventData> tableMaps = new HashMap<>();
    private final Map<Long, RowDecoder> decoders = new HashMap<>();
    private final Set<Long> skipped = new HashSet<>();

    private String file;
    private GtidPosition gtidState;
    private ResumePosition lastCommitted;

    private OpenTransaction open;

    /**
     * @param file the binlog file reading starts in, or null when starting from a GTID (the server's first rotate event names it)
     * @param gtidState the GTID state at the start, or null when unknown (file positions on MySQL)
     */
    TransactionAssembler(String file, GtidPosition gtidState, TableSchemaProvider schemas, ChangeStream stream) {
        this(file, gtidState, schemas, stream, table -> true);
    }

    /** @param rowFilter the tables whose rows are decoded and delivered; rows of other tables are skipped undecoded */
    TransactionAssembler(String file, GtidPosition gtidState, TableSchemaProvider schemas, ChangeStream stream, Predicate<TableId> rowFilter) {
        this.file = file;
        this.gtidState = gtidState;
        this.schemas = requireNonNull(schemas, "schemas is null");
        this.stream = requireNonNull(stream, "stream is null");
        this.rowFilter = requireNonNull(rowFilter, "rowFilter is null");
    }

    /**
     * The position after the last transaction handed to the listener, the only safe place to
     * reconnect from; null before the first one.
     */
    ResumePosition lastCommitted() {
        return lastCommitted;
    }

    /** Drops a transaction cut off by a lost connection; it will be read again from {@link #lastCommitted()}. */
    void discardPartialTransaction() {
        stream.abort();
        open = null;
        tableMaps.clear();
        ResumePosition durable = stream.durablePosition();
        if (durable != null) {
            // the stream lost transactions it had not made durable: read them again
            lastCommitted = durable;
            gtidState = durable.gtid();
        }
        if (lastCommitted != null) {
            file = lastCommitted.file().file();
        }
    }

    boolean inTransaction() {
        return open != null;
    }

    void accept(Event event) throws Exception {
        EventHeaderV4 header = event.getHeader();
        EventType type = header.getEventType();
        switch (type) {
            case ROTATE -> file = ((RotateEventData) event.getData()).getBinlogFilename();
            case MARIADB_GTID -> {
                MariadbGtidEventData gtid = event.getData();
                begin(new MariaDbGtid(gtid.getDomainId(), header.getServerId(), gtid.getSequence()), header,
                        (gtid.getFlags() & MariadbGtidEventData.FL_STANDALONE) != 0);
            }
            case GTID -> {
                GtidEventData gtid = event.getData();
                UUID source = gtid.getMySqlGtid().getServerId();
                // a MySQL GTID is followed by BEGIN for DML, by the statement itself for DDL
                begin(new MySqlGtid(source, gtid.getMySqlGtid().getTransactionId()), header, true);
            }
            case QUERY -> query(event.getData(), header);
            case TABLE_MAP -> tableMap(event.getData());
            case WRITE_ROWS, EXT_WRITE_ROWS -> {
                WriteRowsEventData data = event.getData();
                RowDecoder decoder = decoder(data.getTableId(), header);
                if (decoder == null) {
                    return;
                }
                for (Serializable[] row : data.getRows()) {
                    stream.change(RowChange.insert(decoder.schema(), decoder.decode(row, data.getIncludedColumns())));
                }
            }
            case UPDATE_ROWS, EXT_UPDATE_ROWS -> {
                UpdateRowsEventData data = event.getData();
                RowDecoder decoder = decoder(data.getTableId(), header);
                if (decoder == null) {
                    return;
                }
                for (Map.Entry<Serializable[], Serializable[]> row : data.getRows()) {
                    stream.change(RowChange.update(decoder.schema(),
                            decoder.decode(row.getKey(), data.getIncludedColumnsBeforeUpdate()),
                            decoder.decode(row.getValue(), data.getIncludedColumns())));
                }
            }
            case DELETE_ROWS, EXT_DELETE_ROWS -> {
                DeleteRowsEventData data = event.getData();
                RowDecoder decoder = decoder(data.getTableId(), header);
                if (decoder == null) {
                    return;
                }
                for (Serializable[] row : data.getRows()) {
                    stream.change(RowChange.delete(decoder.schema(), decoder.decode(row, data.getIncludedColumns())));
                }
            }
            case XID -> commit(header);
            case XA_PREPARE -> throw unsupported("an XA PREPARE event", header);
            case TRANSACTION_PAYLOAD -> throw unsupported("a compressed transaction payload (binlog_transaction_compression=ON)", header);
            case PRE_GA_WRITE_ROWS, PRE_GA_UPDATE_ROWS, PRE_GA_DELETE_ROWS -> throw unsupported("a pre-GA rows event", header);
            case HEARTBEAT -> {
                if (open == null) {
                    stream.idle();
                }
            }
            default -> {
                // FORMAT_DESCRIPTION, PREVIOUS_GTIDS, MARIADB_GTID_LIST, BINLOG_CHECKPOINT, ANNOTATE_ROWS,
                // HEARTBEAT, INTVAR/RAND/USER_VAR (statement-based only): nothing to assemble
            }
        }
    }

    private void begin(TransactionId id, EventHeaderV4 header, boolean standalone) throws Exception {
        if (open != null) {
            throw new SluiceException(ErrorCode.BINLOG_EVENT_UNDECODABLE,
                    "Transaction " + open.id + " has no end before the next transaction " + id + " at " + position(header) + ".",
                    "The binlog looks truncated or corrupt; check the source's error log and report this with the binlog file.");
        }
        open(id, header, standalone);
    }

    private void open(TransactionId id, EventHeaderV4 header, boolean standalone) {
        open = new OpenTransaction(id, header.getServerId(), new FilePosition(file, header.getPosition()),
                Instant.ofEpochMilli(header.getTimestamp()), standalone);
    }

    /**
     * Begins the open transaction on the stream at its first change or its commit, not at its
     * GTID event: the header carries the session of its first statement, which a DDL's query
     * event (after the GTID event) records.
     */
    private void started(SourceSession session) throws Exception {
        if (!open.started) {
            open.started = true;
            stream.begin(new TransactionHeader(open.id, open.serverId, open.start, session));
        }
    }

    private static SourceSession session(QueryEventData query, EventHeaderV4 header) {
        Instant start = Instant.ofEpochMilli(header.getTimestamp());
        if (!(query instanceof SessionQueryEventData logged)) {
            return SourceSession.startedAt(start);
        }
        if (logged.micros() >= 0) {
            start = start.plusNanos(logged.micros() * 1_000L);
        }
        return new SourceSession(start, Optional.ofNullable(logged.timeZone()).filter(zone -> !zone.isEmpty()),
                logged.explicitDefaultsForTimestamp() < 0 ? Optional.empty() : Optional.of(logged.explicitDefaultsForTimestamp() == 1));
    }

    private void query(QueryEventData query, EventHeaderV4 header) throws Exception {
        String sql = query.getSql().strip();
        String keyword = firstKeyword(sql);
        if (keyword.equals("BEGIN")) {
            if (open == null) {
                open(offsetId(header), header, false);
            }
            open.standalone = false;
            return;
        }
        if (keyword.equals("COMMIT") || (keyword.equals("ROLLBACK") && !sql.toUpperCase(Locale.ROOT).contains(" TO "))) {
            // a logged ROLLBACK means non-transactional changes were made and stay made: apply them
            requireOpen(header, sql);
            commit(header);
            return;
        }
        if (keyword.startsWith("XA")) {
            throw unsupported("an XA transaction (" + abbreviate(sql) + ")", header);
        }
        if (open == null || open.standalone) {
            if (open == null) {
                open(offsetId(header), header, true);
            }
            ddl(new DdlEvent(nullToEmpty(query.getDatabase()), sql), session(query, header));
            commit(header);
            return;
        }
        switch (keyword) {
            case "SAVEPOINT", "ROLLBACK" -> { }
            case "INSERT", "UPDATE", "DELETE", "REPLACE", "LOAD" -> throw new SluiceException(ErrorCode.BINLOG_FORMAT_UNSUPPORTED,
                    "The binlog holds a statement-based change at " + position(header) + " (" + abbreviate(sql) + ").",
                    "Set binlog_format=ROW on the source (SET GLOBAL binlog_format='ROW' and in my.cnf) and restart the task from a position after the change.");
            // CREATE TABLE ... SELECT and the like: DDL inside a transaction, followed by its rows
            default -> ddl(new DdlEvent(nullToEmpty(query.getDatabase()), sql), session(query, header));
        }
    }

    private void ddl(DdlEvent ddl, SourceSession session) throws Exception {
        started(session);
        open.ddl.add(ddl);
        stream.change(ddl);
    }

    private void tableMap(TableMapEventData tableMap) {
        TableMapEventData previous = tableMaps.put(tableMap.getTableId(), tableMap);
        if (previous == null || !sameShape(previous, tableMap)) {
            decoders.remove(tableMap.getTableId());
            skipped.remove(tableMap.getTableId());
        }
    }

    /** The decoder for the table's rows, or null when its rows are not wanted. */
    private RowDecoder decoder(long tableId, EventHeaderV4 header) throws Exception {
        requireOpen(header, "rows event");
        RowDecoder decoder = decoders.get(tableId);
        if (decoder == null && !skipped.contains(tableId)) {
            TableMapEventData tableMap = tableMaps.get(tableId);
            if (tableMap == null) {
                throw new SluiceException(ErrorCode.BINLOG_EVENT_UNDECODABLE,
                        "A rows event at " + position(header) + " refers to table id " + tableId + " without a table map event.",
                        "Start reading at a transaction boundary (a position Sluice reported), not inside a transaction.");
            }
            TableId table = new TableId(tableMap.getDatabase(), tableMap.getTable());
            if (!rowFilter.test(table)) {
                skipped.add(tableId);
                return null;
            }
            decoder = RowDecoder.create(tableMap, schemas.schemaOf(table, tableMap), position(header));
            decoders.put(tableId, decoder);
        }
        if (decoder != null) {
            started(SourceSession.startedAt(open.startTime));
        }
        return decoder;
    }

    private void commit(EventHeaderV4 header) throws Exception {
        requireOpen(header, "commit");
        started(SourceSession.startedAt(open.startTime));
        OpenTransaction done = open;
        GtidPosition next = gtidState != null && !(done.id instanceof BinlogOffsetId) ? gtidState.with(done.id) : gtidState;
        ResumePosition after = new ResumePosition(new FilePosition(file, header.getNextPosition()), next);
        // if the stream fails to commit, the transaction stays open so that discarding it aborts the stream
        stream.commit(after, Instant.ofEpochMilli(header.getTimestamp()));
        open = null;
        gtidState = next;
        lastCommitted = after;
        if (!done.ddl.isEmpty()) {
            done.ddl.forEach(schemas::onDdl);
            decoders.clear();
            skipped.clear();
        }
    }

    private void requireOpen(EventHeaderV4 header, String what) {
        if (open == null) {
            throw new SluiceException(ErrorCode.BINLOG_EVENT_UNDECODABLE,
                    "Found " + abbreviate(what) + " at " + position(header) + " outside any transaction.",
                    "Start reading at a transaction boundary (a position Sluice reported), not inside a transaction.");
        }
    }

    private BinlogOffsetId offsetId(EventHeaderV4 header) {
        return new BinlogOffsetId(new FilePosition(file, header.getPosition()).fileIndex(), header.getPosition());
    }

    private String position(EventHeaderV4 header) {
        return file + ":" + header.getPosition();
    }

    private SluiceException unsupported(String what, EventHeaderV4 header) {
        return new SluiceException(ErrorCode.BINLOG_EVENT_UNSUPPORTED,
                "The binlog holds " + what + " at " + position(header) + ", which Sluice does not replicate yet.",
                "Avoid this feature on replicated schemas, or restart the task from a position after this event.");
    }

    private static boolean sameShape(TableMapEventData a, TableMapEventData b) {
        return a.getDatabase().equals(b.getDatabase()) && a.getTable().equals(b.getTable())
                && Arrays.equals(a.getColumnTypes(), b.getColumnTypes())
                && Arrays.equals(a.getColumnMetadata(), b.getColumnMetadata());
    }

    private static String firstKeyword(String sql) {
        int end = 0;
        while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
            end++;
        }
        return sql.substring(0, end).toUpperCase(Locale.ROOT);
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static final class OpenTransaction {
        final TransactionId id;
        final long serverId;
        final FilePosition start;
        final Instant startTime;
        final List<DdlEvent> ddl = new ArrayList<>(1);
        boolean standalone;
        // whether the stream has been told to begin it
        boolean started;

        OpenTransaction(TransactionId id, long serverId, FilePosition start, Instant startTime, boolean standalone) {
            this.id = id;
            this.serverId = serverId;
            this.start = start;
            this.startTime = startTime;
            this.standalone = standalone;
        }
    }
}
