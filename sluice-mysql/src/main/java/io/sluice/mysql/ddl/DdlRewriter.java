package io.sluice.mysql.ddl;

import static java.util.Objects.requireNonNull;

import com.alibaba.druid.DbType;
import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr;
import com.alibaba.druid.sql.ast.expr.SQLPropertyExpr;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLSelect;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.DdlEvent;
import io.sluice.core.schema.TableId;
import io.sluice.mysql.ddl.DdlSyntax.Names;
import io.sluice.mysql.ddl.DdlSyntax.Rename;
import io.sluice.mysql.ddl.DdlSyntax.TableName;
import io.sluice.mysql.ddl.DdlTokens.Token;
import io.sluice.mysql.ddl.ParsedDdl.RawName;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Rewrites the table and database names of a DDL statement through table routes, for running it
 * on the target. The original text is edited where the names are, so everything else (MariaDB-only
 * syntax, comments, executable comments, options, partitions) stays byte for byte, and every table
 * name of a changed statement is written {@code `db`.`table`}, so that it no longer depends on the
 * default database. The places come from the statement's keywords ({@link DdlSyntax}), Druid's
 * parse must name the same tables, and the result is read back to check that it names the
 * targets; only a query's tables (CREATE TABLE ... SELECT, CREATE VIEW), whose places the keywords
 * do not tell, are renamed by letting Druid re-print that query.
 */
public final class DdlRewriter {
    private static final int ABBREVIATION = 200;

    private DdlRewriter() {}

    /**
     * The statement as it must run on the target: its default database routed by
     * {@code routeDatabase}, its table names routed by {@code route}, the database a
     * CREATE/ALTER/DROP DATABASE names routed by {@code routeDatabase}. An unqualified name is in
     * the default database, except after REFERENCES, where (as InnoDB reads it) it is in the
     * database of the table the statement creates or alters. Returns {@code ddl} itself when
     * nothing changes. MariaDB logs CREATE/DROP DATABASE with that database as the default, so the
     * result's default database may not exist on the target yet; such statements name their
     * database and need none selected.
     *
     * <p>Refused, when some name would change: a statement Druid cannot parse, or whose names the
     * keywords and Druid read differently; a RENAME (or ALTER TABLE ... RENAME) whose old and new
     * names are not routed alike (one routed, the other not: the target table would leave or join
     * the routed tables, and for a merging route the merged table would move), or that route to one
     * target (it would rename that table to itself); a query naming a column
     * {@code db.table.column} of a table it renames. Refused always: statements that are not table,
     * view or database DDL (triggers, routines and events name tables in their bodies), statements
     * whose names neither reading can place, and unqualified names without a default database.
     * Routes that merge many source tables into one target need the caller's coordination (DM's
     * shard DDL lock): this method sees one statement.
     *
     * @throws SluiceException SCHEMA_DDL_UNSUPPORTED, naming the statement and the fix, when it is refused
     */
    public static DdlEvent rewrite(DdlEvent ddl, Function<TableId, TableId> route, UnaryOperator<String> routeDatabase) {
        requireNonNull(ddl, "ddl is null");
        requireNonNull(route, "route is null");
        requireNonNull(routeDatabase, "routeDatabase is null");
        return new Rewrite(ddl, route, routeDatabase).run();
    }

    static String quote(String identifier) {
        return TableId.quote(identifier);
    }

    /** One rewrite: the statement, the routes and what has been resolved so far. */
    private static final class Rewrite {
        private final DdlEvent ddl;
        private final Function<TableId, TableId> route;
        private final UnaryOperator<String> routeDatabase;
        private final String targetDefault;
        private final DdlSyntax syntax;

        Rewrite(DdlEvent ddl, Function<TableId, TableId> route, UnaryOperator<String> routeDatabase) {
            this.ddl = ddl;
            this.route = route;
            this.routeDatabase = routeDatabase;
            this.targetDefault = ddl.database().isEmpty() ? "" : routeDatabase(ddl.database());
            this.syntax = DdlSyntax.read(ddl.sql());
        }

