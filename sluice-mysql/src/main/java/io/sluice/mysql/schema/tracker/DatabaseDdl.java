package io.sluice.mysql.schema.tracker;

import java.util.List;
import java.util.Locale;

/**
 * CREATE, ALTER and DROP DATABASE (or SCHEMA), read directly from the tokens: Druid 1.2 rejects
 * several valid forms ({@code ALTER DATABASE d CHARACTER SET = x COLLATE = y},
 * {@code ALTER SCHEMA COLLATE x}) and the grammar is small. Only the default charset and collation
 * matter; other options are skipped.
 */
final class DatabaseDdl {
    private final TrackerState state;
    private final DdlText text;
    private final String defaultDatabase;
    private final List<DdlText.Token> tokens;

    DatabaseDdl(TrackerState state, DdlText text, String defaultDatabase) {
        this.state = state;
        this.text = text;
        this.defaultDatabase = defaultDatabase;
        this.tokens = text.tokens();
    }

    void apply() {
        // tokens: CREATE|ALTER|DROP DATABASE|SCHEMA [name] [options]; IF [NOT] EXISTS and OR REPLACE are already removed
        int i = 2;
        String database = null;
        if (i < tokens.size() && tokens.get(i).isName() && !isOptionStart(i)) {
            database = tokens.get(i).name();
            i++;
        }
        switch (text.kind()) {
            case DROP_DATABASE -> {
                if (database == null) {
                    throw new StatementProblem("cannot tell which database is dropped");
                }
                state.dropDatabase(database);
            }
            case CREATE_DATABASE -> {
                if (database == null) {
                    throw new StatementProblem("cannot tell which database is created");
                }
                if (state.databases().containsKey(database) && text.ifExists() && !text.orReplace()) {
                    return; // CREATE DATABASE IF NOT EXISTS of an existing database
                }
                if (text.orReplace()) {
                    state.dropDatabase(database);
                }
                DefaultCharset charset = options(i, null);
                state.databases().put(database, charset != null ? charset : state.serverDefault());
            }
            case ALTER_DATABASE -> {
                if (database == null) {
                    database = defaultDatabase;
                }
                if (database == null || database.isEmpty()) {
                    return; // the source would have refused it: no database selected
                }
                DefaultCharset charset = options(i, state.databaseDefault(database));
                if (charset != null) {
                    state.databases().put(database, charset);
                }
            }
            default -> throw new IllegalStateException("not a database statement: " + text.kind());
        }
    }

    private boolean isOptionStart(int i) {
        DdlText.Token token = tokens.get(i);
        return token.is("CHARACTER") || token.is("COLLATE") || token.is("DEFAULT") || token.is("COMMENT")
                || token.is("UPGRADE") || token.is("READ") || token.is("ENCRYPTION");
    }

    /**
     * The default charset the options set: both given, a charset alone with its default
     * collation, a collation alone with its charset; null when neither is given.
     * {@code DEFAULT} as value means the server's default.
     */
    private DefaultCharset options(int start, DefaultCharset current) {
        String charset = null;
        String collation = null;
        int i = start;
        while (i < tokens.size()) {
            DdlText.Token token = tokens.get(i);
            if (token.is("CHARACTER") && i + 1 < tokens.size() && tokens.get(i + 1).is("SET")) {
                i += 2;
                if (i < tokens.size() && tokens.get(i).isSymbol("=")) {
                    i++;
                }
                charset = value(i);
                i++;
            }
            else if (token.is("COLLATE")) {
                i++;
                if (i < tokens.size() && tokens.get(i).isSymbol("=")) {
                    i++;
                }
                collation = value(i);
                i++;
            }
            else {
                i++;
            }
        }
        if (charset == null && collation == null) {
            return null;
        }
        Charsets charsets = state.charsets();
        if ("default".equals(charset)) {
            charset = state.serverDefault().charset();
            if (collation == null) {
                return state.serverDefault();
            }
        }
        if ("default".equals(collation)) {
            collation = null;
        }
        String cs = charset == null ? null : Charsets.normalizeCharset(charset);
        String co = collation == null ? null : Charsets.normalizeCollation(collation);
        if (cs == null) {
            cs = co == null ? (current == null ? null : current.charset()) : charsets.charsetOf(co);
        }
        if (co == null) {
            co = cs == null ? null : charsets.defaultCollation(cs);
        }
        if (cs == null || co == null || !charsets.isKnown(cs)) {
            throw new StatementProblem("unknown character set or collation " + (charset != null ? charset : collation));
        }
        return new DefaultCharset(cs, co);
    }

    private String value(int i) {
        if (i >= tokens.size()) {
            throw new StatementProblem("a character set or collation is missing");
        }
        DdlText.Token token = tokens.get(i);
        String value = token.type() == DdlText.Type.STRING ? Names.unquote(token.text()) : token.name();
        return value.toLowerCase(Locale.ROOT);
    }
}
