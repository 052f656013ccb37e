package io.sluice.mysql.predicate;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A lexical pass over the expression text before Druid parses it. Druid silently accepts or drops
 * some MySQL syntax (COLLATE clauses, charset introducers, {@code 0x..} versus {@code X'..'},
 * odd-length hex read as a column name), so this pass rejects what row predicates cannot honour,
 * with the position the user typed it at, and records which hex literals were written as
 * {@code 0x..}.
 */
final class SourceScan {
    private static final Set<String> REJECTED_WORDS = Set.of("COLLATE", "BINARY", "CASE", "EXISTS", "SELECT",
            "MATCH", "DEFAULT", "VALUES");

    /** One hex literal in source order: {@code 0x..} when hybrid, else {@code X'..'}, with its digits. */
    record Hex(boolean hybrid, String digits, int position) {
        Hex {
            requireNonNull(digits, "digits is null");
        }
    }

    private final String text;
    private final List<Hex> hexLiterals = new ArrayList<>();
    private int pos;

    private SourceScan(String text) {
        this.text = text;
    }

    /** Scans the text; a {@link ExpressionProblem} names the first construct that is not accepted. */
    static List<Hex> scan(String text) {
        SourceScan scan = new SourceScan(text);
        scan.run();
        return List.copyOf(scan.hexLiterals);
    }

    private void run() {
        String previousWord = null;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            int start = pos;
            if (Character.isWhitespace(c)) {
                pos++;
                continue;
            }
            if (c == '#' || (c == '-' && text.startsWith("--", pos) && (pos + 2 == text.length() || text.charAt(pos + 2) <= ' '))) {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
                continue;
            }
            if (c == '/' && text.startsWith("/*", pos)) {
                if (text.startsWith("/*!", pos) || text.startsWith("/*M!", pos)) {
                    throw problem(start, "executable comments (/*! ... */) are not supported");
                }
                int end = text.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw problem(start, "the comment is not closed");
                }
                pos = end + 2;
                continue;
            }
            if (c == '\'' || c == '"') {
                if (previousWord != null && previousWord.startsWith("_")) {
                    throw problem(start, "character set introducers (" + previousWord + "'...') are not supported; string literals use the connection character set");
                }
                skipQuoted(c);
                previousWord = null;
                continue;
            }
            if (c == '`') {
                skipQuoted('`');
                if (pos < text.length() && text.charAt(pos) == '.') {
                    throw problem(pos, "qualified column names are not supported; write the column name alone");
                }
                previousWord = null;
                continue;
            }
            if ((c == 'x' || c == 'X') && text.startsWith("'", pos + 1)) {
                pos += 2;
                int end = text.indexOf('\'', pos);
                if (end < 0) {
                    throw problem(start, "the hex literal is not closed");
                }
                String digits = text.substring(pos, end);
                if (!digits.matches("[0-9a-fA-F]*") || digits.length() % 2 != 0) {
                    throw problem(start, "X'" + digits + "' is not a valid hex literal (an even number of hex digits is required)");
                }
                hexLiterals.add(new Hex(false, digits, start));
                pos = end + 1;
                previousWord = null;
                continue;
            }
            if ((c == 'b' || c == 'B' || c == 'n' || c == 'N') && text.startsWith("'", pos + 1)) {
                throw problem(start, (c == 'b' || c == 'B' ? "bit literals (b'...')" : "national string literals (N'...')")
                        + " are not supported");
            }
            if (isWordChar(c)) {
                while (pos < text.length() && isWordChar(text.charAt(pos))) {
                    pos++;
                }
                String word = text.substring(start, pos);
                if (word.matches("0x[0-9a-fA-F]+")) {
                    hexLiterals.add(new Hex(true, word.substring(2), start));
                    previousWord = null;
                    continue;
                }
                if (word.matches("0b[01]+")) {
                    throw problem(start, "bit literals (" + word + ") are not supported");
                }
                if (word.matches("\\d*")) {
                    previousWord = null;
                    // a number: the digits, then an optional fraction and exponent
                    skipNumberRest();
                    continue;
                }
                if (word.matches("\\d+[eE]")) {
                    // 1e+3: the sign belongs to the exponent
                    if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                        pos++;
                        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                            pos++;
                        }
                    }
                    previousWord = null;
                    continue;
                }
                String upper = word.toUpperCase(Locale.ROOT);
                if (REJECTED_WORDS.contains(upper)) {
                    throw problem(start, upper + " is not supported in row predicates" + (upper.equals("CASE") ? "; use IF(condition, a, b)" : ""));
                }
                if (pos < text.length() && text.charAt(pos) == '.') {
                    throw problem(pos, "qualified column names are not supported; write the column name alone");
                }
                previousWord = word;
                continue;
            }
            previousWord = null;
            switch (c) {
                case '.' -> {
                    if (pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))) {
                        pos++;
                        skipNumberRest();
                        continue;
                    }
                    throw problem(start, "unexpected '.'");
                }
                case '?' -> throw problem(start, "placeholders (?) are not supported");
                case '@' -> throw problem(start, "variables (@name, @@name) are not supported: their values differ between "
                        + "the snapshot connection and the binlog reader");
                case ';' -> throw problem(start, "only one expression is allowed (';' found)");
                case '{', '}' -> throw problem(start, "ODBC escapes ({d '...'}) are not supported; write DATE '...'");
                case ':' -> throw problem(start, "assignments (:=) are not supported");
                case '&', '|' -> {
                    if (text.startsWith("&&", pos) || text.startsWith("||", pos)) {
                        pos += 2;
                        continue;
                    }
                    throw problem(start, "bit operators (& |) are not supported");
                }
                case '^', '~' -> throw problem(start, "bit operators (^ ~) are not supported");
                case '<' -> {
                    if (text.startsWith("<<", pos)) {
                        throw problem(start, "bit shifts (<<) are not supported");
                    }
                }
                case '>' -> {
                    if (text.startsWith(">>", pos)) {
                        throw problem(start, "bit shifts (>>) are not supported");
                    }
                }
                case '-' -> {
                    if (text.startsWith("->", pos)) {
                        throw problem(start, "JSON path operators (->, ->>) are not supported");
                    }
                }
                case '=' -> {
                    if (text.startsWith("==", pos)) {
                        throw problem(start, "'==' is not a MySQL operator; write '='");
                    }
                }
                default -> { }
            }
            pos++;
        }
    }

    private void skipNumberRest() {
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            int digits = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            if (pos == digits) {
                pos = save;
            }
        }
    }

    private void skipQuoted(char quote) {
        int start = pos;
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\' && quote != '`') {
                pos += 2;
                continue;
            }
            if (c == quote) {
                if (pos + 1 < text.length() && text.charAt(pos + 1) == quote) {
                    pos += 2;
                    continue;
                }
                pos++;
                if (quote != '`') {
                    // adjacent literals ('a' 'b') are concatenated by MySQL: skip blanks and continue
                    int next = pos;
                    while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
                        next++;
                    }
                    if (next < text.length() && (text.charAt(next) == '\'' || text.charAt(next) == '"')) {
                        throw problem(next, "adjacent string literals are not supported; write one literal");
                    }
                }
                return;
            }
            pos++;
        }
        throw problem(start, quote == '`' ? "the quoted name is not closed" : "the string literal is not closed");
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c >= 0x80;
    }

    private ExpressionProblem problem(int position, String detail) {
        return new ExpressionProblem(detail + " (at position " + (position + 1) + ")");
    }
}
