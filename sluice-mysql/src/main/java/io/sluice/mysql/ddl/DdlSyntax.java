package io.sluice.mysql.ddl;

import static java.util.Objects.requireNonNull;

import io.sluice.mysql.ddl.DdlTokens.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the keywords of one DDL statement say, read from its tokens the way MySQL's grammar starts:
 * which statement it is (decided by its leading keywords), and where in the original text it names
 * tables and databases. Reading the names needs no full parse because MySQL puts them at fixed
 * places (after TABLE, ON, TO, LIKE, REFERENCES...); the exceptions are the tables a query names
 * (CREATE TABLE ... SELECT, CREATE VIEW), of which only the query's place is told. When the names
 * cannot be read (an unexpected token where a name belongs), {@link #names()} is empty and
 * {@link #problem()} says why; the statement kind is always known.
 */
final class DdlSyntax {
    enum Statement {
        CREATE_TABLE, ALTER_TABLE, DROP_TABLE, RENAME_TABLE, TRUNCATE_TABLE, CREATE_INDEX, DROP_INDEX,
        CREATE_VIEW, ALTER_VIEW, DROP_VIEW, CREATE_DATABASE, ALTER_DATABASE, DROP_DATABASE,
        /** Anything that does not change a table's, view's or database's definition. */
        OTHER
    }

    /**
     * A table (or view) name as written, at {@code [start, end)} of the text; database null when
     * unqualified. foreignKey: the name follows REFERENCES, where an unqualified name is in the
     * database of the table the statement creates or alters, not in the default database.
     */
    record TableName(String database, String table, int start, int end, boolean foreignKey) {
        TableName {
            requireNonNull(table, "table is null");
        }
    }

    /** {@code RENAME TABLE a TO b} or {@code ALTER TABLE a RENAME TO b}: indexes into {@link Names#tables()}. */
    record Rename(int from, int to) {}

    /**
     * The database a database statement names, at {@code [start, end)}; for ALTER DATABASE without
     * a name (which changes the default database), name is null and start == end is where a name goes.
     */
    record DatabaseName(String name, int start, int end) {}

    /**
     * Everything the statement names outside queries, in text order, and the query's place as
     * token indexes {@code [queryStart, queryEnd)} (both -1 without a query).
     */
    record Names(List<TableName> tables, List<Rename> renames, Optional<DatabaseName> database, int queryStart, int queryEnd) {
        Names {
            tables = List.copyOf(tables);
            renames = List.copyOf(renames);
            requireNonNull(database, "database is null");
        }

        boolean hasQuery() {
            return queryStart >= 0;
        }
    }

    /** Words that start an ALTER DATABASE option, so that the statement names no database. */
    private static final Set<String> DATABASE_OPTIONS = Set.of("DEFAULT", "CHARACTER", "CHARSET", "COLLATE", "COMMENT", "READ", "ENCRYPTION");

    private final List<Token> tokens;
    private final Statement statement;
    private final boolean temporary;
    /** The token after the keywords that tell the statement (after TABLE, INDEX, VIEW, DATABASE...). */
    private final int body;
    private final Names names;
    private final String problem;

    private DdlSyntax(List<Token> tokens, Statement statement, boolean temporary, int body) {
        this.tokens = tokens;
        this.statement = statement;
        this.temporary = temporary;
        this.body = body;
        Names read = null;
        String unreadable = null;
        if (statement != Statement.OTHER) {
            try {
                read = readNames();
            }
            catch (Unreadable e) {
                unreadable = e.getMessage();
            }
        }
        this.names = read;
        this.problem = unreadable;
    }

    static DdlSyntax read(String sql) {
        List<Token> tokens = DdlTokens.tokenize(sql);
        int i = 1;
        if (tokens.isEmpty()) {
            return new DdlSyntax(tokens, Statement.OTHER, false, 0);
        }
        Token first = tokens.getFirst();
        if (first.is("CREATE")) {
            if (at(tokens, i, "OR") && at(tokens, i + 1, "REPLACE")) {
                i += 2;
            }
            boolean temporary = at(tokens, i, "TEMPORARY");
            if (temporary) {
                i++;
            }
            if (at(tokens, i, "TABLE")) {
                return new DdlSyntax(tokens, Statement.CREATE_TABLE, temporary, i + 1);
            }
            if (temporary) {
                return new DdlSyntax(tokens, Statement.OTHER, false, 0);
            }
            if (at(tokens, i, "DATABASE") || at(tokens, i, "SCHEMA")) {
                return new DdlSyntax(tokens, Statement.CREATE_DATABASE, false, i + 1);
            }
            int index = indexStatement(tokens, i);
            if (index > 0) {
                return new DdlSyntax(tokens, Statement.CREATE_INDEX, false, index);
            }
            int view = viewStatement(tokens, i);
            return view > 0 ? new DdlSyntax(tokens, Statement.CREATE_VIEW, false, view) : new DdlSyntax(tokens, Statement.OTHER, false, 0);
        }
        if (first.is("ALTER")) {
            while (at(tokens, i, "ONLINE") || at(tokens, i, "OFFLINE") || at(tokens, i, "IGNORE")) {
                i++;
            }
            if (at(tokens, i, "TABLE")) {
                return new DdlSyntax(tokens, Statement.ALTER_TABLE, false, i + 1);
            }
            if (at(tokens, i, "DATABASE") || at(tokens, i, "SCHEMA")) {
                return new DdlSyntax(tokens, Statement.ALTER_DATABASE, false, i + 1);
            }
            int view = viewStatement(tokens, i);
            return view > 0 ? new DdlSyntax(tokens, Statement.ALTER_VIEW, false, view) : new DdlSyntax(tokens, Statement.OTHER, false, 0);
        }
        if (first.is("DROP")) {
            boolean temporary = at(tokens, i, "TEMPORARY");
            if (temporary) {
                i++;
            }
            if (at(tokens, i, "TABLE") || at(tokens, i, "TABLES")) {
                return new DdlSyntax(tokens, Statement.DROP_TABLE, temporary, i + 1);
            }
            if (temporary) {
                return new DdlSyntax(tokens, Statement.OTHER, false, 0);
            }
            if (at(tokens, i, "DATABASE") || at(tokens, i, "SCHEMA")) {
                return new DdlSyntax(tokens, Statement.DROP_DATABASE, false, i + 1);
            }
            if (at(tokens, i, "VIEW")) {
                return new DdlSyntax(tokens, Statement.DROP_VIEW, false, i + 1);
            }
            int index = indexStatement(tokens, i);
            return index > 0 ? new DdlSyntax(tokens, Statement.DROP_INDEX, false, index) : new DdlSyntax(tokens, Statement.OTHER, false, 0);
        }
        if (first.is("RENAME") && (at(tokens, i, "TABLE") || at(tokens, i, "TABLES"))) {
            return new DdlSyntax(tokens, Statement.RENAME_TABLE, false, i + 1);
        }
        if (first.is("TRUNCATE") && tokens.size() > 1) {
            return new DdlSyntax(tokens, Statement.TRUNCATE_TABLE, false, at(tokens, i, "TABLE") ? i + 1 : i);
        }
        return new DdlSyntax(tokens, Statement.OTHER, false, 0);
    }

    /** {@code [ONLINE|OFFLINE] [UNIQUE|FULLTEXT|SPATIAL|VECTOR] INDEX}: the token after INDEX, or -1. */
    private static int indexStatement(List<Token> tokens, int i) {
        if (at(tokens, i, "ONLINE") || at(tokens, i, "OFFLINE")) {
            i++;
        }
        if (at(tokens, i, "UNIQUE") || at(tokens, i, "FULLTEXT") || at(tokens, i, "SPATIAL") || at(tokens, i, "VECTOR")) {
            i++;
        }
        return at(tokens, i, "INDEX") ? i + 1 : -1;
    }

    /**
     * {@code [ALGORITHM = x] [DEFINER = user] [SQL SECURITY x] VIEW}: the token after VIEW, or -1
     * (DEFINER also starts triggers, routines and events).
     */
    private static int viewStatement(List<Token> tokens, int i) {
        if (!(at(tokens, i, "VIEW") || at(tokens, i, "ALGORITHM") || at(tokens, i, "DEFINER") || at(tokens, i, "SQL"))) {
            return -1;
        }
        for (int j = i; j < tokens.size(); j++) {
            Token token = tokens.get(j);
            if (token.is("VIEW")) {
                return j + 1;
            }
            if (token.is("TRIGGER") || token.is("PROCEDURE") || token.is("FUNCTION") || token.is("EVENT") || token.is("AS")) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean at(List<Token> tokens, int i, String word) {
        return i < tokens.size() && tokens.get(i).is(word);
    }

    List<Token> tokens() {
        return tokens;
    }

    Statement statement() {
        return statement;
    }

    /** CREATE/DROP TEMPORARY TABLE: such tables live in one session and reach no row event. */
    boolean temporary() {
        return temporary;
    }

    /** The names, or empty when they cannot be read from the tokens (see {@link #problem()}) or the statement is OTHER. */
    Optional<Names> names() {
        return Optional.ofNullable(names);
    }

    /** Why the names cannot be read; null when they can. */
    String problem() {
        return problem;
    }

    /**
     * The clauses of an ALTER TABLE statement, split at the commas outside parentheses, each
     * without its comma; empty for other statements. Reads past the table name without failing.
     */
    List<List<Token>> alterClauses() {
        return alterClauseRanges().stream().map(range -> tokens.subList(range.start(), range.end())).toList();
    }

    /** A clause as token indexes {@code [start, end)}; never empty. */
    private record Range(int start, int end) {}

    private List<Range> alterClauseRanges() {
        if (statement != Statement.ALTER_TABLE) {
            return List.of();
        }
        int i = skipIfExists(body);
        if (i < tokens.size() && tokens.get(i).isName()) {
            i = afterName(i);
        }
        i = skipWait(i);
        List<Range> clauses = new ArrayList<>();
        int start = i;
        int depth = 0;
        for (; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.isSymbol("(")) {
                depth++;
            }
            else if (token.isSymbol(")")) {
                depth--;
            }
            else if (depth == 0 && (token.isSymbol(",") || (token.isSymbol(";") && i == tokens.size() - 1))) {
                if (i > start) {
                    clauses.add(new Range(start, i));
                }
                start = i + 1;
            }
        }
        if (tokens.size() > start) {
            clauses.add(new Range(start, tokens.size()));
        }
        return clauses;
    }

    // ---------------------------------------------------------------- names

    /** A statement whose names are not where the grammar puts them. */
    private static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private Names readNames() throws Unreadable {
        List<TableName> tables = new ArrayList<>();
        List<Rename> renames = new ArrayList<>();
        DatabaseName database = null;
        int queryStart = -1;
        int queryEnd = -1;
        int i = body;
        switch (statement) {
            case CREATE_TABLE -> {
                i = tableName(skipIfExists(i), tables);
                if (at(tokens, i, "LIKE")) {
                    expectEnd(tableName(i + 1, tables));
                }
                else if (symbolAt(i, "(") && at(tokens, i + 1, "LIKE")) {
                    int after = tableName(i + 2, tables);
                    if (!symbolAt(after, ")")) {
                        throw new Unreadable("expected ')' after CREATE TABLE ... (LIKE name");
                    }
                    expectEnd(after + 1);
                }
                else {
                    queryStart = queryStart(i);
                    queryEnd = queryStart < 0 ? -1 : tokens.size();
                    references(i, queryStart < 0 ? tokens.size() : queryStart, tables);
                }
            }
            case ALTER_TABLE -> {
                tableName(skipIfExists(i), tables);
                for (Range clause : alterClauseRanges()) {
                    int start = clause.start();
                    int end = clause.end();
                    Token next = start + 1 < end ? tokens.get(start + 1) : null;
                    if (tokens.get(start).is("RENAME") && next != null && !(next.is("COLUMN") || next.is("INDEX") || next.is("KEY"))) {
                        int to = next.is("TO") || next.is("AS") ? start + 2 : start + 1;
                        renames.add(new Rename(0, tables.size()));
                        if (tableName(to, tables) != end) {
                            throw new Unreadable("expected the end of the RENAME clause after the new table name");
                        }
                    }
                    else {
                        references(start, end, tables);
                        // EXCHANGE PARTITION p WITH TABLE t, CONVERT PARTITION p TO TABLE t, CONVERT TABLE t TO PARTITION p
                        for (int j = start; j < end; j++) {
                            if (tokens.get(j).is("TABLE")) {
                                j = tableName(j + 1, tables) - 1;
                            }
                        }
                    }
                }
            }
            case DROP_TABLE, DROP_VIEW -> {
                i = skipIfExists(i);
                while (true) {
                    i = tableName(i, tables);
                    if (!symbolAt(i, ",")) {
                        break;
                    }
                    i++;
                }
                i = skipWait(i);
                if (at(tokens, i, "RESTRICT") || at(tokens, i, "CASCADE")) {
                    i++;
                }
                expectEnd(i);
            }
            case RENAME_TABLE -> {
                i = skipIfExists(i);
                while (true) {
                    int from = tables.size();
                    i = skipWait(tableName(i, tables));
                    if (!at(tokens, i, "TO")) {
                        throw new Unreadable("expected TO after the table to rename");
                    }
                    renames.add(new Rename(from, tables.size()));
                    i = tableName(i + 1, tables);
                    if (!symbolAt(i, ",")) {
                        break;
                    }
                    i++;
                }
                expectEnd(i);
            }
            case TRUNCATE_TABLE -> expectEnd(skipWait(tableName(i, tables)));
            case CREATE_INDEX, DROP_INDEX -> {
                int on = depthZeroWord(i, "ON");
                if (on < 0) {
                    throw new Unreadable("expected ON table after the index name");
                }
                tableName(on + 1, tables);
            }
            case CREATE_VIEW, ALTER_VIEW -> {
                i = tableName(skipIfExists(i), tables);
                if (symbolAt(i, "(")) {
                    i = closing(i) + 1;
                }
                if (!at(tokens, i, "AS")) {
                    throw new Unreadable("expected AS after the view name");
                }
                queryStart = i + 1;
                queryEnd = checkOptionStart();
                if (queryStart >= queryEnd) {
                    throw new Unreadable("expected a query after AS");
                }
            }
            case CREATE_DATABASE, DROP_DATABASE -> {
                i = skipIfExists(i);
                if (i >= tokens.size() || !tokens.get(i).isName()) {
                    throw new Unreadable("expected a database name");
                }
                Token name = tokens.get(i);
                database = new DatabaseName(name.name(), name.start(), name.end());
            }
            case ALTER_DATABASE -> {
                Token name = i < tokens.size() ? tokens.get(i) : null;
                if (name != null && (name.type() == DdlTokens.Type.QUOTED_NAME
                        || (name.type() == DdlTokens.Type.WORD && !DATABASE_OPTIONS.contains(name.text().toUpperCase(Locale.ROOT))))) {
                    database = new DatabaseName(name.name(), name.start(), name.end());
                }
                else {
                    int end = tokens.get(i - 1).end();
                    database = new DatabaseName(null, end, end);
                }
            }
            case OTHER -> throw new IllegalStateException("no names in OTHER statements");
        }
        return new Names(tables, renames, Optional.ofNullable(database), queryStart, queryEnd);
    }

    /** Reads {@code name} or {@code db.name} at i into tables; returns the index after it. */
    private int tableName(int i, List<TableName> tables) throws Unreadable {
        return tableName(i, tables, false);
    }

    private int tableName(int i, List<TableName> tables, boolean foreignKey) throws Unreadable {
        if (i >= tokens.size() || !tokens.get(i).isName()) {
            throw new Unreadable("expected a table name at " + describe(i));
        }
        Token first = tokens.get(i);
        int after = afterName(i);
        if (after == i + 3) {
            Token second = tokens.get(i + 2);
            tables.add(new TableName(first.name(), second.name(), first.start(), second.end(), foreignKey));
        }
        else {
            tables.add(new TableName(null, first.name(), first.start(), first.end(), foreignKey));
        }
        return after;
    }

    private int afterName(int i) {
        return i + 2 < tokens.size() && tokens.get(i + 1).isSymbol(".") && tokens.get(i + 2).isName() ? i + 3 : i + 1;
    }

    /**
     * Every {@code REFERENCES name} (foreign keys) and every name in a MERGE table's
     * {@code UNION [=] (name, ...)} in {@code [from, to)}.
     */
    private void references(int from, int to, List<TableName> tables) throws Unreadable {
        for (int j = from; j < to; j++) {
            if (tokens.get(j).is("REFERENCES")) {
                j = tableName(j + 1, tables, true) - 1;
            }
            else if (tokens.get(j).is("UNION")) {
                int k = symbolAt(j + 1, "=") ? j + 2 : j + 1;
                if (!symbolAt(k, "(")) {
                    throw new Unreadable("expected '(' after UNION");
                }
                do {
                    k = tableName(k + 1, tables);
                }
                while (symbolAt(k, ","));
                if (!symbolAt(k, ")")) {
                    throw new Unreadable("expected ')' after the UNION tables");
                }
                j = k;
            }
        }
    }

    /** Where the query of CREATE TABLE ... [AS] SELECT starts: SELECT, WITH, or a parenthesis around one; -1 without one. */
    private int queryStart(int from) {
        int depth = 0;
        for (int j = from; j < tokens.size(); j++) {
            Token token = tokens.get(j);
            if (depth == 0 && startsQuery(j)) {
                return j;
            }
            if (token.isSymbol("(")) {
                depth++;
            }
            else if (token.isSymbol(")")) {
                depth--;
            }
        }
        return -1;
    }

    /**
     * Whether a query starts at j: SELECT, or WITH opening a common table expression (not
     * MariaDB's table option WITH SYSTEM VERSIONING), possibly behind more parentheses.
     */
    private boolean startsQuery(int j) {
        while (symbolAt(j, "(")) {
            j++;
        }
        return at(tokens, j, "SELECT") || (at(tokens, j, "WITH") && !at(tokens, j + 1, "SYSTEM"));
    }

    /** The token where a view's trailing {@code WITH [CASCADED|LOCAL] CHECK OPTION} starts, or the end. */
    private int checkOptionStart() {
        int n = tokens.size();
        if (n >= 3 && at(tokens, n - 2, "CHECK") && at(tokens, n - 1, "OPTION")) {
            if (at(tokens, n - 3, "WITH")) {
                return n - 3;
            }
            if (n >= 4 && (at(tokens, n - 3, "CASCADED") || at(tokens, n - 3, "LOCAL")) && at(tokens, n - 4, "WITH")) {
                return n - 4;
            }
        }
        return n;
    }

    private int depthZeroWord(int from, String word) {
        int depth = 0;
        for (int j = from; j < tokens.size(); j++) {
            Token token = tokens.get(j);
            if (token.isSymbol("(")) {
                depth++;
            }
            else if (token.isSymbol(")")) {
                depth--;
            }
            else if (depth == 0 && token.is(word)) {
                return j;
            }
        }
        return -1;
    }

    private int closing(int open) throws Unreadable {
        int depth = 0;
        for (int j = open; j < tokens.size(); j++) {
            if (tokens.get(j).isSymbol("(")) {
                depth++;
            }
            else if (tokens.get(j).isSymbol(")") && --depth == 0) {
                return j;
            }
        }
        throw new Unreadable("unbalanced parentheses");
    }

    private int skipIfExists(int i) {
        if (at(tokens, i, "IF") && at(tokens, i + 1, "NOT") && at(tokens, i + 2, "EXISTS")) {
            return i + 3;
        }
        if (at(tokens, i, "IF") && at(tokens, i + 1, "EXISTS")) {
            return i + 2;
        }
        return i;
    }

    /** MariaDB's lock wait clause: {@code WAIT n} or {@code NOWAIT}. */
    private int skipWait(int i) {
        if (at(tokens, i, "NOWAIT")) {
            return i + 1;
        }
        if (at(tokens, i, "WAIT") && i + 1 < tokens.size() && tokens.get(i + 1).type() == DdlTokens.Type.WORD
                && Character.isDigit(tokens.get(i + 1).text().charAt(0))) {
            return i + 2;
        }
        return i;
    }

    private boolean symbolAt(int i, String symbol) {
        return i < tokens.size() && tokens.get(i).isSymbol(symbol);
    }

    private void expectEnd(int i) throws Unreadable {
        if (i < tokens.size() && !(i == tokens.size() - 1 && tokens.get(i).isSymbol(";"))) {
            throw new Unreadable("unexpected " + describe(i));
        }
    }

    private String describe(int i) {
        return i < tokens.size() ? "'" + tokens.get(i).text() + "'" : "the end of the statement";
    }
}
