package io.sluice.mysql.predicate;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The part of MariaDB's regular expressions (PCRE2, compiled with {@code PCRE2_UTF | PCRE2_UCP} for
 * text, and {@code PCRE2_CASELESS} unless the collation is binary or case-sensitive) whose meaning
 * Java's {@link Pattern} reproduces exactly, translated to Java syntax. Anything outside it is
 * rejected when the predicate is read, never approximated: a construct the two engines read
 * differently would select different rows in the snapshot (MariaDB evaluates the pushed-down
 * condition) and in sync (Java evaluates it).
 *
 * <p>Accepted: literal characters; {@code \} before a character that is not a letter or digit;
 * {@code \t \n \r \f \e \a}, {@code \xhh}, {@code \x{h...}}; {@code . ^ $ |}; groups {@code (...)},
 * {@code (?:...)}, look-arounds {@code (?=...) (?!...) (?<=...) (?<!...)}; back-references
 * {@code \1}..{@code \9}; quantifiers {@code * + ? {n} {n,} {n,m}}, lazy ({@code ?}) or possessive
 * ({@code +}); {@code \d \D \s \S \w \W} with PCRE's Unicode meaning; bracket expressions with ranges,
 * negation, escapes and the classes {@code [:alpha:] [:digit:] [:alnum:] [:space:] [:xdigit:]}.
 */
final class PcrePattern {
    // PCRE2 with UCP: \d is \p{Nd}; \w is \p{L}, \p{N} and '_' (PCRE2 10.42, Debian 12's, the tested one)
    private static final String DIGIT = "\\p{Nd}";
    private static final String WORD = "\\p{L}\\p{N}_";
    // \s with UCP: \p{Z} plus \h and \v, i.e. the ASCII white space characters and U+0085, U+180E
    private static final String SPACE = "\\t\\n\\x0B\\f\\r\\x{85}\\x{180E}\\p{Z}";

    // PCRE2 keeps the Turkic dotted and dotless i apart from i and I without case, Java's UNICODE_CASE does not
    private static final String DOTTED_OR_DOTLESS_I = "(?-i:[\\x{130}\\x{131}])";

    private final String text;
    private final boolean caseless;
    private StringBuilder out = new StringBuilder();
    private int pos;
    private int groups;

    private PcrePattern(String text, boolean caseless) {
        this.text = text;
        this.caseless = caseless;
    }

