package io.sluice.cli.repl;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a REPL line into arguments as a shell would for the cases that matter to dmctl commands: words
 * separated by blanks, {@code "double"} and {@code 'single'} quotes grouping words (so SQL text stays one
 * argument). A backslash escapes only a blank, a quote or a backslash; elsewhere it is kept, so a regex
 * such as {@code ~(?i)ALTER\s+TABLE} needs no doubling.
 */
public final class LineSplitter
{
    private LineSplitter() {}

    public static List<String> split(String line)
    {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && quote != '\'' && i + 1 < line.length() && escapable(line.charAt(i + 1), quote)) {
                word.append(line.charAt(++i));
                inWord = true;
            }
            else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                else {
                    word.append(c);
                }
            }
            else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            }
            else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            }
            else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed " + (quote == '"' ? "double" : "single") + " quote");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return List.copyOf(words);
    }

    private static boolean escapable(char next, char quote)
    {
        if (quote == '"') {
            return next == '"' || next == '\\';
        }
        return next == '"' || next == '\'' || next == '\\' || Character.isWhitespace(next);
    }
}