        DdlEvent run() {
            if (syntax.statement() == DdlSyntax.Statement.OTHER) {
                throw unsupported("it is not a table, view or database statement, so Sluice does not know where it names tables",
                        "Exclude it with a binlog event filter and run it on the target by hand if the target needs it.");
            }
            ParsedDdl parsed;
            String parseProblem = null;
            try {
                parsed = ParsedDdl.parse(syntax, ddl.database());
            }
            catch (RuntimeException e) {
                parsed = null;
                parseProblem = firstLine(e.getMessage());
            }
            Names names = syntax.names().orElse(null);
            if (names == null) {
                if (parsed != null && !parsedNamesChange(parsed)) {
                    return ddl;
                }
                throw unsupported("Sluice cannot tell where it names tables (" + syntax.problem() + ")", refuseFix());
            }

            List<TableId> sources = new ArrayList<>();
            List<TableId> targets = new ArrayList<>();
            for (TableName name : names.tables()) {
                TableId source = resolve(name.database(), name.table(), name.foreignKey(), sources);
                sources.add(source);
                targets.add(route(source));
            }
            String sourceDatabase = names.database().map(database -> database.name() == null ? ddl.database() : database.name()).orElse(null);
            if (sourceDatabase != null && sourceDatabase.isEmpty()) {
                throw unsupported("it names no database and there is no default database", refuseFix());
            }
            String targetDatabase = sourceDatabase == null ? null : routeDatabase(sourceDatabase);

            boolean queryChanges = false;
            if (names.hasQuery()) {
                if (parsed == null) {
                    throw unsupported("the SQL parser cannot read its query (" + parseProblem + ")", refuseFix());
                }
                queryChanges = queryChanges(parsed.query());
            }
            boolean changes = queryChanges || !targetDefault.equals(ddl.database()) || !sources.equals(targets)
                    || !Objects.equals(sourceDatabase, targetDatabase);
            if (!changes) {
                return ddl;
            }
            if (parsed == null) {
                throw unsupported("the SQL parser cannot read it (" + parseProblem + ")", refuseFix());
            }
            checkReadingsAgree(parsed, sources, sourceDatabase);
            for (Rename rename : names.renames()) {
                checkRename(sources.get(rename.from()), targets.get(rename.from()), sources.get(rename.to()), targets.get(rename.to()));
            }

            List<Replacement> replacements = new ArrayList<>();
            for (int i = 0; i < names.tables().size(); i++) {
                TableName name = names.tables().get(i);
                if (name.database() == null || !sources.get(i).equals(targets.get(i))) {
                    replacements.add(new Replacement(name.start(), name.end(), targets.get(i).quoted()));
                }
            }
            // ALTER DATABASE without a name changes the default database, which is routed like the name would be
            names.database().filter(database -> database.name() != null && !database.name().equals(targetDatabase))
                    .ifPresent(database -> replacements.add(new Replacement(database.start(), database.end(), quote(targetDatabase))));
            List<TableId> queryTargets = List.of();
            if (queryChanges) {
                queryTargets = rewriteQuery(parsed.query());
                List<Token> tokens = syntax.tokens();
                replacements.add(new Replacement(tokens.get(names.queryStart()).start(), tokens.get(names.queryEnd() - 1).end(),
                        SQLUtils.toSQLString(parsed.query(), DbType.mysql)));
            }
            String sql = splice(ddl.sql(), replacements);
            DdlEvent rewritten = new DdlEvent(targetDefault, sql);
            verify(rewritten, targets, targetDatabase, queryChanges ? queryTargets : null);
            return rewritten;
        }

        /** Whether any name Druid read would change (used when the keywords cannot place the names). */
        private boolean parsedNamesChange(ParsedDdl parsed) {
            if (!targetDefault.equals(ddl.database())) {
                return true;
            }
            try {
                List<TableId> sources = new ArrayList<>();
                for (RawName name : parsed.tableNames()) {
                    TableId source = resolve(name.database(), name.table(), name.foreignKey(), sources);
                    sources.add(source);
                    if (!route(source).equals(source)) {
                        return true;
                    }
                }
                String database = parsed.databaseName();
                if (database != null && !routeDatabase(database).equals(database)) {
                    return true;
                }
            }
            catch (ParsedDdl.Unexpected e) {
                return true;
            }
            return parsed.query() != null && queryChanges(parsed.query());
        }