    /**
     * Compiles a MariaDB regular expression for a subject compared under {@code collation}.
     *
     * @throws IllegalArgumentException naming the construct that is not supported or not valid
     */
    static Pattern compile(String regexp, Collation collation) {
        if (collation.charset() == TextCharset.BINARY) {
            throw new IllegalArgumentException("REGEXP on binary strings is not supported (MariaDB matches their bytes)");
        }
        boolean caseless = caseless(collation);
        PcrePattern translation = new PcrePattern(regexp, caseless);
        translation.translate();
        // PCRE2's default newline is LF only: '.' stops at LF and '$' also matches before a final LF
        int flags = Pattern.UNIX_LINES;
        if (caseless) {
            flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        }
        try {
            return Pattern.compile(translation.out.toString(), flags);
        }
        catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression '" + regexp + "': " + e.getDescription());
        }
    }

    /** MariaDB matches without case unless the collation sorts by bytes or code points (_bin) or is case-sensitive (_cs). */
    private static boolean caseless(Collation collation) {
        return !collation.isBinarySort() && !collation.name().endsWith("_cs");
    }

    private void translate() {
        int depth = 0;
        boolean quantifiable = false;
        while (pos < text.length()) {
            int c = text.codePointAt(pos);
            int start = pos;
            pos += Character.charCount(c);
            switch (c) {
                case '\\' -> {
                    escape(false);
                    quantifiable = true;
                }
                case '[' -> {
                    StringBuilder before = out;
                    out = new StringBuilder();
                    bracket();
                    String bracket = out.toString();
                    out = before;
                    if (caseless) {
                        // caseless except for U+0130 and U+0131, which match the class only as themselves
                        out.append("(?:(?!").append(DOTTED_OR_DOTLESS_I).append(')').append(bracket)
                                .append("|(?=").append(DOTTED_OR_DOTLESS_I).append(")(?-i:").append(bracket).append("))");
                    }
                    else {
                        out.append(bracket);
                    }
                    quantifiable = true;
                }
                case '(' -> {
                    if (text.startsWith("?", pos)) {
                        String kind = lookahead("?:", "?=", "?!", "?<=", "?<!");
                        if (kind == null) {
                            throw unsupported(start, "this kind of group; use (...), (?:...) or a look-around");
                        }
                        pos += kind.length();
                        out.append('(').append(kind);
                    }
                    else {
                        groups++;
                        out.append('(');
                    }
                    depth++;
                    quantifiable = false;
                }
                case ')' -> {
                    if (depth == 0) {
                        throw invalid(start, "unmatched ')'");
                    }
                    depth--;
                    out.append(')');
                    quantifiable = true;
                }
                case '*', '+', '?' -> {
                    if (!quantifiable) {
                        throw invalid(start, "'" + (char) c + "' follows nothing it could repeat");
                    }
                    out.append((char) c);
                    quantifierSuffix();
                    quantifiable = false;
                }
                case '{' -> {
                    String bounds = bounds();
                    if (bounds == null) {
                        // as in PCRE2, a '{' that does not start a quantifier is itself
                        out.append("\\{");
                        quantifiable = true;
                    }
                    else {
                        if (!quantifiable) {
                            throw invalid(start, "'{' follows nothing it could repeat");
                        }
                        out.append(bounds);
                        quantifierSuffix();
                        quantifiable = false;
                    }
                }
                case '|' -> {
                    out.append('|');
                    quantifiable = false;
                }
                case '^', '$' -> {
                    out.append((char) c);
                    quantifiable = false;
                }
                case '.' -> {
                    out.append('.');
                    quantifiable = true;
                }
                default -> {
                    single(c);
                    quantifiable = true;
                }
            }
        }
        if (depth > 0) {
            throw invalid(text.length(), "missing ')'");
        }
    }

    private void quantifierSuffix() {
        if (pos < text.length() && (text.charAt(pos) == '?' || text.charAt(pos) == '+')) {
            out.append(text.charAt(pos));
            pos++;
        }
    }

    /** {n}, {n,} or {n,m} at the position after '{', consumed and returned in Java syntax; null (nothing consumed) otherwise. */
    private String bounds() {
        int close = text.indexOf('}', pos);
        if (close < 0) {
            return null;
        }
        String body = text.substring(pos, close);
        if (!body.matches("[0-9]{1,5}(,[0-9]{0,5})?")) {
            return null;
        }
        String[] parts = body.split(",", -1);
        if (parts.length == 2 && !parts[1].isEmpty() && Integer.parseInt(parts[1]) < Integer.parseInt(parts[0])) {
            throw invalid(pos - 1, "numbers out of order in {" + body + "}");
        }
        pos = close + 1;
        return "{" + body + "}";
    }

    /** The escape after a backslash, outside or inside a bracket expression. */
    private void escape(boolean inBracket) {
        if (pos >= text.length()) {
            throw invalid(pos - 1, "'\\' at the end of the pattern");
        }
        int c = text.codePointAt(pos);
        int start = pos - 1;
        pos += Character.charCount(c);
        if (!Character.isLetterOrDigit(c)) {
            literal(c);
            return;
        }
        switch (c) {
            case 't' -> out.append("\\t");
            case 'n' -> out.append("\\n");
            case 'r' -> out.append("\\r");
            case 'f' -> out.append("\\f");
            case 'e' -> out.append("\\e");
            case 'a' -> out.append("\\a");
            case 'x' -> {
                if (inBracket) {
                    throw new IllegalStateException("\\x in brackets is read by member()");
                }
                single(hexEscape(start));
            }
            case 'd' -> out.append(inBracket ? DIGIT : "[" + DIGIT + "]");
            case 'D' -> out.append(inBracket ? negatedInBracket(start) : "[^" + DIGIT + "]");
            case 'w' -> out.append(inBracket ? WORD : "[" + WORD + "]");
            case 'W' -> out.append(inBracket ? negatedInBracket(start) : "[^" + WORD + "]");
            case 's' -> out.append(inBracket ? SPACE : "[" + SPACE + "]");
            case 'S' -> out.append(inBracket ? negatedInBracket(start) : "[^" + SPACE + "]");
            default -> {
                if (!inBracket && c >= '1' && c <= '9') {
                    if (c - '0' > groups) {
                        throw invalid(start, "back-reference \\" + (char) c + " names a group that does not come before it");
                    }
                    // a following digit would make a two-digit reference in one engine and a literal in the other
                    if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                        throw unsupported(start, "a back-reference followed by a digit; write \\" + (char) c + "(?:) before the digit");
                    }
                    out.append('\\').append((char) c);
                    return;
                }
                throw unsupported(start, "the escape \\" + Character.toString(c));
            }
        }
    }

    private String negatedInBracket(int start) {
        throw unsupported(start, "\\D, \\W and \\S inside [...]");
    }

    private int hexEscape(int start) {
        int end;
        String digits;
        if (text.startsWith("{", pos)) {
            end = text.indexOf('}', pos);
            if (end < 0) {
                throw invalid(start, "missing '}' after \\x{");
            }
            digits = text.substring(pos + 1, end);
            end++;
        }
        else {
            end = pos;
            while (end < text.length() && end < pos + 2 && Character.digit(text.charAt(end), 16) >= 0) {
                end++;
            }
            digits = text.substring(pos, end);
        }
        if (digits.isEmpty() || !digits.matches("[0-9a-fA-F]{1,6}") || Integer.parseInt(digits, 16) > Character.MAX_CODE_POINT) {
            throw unsupported(start, "\\x without 1 or 2 hex digits or a {code point}");
        }
        pos = end;
        return Integer.parseInt(digits, 16);
    }

    /** A bracket expression; the position is after its '['. */
    private void bracket() {
        int start = pos - 1;
        out.append('[');
        if (text.startsWith("^", pos)) {
            out.append('^');
            pos++;
        }
        boolean first = true;
        while (true) {
            if (pos >= text.length()) {
                throw invalid(start, "missing ']'");
            }
            int c = text.codePointAt(pos);
            if (c == ']' && !first) {
                pos++;
                out.append(']');
                return;
            }
            first = false;
            if (c == '[' && text.startsWith("[:", pos)) {
                posixClass();
                continue;
            }
            int low = member(start);
            if (low >= 0 && text.startsWith("-", pos) && pos + 1 < text.length() && text.charAt(pos + 1) != ']') {
                pos++;
                out.append('-');
                int high = member(start);
                if (high < 0) {
                    throw unsupported(start, "a range ending in a class escape");
                }
                if (high < low) {
                    throw invalid(start, "range out of order in character class");
                }
            }
        }
    }

    /**
     * One member of a bracket expression, written to the output: a character (returned, so that a
     * range can follow) or a class escape (returns -1).
     */
    private int member(int bracketStart) {
        int c = text.codePointAt(pos);
        pos += Character.charCount(c);
        if (c == '\\') {
            if (pos >= text.length()) {
                throw invalid(bracketStart, "missing ']'");
            }
            int next = text.codePointAt(pos);
            if (!Character.isLetterOrDigit(next)) {
                pos += Character.charCount(next);
                literal(next);
                return next;
            }
            if (next == 'x') {
                pos++;
                int value = hexEscape(pos - 2);
                literal(value);
                return value;
            }
            int simple = switch (next) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 'f' -> '\f';
                case 'e' -> 0x1B;
                case 'a' -> 0x07;
                default -> -1;
            };
            if (simple >= 0) {
                pos++;
                literal(simple);
                return simple;
            }
            escape(true);
            return -1;
        }
        literal(c);
        return c;
    }

    private void posixClass() {
        int close = text.indexOf(":]", pos + 2);
        if (close < 0) {
            throw invalid(pos, "missing ':]'");
        }
        String name = text.substring(pos + 2, close);
        String members = switch (name) {
            case "alpha" -> "\\p{L}";
            case "digit" -> DIGIT;
            case "alnum" -> "\\p{L}\\p{N}";
            case "space" -> SPACE;
            case "xdigit" -> "0-9A-Fa-f";
            default -> throw unsupported(pos, "the class [:" + name + ":]; supported: [:alpha:], [:digit:], [:alnum:], [:space:], [:xdigit:]");
        };
        out.append(members);
        pos = close + 2;
    }

    /** A character outside brackets, matched as itself (or as its other case when caseless). */
    private void single(int c) {
        if (caseless && (c == 'i' || c == 'I')) {
            out.append("(?:(?!").append(DOTTED_OR_DOTLESS_I).append(')').appendCodePoint(c).append(')');
        }
        else if (caseless && (c == 0x130 || c == 0x131)) {
            out.append("(?-i:").appendCodePoint(c).append(')');
        }
        else {
            literal(c);
        }
    }

    /** A character matched as itself. */
    private void literal(int c) {
        if (Character.isLetterOrDigit(c) || c > 0x7F) {
            out.appendCodePoint(c);
        }
        else if (c < 0x20 || c == 0x7F) {
            out.append("\\x{").append(Integer.toHexString(c)).append('}');
        }
        else {
            // every ASCII punctuation character escaped means itself in Java, in and out of brackets
            out.append('\\').appendCodePoint(c);
        }
    }

    private String lookahead(String... kinds) {
        for (String kind : kinds) {
            if (text.startsWith(kind, pos)) {
                return kind;
            }
        }
        return null;
    }

    private IllegalArgumentException unsupported(int at, String what) {
        return new IllegalArgumentException("the regular expression '" + text + "' uses " + what + " at character " + (at + 1)
                + ", which row predicates do not support");
    }

    private IllegalArgumentException invalid(int at, String what) {
        return new IllegalArgumentException("invalid regular expression '" + text + "': " + what + " at character " + (at + 1));
    }
}
