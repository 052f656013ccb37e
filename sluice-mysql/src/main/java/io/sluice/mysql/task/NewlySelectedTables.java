package io.sluice.mysql.task;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.DdlEvent;
import io.sluice.core.event.ResumePosition;
import io.sluice.core.position.FilePosition;
import io.sluice.core.schema.TableId;
import io.sluice.mysql.binlog.SourcePositions;
import io.sluice.mysql.ddl.DdlTables;
import io.sluice.mysql.rule.TableRules;
import io.sluice.mysql.schema.InformationSchemaLoader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the source tables that joined the selection of a task that already syncs (its block-allow
 * list was widened while it was stopped or paused) and that the target never got: selected now,
 * unknown to the schema tracker at the sync position and never copied, or tracked but without
 * their target table. Sync alone cannot bring them: their rows before the sync position are in no
 * binlog it reads.
 *
 * <p>A table whose binlog history from the sync position starts with its plain CREATE TABLE, or
 * with a rename to its name, did not exist there under that name: sync replays it, so it is not
 * copied. A table with no DDL between the sync
 * position and now has, at the sync position, the definition it has now: it is copied, and its
 * current CREATE TABLE stands for its schema at the sync position. A table changed by other DDL in
 * between has a schema at the sync position nobody can read any more: that stops the start with
 * a coded error naming it and the options, before anything is written.
 */
