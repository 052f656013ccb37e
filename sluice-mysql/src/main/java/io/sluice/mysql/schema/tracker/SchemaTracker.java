package io.sluice.mysql.schema.tracker;

import static java.util.Objects.requireNonNull;

import com.alibaba.druid.DbType;
import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLStatement;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.DdlEvent;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;
import io.sluice.mysql.schema.TableSchemaProvider;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * Knows every tracked table's schema as of the current binlog position, by applying the DDL the
 * binlog carries, in binlog order, to the schemas read at the snapshot. Statements are parsed
 * with Druid's MySQL parser; the tracker keeps its own fully resolved model of each table (each
 * column's charset and collation decided when the column was defined, as MariaDB does), so a
 * later change of a table or database default affects only columns defined after it.
 *
 * <p>Tables are matched by exact name (lower_case_table_names=0), columns and indexes without
 * case. The tracker keeps every table it learns about; the table filter only decides which tables
 * matter: when a statement's effect on a table cannot be determined, a table the filter rejects
 * is simply forgotten, while for a table it accepts {@link #onDdl} fails with
 * SCHEMA_DDL_UNSUPPORTED. A failed statement leaves the tracker unchanged.
 *
 * <p>Statements that do not define tables or databases (GRANT, CREATE USER, views, routines,
 * triggers, events, sequences) and temporary tables are ignored.
 *
 * <p>Thread-safe; {@link #onDdl} and {@link #schemaOf} are meant for the binlog reader's thread,
 * {@link #serialize} may be called from a checkpointing thread.
 */
public final class SchemaTracker implements TableSchemaProvider {
    private static final String FORMAT_HEADER = "-- sluice schema tracker state v1";
    private static final String SERVER_DEFAULT = "-- server-default ";
    private static final String EXPLICIT_DEFAULTS = "-- explicit-defaults-for-timestamp ";
    private static final String CHARSET = "-- charset ";
    private static final Set<String> SYSTEM_DATABASES = Set.of("information_schema", "performance_schema", "mysql", "sys");
    private static final int STATEMENT_ABBREVIATION = 200;

    private final BiPredicate<String, String> tableFilter;
    private TrackerState state = new TrackerState();
    private final Map<TableId, TableSchema> cache = new HashMap<>();

    private SchemaTracker(BiPredicate<String, String> tableFilter) {
        this.tableFilter = requireNonNull(tableFilter, "tableFilter is null");
    }

    /**
     * Starts from the given CREATE TABLE statements (database -> list of SHOW CREATE TABLE texts),
     * e.g. read at the snapshot.
     *
     * @param defaultCharsetByDatabase each database's default: a charset ({@code latin1}), a
     *        collation ({@code latin1_bin}), both ({@code "latin1 latin1_bin"}), or the text of
     *        SHOW CREATE DATABASE. The key {@code ""} sets the server's default
     *        ({@code character_set_server}), used for databases created later without one;
     *        it is utf8mb4 / utf8mb4_general_ci when not given.
     */
    public static SchemaTracker fromCreateStatements(Map<String, List<String>> createTablesByDatabase, Map<String, String> defaultCharsetByDatabase) {
        return fromCreateStatements(createTablesByDatabase, defaultCharsetByDatabase, (database, table) -> true);
    }

    /**
     * Like {@link #fromCreateStatements(Map, Map)}, with the filter of the tables the caller needs
     * (see the class comment).
     */
    public static SchemaTracker fromCreateStatements(Map<String, List<String>> createTablesByDatabase,
            Map<String, String> defaultCharsetByDatabase, BiPredicate<String, String> tableFilter) {
        requireNonNull(createTablesByDatabase, "createTablesByDatabase is null");
        requireNonNull(defaultCharsetByDatabase, "defaultCharsetByDatabase is null");
        SchemaTracker tracker = new SchemaTracker(tableFilter);
        String serverDefault = defaultCharsetByDatabase.get("");
        if (serverDefault != null) {
            tracker.state.serverDefault(tracker.parseCharsetSpec("", serverDefault));
        }
        defaultCharsetByDatabase.forEach((database, spec) -> {
            if (!database.isEmpty()) {
                tracker.state.databases().put(database, tracker.parseCharsetSpec(database, spec));
            }
        });
        createTablesByDatabase.forEach((database, statements) -> {
            for (String statement : statements) {
                tracker.apply(new DdlEvent(database, statement), false);
            }
        });
        return tracker;
    }

    /**
     * Reads SHOW CREATE TABLE for the tables the filter accepts, every database's default
     * charset, the server's default charset, {@code explicit_defaults_for_timestamp} and the
     * server's character sets from a live connection. SHOW CREATE TABLE is not transactional:
     * call it at the snapshot's consistent point while no DDL can run (e.g. under the snapshot's
     * table lock, or check that the binlog position did not move meanwhile), and start applying
     * the binlog's DDL from that position.
     *
     * @param tableFilter (database, table) -> whether the caller needs the table
     */
    public static SchemaTracker load(Connection connection, BiPredicate<String, String> tableFilter) throws SQLException {
        requireNonNull(connection, "connection is null");
        SchemaTracker tracker = new SchemaTracker(tableFilter);
        TrackerState state = tracker.state;
        List<TableId> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT @@character_set_server, @@collation_server")) {
                rs.next();
                state.serverDefault(new DefaultCharset(Charsets.normalizeCharset(rs.getString(1)), Charsets.normalizeCollation(rs.getString(2))));
            }
            try (ResultSet rs = statement.executeQuery("SELECT @@explicit_defaults_for_timestamp")) {
                rs.next();
                state.explicitDefaultsForTimestamp(rs.getBoolean(1));
            }
            catch (SQLException e) {
                state.explicitDefaultsForTimestamp(false); // servers without the variable behave as if it were OFF
            }
            try (ResultSet rs = statement.executeQuery("SELECT CHARACTER_SET_NAME, DEFAULT_COLLATE_NAME, MAXLEN FROM information_schema.CHARACTER_SETS")) {
                while (rs.next()) {
                    state.charsets().define(rs.getString(1), rs.getString(2), rs.getInt(3));
                }
            }
            try (ResultSet rs = statement.executeQuery(
                    "SELECT SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA")) {
                while (rs.next()) {
                    if (!SYSTEM_DATABASES.contains(rs.getString(1).toLowerCase(Locale.ROOT))) {
                        state.databases().put(rs.getString(1),
                                new DefaultCharset(Charsets.normalizeCharset(rs.getString(2)), Charsets.normalizeCollation(rs.getString(3))));
                    }
                }
            }
            try (ResultSet rs = statement.executeQuery(
                    "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') "
                            + "ORDER BY TABLE_SCHEMA, TABLE_NAME")) {
                while (rs.next()) {
                    String database = rs.getString(1);
                    String table = rs.getString(2);
                    if (!SYSTEM_DATABASES.contains(database.toLowerCase(Locale.ROOT)) && tableFilter.test(database, table)) {
                        tables.add(new TableId(database, table));
                    }
                }
            }
            for (TableId table : tables) {
                String create;
                try (ResultSet rs = statement.executeQuery("SHOW CREATE TABLE " + table.quoted())) {
                    if (!rs.next()) {
                        continue; // dropped meanwhile
                    }
                    create = rs.getString(2);
                }
                catch (SQLException e) {
                    if (e.getErrorCode() == 1146) {
                        continue; // ER_NO_SUCH_TABLE: dropped meanwhile
                    }
                    throw e;
                }
                tracker.apply(new DdlEvent(table.database(), create), false);
            }
        }
        return tracker;
    }

    /** The tables whose schema the tracker knows. */
    public synchronized Set<TableId> trackedTables() {
        TreeSet<TableId> tables = new TreeSet<>(Comparator.comparing(TableId::database).thenComparing(TableId::table));
        tables.addAll(state.tables().keySet());
        return tables;
    }

    @Override
    public synchronized TableSchema schemaOf(TableId table, TableMapEventData tableMap) {
        requireNonNull(table, "table is null");
        TableSchema cached = cache.get(table);
        if (cached != null) {
            return cached;
        }
        TrackedTable tracked = state.tables().get(table);
        if (tracked == null) {
            throw new SluiceException(ErrorCode.SCHEMA_UNKNOWN_TABLE,
                    "The schema tracker does not know table " + table + ": it was not read at the snapshot nor created by DDL since.",
                    "Include the table in the task's table filter and restart the task from a new snapshot.");
        }
        TableSchema schema = tracked.toTableSchema();
        cache.put(table, schema);
        return schema;
    }

    @Override
    public synchronized void onDdl(DdlEvent ddl) {
        requireNonNull(ddl, "ddl is null");
        apply(ddl, true);
    }

    /**
     * Applies one statement. Atomic: to a copy of the state that replaces it only when the whole
     * statement applied; not atomic (while a new tracker is being built, which is discarded on
     * failure): directly, which keeps loading many tables linear.
     */
    private void apply(DdlEvent ddl, boolean atomic) {
        DdlText text;
        try {
            text = DdlText.of(ddl.sql());
        }
        catch (RuntimeException e) {
            throw unsupported(ddl, "it cannot be read: " + e.getMessage(), e);
        }
        switch (text.kind()) {
            case OTHER, TEMPORARY_TABLE, TRUNCATE_TABLE -> {
                return;
            }
            case CREATE_DATABASE, ALTER_DATABASE, DROP_DATABASE -> {
                TrackerState next = atomic ? state.copy() : state;
                try {
                    new DatabaseDdl(next, text, ddl.database()).apply();
                }
                catch (StatementProblem problem) {
                    throw unsupported(ddl, problem.getMessage(), problem);
                }
                state = next;
            }
            default -> applyTableDdl(ddl, text, atomic);
        }
        cache.clear();
    }

    private void applyTableDdl(DdlEvent ddl, DdlText text, boolean atomic) {
        List<SQLStatement> statements;
        try {
            statements = SQLUtils.parseStatements(text.sql(), DbType.mysql);
        }
        catch (RuntimeException e) {
            unparseable(ddl, text, e);
            return;
        }
        TrackerState next = atomic ? state.copy() : state;
        DdlApplier applier = new DdlApplier(next, ddl.database(), text, tableFilter);
        try {
            for (SQLStatement statement : statements) {
                applier.apply(statement);
            }
        }
        catch (TableProblem problem) {
            throw unsupported(ddl, "its effect on " + problem.table() + " cannot be determined: " + problem.getMessage(), problem);
        }
        catch (StatementProblem problem) {
            throw unsupported(ddl, problem.getMessage(), problem);
        }
        catch (SluiceException e) {
            throw e;
        }
        catch (RuntimeException e) {
            throw unsupported(ddl, "applying it failed: " + e, e);
        }
        state = next;
    }

    /**
     * A table statement Druid cannot parse. It matters when it names a table the caller needs
     * that the tracker knows, or that it may create (CREATE TABLE, a RENAME target); then it is
     * SCHEMA_DDL_UNSUPPORTED. Otherwise the known tables it names are forgotten, since their
     * schema may have changed, and the statement is skipped.
     */
    private void unparseable(DdlEvent ddl, DdlText text, RuntimeException cause) {
        List<DdlText.QualifiedName> names = text.tableNames();
        boolean matters = names.isEmpty();
        List<TableId> touched = new ArrayList<>();
        for (int i = 0; i < names.size() && !matters; i++) {
            TableId id = Names.tableId(names.get(i), ddl.database());
            if (id == null) {
                matters = true;
                break;
            }
            boolean created = switch (text.kind()) {
                case CREATE_TABLE -> i == 0;
                case RENAME_TABLE -> i % 2 == 1;
                case ALTER_TABLE -> i > 0;
                default -> false;
            };
            boolean needed = tableFilter.test(id.database(), id.table());
            matters = needed && (created || state.tables().containsKey(id));
            touched.add(id);
        }
        if (matters) {
            throw unsupported(ddl, "the SQL parser cannot read it (" + firstLine(cause.getMessage()) + ")", cause);
        }
        TrackerState next = state.copy();
        touched.forEach(next.tables()::remove);
        state = next;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static SluiceException unsupported(DdlEvent ddl, String reason, Throwable cause) {
        String where = ddl.database().isEmpty() ? "" : " (default database " + ddl.database() + ")";
        return new SluiceException(ErrorCode.SCHEMA_DDL_UNSUPPORTED,
                "The schema tracker cannot apply the DDL statement '" + abbreviate(ddl.sql()) + "'" + where + ": " + reason + ".",
                "If the tables it changes need not be replicated, exclude them from the task. Otherwise stop the task, "
                        + "make sure the target has the change, and restart the task from a position after this statement "
                        + "(or from a new snapshot) so that the schema is read again from the source.",
                cause);
    }

    /** The statement on one line, cut to 200 characters. */
    static String abbreviate(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= STATEMENT_ABBREVIATION ? oneLine : oneLine.substring(0, STATEMENT_ABBREVIATION - 3) + "...";
    }

    private DefaultCharset parseCharsetSpec(String database, String spec) {
        String trimmed = spec.trim();
        if (trimmed.regionMatches(true, 0, "CREATE", 0, 6)) {
            TrackerState scratch = state.copy();
            DdlText text = DdlText.of(trimmed);
            new DatabaseDdl(scratch, text, database).apply();
            DefaultCharset result = scratch.databases().get(database);
            if (result == null) {
                result = scratch.databases().values().stream().findFirst().orElse(state.serverDefault());
            }
            return result;
        }
        String[] parts = trimmed.split("\\s+");
        Charsets charsets = state.charsets();
        String first = parts[0].toLowerCase(Locale.ROOT);
        if (parts.length >= 2) {
            return new DefaultCharset(Charsets.normalizeCharset(first), Charsets.normalizeCollation(parts[1]));
        }
        if (charsets.isKnown(first)) {
            return new DefaultCharset(Charsets.normalizeCharset(first), charsets.defaultCollation(first));
        }
        String charset = charsets.charsetOf(first);
        if (charset == null || !charsets.isKnown(charset)) {
            throw new IllegalArgumentException("Unknown character set or collation '" + spec + "' for database '" + database + "'");
        }
        return new DefaultCharset(charset, Charsets.normalizeCollation(first));
    }

    // ---------------------------------------------------------------- serialization

    /**
     * The tracker's state as text: a few header lines (server default charset,
     * explicit_defaults_for_timestamp, character sets that differ from MariaDB 10.11's) and one
     * CREATE DATABASE per known database default and one CREATE TABLE per table, with every
     * charset, collation, nullability and index name explicit. Store it with the replication
     * position so a restart decodes old events with the schema they were written under.
     */
    public synchronized String serialize() {
        StringBuilder out = new StringBuilder(FORMAT_HEADER).append('\n');
        out.append(SERVER_DEFAULT).append(state.serverDefault()).append('\n');
        out.append(EXPLICIT_DEFAULTS).append(state.explicitDefaultsForTimestamp()).append('\n');
        state.charsets().overrides().forEach((name, info) ->
                out.append(CHARSET).append(name).append(' ').append(info.defaultCollation()).append(' ').append(info.maxLength()).append('\n'));
        new TreeMap<>(state.databases()).forEach((database, charset) -> out.append("CREATE DATABASE ").append(Names.quote(database))
                .append(" CHARACTER SET = ").append(charset.charset()).append(" COLLATE = ").append(charset.collation()).append(";\n"));
        for (TableId id : trackedTables()) {
            out.append(state.tables().get(id).render()).append(";\n");
        }
        return out.toString();
    }

    /** Rebuilds a tracker from {@link #serialize()}'s text. */
    public static SchemaTracker deserialize(String state) {
        return deserialize(state, (database, table) -> true);
    }

    /** Like {@link #deserialize(String)}, with the filter of the tables the caller needs (see the class comment). */
    public static SchemaTracker deserialize(String state, BiPredicate<String, String> tableFilter) {
        requireNonNull(state, "state is null");
        if (!state.startsWith(FORMAT_HEADER)) {
            throw corrupt("it does not start with '" + FORMAT_HEADER + "'", null);
        }
        SchemaTracker tracker = new SchemaTracker(tableFilter);
        try {
            for (String line : state.split("\n")) {
                if (line.startsWith(SERVER_DEFAULT)) {
                    String[] parts = line.substring(SERVER_DEFAULT.length()).trim().split(" ");
                    tracker.state.serverDefault(new DefaultCharset(parts[0], parts[1]));
                }
                else if (line.startsWith(EXPLICIT_DEFAULTS)) {
                    tracker.state.explicitDefaultsForTimestamp(Boolean.parseBoolean(line.substring(EXPLICIT_DEFAULTS.length()).trim()));
                }
                else if (line.startsWith(CHARSET)) {
                    String[] parts = line.substring(CHARSET.length()).trim().split(" ");
                    tracker.state.charsets().define(parts[0], parts[1], Integer.parseInt(parts[2]));
                }
            }
            // accept every table while rebuilding: the state holds only what was tracked
            SchemaTracker rebuilding = new SchemaTracker((database, table) -> true);
            rebuilding.state = tracker.state;
            for (String statement : DdlText.splitStatements(state)) {
                rebuilding.apply(new DdlEvent("", statement), false);
            }
            tracker.state = rebuilding.state;
        }
        catch (RuntimeException e) {
            throw corrupt(e.getMessage(), e);
        }
        return tracker;
    }

    private static SluiceException corrupt(String reason, Throwable cause) {
        return new SluiceException(ErrorCode.INVALID_ARGUMENT,
                "The saved schema tracker state cannot be read: " + reason,
                "Restart the task from a new snapshot so that the schema is read again from the source.", cause);
    }
}
