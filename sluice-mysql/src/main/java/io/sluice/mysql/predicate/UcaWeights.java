package io.sluice.mysql.predicate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The primary weights of MariaDB's UCA 4.0.0 collations ({@code utf8mb4_unicode_ci},
 * {@code utf8mb3_unicode_ci} and their {@code _nopad_} twins), where one character weighs a
 * sequence: most weigh one number, 'ß' weighs like "ss" (two), some weigh nothing (ignorable
 * controls and combining marks), and characters the table does not list get the UCA's computed
 * ("implicit") pair of weights. Characters outside the BMP all weigh 0xFFFD, as MariaDB's 4.0.0
 * table stops at U+FFFF.
 *
 * <p>The table is the resource {@value #RESOURCE}, generated from MariaDB 10.11's
 * {@code WEIGHT_STRING} by {@code CollationTablesIT}, which also checks every BMP character against
 * a live server. It lists only characters whose weights are not implicit, one line per run:
 * {@code first count [weight...]} in hex, where no weight means {@code count} ignorable characters,
 * one weight means {@code count} characters weighing it and the following ones, and several
 * weights belong to one character.
 */
final class UcaWeights {
    static final String RESOURCE = "utf8mb4_unicode_ci.txt";
    static final UcaWeights UNICODE_400 = load(RESOURCE);

    /** The cursor value that starts a walk over a string's weights. */
    static final long START = 0;

    private static final byte IMPLICIT = -1;
    private static final int BMP = 0x10000;
    private static final int OUTSIDE_BMP_WEIGHT = 0xFFFD;

    /** The weight of a one-weight character, or where a longer sequence starts in {@link #expansions}. */
    private final char[] weights;
    /** How many weights each BMP character has, or {@link #IMPLICIT}. */
    private final byte[] lengths;
    private final char[] expansions;
    /**
     * Whether a 256-character page has table entries. MariaDB's LIKE compares characters on pages
     * without one by code point ({@code my_uca_charcmp}), so a compatibility ideograph equals its
     * unified twin under {@code =} but does not match it under LIKE.
     */
    private final boolean[] tablePages;
    private final int spaceWeight;

    private UcaWeights(char[] weights, byte[] lengths, char[] expansions, boolean[] tablePages) {
        this.weights = weights;
        this.lengths = lengths;
        this.expansions = expansions;
        this.tablePages = tablePages;
        this.spaceWeight = weights[' '];
    }

    /** How many weights the character has (0 for an ignorable one). */
    int length(int c) {
        if (c >= BMP) {
            return 1;
        }
        int length = lengths[c];
        return length == IMPLICIT ? 2 : length;
    }

    /** The {@code k}-th weight of the character, {@code k < length(c)}. */
    int weight(int c, int k) {
        if (c >= BMP) {
            return OUTSIDE_BMP_WEIGHT;
        }
        return switch (lengths[c]) {
            case IMPLICIT -> k == 0 ? implicitBase(c) + (c >> 15) : (c & 0x7FFF) | 0x8000;
            case 1 -> weights[c];
            default -> expansions[weights[c] + k];
        };
    }

    /** The implicit weights of my_uca_scanner_next_implicit for UCA 4.0.0: CJK ideographs first, then Extension A, then the rest. */
    private static int implicitBase(int c) {
        if (c >= 0x3400 && c <= 0x4DB5) {
            return 0xFB80;
        }
        if ((c >= 0x4E00 && c <= 0x9FA5) || (c >= 0xFA0E && c <= 0xFA29)) {
            return 0xFB40;
        }
        return 0xFBC0;
    }

    /**
     * The weight after {@code cursor} (from {@link #START}) in {@code s}, skipping ignorable
     * characters, packed as {@code nextCursor << 16 | weight}, or -1 at the end. A cursor is
     * {@code charIndex << 8 | weightIndex}; packing it into a long keeps comparisons free of allocation.
     */
    long next(String s, long cursor) {
        int position = (int) (cursor >>> 8);
        int k = (int) (cursor & 0xFF);
        while (position < s.length()) {
            int c = s.codePointAt(position);
            int length = length(c);
            if (k < length) {
                long after = k + 1 < length ? (long) position << 8 | (k + 1) : (long) (position + Character.charCount(c)) << 8;
                return after << 16 | weight(c, k);
            }
            position += Character.charCount(c);
            k = 0;
        }
        return -1;
    }

    /**
     * Compares like MariaDB's {@code my_strnncollsp_onelevel_uca}: weight by weight, and with PAD
     * SPACE the rest of the longer string against the weight of a space, so that trailing spaces
     * (and characters weighing like one, such as U+00A0) do not matter.
     */
    int compare(String a, String b, boolean padSpace) {
        long x = next(a, START);
        long y = next(b, START);
        while (x >= 0 && y >= 0) {
            int wa = (int) (x & 0xFFFF);
            int wb = (int) (y & 0xFFFF);
            if (wa != wb) {
                return wa < wb ? -1 : 1;
            }
            x = next(a, x >>> 16);
            y = next(b, y >>> 16);
        }
        if (x < 0 && y < 0) {
            return 0;
        }
        if (!padSpace) {
            return x < 0 ? -1 : 1;
        }
        return x >= 0 ? restAgainstSpace(a, x) : -restAgainstSpace(b, y);
    }

    private int restAgainstSpace(String s, long at) {
        for (long x = at; x >= 0; x = next(s, x >>> 16)) {
            int w = (int) (x & 0xFFFF);
            if (w != spaceWeight) {
                return w < spaceWeight ? -1 : 1;
            }
        }
        return 0;
    }

    /**
     * Whether LIKE takes two characters as equal ({@code my_uca_charcmp}): the same code point, or
     * both in the table with the same weights. Unlike {@code =}, LIKE never matches 'ß' with "ss":
     * it compares one character of the pattern with one of the string.
     */
    boolean sameCharacter(int a, int b) {
        if (a == b) {
            return true;
        }
        if (a >= BMP || b >= BMP || !tablePages[a >> 8] || !tablePages[b >> 8]) {
            return false;
        }
        int length = length(a);
        if (length != length(b)) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (weight(a, k) != weight(b, k)) {
                return false;
            }
        }
        return true;
    }

    /** The weights of one character in hex, as {@code HEX(WEIGHT_STRING(c))} prints them. */
    String weightHex(int c) {
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < length(c); k++) {
            out.append(String.format("%04X", weight(c, k)));
        }
        return out.toString();
    }

    private static UcaWeights load(String resource) {
        char[] weights = new char[BMP];
        byte[] lengths = new byte[BMP];
        Arrays.fill(lengths, IMPLICIT);
        boolean[] tablePages = new boolean[BMP >> 8];
        char[] expansions = new char[8192];
        int used = 0;
        try (InputStream in = UcaWeights.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the collation table " + resource + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split(" ");
                int first = Integer.parseInt(fields[0], 16);
                int count = Integer.parseInt(fields[1], 16);
                int length = fields.length - 2;
                for (int c = first; c < first + count; c++) {
                    lengths[c] = (byte) length;
                    tablePages[c >> 8] = true;
                    if (length == 1) {
                        weights[c] = (char) (Integer.parseInt(fields[2], 16) + (c - first));
                    }
                }
                if (length > 1) {
                    if (used + length > expansions.length) {
                        expansions = Arrays.copyOf(expansions, expansions.length * 2);
                    }
                    weights[first] = (char) used;
                    for (int k = 0; k < length; k++) {
                        expansions[used++] = (char) Integer.parseInt(fields[2 + k], 16);
                    }
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the collation table " + resource, e);
        }
        return new UcaWeights(weights, lengths, Arrays.copyOf(expansions, used), tablePages);
    }
}
