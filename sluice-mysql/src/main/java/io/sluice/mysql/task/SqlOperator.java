package io.sluice.mysql.task;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.position.FilePosition;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What to do, once, with a source DDL the target cannot take, as DM's {@code sql-skip} and
 * {@code sql-replace} say it: skip it, or run other statements instead. It names its DDL either by
 * the binlog position of the DDL's transaction ({@code --binlog-pos FILE:POS}, the position a
 * failed DDL's error reports) or by a regular expression found in the DDL's source text
 * ({@code --sql-pattern}). Either way the source schema did change, so the schema tracker follows
 * the DDL; only what the target executes differs.
 *
 * @param id names the operator for listing, removing and its consumption; unique for the life of the task
 * @param statements for REPLACE, the statements to run on the target instead, in order; empty for SKIP
 */
public record SqlOperator(String id, Kind kind, Optional<FilePosition> at, Optional<Pattern> pattern, List<String> statements) {
    public static final int MAX_ID_LENGTH = 128;

    public enum Kind {
        SKIP("sql-skip"),
        REPLACE("sql-replace");

        private final String command;

        Kind(String command) {
            this.command = command;
        }

        /** The sluicectl command that registers it. */
        public String command() {
            return command;
        }
    }

    public SqlOperator {
        requireNonNull(id, "id is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(at, "at is null");
        requireNonNull(pattern, "pattern is null");
        statements = List.copyOf(requireNonNull(statements, "statements is null"));
        if (id.isBlank() || id.length() > MAX_ID_LENGTH || id.chars().anyMatch(Character::isISOControl)) {
            // the id is recorded in the meta schema (sql_operator.operator_id, ddl_journal.txn_id)
            throw new IllegalArgumentException("id must be 1 to " + MAX_ID_LENGTH + " characters, none of them control characters: '" + id + "'");
        }
        if (at.isPresent() == pattern.isPresent()) {
            throw new IllegalArgumentException("an operator names its DDL by exactly one of a binlog position and a SQL pattern");
        }
        if ((kind == Kind.SKIP) != statements.isEmpty()) {
            throw new IllegalArgumentException(kind == Kind.SKIP ? "sql-skip runs no statements" : "sql-replace needs at least one statement");
        }
        statements.forEach(statement -> SqlStatements.requireDdl(statement, kind.command()));
    }

    public static SqlOperator skip(String id, FilePosition at) {
        return new SqlOperator(id, Kind.SKIP, Optional.of(at), Optional.empty(), List.of());
    }

    public static SqlOperator skip(String id, Pattern pattern) {
        return new SqlOperator(id, Kind.SKIP, Optional.empty(), Optional.of(pattern), List.of());
    }

    public static SqlOperator replace(String id, FilePosition at, List<String> statements) {
        return new SqlOperator(id, Kind.REPLACE, Optional.of(at), Optional.empty(), statements);
    }

    public static SqlOperator replace(String id, Pattern pattern, List<String> statements) {
        return new SqlOperator(id, Kind.REPLACE, Optional.empty(), Optional.of(pattern), statements);
    }

    /**
     * The {@code --sql-pattern} argument as a Java regular expression; a leading {@code ~}, which DM
     * requires to mark a regular expression, is accepted and dropped.
     *
     * @throws SluiceException when it is not a valid regular expression
     */
    public static Pattern parsePattern(String text) {
        requireNonNull(text, "text is null");
        String regex = text.startsWith("~") ? text.substring(1) : text;
        if (regex.isBlank()) {
            throw new SluiceException(ErrorCode.INVALID_ARGUMENT, "The SQL pattern is empty: '" + text + "'.",
                    "Give a regular expression found in the DDL, e.g. --sql-pattern '~(?i)ALTER TABLE `db`.`t` ADD COLUMN'.");
        }
        try {
            return Pattern.compile(regex);
        }
        catch (PatternSyntaxException e) {
            throw new SluiceException(ErrorCode.INVALID_ARGUMENT,
                    "The SQL pattern '" + text + "' is not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex() + ".",
                    "Fix the expression (Java regular expression syntax; escape ( ) . * with a backslash to match them literally).", e);
        }
    }

    /** Whether this operator is for the DDL of the transaction starting at {@code position} with source text {@code sql}. */
    public boolean matches(FilePosition position, String sql) {
        return at.map(position::equals).orElseGet(() -> pattern.orElseThrow().matcher(sql).find());
    }

    /** As the command that registered it would be written, for logs and listings. */
    public String describe() {
        String target = at.map(position -> "--binlog-pos " + position).orElseGet(() -> "--sql-pattern '" + pattern.orElseThrow().pattern() + "'");
        return kind.command() + " " + target + (statements.isEmpty() ? "" : " \"" + String.join("; ", statements) + ";\"") + " (id " + id + ")";
    }
}
