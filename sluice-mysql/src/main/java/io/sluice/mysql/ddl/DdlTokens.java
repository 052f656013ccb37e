package io.sluice.mysql.ddl;

import static io.sluice.mysql.ddl.SqlLexing.endOfQuoted;
import static io.sluice.mysql.ddl.SqlLexing.isWordChar;
import static io.sluice.mysql.ddl.SqlLexing.unquote;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of one statement as MariaDB reads them, each with its place in the original text:
 * comments are dropped, executable comments ({@code /*!40101 ...}{@code *}{@code /} and MariaDB's
 * {@code /*M!100100 ...}{@code *}{@code /}) are unwrapped so that their content counts as part of
 * the statement, strings and quoted names stay whole. The places let a caller replace one name in
 * the original text and keep every other byte of it.
 */
final class DdlTokens {
    enum Type { WORD, QUOTED_NAME, STRING, SYMBOL }

    /** One token: {@code text} is {@code sql.substring(start, end)}. */
    record Token(Type type, String text, int start, int end) {
        Token {
            requireNonNull(type, "type is null");
            requireNonNull(text, "text is null");
        }

        boolean is(String word) {
            return type == Type.WORD && text.equalsIgnoreCase(word);
        }

        boolean isSymbol(String symbol) {
            return type == Type.SYMBOL && text.equals(symbol);
        }

        /** A token that can name a table, column or database: a word or a backquoted name. */
        boolean isName() {
            return type == Type.WORD || type == Type.QUOTED_NAME;
        }

        /** The identifier this token names, without quotes. */
        String name() {
            return type == Type.QUOTED_NAME ? unquote(text) : text;
        }
    }

    private DdlTokens() {}

    static List<Token> tokenize(String sql) {
        List<Token> tokens = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        int executableDepth = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            }
            else if (c == '#' || (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-'
                    && (i + 2 >= n || Character.isWhitespace(sql.charAt(i + 2)) || Character.isISOControl(sql.charAt(i + 2))))) {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int marker = i + 2;
                if (marker + 1 < n && sql.charAt(marker) == 'M' && sql.charAt(marker + 1) == '!') {
                    marker++;
                }
                if (marker < n && sql.charAt(marker) == '!') {
                    // executable comment: what follows the version is part of the statement
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
            }
            else if (c == '*' && executableDepth > 0 && i + 1 < n && sql.charAt(i + 1) == '/') {
                executableDepth--;
                i += 2;
            }
            else if (c == '\'' || c == '"') {
                int end = endOfQuoted(sql, i, c, true);
                tokens.add(new Token(Type.STRING, sql.substring(i, end), i, end));
                i = end;
            }
            else if (c == '`') {
                int end = endOfQuoted(sql, i, c, false);
                tokens.add(new Token(Type.QUOTED_NAME, sql.substring(i, end), i, end));
                i = end;
            }
            else if (isWordChar(c)) {
                int end = i;
                while (end < n && isWordChar(sql.charAt(end))) {
                    end++;
                }
                tokens.add(new Token(Type.WORD, sql.substring(i, end), i, end));
                i = end;
            }
            else {
                tokens.add(new Token(Type.SYMBOL, String.valueOf(c), i, i + 1));
                i++;
            }
        }
        return List.copyOf(tokens);
    }

}
