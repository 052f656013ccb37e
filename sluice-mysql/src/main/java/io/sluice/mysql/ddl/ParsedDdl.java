package io.sluice.mysql.ddl;

import static java.util.Objects.requireNonNull;

import com.alibaba.druid.DbType;
import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr;
import com.alibaba.druid.sql.ast.expr.SQLListExpr;
import com.alibaba.druid.sql.ast.expr.SQLPropertyExpr;
import com.alibaba.druid.sql.ast.statement.SQLAlterDatabaseStatement;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableAddColumn;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableAddConstraint;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableExchangePartition;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableRename;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLAlterViewStatement;
import com.alibaba.druid.sql.ast.statement.SQLAssignItem;
import com.alibaba.druid.sql.ast.statement.SQLColumnConstraint;
import com.alibaba.druid.sql.ast.statement.SQLColumnDefinition;
import com.alibaba.druid.sql.ast.statement.SQLColumnReference;
import com.alibaba.druid.sql.ast.statement.SQLCreateDatabaseStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateViewStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropDatabaseStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropViewStatement;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLForeignKeyConstraint;
import com.alibaba.druid.sql.ast.statement.SQLSelect;
import com.alibaba.druid.sql.ast.statement.SQLTableElement;
import com.alibaba.druid.sql.ast.statement.SQLTableLike;
import com.alibaba.druid.sql.ast.statement.SQLTableSource;
import com.alibaba.druid.sql.ast.statement.SQLTruncateStatement;
import com.alibaba.druid.sql.ast.statement.SQLWithSubqueryClause;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableChangeColumn;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableModifyColumn;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlRenameTableStatement;
import com.alibaba.druid.sql.dialect.mysql.visitor.MySqlASTVisitorAdapter;
import io.sluice.mysql.ddl.DdlTokens.Token;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One DDL statement as Druid's MySQL parser reads it: the second, independent reading that
 * {@link DdlRewriter} checks the keyword reading of {@link DdlSyntax} against, and the only one
 * that knows which tables a query names. Druid 1.2 rejects some MariaDB syntax, so the text it is
 * given is the statement's tokens (comments dropped, executable comments unwrapped) without the
 * words that only MariaDB knows and that never name a table: {@code OR REPLACE},
 * {@code IF [NOT] EXISTS}, {@code WAIT n}/{@code NOWAIT}, {@code [WITH|WITHOUT] SYSTEM VERSIONING},
 * {@code GENERATED ALWAYS AS ROW START|END}, {@code PERIOD FOR}, {@code INVISIBLE}, {@code [NOT] IGNORED},
 * {@code COMPRESSED} and MariaDB's table options. A word dropped wrongly can only make the two
 * readings disagree, which refuses the statement; the query is passed on untouched.
 */
final class ParsedDdl {
    /**
     * A name as Druid read it, unquoted; database null when unqualified. foreignKey: a REFERENCES
     * name, which when unqualified is in the database of the statement's table.
     */
    record RawName(String database, String table, boolean foreignKey) {
        RawName {
            requireNonNull(table, "table is null");
        }

        RawName asForeignKey() {
            return new RawName(database, table, true);
        }
    }

    /** A statement Druid reads differently from what the keywords say, or names in a shape Sluice does not know. */
    static final class Unexpected extends Exception {
        Unexpected(String message) {
            super(message, null, false, false);
        }
    }

    /** MariaDB table options Druid 1.2 rejects: {@code NAME [=] value} is left out of the text Druid reads. */
    private static final Set<String> MARIADB_TABLE_OPTIONS = Set.of(
            "PAGE_COMPRESSED", "PAGE_COMPRESSION_LEVEL", "SEQUENCE", "ENCRYPTED", "ENCRYPTION_KEY_ID", "TRANSACTIONAL", "PAGE_CHECKSUM", "IETF_QUOTES");

    private final SQLStatement statement;

    private ParsedDdl(SQLStatement statement) {
        this.statement = statement;
    }

    /**
     * Parses the statement; {@code defaultDatabase} fills the name of an ALTER DATABASE that names
     * none, which Druid cannot read.
     *
     * @throws RuntimeException (Druid's ParserException and others) when Druid cannot read it
     */
    static ParsedDdl parse(DdlSyntax syntax, String defaultDatabase) {
        List<SQLStatement> statements;
        try {
            statements = SQLUtils.parseStatements(druidText(syntax, defaultDatabase), DbType.mysql);
        }
        catch (NoClassDefFoundError e) {
            // Druid 1.2.28 reads a select item's alias without AS with commons-lang3's Pair, an optional dependency
            throw new IllegalArgumentException("the parser needs a class that is not on the class path: " + e.getMessage(), e);
        }
        if (statements.size() != 1) {
            throw new IllegalArgumentException("the text holds " + statements.size() + " statements");
        }
        return new ParsedDdl(statements.getFirst());
    }