        private boolean queryChanges(SQLSelect query) {
            for (SQLExprTableSource source : ParsedDdl.queryTables(query).sources()) {
                RawName name = rawName(source);
                TableId id = resolve(name.database(), name.table(), false, List.of());
                if (!route(id).equals(id) || (name.database() == null && !targetDefault.equals(ddl.database()))) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Renames the query's tables in Druid's tree to their targets, fully qualified; a table
         * whose name changes keeps its old name as alias, so that columns written {@code t.c} still
         * resolve. Returns the targets.
         */
        private List<TableId> rewriteQuery(SQLSelect query) {
            ParsedDdl.QueryTables tables = ParsedDdl.queryTables(query);
            List<TableId> targets = new ArrayList<>();
            List<SQLExprTableSource> sources = tables.sources();
            for (SQLExprTableSource source : sources) {
                RawName name = rawName(source);
                TableId id = resolve(name.database(), name.table(), false, List.of());
                TableId target = route(id);
                if (tables.databaseQualifiedColumns() && !target.equals(id)) {
                    throw unsupported("its query names a column as database.table.column, which renaming " + id + " to " + target + " would break",
                            "Exclude it with a binlog event filter and run it on the target by hand, with the target's table names.");
                }
                if (!target.table().equals(id.table()) && source.getAlias() == null) {
                    source.setAlias(quote(id.table()));
                }
                source.setExpr(new SQLPropertyExpr(new SQLIdentifierExpr(quote(target.database())), quote(target.table())));
                targets.add(target);
            }
            return targets;
        }

        /** Druid and the keywords must name the same tables (in any order) and the same database. */
        private void checkReadingsAgree(ParsedDdl parsed, List<TableId> sources, String sourceDatabase) {
            List<TableId> parsedSources = new ArrayList<>();
            String parsedDatabase;
            try {
                for (RawName name : parsed.tableNames()) {
                    parsedSources.add(resolve(name.database(), name.table(), name.foreignKey(), parsedSources));
                }
                parsedDatabase = parsed.databaseName();
            }
            catch (ParsedDdl.Unexpected e) {
                throw unsupported("Sluice cannot tell where it names tables: " + e.getMessage(), refuseFix());
            }
            if (parsedDatabase == null && syntax.statement() == DdlSyntax.Statement.ALTER_DATABASE) {
                parsedDatabase = sourceDatabase;
            }
            if (!sorted(parsedSources).equals(sorted(sources)) || !Objects.equals(parsedDatabase, sourceDatabase)) {
                throw unsupported("Sluice cannot tell where it names tables: its keywords name " + describe(sources, sourceDatabase)
                        + " but the SQL parser reads " + describe(parsedSources, parsedDatabase), refuseFix());
            }
        }

        private void checkRename(TableId from, TableId fromTarget, TableId to, TableId toTarget) {
            String fix = "Route the old and the new name alike (one schema-level route, or a table pattern that matches both), "
                    + "or skip the statement with a binlog event filter on 'rename table' and rename the target table by hand.";
            if (fromTarget.equals(toTarget) && !from.equals(to)) {
                throw unsupported("it renames " + from + " to " + to + ", which both route to " + fromTarget
                        + ", so on the target it would rename " + fromTarget + " to itself", fix);
            }
            boolean fromRouted = !fromTarget.equals(from);
            boolean toRouted = !toTarget.equals(to);
            if (fromRouted != toRouted) {
                throw unsupported("it renames " + from + " to " + to + " across a route boundary: " + (fromRouted
                        ? from + " routes to " + fromTarget + " but " + to + " keeps its name"
                        : to + " routes to " + toTarget + " but " + from + " keeps its name")
                        + ", so on the target the table would leave or join the routed tables", fix);
            }
        }

        /** Reads the rewritten statement back: it must name exactly the targets. */
        private void verify(DdlEvent rewritten, List<TableId> targets, String targetDatabase, List<TableId> queryTargets) {
            DdlSyntax written = DdlSyntax.read(rewritten.sql());
            List<TableId> names = new ArrayList<>();
            String database = null;
            String problem = null;
            try {
                Names read = written.names().orElseThrow(() -> new IllegalStateException(written.problem()));
                for (TableName name : read.tables()) {
                    names.add(written(name.database(), name.table(), name.foreignKey(), names, rewritten));
                }
                database = read.database().map(name -> name.name() == null ? rewritten.database() : name.name()).orElse(null);
                ParsedDdl parsed = ParsedDdl.parse(written, rewritten.database());
                List<TableId> parsedNames = new ArrayList<>();
                for (RawName name : parsed.tableNames()) {
                    parsedNames.add(written(name.database(), name.table(), name.foreignKey(), parsedNames, rewritten));
                }
                if (!sorted(parsedNames).equals(sorted(targets))) {
                    problem = "the SQL parser reads " + describe(parsedNames, null);
                }
                if (queryTargets != null) {
                    List<TableId> queryNames = new ArrayList<>();
                    for (SQLExprTableSource source : ParsedDdl.queryTables(parsed.query()).sources()) {
                        RawName name = rawName(source);
                        queryNames.add(written(name.database(), name.table(), false, List.of(), rewritten));
                    }
                    if (!sorted(queryNames).equals(sorted(queryTargets))) {
                        problem = "its query reads " + describe(queryNames, null);
                    }
                }
            }
            catch (RuntimeException | ParsedDdl.Unexpected e) {
                problem = "it cannot be read back: " + firstLine(e.getMessage());
            }
            if (problem == null && (!names.equals(targets) || !Objects.equals(database, targetDatabase))) {
                problem = "its keywords name " + describe(names, database);
            }
            if (problem != null) {
                throw unsupported("rewritten as '" + abbreviate(rewritten.sql()) + "' it should name " + describe(targets, targetDatabase)
                        + " but " + problem, refuseFix());
            }
        }

        private RawName rawName(SQLExprTableSource source) {
            try {
                return ParsedDdl.name(source.getExpr());
            }
            catch (ParsedDdl.Unexpected e) {
                throw new IllegalStateException("query table sources are names", e);
            }
        }

        /**
         * The table a name means in the source statement: qualified, or in the default database,
         * except that an unqualified REFERENCES name is in the database of the statement's own
         * table (the first name read), as InnoDB resolves it.
         */
        private TableId resolve(String database, String table, boolean foreignKey, List<TableId> before) {
            String qualifier = database != null ? database : foreignKey && !before.isEmpty() ? before.getFirst().database() : ddl.database();
            if (qualifier.isEmpty()) {
                throw unsupported("it names table " + table + " without a database and there is no default database", refuseFix());
            }
            try {
                return new TableId(qualifier, table);
            }
            catch (IllegalArgumentException e) {
                throw unsupported("it names an empty table or database name", refuseFix());
            }
        }

        /** The table a name means in the rewritten statement (where all are qualified). */
        private static TableId written(String database, String table, boolean foreignKey, List<TableId> before, DdlEvent rewritten) {
            String qualifier = database != null ? database : foreignKey && !before.isEmpty() ? before.getFirst().database() : rewritten.database();
            return new TableId(qualifier, table);
        }

        private TableId route(TableId source) {
            return requireNonNull(route.apply(source), () -> "route returned null for " + source);
        }

        private String routeDatabase(String database) {
            return requireNonNull(routeDatabase.apply(database), () -> "routeDatabase returned null for " + database);
        }

        private SluiceException unsupported(String reason, String fix) {
            String where = ddl.database().isEmpty() ? "" : " (default database " + ddl.database() + ")";
            return new SluiceException(ErrorCode.SCHEMA_DDL_UNSUPPORTED,
                    "Cannot route the DDL statement '" + abbreviate(ddl.sql()) + "'" + where + " to the target: " + reason + ".", fix);
        }

        private static String refuseFix() {
            return "Exclude the statement with a binlog event filter (or its tables from the task) and apply the change to the target by hand, "
                    + "or write it so that the SQL parser reads it (e.g. without MariaDB-only clauses).";
        }
    }

    /** Text {@code [start, end)} of the original replaced by {@code text}. */
    private record Replacement(int start, int end, String text) {}

    private static String splice(String sql, List<Replacement> replacements) {
        List<Replacement> ordered = new ArrayList<>(replacements);
        ordered.sort(Comparator.comparingInt(Replacement::start));
        StringBuilder out = new StringBuilder(sql.length() + 32 * ordered.size());
        int position = 0;
        for (Replacement replacement : ordered) {
            if (replacement.start() < position) {
                throw new IllegalStateException("overlapping name positions in " + sql);
            }
            out.append(sql, position, replacement.start()).append(replacement.text());
            position = replacement.end();
        }
        return out.append(sql, position, sql.length()).toString();
    }

    private static List<TableId> sorted(List<TableId> ids) {
        return ids.stream().sorted(Comparator.comparing(TableId::database).thenComparing(TableId::table)).toList();
    }

    private static String describe(List<TableId> tables, String database) {
        List<String> parts = new ArrayList<>();
        tables.forEach(table -> parts.add(table.toString()));
        if (database != null) {
            parts.add("database " + database);
        }
        return parts.isEmpty() ? "nothing" : String.join(", ", parts);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** The statement on one line, cut to 200 characters. */
    static String abbreviate(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= ABBREVIATION ? oneLine : oneLine.substring(0, ABBREVIATION - 3) + "...";
    }
}
