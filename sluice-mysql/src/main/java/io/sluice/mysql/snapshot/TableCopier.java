package io.sluice.mysql.snapshot;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.position.FilePosition;
import io.sluice.core.schema.Column;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;
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
 * FLOAT via its exact DOUBLE value, binary as is, text as utf8mb4) and inserted back as such,
 * which the target interprets in the column's type and charset: nothing is decoded into Java
 * types, nothing is lost.
 */
final class TableCopier {
    private static final int ROWS_PER_STATEMENT = 500;

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

    TableCopier(TablePlan plan, MetaStore meta, int chunkRows, AtomicLong rowsCopied, BooleanSupplier stopRequested) {
        this.plan = requireNonNull(plan, "plan is null");
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
            List<byte[][]> rows = new ArrayList<>(Math.min(chunkRows, 10_000));
            try (PreparedStatement statement = source.prepareStatement(key == null ? first : next)) {
                if (key != null) {
                    for (int i = 0; i < key.size(); i++) {
                        bind(statement, i + 1, cursor.columns().get(i), key.get(i));
                    }
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        rows.add(read(rs));
                    }
                }
            }
            boolean done = rows.size() < chunkRows;
            if (!rows.isEmpty()) {
                insert(target, rows);
                key = keyOf(rows.getLast());
            }
            copied += rows.size();
            progress.save(target, key == null ? null : KeyCursor.encode(key), copied, done);
            target.commit();
            rowsCopied.addAndGet(rows.size());
            if (done) {
                return;
            }
        }
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
            statement.setFetchSize(1000);
            try (ResultSet rs = statement.executeQuery("SELECT " + selectList() + " FROM " + schema.id().quoted() + (where == null ? "" : " WHERE " + where))) {
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

    private void insert(Connection target, List<byte[][]> rows) throws SQLException {
        StringJoiner names = new StringJoiner(", ");
        for (Column column : plan.target().columns()) {
            names.add(TableId.quote(column.name()));
        }
        String tuple = "(" + "?, ".repeat(targetColumns - 1) + "?)";
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
     * Text arrives as utf8mb4 (the driver accepts no other result charset) and goes back as a
     * string, which the target converts into the column's charset: the conversions are inverse.
     * Everything else goes back as the bytes it came as.
     */
    private static void bind(PreparedStatement statement, int index, Column column, byte[] value) throws SQLException {
        if (value == null) {
            statement.setNull(index, java.sql.Types.NULL);
        }
        else if (column.type().hasCharset() && !"binary".equals(column.charset())) {
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
            // raw text of a DATE); FLOAT prints with 6 digits, its exact value survives as DOUBLE text
            list.add(switch (column.type().category()) {
                case FLOAT -> "CAST(CAST(" + name + " AS DOUBLE) AS CHAR)";
                case INTEGER, DECIMAL, DOUBLE, DATE, TIME, DATETIME, TIMESTAMP, YEAR -> "CAST(" + name + " AS CHAR)";
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
