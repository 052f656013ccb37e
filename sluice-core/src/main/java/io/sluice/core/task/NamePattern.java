package io.sluice.core.task;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static java.util.Objects.requireNonNull;

/**
 * One database or table name pattern of a block-allow-list rule, matched the way DM matches it
 * with its default {@code case-sensitive: false}: letters compare without case. Text starting with
 * {@code ~} is a regular expression that matches when it is found anywhere in the name (as in DM,
 * anchor it with {@code ^...$} to match whole names); other text is a wildcard where {@code ?} is
 * one character, {@code [abc]}, {@code [a-z]} and {@code [!a-z]} are character classes (a
 * {@code [} without a closing {@code ]} is literal), and {@code *} matches any rest of the name,
 * so DM allows it only once and only at the end; text without these characters is a plain name.
 * Invalid patterns are rejected when parsed, so a task never starts with a rule that cannot match.
 */
public final class NamePattern
{
    private static final int IGNORE_CASE = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private final String text;
    // null for a plain name, which is compared directly
    private final Pattern pattern;
    private final boolean regex;
    private final boolean caseSensitive;

    private NamePattern(String text, Pattern pattern, boolean regex, boolean caseSensitive)
    {
        this.text = text;
        this.pattern = pattern;
        this.regex = regex;
        this.caseSensitive = caseSensitive;
    }

    /** A pattern matching exactly this name (no wildcard or regex characters interpreted). */
    public static NamePattern exact(String name, boolean caseSensitive)
    {
        requireNonNull(name, "name is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name is empty");
        }
        return new NamePattern(name, null, false, caseSensitive);
    }

    /** A regular expression matching when found anywhere in the name, as dtle's {@code TableSchemaRegex} and {@code TableRegex}. */
    public static NamePattern regex(String expression, boolean caseSensitive)
    {
        requireNonNull(expression, "expression is null");
        return parse("~" + expression, caseSensitive);
    }

    /**
     * Parses a pattern as written in a task file.
     *
     * @throws IllegalArgumentException if the text is empty, the regular expression does not
     * compile, or the wildcard is malformed; the message names the problem
     */
    public static NamePattern parse(String text)
    {
        return parse(text, false);
    }

    /** Parses a pattern as written in a task file, comparing letters with or without case (DM's {@code case-sensitive}). */
    public static NamePattern parse(String text, boolean caseSensitive)
    {
        requireNonNull(text, "text is null");
        int flags = Pattern.DOTALL | (caseSensitive ? 0 : IGNORE_CASE);
        if (text.isEmpty()) {
            throw new IllegalArgumentException("pattern is empty");
        }
        if (text.startsWith("~")) {
            String expression = text.substring(1);
            if (expression.isEmpty()) {
                throw new IllegalArgumentException("'~' must be followed by a regular expression");
            }
            try {
                return new NamePattern(text, Pattern.compile(expression, flags), true, caseSensitive);
            }
            catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regular expression '%s': %s at index %d".formatted(expression, e.getDescription(), e.getIndex()), e);
            }
        }
        String wildcard = wildcardToRegex(text);
        return new NamePattern(text, wildcard == null ? null : Pattern.compile(wildcard, flags), false, caseSensitive);
    }

    /** Whether the name matches, ignoring case. */
    public boolean matches(String name)
    {
        requireNonNull(name, "name is null");
        if (pattern == null) {
            return caseSensitive ? text.equals(name) : text.equalsIgnoreCase(name);
        }
        return regex ? pattern.matcher(name).find() : pattern.matcher(name).matches();
    }

    /**
     * The name a rename template gives a matching name. For a regular expression this is Go's
     * {@code Regexp.ReplaceAllString}, which dtle uses: every match in the name is replaced by the
     * template with {@code $1}, {@code ${1}} or {@code ${name}} expanded to the match's groups
     * ({@code $$} is a dollar sign, an unknown group is empty), text outside matches is kept.
     * For other patterns the template is the new name as written.
     */
    public String rename(String name, String template)
    {
        requireNonNull(name, "name is null");
        requireNonNull(template, "template is null");
        if (!regex) {
            return template;
        }
        return GoTemplate.replaceAll(pattern.matcher(name), name, template);
    }

    /** The pattern as written, including a leading {@code ~}. */
    public String text()
    {
        return text;
    }

    /** Whether the pattern matches one name only: no wildcard, no regular expression. */
    public boolean isExactName()
    {
        return pattern == null;
    }

    /** Whether the pattern is a {@code ~} regular expression. */
    public boolean isRegex()
    {
        return regex;
    }

    @Override
    public boolean equals(Object o)
    {
        return o instanceof NamePattern other && text.equals(other.text) && caseSensitive == other.caseSensitive && regex == other.regex;
    }

    @Override
    public int hashCode()
    {
        return text.hashCode() * 31 + (caseSensitive ? 1 : 0);
    }

    @Override
    public String toString()
    {
        return text;
    }

    /** Returns an anchored Java regex for a wildcard, or null when the text has no wildcard characters. */
    private static String wildcardToRegex(String text)
    {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        boolean wildcard = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int close = c == '[' ? text.indexOf(']', i + 1) : -1;
            if (c != '*' && c != '?' && close < 0) {
                literal.append(c);
                continue;
            }
            wildcard = true;
            if (!literal.isEmpty()) {
                regex.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
            }
            if (c == '*') {
                if (i != text.length() - 1) {
                    throw new IllegalArgumentException("invalid wildcard '%s': '*' is allowed only once, as the last character; use a '~' regular expression for other patterns".formatted(text));
                }
                regex.append(".*");
            }
            else if (c == '?') {
                regex.append('.');
            }
            else {
                regex.append(characterClass(text, text.substring(i + 1, close)));
                i = close;
            }
        }
        if (!wildcard) {
            return null;
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return regex.toString();
    }

    private static String characterClass(String text, String body)
    {
        boolean negated = body.startsWith("!") && body.length() > 1;
        String members = negated ? body.substring(1) : body;
        if (members.isEmpty()) {
            throw new IllegalArgumentException("invalid wildcard '%s': '[]' is an empty character class, which matches nothing".formatted(text));
        }
        StringBuilder regex = new StringBuilder("[");
        if (negated) {
            regex.append('^');
        }
        for (int i = 0; i < members.length(); i++) {
            char start = members.charAt(i);
            if (i + 2 < members.length() && members.charAt(i + 1) == '-') {
                char end = members.charAt(i + 2);
                if (start > end) {
                    throw new IllegalArgumentException("invalid wildcard '%s': range '%c-%c' is reversed".formatted(text, start, end));
                }
                regex.append(classMember(start)).append('-').append(classMember(end));
                i += 2;
            }
            else {
                regex.append(classMember(start));
            }
        }
        return regex.append(']').toString();
    }

    private static String classMember(char c)
    {
        // A backslash before a character that is not a letter or digit always means that character
        // itself, which keeps '^', '-', '\' and '&' from acting as class syntax.
        return Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c;
    }
}
