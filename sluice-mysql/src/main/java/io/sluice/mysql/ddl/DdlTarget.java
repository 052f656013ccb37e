package io.sluice.mysql.ddl;

import static io.sluice.mysql.ddl.SqlLexing.unquote;

import static java.util.Objects.requireNonNull;

import io.sluice.core.event.DdlEvent;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a DDL statement changes, enough to decide whether a task replicates it: the database, and
 * the table when the statement is about one. Recognises the statements that change replicated
 * data structures (CREATE/ALTER/DROP/TRUNCATE/RENAME TABLE, CREATE/DROP INDEX, CREATE/ALTER/DROP
 * DATABASE); anything else (users, grants, routines, views, temporary tables) is not replicated.
 *
 * <p>A regex recogniser, not a parser: the schema tracker's MySQL parser replaces it when it lands.
 */
public record DdlTarget(Kind kind, String database, String table) {
    public enum Kind { TABLE, DATABASE }

    private static final String NAME = "(`(?:[^`]|``)+`|[\\w$\\x{80}-\\x{FFFF}]+)";
    private static final String QUALIFIED = NAME + "(?:\\s*\\.\\s*" + NAME + ")?";
    private static final String COMMENT = "(?:/\\*.*?\\*/\\s*)*";
    private static final Pattern TABLE_STATEMENT = Pattern.compile(
            "^\\s*" + COMMENT + "(?:CREATE|ALTER(?:\\s+ONLINE)?(?:\\s+IGNORE)?|DROP|TRUNCATE)\\s+(?:TABLE)\\s+(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?" + QUALIFIED,
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TEMPORARY = Pattern.compile("^\\s*" + COMMENT + "(?:CREATE|DROP)\\s+TEMPORARY\\s", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern RENAME = Pattern.compile("^\\s*" + COMMENT + "RENAME\\s+TABLES?\\s+" + QUALIFIED, Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern INDEX = Pattern.compile(
            "^\\s*" + COMMENT + "(?:CREATE(?:\\s+(?:UNIQUE|FULLTEXT|SPATIAL))?|DROP)\\s+INDEX\\s+(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?" + NAME + "\\s+ON\\s+" + QUALIFIED,
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern DATABASE = Pattern.compile(
            "^\\s*" + COMMENT + "(?:CREATE|ALTER|DROP)\\s+(?:DATABASE|SCHEMA)\\s+(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?" + NAME,
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    public DdlTarget {
        requireNonNull(kind, "kind is null");
        requireNonNull(database, "database is null");
        if (kind == Kind.TABLE) {
            requireNonNull(table, "table is null");
        }
    }

    /** The object the statement changes, or empty when it is not a replicated kind of DDL. */
    public static Optional<DdlTarget> of(DdlEvent ddl) {
        String sql = ddl.sql();
        if (TEMPORARY.matcher(sql).find()) {
            return Optional.empty();
        }
        Matcher matcher = TABLE_STATEMENT.matcher(sql);
        if (matcher.find()) {
            return table(ddl.database(), matcher.group(1), matcher.group(2));
        }
        matcher = RENAME.matcher(sql);
        if (matcher.find()) {
            return table(ddl.database(), matcher.group(1), matcher.group(2));
        }
        matcher = INDEX.matcher(sql);
        if (matcher.find()) {
            return table(ddl.database(), matcher.group(2), matcher.group(3));
        }
        matcher = DATABASE.matcher(sql);
        if (matcher.find()) {
            return Optional.of(new DdlTarget(Kind.DATABASE, unquote(matcher.group(1)), null));
        }
        return Optional.empty();
    }

    private static Optional<DdlTarget> table(String defaultDatabase, String first, String second) {
        if (second == null) {
            return defaultDatabase.isEmpty() ? Optional.empty() : Optional.of(new DdlTarget(Kind.TABLE, defaultDatabase, unquote(first)));
        }
        return Optional.of(new DdlTarget(Kind.TABLE, unquote(first), unquote(second)));
    }

}
