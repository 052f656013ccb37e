package io.sluice.mysql.ddl;

/**
 * The lexical rules of MySQL text that every hand-written scanner here needs alike: where a quoted
 * string or identifier ends, which characters make up a word, and how a backquoted name reads.
 * Kept in one place so the DDL tokenizers and name readers cannot drift apart.
 */
public final class SqlLexing {
    private SqlLexing() {}

    /**
     * The index just after the quoted text that starts at {@code start} (its opening quote), with
     * doubled quotes inside it and, for strings, backslash escapes; the end of the text when unclosed.
     */
    public static int endOfQuoted(String sql, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            }
            else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                }
                else {
                    return i + 1;
                }
            }
            else {
                i++;
            }
        }
        return sql.length();
    }

    /** Whether the character can be part of an unquoted identifier or keyword. */
    public static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c >= 0x80;
    }

    /** Removes the backquotes around a name and undoubles the backquotes inside it; other text is returned as is. */
    public static String unquote(String name) {
        if (name.length() >= 2 && name.startsWith("`") && name.endsWith("`")) {
            return name.substring(1, name.length() - 1).replace("``", "`");
        }
        return name;
    }
}