final class NewlySelectedTables {
    private static final int ATTEMPTS = 20;
    private static final int PAGE = 5_000;
    private static final Pattern USE_PREFIX = Pattern.compile("^use\\s+`((?:[^`]|``)+)`\\s*;\\s*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern CREATE_IF_NOT_EXISTS = Pattern.compile("^\\s*(?:/\\*.*?\\*/\\s*)*CREATE\\s+(?:OR\\s+REPLACE\\s+)?TABLE\\s+IF\\s+NOT\\s+EXISTS",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /**
     * @param copy the tables to copy, each with its CREATE TABLE as of now (and of the sync position)
     * @param replayed the tables sync creates from the binlog
     */
    record Found(Map<TableId, String> copy, List<TableId> replayed) {
        Found {
            copy = Map.copyOf(requireNonNull(copy, "copy is null"));
            replayed = List.copyOf(requireNonNull(replayed, "replayed is null"));
        }
    }

    private NewlySelectedTables() {}

    /**
     * A digest of what decides which source tables a task follows and where they go: its
     * block-allow list and routes. Compared with the one recorded with the schema state to tell
     * whether the selection changed since (only then can a selected table be untracked and old).
     */
    static String selectionFingerprint(io.sluice.core.rule.InstanceRules rules) {
        String selection = rules.selector() + "\n" + rules.routes();
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(selection.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * @param tracked the tables the schema tracker knows at the sync position
     * @param copied the tables with copy progress (copied, or being copied, by a Load unit)
     * @param from the sync position
     * @param createsTables false when the task creates no target tables (skip-create-table): then a
     *        tracked table without a target table is the user's to create, not a new one
     * @param selectionChanged whether the block-allow list or routes differ from those the schema
     *        state was tracked under; when not, every selected table that existed at the sync
     *        position is tracked, so an untracked one was created since and sync replays it
     */
    static Found find(Connection source, Connection target, TableRules rules, Set<TableId> tracked, Set<TableId> copied,
            ResumePosition from, boolean createsTables, boolean selectionChanged, String name) throws SQLException {
        List<TableId> selected = new InformationSchemaLoader(() -> source).baseTables(rules::allowsTable);
        // one information_schema query for all target tables instead of a SHOW CREATE TABLE per tracked table
        Set<TableId> missing = createsTables
                ? missingOnTarget(target, selected.stream().filter(table -> !copied.contains(table) && tracked.contains(table) && !rules.merged(table))
                        .map(rules::route).toList())
                : Set.of();
        List<TableId> candidates = new ArrayList<>();
        for (TableId table : selected) {
            if (copied.contains(table)) {
                continue;
            }
            if (!tracked.contains(table) && selectionChanged || createsTables && !rules.merged(table) && missing.contains(rules.route(table))) {
                candidates.add(table);
            }
        }
        target.commit();
        if (candidates.isEmpty()) {
            return new Found(Map.of(), List.of());
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            // the definitions and a binlog position they hold at, as in SchemaAtPosition
            ResumePosition before = SourcePositions.currentEnd(source);
            Map<TableId, String> creates = showCreate(source, candidates);
            ResumePosition after = SourcePositions.currentEnd(source);
            if (!SchemaAtPosition.noStatementBetween(source, before, after)) {
                continue;
            }
            Map<TableId, Ddl> firstDdl = firstDdl(source, from.file(), before.file(), creates.keySet());
            Map<TableId, String> copy = new LinkedHashMap<>();
            List<TableId> replayed = new ArrayList<>();
            List<String> changed = new ArrayList<>();
            for (Map.Entry<TableId, String> table : creates.entrySet()) {
                Ddl ddl = firstDdl.get(table.getKey());
                if (ddl == null) {
                    copy.put(table.getKey(), table.getValue());
                }
                else if (!tracked.contains(table.getKey()) && ddl.creates()) {
                    replayed.add(table.getKey());
                }
                else {
                    changed.add(table.getKey() + " (changed at " + ddl.at() + " by: " + abbreviate(ddl.sql()) + ")");
                }
            }
            if (!changed.isEmpty()) {
                throw new SluiceException(ErrorCode.SNAPSHOT_UNSUPPORTED,
                        name + ": tables joined the task's selection after it started syncing, and DDL changed them between the task's sync position "
                                + from + " and now, so their schema at that position is unknown and they cannot be copied in: " + String.join("; ", changed) + ".",
                        "Either take them out of the task's block-allow list again and run it, then copy them by hand (e.g. dump and load) and "
                                + "add them back once the target has them; or stop the task and start it as a new task (start-task --remove-meta, "
                                + "or a new task name), which copies every selected table.");
            }
            return new Found(copy, replayed);
        }
        throw new SluiceException(ErrorCode.SNAPSHOT_FAILED,
                name + ": DDL kept running on the source while the definitions of the tables newly selected were read (" + ATTEMPTS + " attempts).",
                "Run the task again when the source's schema is not being changed continuously.");
    }

    /**
     * Refuses to start a {@code task-mode: incremental} sync while selected source tables have no
     * target table and no DDL naming them lies between the sync position and now: sync would stop
     * at their first row with TARGET_TABLE_MISSING (an incremental task copies nothing, and with
     * no CREATE TABLE or RENAME in the binlog sync cannot create them). A table with DDL since the
     * sync position is left to sync, which creates, renames or fails on it in order. This holds
     * with and without {@code skip-create-table}: either way only the user can create them.
     */
    static void verifyIncrementalTargets(Connection source, Connection target, TableRules rules, ResumePosition from, boolean byGtid, String name)
            throws SQLException {
        List<TableId> selected = new InformationSchemaLoader(() -> source).baseTables(rules::allowsTable);
        Set<TableId> missing = missingOnTarget(target, selected.stream().map(rules::route).toList());
        target.commit();
        Set<TableId> candidates = new java.util.LinkedHashSet<>();
        for (TableId table : selected) {
            if (missing.contains(rules.route(table))) {
                candidates.add(table);
            }
        }
        if (candidates.isEmpty()) {
            return;
        }
        ResumePosition now = SourcePositions.currentEnd(source);
        // a GTID start records the binlog file of the start-up, not of the GTID: scan from the file holding the GTID
        FilePosition scanFrom = byGtid && from.gtid() != null ? fileOf(source, from) : from.file();
        if (!binaryLogs(source).contains(scanFrom.file())) {
            // the binlog from the sync position is gone: sync's own error says so, with its fix
            return;
        }
        Map<TableId, Ddl> ddl = firstDdl(source, scanFrom, now.file(), candidates);
        List<String> absent = new ArrayList<>();
        for (TableId table : candidates) {
            if (!ddl.containsKey(table)) {
                TableId routed = rules.route(table);
                absent.add(routed.equals(table) ? table.toString() : table + " (target " + routed + ")");
            }
        }
        if (!absent.isEmpty()) {
            throw new SluiceException(ErrorCode.TARGET_TABLE_MISSING,
                    name + ": task-mode incremental, and " + absent.size() + " selected source table(s) have no table on the target, which "
                            + "sync cannot create (no CREATE TABLE for them in the binlog since " + from + "): " + String.join(", ", absent) + ".",
                    "Create them on the target with the rows they hold at the task's start position (e.g. dump and load them), then run the "
                            + "task again; or use task-mode all, which copies them; or take them out of the task's block-allow list.");
        }
    }

    /**
     * The target tables among {@code tables} that the target lacks, in one information_schema
     * query. Names compare as the target's lower_case_table_names makes them compare.
     */
    static Set<TableId> missingOnTarget(Connection target, List<TableId> tables) throws SQLException {
        if (tables.isEmpty()) {
            return Set.of();
        }
        boolean folded;
        try (Statement statement = target.createStatement(); ResultSet rs = statement.executeQuery("SELECT @@lower_case_table_names")) {
            folded = rs.next() && rs.getInt(1) != 0;
        }
        List<String> databases = tables.stream().map(TableId::database).distinct().toList();
        Set<TableId> present = new java.util.HashSet<>();
        try (PreparedStatement statement = target.prepareStatement("SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA IN ("
                + String.join(", ", java.util.Collections.nCopies(databases.size(), "?")) + ")")) {
            for (int i = 0; i < databases.size(); i++) {
                statement.setString(i + 1, databases.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    present.add(fold(new TableId(rs.getString(1), rs.getString(2)), folded));
                }
            }
        }
        Set<TableId> missing = new java.util.LinkedHashSet<>();
        for (TableId table : tables) {
            if (!present.contains(fold(table, folded))) {
                missing.add(table);
            }
        }
        return missing;
    }

    private static TableId fold(TableId table, boolean folded) {
        return folded ? new TableId(table.database().toLowerCase(Locale.ROOT), table.table().toLowerCase(Locale.ROOT)) : table;
    }

    /**
     * The newest binlog file that starts at or before a MariaDB GTID position, the oldest one when
     * none can be told (MySQL): scanning from earlier than the position only finds more DDL.
     */
    private static FilePosition fileOf(Connection source, ResumePosition from) throws SQLException {
        List<String> files = binaryLogs(source);
        if (from.gtid() instanceof io.sluice.core.position.MariaDbGtidList position) {
            for (String file : files.reversed()) {
                if (SourcePositions.gtidAt(source, new FilePosition(file, 4)) instanceof io.sluice.core.position.MariaDbGtidList start
                        && start.gtids().stream().allMatch(gtid -> position.forDomain(gtid.domainId()).filter(at -> at.sequence() >= gtid.sequence()).isPresent())) {
                    return new FilePosition(file, 4);
                }
            }
        }
        return new FilePosition(files.getFirst(), 4);
    }

    private static List<String> binaryLogs(Connection source) throws SQLException {
        List<String> files = new ArrayList<>();
        try (Statement statement = source.createStatement(); ResultSet rs = statement.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) {
                files.add(rs.getString(1));
            }
        }
        return files;
    }

    private static Map<TableId, String> showCreate(Connection source, List<TableId> tables) throws SQLException {
        Map<TableId, String> creates = new LinkedHashMap<>();
        try (Statement statement = source.createStatement()) {
            for (TableId table : tables) {
                try (ResultSet rs = statement.executeQuery("SHOW CREATE TABLE " + table.quoted())) {
                    if (rs.next()) {
                        creates.put(table, rs.getString(2));
                    }
                }
                catch (SQLException e) {
                    if (e.getErrorCode() != 1146) {
                        throw e;
                    }
                    // dropped meanwhile: not a table to bring in
                }
            }
        }
        return creates;
    }

    /**
     * A DDL statement, where it is in the binlog, and whether it brings the table into existence
     * under its name (a plain CREATE TABLE, a rename to it) rather than changing it.
     */
    private record Ddl(FilePosition at, String sql, boolean creates) {}

    /**
     * The first DDL naming each of the tables between the two positions. A statement whose table
     * names cannot be read counts for every table whose name it contains.
     */
    private static Map<TableId, Ddl> firstDdl(Connection source, FilePosition from, FilePosition to, Set<TableId> tables) throws SQLException {
        Map<TableId, Ddl> found = new LinkedHashMap<>();
        for (String file : binlogFiles(source, from.file(), to.file())) {
            long position = file.equals(from.file()) ? from.position() : 4;
            boolean more = true;
            while (more) {
                more = false;
                try (PreparedStatement statement = source.prepareStatement("SHOW BINLOG EVENTS IN ? FROM " + position + " LIMIT " + PAGE)) {
                    statement.setString(1, file);
                    try (ResultSet rs = statement.executeQuery()) {
                        int rows = 0;
                        while (rs.next()) {
                            rows++;
                            long start = rs.getLong("Pos");
                            if (file.equals(to.file()) && start >= to.position()) {
                                return found;
                            }
                            position = rs.getLong("End_log_pos");
                            if ("Query".equalsIgnoreCase(rs.getString("Event_type")) && rs.getString("Info") != null) {
                                record(found, tables, new FilePosition(file, start), rs.getString("Info"));
                            }
                        }
                        // a full page: the next one starts after its last event
                        more = rows == PAGE;
                    }
                }
            }
        }
        return found;
    }

    private static void record(Map<TableId, Ddl> found, Set<TableId> tables, FilePosition at, String info) {
        String sql = info.strip();
        String database = "";
        Matcher use = USE_PREFIX.matcher(sql);
        if (use.find()) {
            database = use.group(1).replace("``", "`");
            sql = sql.substring(use.end());
        }
        String upper = sql.toUpperCase(Locale.ROOT);
        if (upper.startsWith("BEGIN") || upper.startsWith("COMMIT") || upper.startsWith("ROLLBACK") || upper.startsWith("SAVEPOINT")
                || upper.startsWith("INSERT") || upper.startsWith("UPDATE") || upper.startsWith("DELETE") || upper.startsWith("REPLACE")) {
            return;
        }
        Optional<DdlTables.Effect> effect = DdlTables.effect(new DdlEvent(database, sql));
        // CREATE TABLE IF NOT EXISTS may leave a table that existed as it was: not a creation to rely on
        boolean plainCreate = !CREATE_IF_NOT_EXISTS.matcher(sql).find();
        for (TableId table : tables) {
            if (effect.isEmpty()) {
                if (upper.contains(table.table().toUpperCase(Locale.ROOT))) {
                    found.putIfAbsent(table, new Ddl(at, sql, false));
                }
            }
            else if (effect.get().creates().contains(table)) {
                found.putIfAbsent(table, new Ddl(at, sql, plainCreate));
            }
            else if (effect.get().changes().contains(table)) {
                found.putIfAbsent(table, new Ddl(at, sql, false));
            }
        }
    }

    private static List<String> binlogFiles(Connection source, String from, String to) throws SQLException {
        List<String> files = new ArrayList<>();
        try (Statement statement = source.createStatement(); ResultSet rs = statement.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) {
                String file = rs.getString(1);
                if (file.compareTo(from) >= 0 && file.compareTo(to) <= 0) {
                    files.add(file);
                }
            }
        }
        if (files.isEmpty() || !files.getFirst().equals(from)) {
            throw new SluiceException(ErrorCode.BINLOG_PURGED,
                    "The source's binlog no longer holds " + from + ", the task's sync position, so the tables newly selected cannot be checked for changes since.",
                    "Start the task again as a new task (start-task --remove-meta, or a new task name): the binlog it needs is gone.");
        }
        return files;
    }

    private static String abbreviate(String sql) {
        String line = sql.strip().replaceAll("\\s+", " ");
        return line.length() <= 200 ? line : line.substring(0, 197) + "...";
    }
}
