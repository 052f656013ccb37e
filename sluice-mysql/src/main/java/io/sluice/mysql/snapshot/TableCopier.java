package io.sluice.mysql.snapshot;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.position.FilePosition;
import io.sluice.core.schema.Column;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;
import io.sluice.core.task.LoadOptions.LoadMethod;
import io.sluice.mysql.sink.MetaStore;
import io.sluice.mysql.sink.MetaStore.RangeProgress;
import io.sluice.mysql.sink.MetaStore.TableProgress;
import io.sluice.mysql.rule.TablePlan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Copies one table from a consistent snapshot of the source into the target, chunk by chunk in
 * key order. Each chunk's rows and the table's progress (last key, rows copied) commit in one
 * target transaction, so a restarted copy continues after the last committed chunk and never
 * duplicates a row. A big table can be copied as several {@link KeyRange}s, each by its own copier
 * from its own snapshot, each range with its own progress row. A table without a usable unique key
 * is copied in a single target transaction (rows streamed, committed once): with nothing to
 * resume after, a partial copy must never be committed.
 *
 * <p>The table's {@link TablePlan} decides what is copied where: the rows its predicates select
 * (pushed into the SELECT), the source column of each target column, the partition id of a column,
 * and the target table; key columns the target does not get are still read, for the cursor.
 *
 * <p>Values are copied as the bytes the source sends (numbers and temporals as their exact text,
 * FLOAT via its exact DOUBLE value, binary as is, MariaDB's UUID/INET6/INET4 as their 16 or 4
 * bytes, UTF-8 text as utf8mb4, text in any other charset as its bytes) and inserted back as such,
 * which the target interprets in the column's type and charset: nothing is decoded into Java
 * types, nothing is lost.
 *
 * <p>How the rows are written is the {@link LoadMethod}: multi-row {@code INSERT}s of bound
 * parameters, or one {@code LOAD DATA LOCAL INFILE} per chunk (per table without a key) whose rows
 * are encoded from the source result as the driver sends them ({@link LoadDataStream}), in the
 * same target transaction as the chunk's progress. The values are the same bytes either way: UTF-8
 * text goes as utf8mb4 and is converted into the target column's charset by the server (directly
 * when that charset is utf8mb4, else through {@code CONVERT(@v USING utf8mb4)}); text in another
 * charset goes as the source column's bytes and is read in that charset
 * ({@code CONVERT(@v USING cp1251)}, {@code CONVERT(? USING cp1251)}), so nothing is converted when
 * the target column has the same charset: a round trip through Unicode would change bytes such
 * charsets map to no character or to the same one ({@link #sendsBytes}); everything else as the
 * bytes it came as, which {@code CHARACTER SET binary} keeps as they are.
 */
final class TableCopier {
    private static final int ROWS_PER_STATEMENT = 500;
    // rows the driver fetches at a time while a LOAD DATA streams a result: memory stays bounded whatever chunk-rows is
    private static final int LOAD_FETCH_ROWS = 1000;
    // MariaDB 4166 and MySQL 3948 (local infile disabled on either side), 1148 (older servers)
    private static final java.util.Set<Integer> LOCAL_INFILE_REFUSED = java.util.Set.of(1148, 3948, 4166);
    // "Row N doesn't contain data for all columns" / "was truncated; it contained more data than there were input columns"
    private static final java.util.Set<Integer> MISALIGNED_ROW = java.util.Set.of(1261, 1262);
    // charsets whose every storable value survives the utf8mb4 connection unchanged ("binary" is bytes already)
    private static final java.util.Set<String> EXACT_AS_UTF8MB4 = java.util.Set.of("utf8mb4", "utf8mb3", "utf8", "binary");

    private final TableSchema schema;
    private final TablePlan plan;
    // the source columns read: the target's, in target order, then key columns the target lacks
    private final List<Column> readColumns;
    private final int targetColumns;
    private final int[] keyPositions;
    private final String where;
    private final KeyCursor cursor;
    private final MetaStore meta;
    private final int chunkRows;
    private final AtomicLong rowsCopied;
    private final BooleanSupplier stopRequested;
    private final LoadMethod method;
    private String loadData;

    TableCopier(TablePlan plan, MetaStore meta, int chunkRows, AtomicLong rowsCopied, BooleanSupplier stopRequested, LoadMethod method) {
        this.plan = requireNonNull(plan, "plan is null");
        this.method = requireNonNull(method, "method is null");
        this.schema = plan.source();
        this.meta = requireNonNull(meta, "meta is null");
        this.chunkRows = chunkRows;
        this.rowsCopied = requireNonNull(rowsCopied, "rowsCopied is null");
        this.stopRequested = requireNonNull(stopRequested, "stopRequested is null");
        this.cursor = chunkKey(schema).map(KeyCursor::new).orElse(null);
        List<Column> columns = new ArrayList<>(plan.sourceColumns());
        this.targetColumns = columns.size();
        List<Column> key = cursor == null ? List.of() : cursor.columns();
        this.keyPositions = new int[key.size()];
        for (int i = 0; i < key.size(); i++) {
            int position = columns.indexOf(key.get(i));
            if (position < 0) {
                position = columns.size();
                columns.add(key.get(i));
            }
            keyPositions[i] = position;
        }
        this.readColumns = List.copyOf(columns);
        this.where = plan.snapshotWhere();
    }

    /**
     * Copies what remains of the table from the snapshot already open on {@code source}, whose
     * schema must be this copier's, recording progress in the table's own meta row.
     *
     * @return the binlog position of the snapshot the rows were read from
     */
    FilePosition copy(Connection source, Connection target, TableProgress progress, FilePosition snapshot) throws SQLException {
        long copied = progress == null ? 0 : progress.rowsCopied();
        FilePosition first = progress == null ? snapshot : progress.firstSnapshot();
        FilePosition last = snapshot;
        if (cursor == null) {
            copyWhole(source, target, copied, last);
        }
        else {
            copyChunks(source, target, null, progress == null ? null : progress.lastKey(), copied,
                    (connection, key, rows, done) -> meta.saveTableProgress(connection, schema.id(), new TableProgress(key, rows, done, first, last)));
        }
        source.commit();
        return snapshot;
    }

    /**
     * Copies what remains of one key range of the table from the snapshot already open on
     * {@code source}, recording progress in the range's meta row. The range keeps its first
     * snapshot across restarts, as a whole table does.
     *
     * @return the binlog position of the snapshot the rows were read from
     */
    FilePosition copyRange(Connection source, Connection target, RangeProgress progress, FilePosition snapshot) throws SQLException {
        if (cursor == null || !KeyRange.splittable(cursor.columns())) {
            throw new IllegalStateException(schema.id() + " has no integer chunk key to copy in ranges");
        }
        FilePosition first = progress.started() ? progress.firstSnapshot() : snapshot;
        FilePosition last = snapshot;
        String range = KeyRange.of(progress).condition(cursor.columns().getFirst());
        copyChunks(source, target, range, progress.lastKey(), progress.rowsCopied(),
                (connection, key, rows, done) -> meta.saveRangeProgress(connection, schema.id(), progress.advance(key, rows, done, first, last)));
        source.commit();
        return snapshot;
    }

    /** Records a committed chunk: part of the target transaction that inserted it. */
    @FunctionalInterface
    private interface ProgressWriter {
        void save(Connection target, String lastKey, long rowsCopied, boolean done) throws SQLException;
    }

    /** @param range a condition on the key (the range copied), null for the whole table */
    private void copyChunks(Connection source, Connection target, String range, String lastKey, long copied, ProgressWriter progress)
            throws SQLException {
        String select = "SELECT " + selectList() + " FROM " + schema.id().quoted();
        String first = select + whereClause(range, where) + " ORDER BY " + cursor.orderBy() + " LIMIT " + chunkRows;
        String next = select + whereClause(cursor.after(), range, where) + " ORDER BY " + cursor.orderBy() + " LIMIT " + chunkRows;
        List<byte[]> key = lastKey == null ? null : KeyCursor.decode(lastKey);
        while (true) {
            if (stopRequested.getAsBoolean()) {
                return;
            }
            long chunk;
            if (method == LoadMethod.LOAD_DATA) {
                try (PreparedStatement statement = chunkQuery(source, key == null ? first : next, key)) {
                    statement.setFetchSize(LOAD_FETCH_ROWS);
                    try (ResultSet rs = statement.executeQuery()) {
                        LoadDataStream stream = new LoadDataStream(rs, readColumns.size(), targetColumns, plan, keyPositions, () -> false, null);
                        loadData(target, stream);
                        chunk = stream.rows();
                        if (chunk > 0) {
                            key = stream.lastKey();
                        }
                    }
                }
            }
            else {
                List<byte[][]> rows = new ArrayList<>(Math.min(chunkRows, 10_000));
                try (PreparedStatement statement = chunkQuery(source, key == null ? first : next, key)) {
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            rows.add(read(rs));
                        }
                    }
                }
                if (!rows.isEmpty()) {
                    insert(target, rows);
                    key = keyOf(rows.getLast());
                }
                chunk = rows.size();
            }
            boolean done = chunk < chunkRows;
            copied += chunk;
            progress.save(target, key == null ? null : KeyCursor.encode(key), copied, done);
            target.commit();
            rowsCopied.addAndGet(chunk);
            if (done) {
                return;
            }
        }
    }

    /** The chunk's SELECT, with the last key copied bound (none for the first chunk). */
    private PreparedStatement chunkQuery(Connection source, String sql, List<byte[]> key) throws SQLException {
        PreparedStatement statement = source.prepareStatement(sql);
        try {
            if (key != null) {
                for (int i = 0; i < key.size(); i++) {
                    bind(statement, i + 1, cursor.columns().get(i), key.get(i));
                }
            }
        }
        catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
        return statement;
    }

    private static String whereClause(String... conditions) {
        StringJoiner where = new StringJoiner(" AND ", " WHERE ", "").setEmptyValue("");
        for (String condition : conditions) {
            if (condition != null) {
                where.add(condition);
            }
        }
        return where.toString();
    }

    private void copyWhole(Connection source, Connection target, long alreadyCopied, FilePosition snapshot) throws SQLException {
        if (alreadyCopied > 0) {
            // cannot happen: a keyless copy commits once, with done = 1
            throw new IllegalStateException("partial copy of keyless table " + schema.id());
        }
        long copied = 0;
        try (Statement statement = source.createStatement()) {
            statement.setFetchSize(method == LoadMethod.LOAD_DATA ? LOAD_FETCH_ROWS : 1000);
            try (ResultSet rs = statement.executeQuery("SELECT " + selectList() + " FROM " + schema.id().quoted() + (where == null ? "" : " WHERE " + where))) {
                if (method == LoadMethod.LOAD_DATA) {
                    // the whole table in one statement of the one transaction: a stop ends the stream early and nothing commits
                    // rows counted as sent, as the INSERT batches below count them before the commit
                    LoadDataStream stream = new LoadDataStream(rs, readColumns.size(), targetColumns, plan, keyPositions, stopRequested, rowsCopied);
                    loadData(target, stream);
                    if (stream.stopped()) {
                        target.rollback();
                        return;
                    }
                    copied = stream.rows();
                    meta.saveTableProgress(target, schema.id(), new TableProgress(null, copied, true, snapshot, snapshot));
                    target.commit();
                    return;
                }
                List<byte[][]> batch = new ArrayList<>(ROWS_PER_STATEMENT);
                while (rs.next()) {
                    if (stopRequested.getAsBoolean()) {
                        target.rollback();
                        return;
                    }
                    batch.add(read(rs));
                    if (batch.size() == ROWS_PER_STATEMENT) {
                        insert(target, batch);
                        copied += batch.size();
                        rowsCopied.addAndGet(batch.size());
                        batch.clear();
                    }
                }
                insert(target, batch);
                copied += batch.size();
                rowsCopied.addAndGet(batch.size());
            }
        }
        meta.saveTableProgress(target, schema.id(), new TableProgress(null, copied, true, snapshot, snapshot));
        target.commit();
    }

    /**
     * Streams the rows into the target table with one {@code LOAD DATA LOCAL INFILE}, in the open
     * target transaction. With {@code LOCAL} the server skips duplicate keys instead of failing, so
     * the rows it took are checked against the rows sent.
     */
    private void loadData(Connection target, LoadDataStream stream) throws SQLException {
        String sql = loadDataStatement(target);
        try (Statement statement = target.createStatement()) {
            statement.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(stream);
            long loaded;
            try {
                statement.execute(sql);
                loaded = statement.getLargeUpdateCount();
            }
            catch (SQLException e) {
                if (stream.sourceFailure() != null) {
                    SQLException failure = stream.sourceFailure();
                    failure.addSuppressed(e);
                    throw failure;
                }
                if (e.getErrorCode() == 1062) {
                    throw alreadyHolds(e.getMessage(), e);
                }
                if (LOCAL_INFILE_REFUSED.contains(e.getErrorCode())) {
                    throw new SluiceException(ErrorCode.TARGET_APPLY_FAILED,
                            "The target refused LOAD DATA LOCAL INFILE while copying " + schema.id() + ": " + e.getMessage(),
                            "Set 'load-method: insert' in the task's loader block, or allow it on the target (SET GLOBAL local_infile = ON).", e);
                }
                throw e;
            }
            if (stream.stopped()) {
                return;
            }
            if (loaded != stream.rows()) {
                throw alreadyHolds("LOAD DATA took " + loaded + " of " + stream.rows() + " rows (duplicate keys are skipped)", null);
            }
            for (java.sql.SQLWarning warning = statement.getWarnings(); warning != null; warning = warning.getNextWarning()) {
                if (MISALIGNED_ROW.contains(warning.getErrorCode())) {
                    throw new SluiceException(ErrorCode.INTERNAL,
                            "Copying " + schema.id() + " with LOAD DATA sent a row the target read with the wrong number of columns: " + warning.getMessage(),
                            "Report this; set 'load-method: insert' in the task's loader block meanwhile.");
                }
            }
        }
    }

    private SluiceException alreadyHolds(String detail, SQLException cause) {
        return new SluiceException(ErrorCode.TARGET_APPLY_FAILED,
                "The target table " + plan.target().id() + " already holds rows that Sluice is copying from " + schema.id() + ": " + detail,
                "Empty the target table (or set loader drop-table-if-exists: true) and start the task again.", cause);
    }

    /**
     * {@code LOAD DATA LOCAL INFILE ... INTO TABLE t CHARACTER SET binary ... (a, @v1) SET b = CONVERT(@v1 USING utf8mb4)}:
     * text the source sent as utf8mb4 goes into a column of another charset through a variable,
     * so that the server converts it as it converts an INSERT's string parameter.
     */
    private String loadDataStatement(Connection target) throws SQLException {
        if (loadData != null) {
            return loadData;
        }
        java.util.Map<String, String> charsets = new java.util.HashMap<>();
        try (PreparedStatement statement = target.prepareStatement(
                "SELECT COLUMN_NAME, CHARACTER_SET_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            statement.setString(1, plan.target().id().database());
            statement.setString(2, plan.target().id().table());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    charsets.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT), String.valueOf(rs.getString(2)));
                }
            }
        }
        StringJoiner names = new StringJoiner(", ", " (", ")");
        StringJoiner conversions = new StringJoiner(", ", " SET ", "").setEmptyValue("");
        List<Column> columns = plan.target().columns();
        for (int i = 0; i < targetColumns; i++) {
            Column read = readColumns.get(i);
            String name = TableId.quote(columns.get(i).name());
            // unknown (not visible): convert, which is right for every charset
            String charset = charsets.getOrDefault(columns.get(i).name().toLowerCase(java.util.Locale.ROOT), "?");
            if (sendsBytes(read)) {
                // the source column's bytes, reinterpreted in its charset, then assigned (converted only if the target's differs)
                names.add("@v" + i);
                conversions.add(name + " = CONVERT(@v" + i + " USING " + read.charset() + ")");
            }
            else if (sendsText(read) && !"utf8mb4".equals(charset)) {
                names.add("@v" + i);
                conversions.add(name + " = CONVERT(@v" + i + " USING utf8mb4)");
            }
            else {
                names.add(name);
            }
        }
        loadData = "LOAD DATA LOCAL INFILE 'sluice-copy' INTO TABLE " + plan.target().id().quoted() + " " + LoadDataText.FORMAT + names + conversions;
        return loadData;
    }

    /** Whether the source sends the column as utf8mb4 text (else as bytes to keep as they are); as {@link #bind} decides. */
    private static boolean sendsText(Column column) {
        return column.type().hasCharset() && !"binary".equals(column.charset()) && !sendsBytes(column);
    }

    /**
     * Whether the column is text in a charset that does not convert to utf8mb4 and back exactly,
     * so the source sends its bytes ({@code CAST(col AS BINARY)}) and the target reads them in that
     * charset ({@code CONVERT(? USING cs)}): bytes the charset maps to no Unicode character
     * (cp1251 0x98, ascii 0x80, big5 0xA3C0...), or to one another byte also maps to (armscii8 0xFF
     * and 0x27, sjis 0x815F and 0x5C), or ucs2's lone surrogates, would come back as other bytes.
     * Only the UTF-8 charsets (the server stores only well-formed UTF-8 in them) go as text.
     */
    static boolean sendsBytes(Column column) {
        return column.type().hasCharset() && column.charset() != null && !EXACT_AS_UTF8MB4.contains(column.charset());
    }

    private void insert(Connection target, List<byte[][]> rows) throws SQLException {
        StringJoiner names = new StringJoiner(", ");
        for (Column column : plan.target().columns()) {
            names.add(TableId.quote(column.name()));
        }
        StringJoiner parameters = new StringJoiner(", ", "(", ")");
        for (int column = 0; column < targetColumns; column++) {
            Column read = readColumns.get(column);
            parameters.add(sendsBytes(read) ? "CONVERT(? USING " + read.charset() + ")" : "?");
        }
        String tuple = parameters.toString();
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<byte[][]> part = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            String sql = "INSERT INTO " + plan.target().id().quoted() + " (" + names + ") VALUES " + String.join(", ", java.util.Collections.nCopies(part.size(), tuple));
            try (PreparedStatement statement = target.prepareStatement(sql)) {
                int parameter = 1;
                for (byte[][] row : part) {
                    for (int column = 0; column < targetColumns; column++) {
                        byte[] value = row[column];
                        if (value != null && plan.transforms(column)) {
                            value = plan.snapshotValue(column, new String(value, java.nio.charset.StandardCharsets.US_ASCII))
                                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                        }
                        bind(statement, parameter++, readColumns.get(column), value);
                    }
                }
                statement.executeUpdate();
            }
            catch (SQLException e) {
                if (e.getErrorCode() == 1062) {
                    throw new SluiceException(ErrorCode.TARGET_APPLY_FAILED,
                            "The target table " + plan.target().id() + " already holds rows that Sluice is copying from " + schema.id() + ": " + e.getMessage(),
                            "Empty the target table (or set loader drop-table-if-exists: true) and start the task again.", e);
                }
                throw e;
            }
        }
    }

    /**
     * UTF-8 text arrives as utf8mb4 (the driver accepts no other result charset) and goes back as a
     * string, which the target converts into the column's charset: the conversions are inverse.
     * Everything else goes back as the bytes it came as: text in other charsets inside
     * {@code CONVERT(? USING cs)} (the INSERT and the cursor put it there).
     */
    private static void bind(PreparedStatement statement, int index, Column column, byte[] value) throws SQLException {
        if (value == null) {
            statement.setNull(index, java.sql.Types.NULL);
        }
        else if (sendsText(column)) {
            statement.setString(index, new String(value, java.nio.charset.StandardCharsets.UTF_8));
        }
        else {
            statement.setBytes(index, value);
        }
    }

    private byte[][] read(ResultSet rs) throws SQLException {
        byte[][] row = new byte[readColumns.size()][];
        for (int i = 0; i < row.length; i++) {
            row[i] = rs.getBytes(i + 1);
        }
        return row;
    }

    private List<byte[]> keyOf(byte[][] row) {
        List<byte[]> key = new ArrayList<>(keyPositions.length);
        for (int position : keyPositions) {
            key.add(row[position]);
        }
        return key;
    }

    private String selectList() {
        StringJoiner list = new StringJoiner(", ");
        for (Column column : readColumns) {
            String name = TableId.quote(column.name());
            // numbers and temporals travel as their exact text (the driver will not hand out the
            // raw text of a DATE); FLOAT prints with 6 digits, its exact value survives as DOUBLE text;
            // text in a charset utf8mb4 cannot carry exactly as its bytes (sendsBytes)
            list.add(sendsBytes(column) ? "CAST(" + name + " AS BINARY)" : switch (column.type().category()) {
                case FLOAT -> "CAST(CAST(" + name + " AS DOUBLE) AS CHAR)";
                case INTEGER, DECIMAL, DOUBLE, DATE, TIME, DATETIME, TIMESTAMP, YEAR -> "CAST(" + name + " AS CHAR)";
                // UUID/INET6/INET4 as their bytes: the target takes those bound as binary (or loaded in CHARACTER SET
                // binary), and refuses their text sent as bytes
                case BINARY -> column.type().fixedBinaryLength() > 0
                        ? "CAST(" + name + " AS BINARY(" + column.type().fixedBinaryLength() + "))"
                        : name;
                default -> name;
            });
        }
        return list.toString();
    }

    /** The primary key, else the first unique key of NOT NULL columns, if all its columns order exactly. */
    static java.util.Optional<List<Column>> chunkKey(TableSchema schema) {
        List<List<String>> candidates = new ArrayList<>();
        if (!schema.primaryKey().isEmpty()) {
            candidates.add(schema.primaryKey());
        }
        candidates.addAll(schema.uniqueKeys());
        for (List<String> candidate : candidates) {
            List<Column> columns = candidate.stream().map(name -> schema.column(name).orElseThrow()).toList();
            boolean usable = columns.stream().allMatch(c -> KeyCursor.usable(c) && (!c.nullable() || schema.primaryKey().contains(c.name())));
            if (usable) {
                return java.util.Optional.of(columns);
            }
        }
        return java.util.Optional.empty();
    }
}
