package io.sluice.core.task;

import java.util.regex.Matcher;

/**
 * Go's {@code Regexp.ReplaceAllString} template expansion, which dtle's rename templates follow:
 * {@code $name} takes the longest run of letters, digits and underscores as the group name or
 * number, {@code ${name}} delimits it, {@code $$} is a literal dollar, and a group that does not
 * exist expands to nothing. Java's own replacement syntax differs ({@code ${1}} is an error there,
 * {@code $1a} means group 1 then "a"), so it is written out here.
 */
final class GoTemplate
{
    private GoTemplate() {}

    static String replaceAll(Matcher matcher, String input, String template)
    {
        StringBuilder out = new StringBuilder();
        int copied = 0;
        int from = 0;
        int previousEnd = -1;
        while (from <= input.length() && matcher.find(from)) {
            boolean empty = matcher.end() == matcher.start();
            // as in Go, an empty match right after the previous match is not a match
            if (!(empty && matcher.start() == previousEnd)) {
                out.append(input, copied, matcher.start());
                expand(matcher, template, out);
                copied = matcher.end();
                previousEnd = matcher.end();
            }
            from = empty ? matcher.end() + 1 : matcher.end();
        }
        if (copied < input.length()) {
            out.append(input, copied, input.length());
        }
        return out.toString();
    }

    private static void expand(Matcher matcher, String template, StringBuilder out)
    {
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = template.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            String name;
            int end;
            if (next == '{') {
                int close = template.indexOf('}', i + 2);
                if (close < 0 || !isName(template, i + 2, close)) {
                    out.append(c);
                    i++;
                    continue;
                }
                name = template.substring(i + 2, close);
                end = close + 1;
            }
            else {
                end = i + 1;
                while (end < template.length() && isNameChar(template.charAt(end))) {
                    end++;
                }
                if (end == i + 1) {
                    out.append(c);
                    i++;
                    continue;
                }
                name = template.substring(i + 1, end);
            }
            out.append(group(matcher, name));
            i = end;
        }
    }

    private static String group(Matcher matcher, String name)
    {
        String value;
        if (name.chars().allMatch(Character::isDigit)) {
            int index;
            try {
                index = Integer.parseInt(name);
            }
            catch (NumberFormatException e) {
                return "";
            }
            value = index <= matcher.groupCount() ? matcher.group(index) : null;
        }
        else {
            try {
                value = matcher.group(name);
            }
            catch (IllegalArgumentException noSuchGroup) {
                value = null;
            }
        }
        return value == null ? "" : value;
    }

    private static boolean isName(String text, int from, int to)
    {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isNameChar(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameChar(char c)
    {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
