package io.sluice.mysql.task;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.mysql.ddl.SqlLexing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The statements an operator runs on the target, as a DBA types them for {@code sql-replace} and
 * {@code sql-inject}: {@code "SQL1; SQL2;"}. Semicolons inside quoted strings, quoted identifiers
 * and comments do not separate statements. Only schema changes are accepted: they run outside the
 * target transaction that carries the checkpoint, under the DDL journal, whose restart rule (run
 * again, tolerating "already exists" errors) is only right for DDL.
 */
public final class SqlStatements {
    private static final Set<String> DDL_KEYWORDS = Set.of("CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE");

    private SqlStatements() {}

    /** The statements of the text, each without its terminating semicolon and surrounding whitespace; empty ones are dropped. */
    public static List<String> split(String text) {
        requireNonNull(text, "text is null");
        List<String> statements = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                i = SqlLexing.endOfQuoted(text, i, c, true);
            }
            else if (c == '`') {
                i = SqlLexing.endOfQuoted(text, i, c, false);
            }
            else if (c == '#' || lineComment(text, i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end + 1;
            }
            else if (c == '/' && text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 2;
            }
            else if (c == ';') {
                add(statements, text.substring(start, i));
                i++;
                start = i;
            }
            else {
                i++;
            }
        }
        add(statements, text.substring(start));
        return List.copyOf(statements);
    }

    /** MySQL takes {@code --} as a comment only when whitespace or the end of the text follows. */
    private static boolean lineComment(String text, int i) {
        return text.startsWith("--", i) && (i + 2 == text.length() || Character.isWhitespace(text.charAt(i + 2)));
    }

    private static void add(List<String> statements, String statement) {
        String stripped = statement.strip();
        if (!stripped.isEmpty() && !firstKeyword(stripped).isEmpty()) {
            statements.add(stripped);
        }
    }

    /**
     * The statements of the text for {@code command} (sql-replace or sql-inject), each checked to be
     * a schema change.
     *
     * @throws SluiceException when the text holds no statement or a statement that is not DDL
     */
    public static List<String> parseDdl(String text, String command) {
        List<String> statements = split(text);
        if (statements.isEmpty()) {
            throw new SluiceException(ErrorCode.INVALID_ARGUMENT,
                    command + " was given no statement: '" + text + "'.",
                    "Give one or more statements, each ending with a semicolon, e.g. \"ALTER TABLE db.t ADD COLUMN c INT;\".");
        }
        for (String statement : statements) {
            requireDdl(statement, command);
        }
        return statements;
    }

    /** @throws SluiceException when the statement is not CREATE, ALTER, DROP, RENAME or TRUNCATE */
    static void requireDdl(String statement, String command) {
        String keyword = firstKeyword(statement);
        if (!DDL_KEYWORDS.contains(keyword)) {
            String what = switch (keyword) {
                case "INSERT", "UPDATE", "DELETE", "REPLACE", "LOAD", "SELECT", "CALL", "DO", "HANDLER" -> "a data change (DML)";
                case "BEGIN", "START", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "XA", "LOCK", "UNLOCK", "SET" -> "transaction or session control";
                default -> "not a schema change";
            };
            throw new SluiceException(ErrorCode.INVALID_ARGUMENT,
                    command + " accepts DDL statements only (CREATE, ALTER, DROP, RENAME, TRUNCATE); this one is " + what + ": " + statement,
                    "Run data changes on the target yourself; give " + command + " only the schema changes.");
        }
    }

    /** The first word of the statement in upper case, after whitespace and comments; empty when there is none. */
    static String firstKeyword(String statement) {
        int i = 0;
        while (i < statement.length()) {
            char c = statement.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            }
            else if (c == '#' || lineComment(statement, i)) {
                int end = statement.indexOf('\n', i);
                i = end < 0 ? statement.length() : end + 1;
            }
            else if (statement.startsWith("/*", i)) {
                int end = statement.indexOf("*/", i + 2);
                i = end < 0 ? statement.length() : end + 2;
            }
            else {
                break;
            }
        }
        int end = i;
        while (end < statement.length() && SqlLexing.isWordChar(statement.charAt(end))) {
            end++;
        }
        return statement.substring(i, end).toUpperCase(Locale.ROOT);
    }
}
