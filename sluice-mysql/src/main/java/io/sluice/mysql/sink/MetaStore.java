package io.sluice.mysql.sink;

import static java.util.Objects.requireNonNull;

import io.sluice.core.event.ResumePosition;
import io.sluice.core.position.FilePosition;
import io.sluice.core.position.GtidPosition;
import io.sluice.core.position.MariaDbGtidList;
import io.sluice.core.position.MySqlGtidSet;
import io.sluice.core.schema.TableId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The target-side meta schema (default {@code sluice_meta}) that makes progress exactly-once:
 * every write of data and the progress it represents happen in the same target transaction, on
 * the caller's connection. Tables: {@code checkpoint} (one row per task and source: stage, binlog
 * position, GTID state, safe-mode bound), {@code snapshot_table} (per table copied as one key range:
 * the last key copied, rows copied, done, first and last snapshot position), {@code snapshot_range}
 * (per key range of a table copied in several ranges: its bounds, fixed before the copy starts, and
 * the same progress per range), {@code ddl_journal} (a DDL that may have been executed but not
 * yet recorded), {@code schema_state} (the schema tracker's state as of the checkpoint),
 * {@code created_table} (target tables this subtask created, the only ones it may recreate) and
 * {@code sql_operator} (the sql-skip/sql-replace/sql-inject operators applied, committed with the
 * checkpoint past them, so none is applied twice), {@code catchup_table} (tables that joined the
 * selection of a syncing task and are being copied before sync continues: present from the commit
 * that adds their schemas to the schema state until their copy is done) and {@code applied_txn} (with parallel apply: the
 * start positions of source transactions a writer committed above the checkpoint, each written in the
 * same target transaction as its rows; deleted in the transaction that moves the checkpoint past them).
 */
public final class MetaStore {
    private final String schema;
    private final String task;
    private final String source;

    public MetaStore(String schema, String task, String source) {
        this.schema = TableId.quote(requireNonNull(schema, "schema is null"));
        this.task = requireNonNull(task, "task is null");
        this.source = requireNonNull(source, "source is null");
    }

    public void createTables(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS " + schema);
            statement.execute("CREATE TABLE IF NOT EXISTS " + schema + ".`checkpoint` ("
                    + "task VARCHAR(128) NOT NULL, source VARCHAR(128) NOT NULL, stage VARCHAR(16) NOT NULL, "
                    + "binlog_file VARCHAR(255) NOT NULL, binlog_pos BIGINT NOT NULL, binlog_gtid TEXT NULL, "
                    + "safe_until_file VARCHAR(255) NULL, safe_until_pos BIGINT NULL, "
                    + "updated_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), "
                    + "PRIMARY KEY (task, source)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
            statement.execute("CREATE TABLE IF NOT EXISTS " + schema + ".`snapshot_table` ("
                    + "task VARCHAR(128) NOT NULL, source VARCHAR(128) NOT NULL, db VARCHAR(64) NOT NULL, tbl VARCHAR(64) NOT NULL, "
                    + "last_key LONGTEXT NULL, rows_copied BIGINT NOT NULL DEFAULT 0, done TINYINT NOT NULL DEFAULT 0, "
                    + "first_snapshot_file VARCHAR(255) NOT NULL, first_snapshot_pos BIGINT NOT NULL, "
                    + "last_snapshot_file VARCHAR(255) NOT NULL, last_snapshot_pos BIGINT NOT NULL, "
                    + "PRIMARY KEY (task, source, db, tbl)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
            // a table of its own rather than columns of snapshot_table: CREATE TABLE IF NOT EXISTS upgrades old meta schemas
            statement.execute("CREATE TABLE IF NOT EXISTS " + schema + ".`snapshot_range` ("
                    + "task VARCHAR(128) NOT NULL, source VARCHAR(128) NOT NULL, db VARCHAR(64) NOT NULL, tbl VARCHAR(64) NOT NULL, "
                    + "range_no INT NOT NULL, lower_bound VARCHAR(64) NULL, upper_bound VARCHAR(64) NULL, definition VARCHAR(64) NULL, "
                    + "last_key LONGTEXT NULL, rows_copied BIGINT NOT NULL DEFAULT 0, done TINYINT NOT NULL DEFAULT 0, "
                    + "first_snapshot_file VARCHAR(255) NULL, first_snapshot_pos BIGINT NULL, "
                    + "last_snapshot_file VARCHAR(255) NULL, last_snapshot_pos BIGINT NULL, "
                    + "PRIMARY KEY (task, source, db, tbl, range_no)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
            statement.execute("CREATE TABLE IF NOT EXISTS " + schema + ".`schema_state` ("
                    + "task VARCHAR(128) NOT NULL, source VARCHAR(128) NOT NULL, state LONGTEXT NOT NULL, "
                    + "PRIMARY KEY (task, source)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
            statement.execute("CREATE TABLE IF NOT EXISTS " + schema + ".`ddl_journal` ("
                    + "task VARCHAR(128) NOT NULL, source VARCHAR(128) NOT NULL, txn_id VARCHAR(255) NOT NULL, statement LONGTEXT NOT NULL, "
                    + "PRIMARY KEY (task, source)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
            statement.execute("CREATE TABLE IF NOT EXISTS " + schema + ".`created_table` ("
                    + "task VARCHAR(128) NOT NULL, source VARCHAR(128) NOT NULL, db VARCHAR(64) NOT NULL, tbl VARCHAR(64) NOT NULL, "
                    + "PRIMARY KEY (task, source, db, tbl)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
            statement.execute("CREATE TABLE IF NOT EXISTS " + schema + ".`deferred_index` ("
                    + "task VARCHAR(128) NOT NULL, source VARCHAR(128) NOT NULL, db VARCHAR(64) NOT NULL, tbl VARCHAR(64) NOT NULL, "
                    + "index_name VARCHAR(64) NOT NULL, ordinal INT NOT NULL, definition LONGTEXT NOT NULL, "
                    + "PRIMARY KEY (task, source, db, tbl, index_name)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
            statement.execute("CREATE TABLE IF NOT EXISTS " + schema + ".`applied_txn` ("
                    + "task VARCHAR(128) NOT NULL, source VARCHAR(128) NOT NULL, binlog_file VARCHAR(255) NOT NULL, binlog_pos BIGINT NOT NULL, "
                    + "PRIMARY KEY (task, source, binlog_file, binlog_pos)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
            statement.execute("CREATE TABLE IF NOT EXISTS " + schema + ".`catchup_table` ("
                    + "task VARCHAR(128) NOT NULL, source VARCHAR(128) NOT NULL, db VARCHAR(64) NOT NULL, tbl VARCHAR(64) NOT NULL, "
                    + "PRIMARY KEY (task, source, db, tbl)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
            // the block-allow list and routes the schema state was tracked under (see selectionFingerprint)
            statement.execute("CREATE TABLE IF NOT EXISTS " + schema + ".`tracked_selection` ("
                    + "task VARCHAR(128) NOT NULL, source VARCHAR(128) NOT NULL, fingerprint VARCHAR(64) NOT NULL, "
                    + "PRIMARY KEY (task, source)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
            statement.execute("CREATE TABLE IF NOT EXISTS " + schema + ".`sql_operator` ("
                    + "task VARCHAR(128) NOT NULL, source VARCHAR(128) NOT NULL, operator_id VARCHAR(255) NOT NULL, "
                    + "binlog_file VARCHAR(255) NOT NULL, binlog_pos BIGINT NOT NULL, "
                    + "applied_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), "
                    + "PRIMARY KEY (task, source, operator_id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
        }
    }

    /**
     * Forgets this subtask's progress (checkpoint, snapshot progress, schema state, DDL journal), so that the
     * next run starts over as a new task: {@code start-task --remove-meta}. The record of the tables it created
     * stays: those tables still are Sluice's, and forgetting that would let a later run treat them as the user's.
     * Part of the caller's transaction; the meta tables must exist.
     */
    public void removeProgress(Connection connection) throws SQLException {
        for (String meta : java.util.List.of("checkpoint", "snapshot_table", "snapshot_range", "schema_state", "ddl_journal", "sql_operator", "applied_txn", "catchup_table", "tracked_selection")) {
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + schema + ".`" + meta + "` WHERE task = ? AND source = ?")) {
                statement.setString(1, task);
                statement.setString(2, source);
                statement.executeUpdate();
            }
        }
    }

    /**
     * Records the secondary indexes a target table is created without, to be built once its rows are
     * copied; part of the caller's transaction, committed before the CREATE. Replaces what was recorded
     * for the table before (a table recreated from a new definition).
     */
    public void deferIndexes(Connection connection, TableId table, java.util.List<DeferredIndex> indexes) throws SQLException {
        clearDeferredIndexes(connection, table);
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + schema + ".`deferred_index` "
                + "(task, source, db, tbl, index_name, ordinal, definition) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            int ordinal = 0;
            for (DeferredIndex index : indexes) {
                statement.setString(1, task);
                statement.setString(2, source);
                statement.setString(3, table.database());
                statement.setString(4, table.table());
                statement.setString(5, index.name());
                // built in the order of the definition, so SHOW CREATE TABLE lists them as the source does
                statement.setInt(6, ordinal++);
                statement.setString(7, index.definition());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** The secondary indexes still to build, by target table, in the order they were recorded. */
    public Map<TableId, java.util.List<DeferredIndex>> deferredIndexes(Connection connection) throws SQLException {
        Map<TableId, java.util.List<DeferredIndex>> indexes = new java.util.LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT db, tbl, index_name, definition FROM " + schema + ".`deferred_index` "
                + "WHERE task = ? AND source = ? ORDER BY db, tbl, ordinal")) {
            statement.setString(1, task);
            statement.setString(2, source);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    indexes.computeIfAbsent(new TableId(rs.getString(1), rs.getString(2)), ignored -> new java.util.ArrayList<>())
                            .add(new DeferredIndex(rs.getString(3), rs.getString(4)));
                }
            }
        }
        return indexes;
    }

    /** Forgets the indexes deferred for a table (built, or the table recreated); part of the caller's transaction. */
    public void clearDeferredIndexes(Connection connection, TableId table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + schema + ".`deferred_index` WHERE task = ? AND source = ? AND db = ? AND tbl = ?")) {
            statement.setString(1, task);
            statement.setString(2, source);
            statement.setString(3, table.database());
            statement.setString(4, table.table());
            statement.executeUpdate();
        }
    }

    /**
     * The tables of a catch-up copy in progress: tables that joined the selection while the task
     * was syncing, whose copy must finish before sync continues. Empty when none is in progress.
     */
    public java.util.Set<TableId> catchUpTables(Connection connection) throws SQLException {
        java.util.Set<TableId> tables = new java.util.LinkedHashSet<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT db, tbl FROM " + schema
                + ".`catchup_table` WHERE task = ? AND source = ? ORDER BY db, tbl")) {
            statement.setString(1, task);
            statement.setString(2, source);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    tables.add(new TableId(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return tables;
    }

    /** Records the tables of a catch-up copy about to start; part of the caller's transaction (the one saving their schemas). */
    public void startCatchUp(Connection connection, java.util.Collection<TableId> tables) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT IGNORE INTO " + schema
                + ".`catchup_table` (task, source, db, tbl) VALUES (?, ?, ?, ?)")) {
            for (TableId table : tables) {
                statement.setString(1, task);
                statement.setString(2, source);
                statement.setString(3, table.database());
                statement.setString(4, table.table());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Forgets the catch-up copy: all its tables are copied; part of the caller's transaction. */
    public void finishCatchUp(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + schema + ".`catchup_table` WHERE task = ? AND source = ?")) {
            statement.setString(1, task);
            statement.setString(2, source);
            statement.executeUpdate();
        }
    }

    /** Records that this subtask creates the target table; part of the caller's transaction, committed before the CREATE. */
    public void markCreated(Connection connection, TableId table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT IGNORE INTO " + schema + ".`created_table` (task, source, db, tbl) VALUES (?, ?, ?, ?)")) {
            statement.setString(1, task);
            statement.setString(2, source);
            statement.setString(3, table.database());
            statement.setString(4, table.table());
            statement.executeUpdate();
        }
    }

    /** Takes back {@link #markCreated} when another subtask created the table first; part of the caller's transaction. */
    public void unmarkCreated(Connection connection, TableId table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + schema + ".`created_table` WHERE task = ? AND source = ? AND db = ? AND tbl = ?")) {
            statement.setString(1, task);
            statement.setString(2, source);
            statement.setString(3, table.database());
            statement.setString(4, table.table());
            statement.executeUpdate();
        }
    }

    /**
     * The other subtasks (of this task or of other tasks keeping their progress in this meta
     * schema), as {@code task/source}, that created the target table or copy a source table of
     * the same name into it: a table several subtasks fill is not one subtask's to drop.
     */
    public java.util.List<String> otherSubtasksFilling(Connection connection, TableId table) throws SQLException {
        java.util.List<String> others = new java.util.ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT task, source FROM " + schema + ".`created_table` WHERE db = ? AND tbl = ? "
                + "UNION SELECT task, source FROM " + schema + ".`snapshot_table` WHERE db = ? AND tbl = ?")) {
            statement.setString(1, table.database());
            statement.setString(2, table.table());
            statement.setString(3, table.database());
            statement.setString(4, table.table());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (!(rs.getString(1).equals(task) && rs.getString(2).equals(source))) {
                        others.add(rs.getString(1) + "/" + rs.getString(2));
                    }
                }
            }
        }
        return others;
    }

    /** The target tables this subtask created. */
    public java.util.Set<TableId> createdTables(Connection connection) throws SQLException {
        java.util.Set<TableId> tables = new java.util.HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT db, tbl FROM " + schema + ".`created_table` WHERE task = ? AND source = ?")) {
            statement.setString(1, task);
            statement.setString(2, source);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    tables.add(new TableId(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return tables;
    }

    /**
     * The subtask's state. A locking read: a commit still in progress on a connection that broke
     * (killed, or lost while committing) holds the row until it commits or rolls back, so what this
     * returns is that commit's outcome, not the state before it.
     */
    public Optional<SubtaskState> load(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT stage, binlog_file, binlog_pos, binlog_gtid, safe_until_file, safe_until_pos FROM "
                + schema + ".`checkpoint` WHERE task = ? AND source = ? LOCK IN SHARE MODE")) {
            statement.setString(1, task);
            statement.setString(2, source);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String gtid = rs.getString(4);
                String safeFile = rs.getString(5);
                return Optional.of(new SubtaskState(SubtaskState.Stage.valueOf(rs.getString(1)),
                        new ResumePosition(new FilePosition(rs.getString(2), rs.getLong(3)), gtid == null ? null : parseGtid(gtid)),
                        safeFile == null ? null : new FilePosition(safeFile, rs.getLong(6))));
            }
        }
    }

    /** Writes the state; part of the caller's transaction. */
    public void save(Connection connection, SubtaskState state) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + schema + ".`checkpoint` "
                + "(task, source, stage, binlog_file, binlog_pos, binlog_gtid, safe_until_file, safe_until_pos) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE stage = VALUES(stage), binlog_file = VALUES(binlog_file), binlog_pos = VALUES(binlog_pos), "
                + "binlog_gtid = VALUES(binlog_gtid), safe_until_file = VALUES(safe_until_file), safe_until_pos = VALUES(safe_until_pos)")) {
            statement.setString(1, task);
            statement.setString(2, source);
            statement.setString(3, state.stage().name());
            statement.setString(4, state.position().file().file());
            statement.setLong(5, state.position().file().position());
            statement.setString(6, state.position().gtid() == null ? null : state.position().gtid().toString());
            statement.setString(7, state.safeUntil() == null ? null : state.safeUntil().file());
            if (state.safeUntil() == null) {
                statement.setNull(8, java.sql.Types.BIGINT);
            }
            else {
                statement.setLong(8, state.safeUntil().position());
            }
            statement.executeUpdate();
        }
    }

    /**
     * Per-table snapshot progress of this subtask. A table copied in key ranges is summarised from
     * its ranges that have committed a chunk: rows add up, it is done when every range is, and its
     * first and last snapshot are the earliest and latest any range read from, which is what the
     * snapshot/binlog boundary needs. A table none of whose ranges committed yet has no entry.
     */
    public Map<TableId, TableProgress> tableProgress(Connection connection) throws SQLException {
        Map<TableId, TableProgress> result = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT db, tbl, last_key, rows_copied, done, "
                + "first_snapshot_file, first_snapshot_pos, last_snapshot_file, last_snapshot_pos FROM "
                + schema + ".`snapshot_table` WHERE task = ? AND source = ?")) {
            statement.setString(1, task);
            statement.setString(2, source);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    result.put(new TableId(rs.getString(1), rs.getString(2)), new TableProgress(rs.getString(3), rs.getLong(4), rs.getBoolean(5),
                            new FilePosition(rs.getString(6), rs.getLong(7)), new FilePosition(rs.getString(8), rs.getLong(9))));
                }
            }
        }
        for (Map.Entry<TableId, List<RangeProgress>> entry : snapshotRanges(connection).entrySet()) {
            TableProgress.summarize(result.get(entry.getKey()), entry.getValue())
                    .ifPresent(summary -> result.put(entry.getKey(), summary));
        }
        return result;
    }

    /** The key ranges of the tables this subtask copies in several ranges, each list in range order. */
    public Map<TableId, List<RangeProgress>> snapshotRanges(Connection connection) throws SQLException {
        Map<TableId, List<RangeProgress>> result = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT db, tbl, range_no, lower_bound, upper_bound, definition, last_key, rows_copied, done, "
                + "first_snapshot_file, first_snapshot_pos, last_snapshot_file, last_snapshot_pos FROM "
                + schema + ".`snapshot_range` WHERE task = ? AND source = ? ORDER BY db, tbl, range_no")) {
            statement.setString(1, task);
            statement.setString(2, source);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String firstFile = rs.getString(10);
                    long firstPosition = rs.getLong(11);
                    String lastFile = rs.getString(12);
                    long lastPosition = rs.getLong(13);
                    result.computeIfAbsent(new TableId(rs.getString(1), rs.getString(2)), id -> new ArrayList<>())
                            .add(new RangeProgress(rs.getInt(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8), rs.getBoolean(9),
                                    firstFile == null ? null : new FilePosition(firstFile, firstPosition),
                                    lastFile == null ? null : new FilePosition(lastFile, lastPosition)));
                }
            }
        }
        return result;
    }

    /**
     * Records the key ranges a table will be copied in, before any of them is copied, so that a
     * restart continues the same ranges; part of the caller's transaction.
     */
    public void planRanges(Connection connection, TableId table, List<RangeProgress> ranges) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + schema + ".`snapshot_range` "
                + "(task, source, db, tbl, range_no, lower_bound, upper_bound, definition) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (RangeProgress range : ranges) {
                statement.setString(1, task);
                statement.setString(2, source);
                statement.setString(3, table.database());
                statement.setString(4, table.table());
                statement.setInt(5, range.range());
                statement.setString(6, range.lowerBound());
                statement.setString(7, range.upperBound());
                statement.setString(8, range.definition());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Records one key range's copy progress; part of the caller's transaction (the one that wrote the rows). */
    public void saveRangeProgress(Connection connection, TableId table, RangeProgress progress) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE " + schema + ".`snapshot_range` "
                + "SET last_key = ?, rows_copied = ?, done = ?, first_snapshot_file = ?, first_snapshot_pos = ?, last_snapshot_file = ?, last_snapshot_pos = ? "
                + "WHERE task = ? AND source = ? AND db = ? AND tbl = ? AND range_no = ?")) {
            statement.setString(1, progress.lastKey());
            statement.setLong(2, progress.rowsCopied());
            statement.setBoolean(3, progress.done());
            statement.setString(4, progress.firstSnapshot().file());
            statement.setLong(5, progress.firstSnapshot().position());
            statement.setString(6, progress.lastSnapshot().file());
            statement.setLong(7, progress.lastSnapshot().position());
            statement.setString(8, task);
            statement.setString(9, source);
            statement.setString(10, table.database());
            statement.setString(11, table.table());
            statement.setInt(12, progress.range());
            if (statement.executeUpdate() != 1) {
                // the ranges were planned and committed before any copy began: a missing row means the meta schema was changed under us
                throw new IllegalStateException("no snapshot_range row " + progress.range() + " for " + table);
            }
        }
    }

    /** Forgets all copy progress of a table (it is copied again from the start); part of the caller's transaction. */
    public void clearTableProgress(Connection connection, TableId table) throws SQLException {
        for (String meta : List.of("snapshot_table", "snapshot_range")) {
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + schema + ".`" + meta + "` WHERE task = ? AND source = ? AND db = ? AND tbl = ?")) {
                statement.setString(1, task);
                statement.setString(2, source);
                statement.setString(3, table.database());
                statement.setString(4, table.table());
                statement.executeUpdate();
            }
        }
    }

    /** Records a table's copy progress; part of the caller's transaction (the one that wrote the rows). */
    public void saveTableProgress(Connection connection, TableId table, TableProgress progress) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + schema + ".`snapshot_table` "
                + "(task, source, db, tbl, last_key, rows_copied, done, first_snapshot_file, first_snapshot_pos, last_snapshot_file, last_snapshot_pos) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE last_key = VALUES(last_key), rows_copied = VALUES(rows_copied), done = VALUES(done), "
                + "first_snapshot_file = VALUES(first_snapshot_file), first_snapshot_pos = VALUES(first_snapshot_pos), "
                + "last_snapshot_file = VALUES(last_snapshot_file), last_snapshot_pos = VALUES(last_snapshot_pos)")) {
            statement.setString(1, task);
            statement.setString(2, source);
            statement.setString(3, table.database());
            statement.setString(4, table.table());
            statement.setString(5, progress.lastKey());
            statement.setLong(6, progress.rowsCopied());
            statement.setBoolean(7, progress.done());
            statement.setString(8, progress.firstSnapshot().file());
            statement.setLong(9, progress.firstSnapshot().position());
            statement.setString(10, progress.lastSnapshot().file());
            statement.setLong(11, progress.lastSnapshot().position());
            statement.executeUpdate();
        }
    }

    /** The DDL that was about to run when the process last stopped, if it may have run. */
    public Optional<String> pendingDdl(Connection connection, String transactionId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT statement FROM " + schema
                + ".`ddl_journal` WHERE task = ? AND source = ? AND txn_id = ?")) {
            statement.setString(1, task);
            statement.setString(2, source);
            statement.setString(3, transactionId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public void journalDdl(Connection connection, String transactionId, String statementText) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("REPLACE INTO " + schema
                + ".`ddl_journal` (task, source, txn_id, statement) VALUES (?, ?, ?, ?)")) {
            statement.setString(1, task);
            statement.setString(2, source);
            statement.setString(3, transactionId);
            statement.setString(4, statementText);
            statement.executeUpdate();
        }
    }

    public void clearDdlJournal(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + schema + ".`ddl_journal` WHERE task = ? AND source = ?")) {
            statement.setString(1, task);
            statement.setString(2, source);
            statement.executeUpdate();
        }
    }

    /** The schema tracker's state as of the checkpoint, if recorded. */
    public Optional<String> schemaState(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT state FROM " + schema
                + ".`schema_state` WHERE task = ? AND source = ?")) {
            statement.setString(1, task);
            statement.setString(2, source);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * The fingerprint of the table selection (block-allow list and routes) the schema state was
     * last tracked under; empty when none was recorded (a task started before it was kept).
     */
    public Optional<String> selectionFingerprint(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT fingerprint FROM " + schema
                + ".`tracked_selection` WHERE task = ? AND source = ?")) {
            statement.setString(1, task);
            statement.setString(2, source);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Records the selection the schema state is tracked under; part of the caller's transaction. */
    public void saveSelectionFingerprint(Connection connection, String fingerprint) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("REPLACE INTO " + schema
                + ".`tracked_selection` (task, source, fingerprint) VALUES (?, ?, ?)")) {
            statement.setString(1, task);
            statement.setString(2, source);
            statement.setString(3, fingerprint);
            statement.executeUpdate();
        }
    }

    /** Records the schema tracker's state; part of the caller's transaction (the one that moves the checkpoint past a DDL). */
    public void saveSchemaState(Connection connection, String state) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("REPLACE INTO " + schema
                + ".`schema_state` (task, source, state) VALUES (?, ?, ?)")) {
            statement.setString(1, task);
            statement.setString(2, source);
            statement.setString(3, state);
            statement.executeUpdate();
        }
    }

    /** Records that an operator was applied at the source position; part of the caller's transaction (the one that moves the checkpoint past it). */
    public void recordOperator(Connection connection, String operatorId, FilePosition at) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("REPLACE INTO " + schema
                + ".`sql_operator` (task, source, operator_id, binlog_file, binlog_pos) VALUES (?, ?, ?, ?, ?)")) {
            statement.setString(1, task);
            statement.setString(2, source);
            statement.setString(3, operatorId);
            statement.setString(4, at.file());
            statement.setLong(5, at.position());
            statement.executeUpdate();
        }
    }

    /** The operators applied so far, by id, with the source position each was applied at. */
    public Map<String, FilePosition> appliedOperators(Connection connection) throws SQLException {
        Map<String, FilePosition> applied = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT operator_id, binlog_file, binlog_pos FROM " + schema
                + ".`sql_operator` WHERE task = ? AND source = ?")) {
            statement.setString(1, task);
            statement.setString(2, source);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    applied.put(rs.getString(1), new FilePosition(rs.getString(2), rs.getLong(3)));
                }
            }
        }
        return applied;
    }

    /**
     * Records that the source transactions starting at these positions took effect; part of the
     * caller's transaction, the one holding their rows.
     */
    public void recordApplied(Connection connection, List<FilePosition> starts) throws SQLException {
        for (int from = 0; from < starts.size(); from += 500) {
            List<FilePosition> part = starts.subList(from, Math.min(starts.size(), from + 500));
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(schema).append(".`applied_txn` (task, source, binlog_file, binlog_pos) VALUES ");
            for (int i = 0; i < part.size(); i++) {
                sql.append(i == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)");
            }
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                int index = 1;
                for (FilePosition start : part) {
                    statement.setString(index++, task);
                    statement.setString(index++, source);
                    statement.setString(index++, start.file());
                    statement.setLong(index++, start.position());
                }
                statement.executeUpdate();
            }
        }
    }

    /**
     * The start positions of the source transactions recorded as applied (above the checkpoint); a
     * locking read, which waits for the outcome of a writer's commit still in progress on a broken connection.
     */
    public java.util.Set<FilePosition> appliedTransactions(Connection connection) throws SQLException {
        java.util.Set<FilePosition> applied = new java.util.HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT binlog_file, binlog_pos FROM " + schema
                + ".`applied_txn` WHERE task = ? AND source = ? LOCK IN SHARE MODE")) {
            statement.setString(1, task);
            statement.setString(2, source);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    applied.add(new FilePosition(rs.getString(1), rs.getLong(2)));
                }
            }
        }
        return applied;
    }

    /**
     * Deletes these applied records, by exact key, so that writers recording transactions above them
     * at the same time are not blocked by range locks; part of the caller's transaction (the one
     * that moves the checkpoint past them).
     */
    public void forgetApplied(Connection connection, java.util.Collection<FilePosition> starts) throws SQLException {
        Map<String, List<Long>> byFile = new java.util.TreeMap<>();
        for (FilePosition start : starts) {
            byFile.computeIfAbsent(start.file(), file -> new ArrayList<>()).add(start.position());
        }
        for (Map.Entry<String, List<Long>> file : byFile.entrySet()) {
            List<Long> positions = file.getValue();
            for (int from = 0; from < positions.size(); from += 500) {
                List<Long> part = positions.subList(from, Math.min(positions.size(), from + 500));
                String marks = String.join(", ", java.util.Collections.nCopies(part.size(), "?"));
                try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + schema
                        + ".`applied_txn` WHERE task = ? AND source = ? AND binlog_file = ? AND binlog_pos IN (" + marks + ")")) {
                    statement.setString(1, task);
                    statement.setString(2, source);
                    statement.setString(3, file.getKey());
                    for (int i = 0; i < part.size(); i++) {
                        statement.setLong(4 + i, part.get(i));
                    }
                    statement.executeUpdate();
                }
            }
        }
    }

    /**
     * Deletes the applied records of transactions before {@code position} (compared as binlog
     * positions, file index first); only while no writer records any. Returns how many remain.
     */
    public int forgetAppliedBefore(Connection connection, FilePosition position) throws SQLException {
        java.util.Set<FilePosition> applied = appliedTransactions(connection);
        List<FilePosition> before = applied.stream().filter(start -> start.compareTo(position) < 0).toList();
        if (!before.isEmpty()) {
            forgetApplied(connection, before);
        }
        return applied.size() - before.size();
    }

    private static GtidPosition parseGtid(String text) {
        return text.contains(":") ? MySqlGtidSet.parse(text) : MariaDbGtidList.parse(text);
    }

    /**
     * @param lastKey the encoded key of the last copied row, null before the first chunk (and for a
     *        table copied in key ranges, whose ranges each have their own)
     * @param firstSnapshot the binlog position of the (earliest) snapshot a chunk was read from
     * @param lastSnapshot the binlog position of the latest snapshot a chunk was read from; binlog
     *        changes of this table up to {@code firstSnapshot} are in every copied row, those after
     *        {@code lastSnapshot} in none, and those between in some
     */
    /** A secondary index a target table was created without: its name and its definition as in SHOW CREATE TABLE ({@code KEY `k` (`c`)}). */
    public record DeferredIndex(String name, String definition) {
        public DeferredIndex {
            requireNonNull(name, "name is null");
            requireNonNull(definition, "definition is null");
        }
    }

    public record TableProgress(String lastKey, long rowsCopied, boolean done, FilePosition firstSnapshot, FilePosition lastSnapshot) {
        public TableProgress {
            requireNonNull(firstSnapshot, "firstSnapshot is null");
            requireNonNull(lastSnapshot, "lastSnapshot is null");
        }

        /**
         * One table's progress from its key ranges (and a whole-table row, if there is one): empty
         * when nothing of it was committed yet.
         */
        public static Optional<TableProgress> summarize(TableProgress whole, List<RangeProgress> ranges) {
            long rows = whole == null ? 0 : whole.rowsCopied();
            boolean done = whole == null || whole.done();
            FilePosition first = whole == null ? null : whole.firstSnapshot();
            FilePosition last = whole == null ? null : whole.lastSnapshot();
            for (RangeProgress range : ranges) {
                rows += range.rowsCopied();
                done &= range.done();
                if (range.started()) {
                    first = first == null || range.firstSnapshot().compareTo(first) < 0 ? range.firstSnapshot() : first;
                    last = last == null || range.lastSnapshot().compareTo(last) > 0 ? range.lastSnapshot() : last;
                }
            }
            return first == null ? Optional.empty() : Optional.of(new TableProgress(whole == null ? null : whole.lastKey(), rows, done, first, last));
        }
    }

    /**
     * One key range of a table copied in several ranges: the rows whose first key column is at least
     * {@code lowerBound} (unbounded when null) and below {@code upperBound} (unbounded when null),
     * as decimal integers, and their copy progress, as in {@link TableProgress}. The snapshot
     * positions are null until the range's first chunk commits.
     *
     * @param definition a fingerprint of the table definition the ranges were planned for (a
     *        restart that finds another definition copies the table again), null if unknown
     */
    public record RangeProgress(int range, String lowerBound, String upperBound, String definition, String lastKey, long rowsCopied, boolean done,
            FilePosition firstSnapshot, FilePosition lastSnapshot) {
        public RangeProgress {
            if ((firstSnapshot == null) != (lastSnapshot == null) || (done && firstSnapshot == null)) {
                throw new IllegalArgumentException("range " + range + ": a copied range has both snapshot positions");
            }
        }

        /** A range planned and not copied yet. */
        public static RangeProgress planned(int range, String lowerBound, String upperBound, String definition) {
            return new RangeProgress(range, lowerBound, upperBound, definition, null, 0, false, null, null);
        }

        /** Whether a chunk of it has committed. */
        public boolean started() {
            return firstSnapshot != null;
        }

        /** This range after one more committed chunk. */
        public RangeProgress advance(String lastKey, long rowsCopied, boolean done, FilePosition firstSnapshot, FilePosition lastSnapshot) {
            return new RangeProgress(range, lowerBound, upperBound, definition, lastKey, rowsCopied, done,
                    requireNonNull(firstSnapshot, "firstSnapshot is null"), requireNonNull(lastSnapshot, "lastSnapshot is null"));
        }
    }
}