    static String druidText(DdlSyntax syntax, String defaultDatabase) {
        List<Token> tokens = syntax.tokens();
        int queryStart = syntax.names().map(DdlSyntax.Names::queryStart).orElse(-1);
        int queryEnd = syntax.names().map(DdlSyntax.Names::queryEnd).orElse(-1);
        String namelessDatabase = syntax.names().flatMap(DdlSyntax.Names::database)
                .filter(database -> database.name() == null && !defaultDatabase.isEmpty())
                .map(database -> " " + DdlRewriter.quote(defaultDatabase))
                .orElse(null);
        StringBuilder text = new StringBuilder();
        Token previous = null;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            boolean inQuery = i >= queryStart && i < queryEnd;
            int skip = inQuery ? 0 : mariaDbOnly(tokens, i);
            if (skip > 0) {
                i += skip - 1;
                previous = null;
                continue;
            }
            if (previous == null || previous.end() != token.start()) {
                text.append(' ');
            }
            if (token.type() == DdlTokens.Type.WORD && !token.text().chars().allMatch(c -> c < 0x80)) {
                // Druid's lexer rejects some unquoted non-ASCII names; quoted it reads them all
                text.append(DdlRewriter.quote(token.text()));
            }
            else if (!inQuery && i == 1 && token.is("TABLES") && tokens.getFirst().is("RENAME")) {
                text.append("TABLE");
            }
            else {
                text.append(token.text());
            }
            if (namelessDatabase != null && syntax.statement() == DdlSyntax.Statement.ALTER_DATABASE && i == 1) {
                text.append(namelessDatabase);
            }
            previous = token;
        }
        return text.toString().strip();
    }

    /** How many tokens from i are MariaDB-only words that name nothing; 0 when none. */
    private static int mariaDbOnly(List<Token> tokens, int i) {
        Token token = tokens.get(i);
        if (i == 1 && token.is("OR") && at(tokens, i + 1, "REPLACE") && tokens.getFirst().is("CREATE")) {
            return 2;
        }
        if (token.is("IF") && at(tokens, i + 1, "NOT") && at(tokens, i + 2, "EXISTS")) {
            return 3;
        }
        if (token.is("IF") && at(tokens, i + 1, "EXISTS")) {
            return 2;
        }
        if (token.is("NOWAIT")) {
            return 1;
        }
        if (token.is("WAIT") && i + 1 < tokens.size() && tokens.get(i + 1).type() == DdlTokens.Type.WORD
                && Character.isDigit(tokens.get(i + 1).text().charAt(0))) {
            return 2;
        }
        if ((token.is("WITH") || token.is("WITHOUT")) && at(tokens, i + 1, "SYSTEM") && at(tokens, i + 2, "VERSIONING")) {
            return 3;
        }
        if (token.is("INVISIBLE") || token.is("IGNORED")) {
            return 1;
        }
        if (token.is("NOT") && at(tokens, i + 1, "IGNORED")) {
            return 2;
        }
        if (token.is("COMPRESSED")) {
            // column compression: COMPRESSED [= method]
            return i + 2 < tokens.size() && tokens.get(i + 1).isSymbol("=") ? 3 : 1;
        }
        if (token.is("GENERATED") && at(tokens, i + 1, "ALWAYS") && at(tokens, i + 2, "AS") && at(tokens, i + 3, "ROW")
                && (at(tokens, i + 4, "START") || at(tokens, i + 4, "END"))) {
            return 5;
        }
        if (token.isSymbol(",") && at(tokens, i + 1, "PERIOD") && at(tokens, i + 2, "FOR") && i + 4 < tokens.size() && tokens.get(i + 4).isSymbol("(")) {
            // , PERIOD FOR name (start, end): an application-time or system-time period
            for (int j = i + 5; j < tokens.size(); j++) {
                if (tokens.get(j).isSymbol(")")) {
                    return j - i + 1;
                }
            }
        }
        if (token.type() == DdlTokens.Type.WORD && MARIADB_TABLE_OPTIONS.contains(token.text().toUpperCase(Locale.ROOT))
                && i > 0 && !tokens.get(i - 1).isSymbol(".")) {
            int value = i + 1 < tokens.size() && tokens.get(i + 1).isSymbol("=") ? i + 2 : i + 1;
            return value < tokens.size() ? value - i + 1 : 0;
        }
        return 0;
    }

    private static boolean at(List<Token> tokens, int i, String word) {
        return i < tokens.size() && tokens.get(i).is(word);
    }

    SQLStatement statement() {
        return statement;
    }

    /** The statement's query: CREATE TABLE ... SELECT, CREATE/ALTER VIEW; null without one. */
    SQLSelect query() {
        if (statement instanceof SQLCreateTableStatement create) {
            return create.getSelect();
        }
        if (statement instanceof SQLCreateViewStatement view) {
            return view.getSubQuery();
        }
        if (statement instanceof SQLAlterViewStatement view) {
            return view.getSubQuery();
        }
        return null;
    }

    /** Every table or view the statement names outside its query; the statement's own table (created, altered...) first. */
    List<RawName> tableNames() throws Unexpected {
        List<RawName> names = new ArrayList<>();
        switch (statement) {
            case SQLCreateTableStatement create -> {
                names.add(name(create.getTableSource().getExpr()));
                mergeUnion(create.getTableOptions(), names);
                if (create.getLike() != null) {
                    names.add(name(create.getLike().getExpr()));
                }
                for (SQLTableElement element : create.getTableElementList()) {
                    if (element instanceof SQLTableLike like) {
                        names.add(name(like.getTable().getExpr()));
                    }
                    else if (element instanceof SQLForeignKeyConstraint foreignKey) {
                        names.add(name(foreignKey.getReferencedTableName()).asForeignKey());
                    }
                    else if (element instanceof SQLColumnDefinition column) {
                        columnReferences(column, names);
                    }
                }
            }
            case SQLAlterTableStatement alter -> {
                names.add(name(alter.getTableSource().getExpr()));
                mergeUnion(alter.getTableOptions(), names);
                for (SQLAlterTableItem item : alter.getItems()) {
                    alterItem(item, names);
                }
            }
            case MySqlRenameTableStatement rename -> {
                for (MySqlRenameTableStatement.Item item : rename.getItems()) {
                    names.add(name(item.getName()));
                    names.add(name(item.getTo()));
                }
            }
            case SQLDropTableStatement drop -> {
                for (SQLExprTableSource source : drop.getTableSources()) {
                    names.add(name(source.getExpr()));
                }
            }
            case SQLTruncateStatement truncate -> {
                for (SQLExprTableSource source : truncate.getTableSources()) {
                    names.add(name(source.getExpr()));
                }
            }
            case SQLCreateIndexStatement create -> names.add(name(tableSourceExpr(create.getTable())));
            case SQLDropIndexStatement drop -> names.add(name(drop.getTableName().getExpr()));
            case SQLCreateViewStatement view -> names.add(name(view.getName()));
            case SQLAlterViewStatement view -> names.add(name(view.getName()));
            case SQLDropViewStatement drop -> {
                for (SQLExprTableSource source : drop.getTableSources()) {
                    names.add(name(source.getExpr()));
                }
            }
            case SQLCreateDatabaseStatement ignored -> {}
            case SQLAlterDatabaseStatement ignored -> {}
            case SQLDropDatabaseStatement ignored -> {}
            default -> throw new Unexpected("the parser read it as " + statement.getClass().getSimpleName());
        }
        return names;
    }

    private static void alterItem(SQLAlterTableItem item, List<RawName> names) throws Unexpected {
        switch (item) {
            case SQLAlterTableRename rename -> names.add(name(rename.getToName()));
            case SQLAlterTableAddConstraint add when add.getConstraint() instanceof SQLForeignKeyConstraint foreignKey ->
                    names.add(name(foreignKey.getReferencedTableName()).asForeignKey());
            case SQLAlterTableExchangePartition exchange -> names.add(name(exchange.getTable().getExpr()));
            case SQLAlterTableAddColumn add -> {
                for (SQLColumnDefinition column : add.getColumns()) {
                    columnReferences(column, names);
                }
            }
            case MySqlAlterTableChangeColumn change -> columnReferences(change.getNewColumnDefinition(), names);
            case MySqlAlterTableModifyColumn modify -> columnReferences(modify.getNewColumnDefinition(), names);
            default -> {}
        }
    }

    /** The tables of a MERGE table's {@code UNION=(t1, t2)} option. */
    private static void mergeUnion(List<SQLAssignItem> options, List<RawName> names) throws Unexpected {
        for (SQLAssignItem option : options) {
            if (option.getTarget() != null && option.getTarget().toString().equalsIgnoreCase("UNION")) {
                if (!(option.getValue() instanceof SQLListExpr list)) {
                    throw new Unexpected("the parser read the UNION tables as '" + option.getValue() + "'");
                }
                for (SQLExpr item : list.getItems()) {
                    names.add(name(item));
                }
            }
        }
    }

    /** A column definition's own {@code REFERENCES t (c)}, which MariaDB accepts and ignores. */
    private static void columnReferences(SQLColumnDefinition column, List<RawName> names) throws Unexpected {
        if (column == null) {
            return;
        }
        for (SQLColumnConstraint constraint : column.getConstraints()) {
            if (constraint instanceof SQLColumnReference reference) {
                names.add(name(reference.getTable()).asForeignKey());
            }
        }
    }

    /** The database a database statement names; null when it names none. */
    String databaseName() throws Unexpected {
        SQLExpr name = switch (statement) {
            case SQLCreateDatabaseStatement create -> create.getName();
            case SQLAlterDatabaseStatement alter -> alter.getName();
            case SQLDropDatabaseStatement drop -> drop.getDatabase();
            default -> null;
        };
        if (name == null) {
            return null;
        }
        if (name instanceof SQLIdentifierExpr identifier) {
            return SqlLexing.unquote(identifier.getName());
        }
        throw new Unexpected("the parser read the database name as " + name);
    }

    private static SQLExpr tableSourceExpr(SQLTableSource source) throws Unexpected {
        if (source instanceof SQLExprTableSource table) {
            return table.getExpr();
        }
        throw new Unexpected("the parser read the table as " + source);
    }

    static RawName name(SQLExpr expr) throws Unexpected {
        if (expr instanceof SQLIdentifierExpr identifier) {
            return new RawName(null, SqlLexing.unquote(identifier.getName()), false);
        }
        if (expr instanceof SQLPropertyExpr property && property.getOwner() instanceof SQLIdentifierExpr owner) {
            return new RawName(SqlLexing.unquote(owner.getName()), SqlLexing.unquote(property.getName()), false);
        }
        throw new Unexpected("the parser read a table name as '" + expr + "'");
    }

    /**
     * The tables a query reads, as Druid's table sources so that they can be renamed in place:
     * every {@code FROM}/{@code JOIN} table at any depth, without common table expressions and
     * {@code DUAL}.
     */
    static QueryTables queryTables(SQLSelect query) {
        QueryTables tables = new QueryTables();
        query.accept(tables);
        tables.sources.removeIf(source -> source.getExpr() instanceof SQLIdentifierExpr identifier
                && (tables.commonTableNames.contains(SqlLexing.unquote(identifier.getName()).toLowerCase(Locale.ROOT))
                        || SqlLexing.unquote(identifier.getName()).equalsIgnoreCase("dual")));
        return tables;
    }

    /** Collects a query's table sources, the names of its common table expressions, and column references qualified by a database. */
    static final class QueryTables extends MySqlASTVisitorAdapter {
        private final List<SQLExprTableSource> sources = new ArrayList<>();
        private final Set<String> commonTableNames = new HashSet<>();
        private boolean databaseQualifiedColumns;

        List<SQLExprTableSource> sources() {
            return sources;
        }

        /** Whether some column is written {@code db.table.column}, which renaming the table would break. */
        boolean databaseQualifiedColumns() {
            return databaseQualifiedColumns;
        }

        @Override
        public boolean visit(SQLExprTableSource source) {
            SQLExpr expr = source.getExpr();
            if (expr instanceof SQLIdentifierExpr || (expr instanceof SQLPropertyExpr property && property.getOwner() instanceof SQLIdentifierExpr)) {
                sources.add(source);
                return false;
            }
            return true;
        }

        @Override
        public boolean visit(SQLWithSubqueryClause.Entry entry) {
            commonTableNames.add(SqlLexing.unquote(entry.getAlias()).toLowerCase(Locale.ROOT));
            return true;
        }

        @Override
        public boolean visit(SQLPropertyExpr property) {
            if (property.getOwner() instanceof SQLPropertyExpr) {
                databaseQualifiedColumns = true;
            }
            return true;
        }
    }
}
