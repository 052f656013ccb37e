package io.sluice.mysql.predicate;

import static java.util.Objects.requireNonNull;

/**
 * A LIKE pattern compiled once: MariaDB's wildcard matcher ({@code my_wildcmp_unicode_impl}) over
 * characters, where a literal pattern character matches a string character of equal collation
 * weight ('a' matches 'Á' under {@code utf8mb4_general_ci}), {@code _} matches exactly one
 * character, {@code %} any run, and the escape character makes the next one literal (a trailing
 * escape matches itself). Trailing spaces are significant, even in PAD SPACE collations.
 */
final class LikeMatcher {
    private static final int MANY = '%';
    private static final int ONE = '_';
    private static final int NO_MATCH = 1;
    private static final int NEVER = -1;

    private final int[] wild;
    private final int escape;
    private final Collation collation;

    private LikeMatcher(int[] wild, int escape, Collation collation) {
        this.wild = wild;
        this.escape = escape;
        this.collation = requireNonNull(collation, "collation is null");
    }

    static LikeMatcher compile(String pattern, int escape, Collation collation) {
        return new LikeMatcher(pattern.codePoints().toArray(), escape, collation);
    }

    boolean matches(String text) {
        return match(text, 0, 0) == 0;
    }

    private int match(String str, int s, int w) {
        int result = NEVER;
        int end = str.length();
        while (w < wild.length) {
            int wc;
            while (true) {
                boolean escaped = false;
                wc = wild[w];
                if (wc == MANY) {
                    result = NO_MATCH;
                    break;
                }
                w++;
                if (wc == escape && w < wild.length) {
                    wc = wild[w++];
                    escaped = true;
                }
                if (s >= end) {
                    return NO_MATCH;
                }
                int sc = str.codePointAt(s);
                s += Character.charCount(sc);
                if (!escaped && wc == ONE) {
                    result = NO_MATCH;
                }
                else if (!same(sc, wc)) {
                    return NO_MATCH;
                }
                if (w == wild.length) {
                    return s != end ? NO_MATCH : 0;
                }
            }
            // wc is '%': skip further '%' and consume one character per '_'
            w++;
            while (w < wild.length) {
                int next = wild[w];
                if (next == MANY) {
                    w++;
                    continue;
                }
                if (next == ONE) {
                    w++;
                    if (s >= end) {
                        return NO_MATCH;
                    }
                    s += Character.charCount(str.codePointAt(s));
                    continue;
                }
                break;
            }
            if (w == wild.length) {
                return 0;
            }
            if (s >= end) {
                return NEVER;
            }
            wc = wild[w++];
            if (wc == escape && w < wild.length) {
                wc = wild[w++];
            }
            while (true) {
                // find the next occurrence of the literal after '%', then match the rest from there
                while (s < end) {
                    int sc = str.codePointAt(s);
                    if (same(sc, wc)) {
                        break;
                    }
                    s += Character.charCount(sc);
                }
                if (s >= end) {
                    return NEVER;
                }
                s += Character.charCount(str.codePointAt(s));
                result = match(str, s, w);
                if (result <= 0) {
                    return result;
                }
            }
        }
        return s != end ? NO_MATCH : 0;
    }

    private boolean same(int a, int b) {
        return collation.sameCharacter(a, b);
    }
}
