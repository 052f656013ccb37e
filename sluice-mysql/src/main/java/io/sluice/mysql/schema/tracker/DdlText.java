package io.sluice.mysql.schema.tracker;

import static io.sluice.mysql.ddl.SqlLexing.endOfQuoted;
import static io.sluice.mysql.ddl.SqlLexing.isWordChar;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tokens of one DDL statement as MariaDB reads them: comments dropped, executable comments
 * ({@code /*!50100 ...}{@code *}{@code /}, {@code /*M!...}) unwrapped, strings and quoted names kept
 * whole. It tells what kind of statement it is, rewrites the few MariaDB spellings Druid's parser
 * does not accept into equivalent ones, and finds the tables a statement names when Druid cannot
 * parse it.
 */
final class DdlText {
    enum Kind {
        CREATE_TABLE, ALTER_TABLE, DROP_TABLE, RENAME_TABLE, TRUNCATE_TABLE, CREATE_INDEX, DROP_INDEX,
        CREATE_DATABASE, ALTER_DATABASE, DROP_DATABASE,
        /** CREATE/DROP TEMPORARY TABLE: temporary tables never reach row events. */
        TEMPORARY_TABLE,
        /** Anything that does not change a table's or database's definition. */
        OTHER
    }

    enum Type { WORD, QUOTED_NAME, STRING, SYMBOL }

    record Token(Type type, String text, boolean spaceBefore) {
        boolean is(String word) {
            return type == Type.WORD && text.equalsIgnoreCase(word);
        }

        boolean isSymbol(String symbol) {
            return type == Type.SYMBOL && text.equals(symbol);
        }

        boolean isName() {
            return type == Type.WORD || type == Type.QUOTED_NAME;
        }

        /** The identifier this token names, without quotes. */
        String name() {
            return type == Type.QUOTED_NAME ? Names.unquote(text) : text;
        }

        Token withSpace(boolean space) {
            return new Token(type, text, space);
        }
    }

    /** A table name as written: database null when unqualified. */
    record QualifiedName(String database, String table) {}

    private static final Set<String> CHARSET_WORDS = Set.of("CHARACTER", "CHARSET", "COLLATE");
    private static final Set<String> COLUMN_NAME_WORDS = Set.of("ADD", "COLUMN", "CHANGE", "MODIFY", "DROP", "AFTER", "RENAME", "TO", "EXISTS");

    private final List<Token> tokens;
    private final Kind kind;
    private final boolean ifExists;
    private final boolean orReplace;

    private DdlText(List<Token> tokens, boolean ifExists, boolean orReplace) {
        this.tokens = tokens;
        this.ifExists = ifExists;
        this.orReplace = orReplace;
        this.kind = classify(tokens);
    }

    static DdlText of(String sql) {
        List<Token> raw = tokenize(sql);
        return rewrite(raw);
    }

    Kind kind() {
        return kind;
    }

    /** Whether the statement had IF EXISTS / IF NOT EXISTS somewhere (removed from {@link #sql()}). */
    boolean ifExists() {
        return ifExists;
    }

    /** Whether the statement was CREATE OR REPLACE (removed from {@link #sql()}). */
    boolean orReplace() {
        return orReplace;
    }

    List<Token> tokens() {
        return tokens;
    }

    /** The rewritten statement for Druid. */
    String sql() {
        return join(tokens);
    }

    static String join(List<Token> tokens) {
        StringBuilder sql = new StringBuilder();
        for (Token token : tokens) {
            if (token.spaceBefore() && !sql.isEmpty()) {
                sql.append(' ');
            }
            sql.append(token.text());
        }
        return sql.toString();
    }

    /** Splits a script into statements at top-level semicolons. */
    static List<String> splitStatements(String script) {
        List<String> statements = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (Token token : tokenize(script)) {
            if (token.isSymbol(";")) {
                if (!current.isEmpty()) {
                    statements.add(join(current));
                    current = new ArrayList<>();
                }
            }
            else {
                current.add(token);
            }
        }
        if (!current.isEmpty()) {
            statements.add(join(current));
        }
        return statements;
    }

    /**
     * The tables a table statement names (for CREATE/ALTER/DROP/RENAME TABLE and CREATE/DROP
     * INDEX), found without a full parse; empty when they cannot be told.
     */
    List<QualifiedName> tableNames() {
        List<QualifiedName> names = new ArrayList<>();
        try {
            switch (kind) {
                case CREATE_TABLE -> names.add(nameAt(indexOfWord("TABLE", 0) + 1));
                case ALTER_TABLE -> {
                    int i = indexOfWord("TABLE", 0) + 1;
                    names.add(nameAt(i));
                    // ... RENAME [TO|AS] other, but not RENAME COLUMN/INDEX/KEY
                    for (int j = i + 1; j + 1 < tokens.size(); j++) {
                        Token next = tokens.get(j + 1);
                        if (tokens.get(j).is("RENAME") && !next.is("COLUMN") && !next.is("INDEX") && !next.is("KEY")) {
                            names.add(nameAt(next.is("TO") || next.is("AS") ? j + 2 : j + 1));
                        }
                    }
                }
                case DROP_TABLE -> {
                    int i = tokens.get(1).is("TABLES") ? 2 : indexOfWord("TABLE", 0) + 1;
                    while (true) {
                        names.add(nameAt(i));
                        i = afterName(i);
                        if (i >= tokens.size() || !tokens.get(i).isSymbol(",")) {
                            break;
                        }
                        i++;
                    }
                }
                case RENAME_TABLE -> {
                    int i = 2;
                    while (true) {
                        names.add(nameAt(i));
                        i = afterName(i);
                        if (!tokens.get(i).is("TO")) {
                            return List.of();
                        }
                        names.add(nameAt(i + 1));
                        i = afterName(i + 1);
                        if (i >= tokens.size() || !tokens.get(i).isSymbol(",")) {
                            break;
                        }
                        i++;
                    }
                }
                case CREATE_INDEX, DROP_INDEX -> names.add(nameAt(indexOfWord("ON", 0) + 1));
                default -> {
                    return List.of();
                }
            }
        }
        catch (RuntimeException e) {
            return List.of();
        }
        return names;
    }

    private int indexOfWord(String word, int from) {
        for (int i = from; i < tokens.size(); i++) {
            if (tokens.get(i).is(word)) {
                return i;
            }
        }
        throw new IllegalStateException("no " + word);
    }

    private QualifiedName nameAt(int i) {
        Token first = tokens.get(i);
        if (!first.isName()) {
            throw new IllegalStateException("not a name");
        }
        if (i + 2 < tokens.size() && tokens.get(i + 1).isSymbol(".") && tokens.get(i + 2).isName()) {
            return new QualifiedName(first.name(), tokens.get(i + 2).name());
        }
        return new QualifiedName(null, first.name());
    }

    private int afterName(int i) {
        return i + 2 < tokens.size() && tokens.get(i + 1).isSymbol(".") && tokens.get(i + 2).isName() ? i + 3 : i + 1;
    }

    // ---------------------------------------------------------------- classification

    private static Kind classify(List<Token> tokens) {
        if (tokens.isEmpty()) {
            return Kind.OTHER;
        }
        int i = 0;
        Token first = tokens.get(i++);
        if (first.is("CREATE")) {
            if (at(tokens, i, "TEMPORARY")) {
                return at(tokens, i + 1, "TABLE") ? Kind.TEMPORARY_TABLE : Kind.OTHER;
            }
            if (at(tokens, i, "TABLE")) {
                return Kind.CREATE_TABLE;
            }
            if (at(tokens, i, "DATABASE") || at(tokens, i, "SCHEMA")) {
                return Kind.CREATE_DATABASE;
            }
            if (at(tokens, i, "ONLINE") || at(tokens, i, "OFFLINE")) {
                i++;
            }
            if (at(tokens, i, "UNIQUE") || at(tokens, i, "FULLTEXT") || at(tokens, i, "SPATIAL")) {
                i++;
            }
            return at(tokens, i, "INDEX") ? Kind.CREATE_INDEX : Kind.OTHER;
        }
        if (first.is("ALTER")) {
            while (at(tokens, i, "ONLINE") || at(tokens, i, "OFFLINE") || at(tokens, i, "IGNORE")) {
                i++;
            }
            if (at(tokens, i, "TABLE")) {
                return Kind.ALTER_TABLE;
            }
            return at(tokens, i, "DATABASE") || at(tokens, i, "SCHEMA") ? Kind.ALTER_DATABASE : Kind.OTHER;
        }
        if (first.is("DROP")) {
            if (at(tokens, i, "TEMPORARY")) {
                return Kind.TEMPORARY_TABLE;
            }
            if (at(tokens, i, "TABLE") || at(tokens, i, "TABLES")) {
                return Kind.DROP_TABLE;
            }
            if (at(tokens, i, "DATABASE") || at(tokens, i, "SCHEMA")) {
                return Kind.DROP_DATABASE;
            }
            if (at(tokens, i, "ONLINE") || at(tokens, i, "OFFLINE")) {
                i++;
            }
            return at(tokens, i, "INDEX") ? Kind.DROP_INDEX : Kind.OTHER;
        }
        if (first.is("RENAME")) {
            return at(tokens, i, "TABLE") || at(tokens, i, "TABLES") ? Kind.RENAME_TABLE : Kind.OTHER;
        }
        if (first.is("TRUNCATE")) {
            return Kind.TRUNCATE_TABLE;
        }
        return Kind.OTHER;
    }

    private static boolean at(List<Token> tokens, int i, String word) {
        return i < tokens.size() && tokens.get(i).is(word);
    }

    // ---------------------------------------------------------------- rewriting

    /**
     * Rewrites spellings Druid 1.2 rejects into equivalent ones: {@code DEFAULT CHARSET} and
     * {@code CHARSET} into {@code CHARACTER SET}, {@code IF [NOT] EXISTS} dropped (remembered),
     * {@code CREATE OR REPLACE} into CREATE (remembered), {@code LONG VARCHAR/VARBINARY},
     * {@code NATIONAL CHARACTER [VARYING]}, {@code [N]CHAR VARYING} into their plain type names,
     * and quoted charset or collation names unquoted.
     */
    private static DdlText rewrite(List<Token> raw) {
        List<Token> out = new ArrayList<>(raw.size());
        boolean ifExists = false;
        boolean orReplace = false;
        for (int i = 0; i < raw.size(); i++) {
            Token token = raw.get(i);
            Token next = i + 1 < raw.size() ? raw.get(i + 1) : null;
            Token afterNext = i + 2 < raw.size() ? raw.get(i + 2) : null;
            if (i == 1 && token.is("OR") && next != null && next.is("REPLACE") && raw.getFirst().is("CREATE")) {
                orReplace = true;
                i++;
                continue;
            }
            if (token.is("IF") && next != null && next.is("NOT") && afterNext != null && afterNext.is("EXISTS")) {
                ifExists = true;
                i += 2;
                continue;
            }
            if (token.is("IF") && next != null && next.is("EXISTS")) {
                ifExists = true;
                i++;
                continue;
            }
            if (token.is("DEFAULT") && next != null && next.type() == Type.WORD && !isCharsetValuePosition(out)
                    && CHARSET_WORDS.contains(next.text().toUpperCase(Locale.ROOT))
                    && !(next.is("CHARACTER") && afterNext != null && afterNext.is("VARYING"))) {
                raw.set(i + 1, next.withSpace(token.spaceBefore()));
                continue;
            }
            if (token.is("INVISIBLE") && !namesAColumn(out)) {
                // MariaDB's invisible columns: still in every row image, so the tracker keeps them; the parser knows no such attribute
                continue;
            }
            if (token.is("CHARSET")) {
                out.add(new Token(Type.WORD, "CHARACTER", token.spaceBefore()));
                out.add(new Token(Type.WORD, "SET", true));
                continue;
            }
            if (token.is("LONG") && next != null && (next.is("VARBINARY") || next.is("VARCHAR") || next.is("VARCHARACTER"))) {
                out.add(new Token(Type.WORD, next.is("VARBINARY") ? "MEDIUMBLOB" : "MEDIUMTEXT", token.spaceBefore()));
                i++;
                continue;
            }
            if (token.is("NATIONAL") && next != null && (next.is("CHARACTER") || next.is("CHAR"))) {
                boolean varying = afterNext != null && afterNext.is("VARYING");
                out.add(new Token(Type.WORD, varying ? "NVARCHAR" : "NCHAR", token.spaceBefore()));
                i += varying ? 2 : 1;
                continue;
            }
            if (token.is("NATIONAL") && next != null && next.is("VARCHAR")) {
                out.add(new Token(Type.WORD, "NVARCHAR", token.spaceBefore()));
                i++;
                continue;
            }
            if (token.is("NCHAR") && next != null && (next.is("VARYING") || next.is("VARCHAR"))) {
                out.add(new Token(Type.WORD, "NVARCHAR", token.spaceBefore()));
                i++;
                continue;
            }
            if ((token.is("CHARACTER") || token.is("CHAR")) && next != null && next.is("VARYING")) {
                out.add(new Token(Type.WORD, "VARCHAR", token.spaceBefore()));
                i++;
                continue;
            }
            if (token.is("BINARY") && isCharsetValuePosition(out)) {
                // the parser takes BINARY for the keyword: CHARACTER SET binary, COLLATE binary -> `binary`
                out.add(new Token(Type.QUOTED_NAME, "`binary`", token.spaceBefore()));
                continue;
            }
            if (token.type() == Type.STRING && isCharsetValuePosition(out) && token.text().length() > 2) {
                String value = Names.unquote(token.text());
                if (value.matches("[A-Za-z0-9_]+")) {
                    out.add(new Token(Type.WORD, value, token.spaceBefore()));
                    continue;
                }
            }
            out.add(token);
        }
        return new DdlText(List.copyOf(out), ifExists, orReplace);
    }

    /**
     * Whether a word here is a column name (a column called {@code invisible}) rather than an
     * attribute: at the start of a definition or of a list item, after the words that introduce a
     * column name, or as the new name of {@code CHANGE [COLUMN] old new}.
     */
    private static boolean namesAColumn(List<Token> out) {
        if (out.isEmpty()) {
            return false;
        }
        Token previous = out.getLast();
        if (previous.isSymbol("(") || previous.isSymbol(",")) {
            return true;
        }
        if (COLUMN_NAME_WORDS.stream().anyMatch(previous::is)) {
            return true;
        }
        int last = out.size() - 1;
        boolean previousIsName = previous.type() == Type.WORD || previous.type() == Type.QUOTED_NAME;
        return previousIsName && last >= 1 && (out.get(last - 1).is("CHANGE")
                || out.get(last - 1).is("COLUMN") && last >= 2 && out.get(last - 2).is("CHANGE"));
    }

    /** After {@code CHARACTER SET [=]} or {@code COLLATE [=]}. */
    private static boolean isCharsetValuePosition(List<Token> out) {
        int last = out.size() - 1;
        if (last >= 0 && out.get(last).isSymbol("=")) {
            last--;
        }
        if (last < 0) {
            return false;
        }
        Token previous = out.get(last);
        return previous.is("COLLATE") || (previous.is("SET") && last > 0 && out.get(last - 1).is("CHARACTER"));
    }

    // ---------------------------------------------------------------- tokenizer

    static List<Token> tokenize(String sql) {
        List<Token> tokens = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        int executableDepth = 0;
        boolean space = false;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
                i++;
            }
            else if (c == '#' || (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-'
                    && (i + 2 >= n || Character.isWhitespace(sql.charAt(i + 2)) || Character.isISOControl(sql.charAt(i + 2))))) {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
                space = true;
            }
            else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int marker = i + 2;
                if (marker < n && sql.charAt(marker) == 'M' && marker + 1 < n && sql.charAt(marker + 1) == '!') {
                    marker++;
                }
                if (marker < n && sql.charAt(marker) == '!') {
                    // executable comment: its content is part of the statement
                    i = marker + 1;
                    while (i < n && Character.isDigit(sql.charAt(i))) {
                        i++;
                    }
                    executableDepth++;
                }
                else {
                    int end = sql.indexOf("*/", i + 2);
                    i = end < 0 ? n : end + 2;
                }
                space = true;
            }
            else if (c == '*' && executableDepth > 0 && i + 1 < n && sql.charAt(i + 1) == '/') {
                executableDepth--;
                i += 2;
                space = true;
            }
            else if (c == '\'' || c == '"') {
                int end = endOfQuoted(sql, i, c, true);
                tokens.add(new Token(Type.STRING, sql.substring(i, end), space));
                space = false;
                i = end;
            }
            else if (c == '`') {
                int end = endOfQuoted(sql, i, c, false);
                tokens.add(new Token(Type.QUOTED_NAME, sql.substring(i, end), space));
                space = false;
                i = end;
            }
            else if (isWordChar(c)) {
                int end = i;
                while (end < n && isWordChar(sql.charAt(end))) {
                    end++;
                }
                tokens.add(new Token(Type.WORD, sql.substring(i, end), space));
                space = false;
                i = end;
            }
            else {
                tokens.add(new Token(Type.SYMBOL, String.valueOf(c), space));
                space = false;
                i++;
            }
        }
        return tokens;
    }

}
