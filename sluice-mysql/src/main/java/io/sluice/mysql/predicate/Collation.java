package io.sluice.mysql.predicate;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A MariaDB collation that row predicates reproduce exactly: its character set, the weight of
 * each character (equal weights compare equal; {@code _ci} collations give 'a', 'A' and 'á' one
 * weight), and whether it is PAD SPACE (trailing spaces do not matter, as in every MariaDB
 * collation except {@code binary} and the {@code _nopad_} ones). Most supported collations weigh
 * each character one number, so that comparison and LIKE are a walk over characters; the UCA 4.0.0
 * ones ({@code utf8mb4_unicode_ci}) weigh a character a sequence ({@link UcaWeights}), so that
 * 'ß' = 'ss' while LIKE still compares one character with one.
 */
final class Collation {
    private static final char[] UNICODE_UPPER = bmpTable(CollationTables.UNICODE_UPPER_RUNS);
    private static final char[] UNICODE_LOWER = bmpTable(CollationTables.UNICODE_LOWER_RUNS);
    private static final char[] GENERAL_CI = bmpTable(CollationTables.GENERAL_CI_WEIGHT_RUNS);
    private static final Map<String, Collation> BY_NAME = supported();

    static final Collation BINARY = forName("binary").orElseThrow();
    /** {@code @@collation_connection} after {@code SET NAMES utf8mb4}: the collation of literals. */
    static final Collation CONNECTION = forName("utf8mb4_general_ci").orElseThrow();
    /** MySQL gives numbers and temporal values converted to text this collation (my_charset_numeric). */
    static final Collation NUMERIC = forName("latin1_swedish_ci").orElseThrow();

    private enum Order { BYTES, CODE_POINT, UNICODE_WEIGHTS, BYTE_WEIGHTS, UCA }

    private final String name;
    private final TextCharset charset;
    private final Order order;
    private final char[] weights;
    private final boolean padSpace;
    private final int spaceWeight;

    private Collation(String name, TextCharset charset, Order order, char[] weights, boolean padSpace) {
        this.name = requireNonNull(name, "name is null");
        this.charset = requireNonNull(charset, "charset is null");
        this.order = requireNonNull(order, "order is null");
        this.weights = weights;
        this.padSpace = padSpace;
        this.spaceWeight = order == Order.UCA ? 0 : weight(' ');
    }

    static Optional<Collation> forName(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (key.startsWith("utf8_")) {
            key = "utf8mb3_" + key.substring("utf8_".length());
        }
        return Optional.ofNullable(BY_NAME.get(key));
    }

    static List<String> supportedNames() {
        return BY_NAME.keySet().stream().sorted().toList();
    }

    String name() {
        return name;
    }

    TextCharset charset() {
        return charset;
    }

    /** MY_CS_BINSORT: orders by bytes or code points, which wins over a {@code _ci} collation of the same charset. */
    boolean isBinarySort() {
        return order == Order.BYTES || order == Order.CODE_POINT;
    }

    /**
     * The weight of one character (code point; for binary strings, the byte).
     *
     * @throws IllegalStateException for a UCA collation, where a character weighs a sequence
     */
    int weight(int c) {
        return switch (order) {
            case BYTES, CODE_POINT -> charset == TextCharset.LATIN1 ? latin1Byte(c) : c;
            case UNICODE_WEIGHTS -> c > 0xFFFF ? 0xFFFD : weights[c];
            case BYTE_WEIGHTS -> weights[charset == TextCharset.LATIN1 ? latin1Byte(c) : c & 0x7F];
            case UCA -> throw new IllegalStateException(name + " weighs characters as sequences");
        };
    }

    /** Whether LIKE matches a pattern character with a string character (MariaDB's per-character wildcard comparison). */
    boolean sameCharacter(int a, int b) {
        if (order == Order.UCA) {
            return UcaWeights.UNICODE_400.sameCharacter(a, b);
        }
        return a == b || weight(a) == weight(b);
    }

    /** Compares two strings of this collation's charset the way MariaDB's strnncollsp does. */
    int compare(String a, String b) {
        if (order == Order.UCA) {
            return UcaWeights.UNICODE_400.compare(a, b, padSpace);
        }
        int i = 0;
        int j = 0;
        int la = a.length();
        int lb = b.length();
        while (i < la && j < lb) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                int wa = weight(ca);
                int wb = weight(cb);
                if (wa != wb) {
                    return wa < wb ? -1 : 1;
                }
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        if (i == la && j == lb) {
            return 0;
        }
        if (!padSpace) {
            return i == la ? -1 : 1;
        }
        // PAD SPACE: the shorter string is compared as if padded with spaces
        return i < la ? restAgainstSpace(a, i) : -restAgainstSpace(b, j);
    }

    private int restAgainstSpace(String s, int from) {
        for (int i = from; i < s.length(); ) {
            int c = s.codePointAt(i);
            int w = weight(c);
            if (w != spaceWeight) {
                return w < spaceWeight ? -1 : 1;
            }
            i += Character.charCount(c);
        }
        return 0;
    }

    String upper(String s) {
        return convertCase(s, UNICODE_UPPER, CollationTables.LATIN1_UPPER);
    }

    String lower(String s) {
        return convertCase(s, UNICODE_LOWER, CollationTables.LATIN1_LOWER);
    }

    private String convertCase(String s, char[] unicode, String latin1) {
        if (charset == TextCharset.BINARY) {
            return s;
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char mapped = switch (charset) {
                // surrogates are never mapped: MariaDB leaves characters outside the BMP alone
                case UTF8MB4, UTF8MB3 -> unicode[c];
                case LATIN1 -> TextCharset.latin1Char(latin1.charAt(TextCharset.latin1Byte(c)));
                default -> c < 0x80 ? latin1.charAt(c) : c;
            };
            if (mapped != c && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                out.append(mapped);
            }
        }
        return out == null ? s : out.toString();
    }

    private static int latin1Byte(int c) {
        int b = TextCharset.latin1Byte(c);
        // characters that are not latin1 never reach here: values are decoded latin1, literals are checked
        return b < 0 ? 0x3F : b;
    }

    @Override
    public String toString() {
        return name;
    }

    private static Map<String, Collation> supported() {
        Map<String, Collation> collations = new HashMap<>();
        add(collations, new Collation("binary", TextCharset.BINARY, Order.BYTES, null, false));
        for (String cs : List.of("utf8mb4", "utf8mb3")) {
            TextCharset charset = TextCharset.of(cs).orElseThrow();
            add(collations, new Collation(cs + "_general_ci", charset, Order.UNICODE_WEIGHTS, GENERAL_CI, true));
            add(collations, new Collation(cs + "_general_nopad_ci", charset, Order.UNICODE_WEIGHTS, GENERAL_CI, false));
            add(collations, new Collation(cs + "_bin", charset, Order.CODE_POINT, null, true));
            add(collations, new Collation(cs + "_nopad_bin", charset, Order.CODE_POINT, null, false));
            // UCA 4.0.0; UPPER and LOWER map as in general_ci (my_unicase_default), which CollationTablesIT checks
            add(collations, new Collation(cs + "_unicode_ci", charset, Order.UCA, null, true));
            add(collations, new Collation(cs + "_unicode_nopad_ci", charset, Order.UCA, null, false));
        }
        char[] swedish = byteTable(CollationTables.LATIN1_SWEDISH_CI);
        add(collations, new Collation("latin1_swedish_ci", TextCharset.LATIN1, Order.BYTE_WEIGHTS, swedish, true));
        add(collations, new Collation("latin1_swedish_nopad_ci", TextCharset.LATIN1, Order.BYTE_WEIGHTS, swedish, false));
        add(collations, new Collation("latin1_general_ci", TextCharset.LATIN1, Order.BYTE_WEIGHTS, byteTable(CollationTables.LATIN1_GENERAL_CI), true));
        add(collations, new Collation("latin1_general_cs", TextCharset.LATIN1, Order.BYTE_WEIGHTS, byteTable(CollationTables.LATIN1_GENERAL_CS), true));
        add(collations, new Collation("latin1_german1_ci", TextCharset.LATIN1, Order.BYTE_WEIGHTS, byteTable(CollationTables.LATIN1_GERMAN1_CI), true));
        add(collations, new Collation("latin1_danish_ci", TextCharset.LATIN1, Order.BYTE_WEIGHTS, byteTable(CollationTables.LATIN1_DANISH_CI), true));
        add(collations, new Collation("latin1_spanish_ci", TextCharset.LATIN1, Order.BYTE_WEIGHTS, byteTable(CollationTables.LATIN1_SPANISH_CI), true));
        add(collations, new Collation("latin1_bin", TextCharset.LATIN1, Order.CODE_POINT, null, true));
        add(collations, new Collation("latin1_nopad_bin", TextCharset.LATIN1, Order.CODE_POINT, null, false));
        char[] ascii = new char[128];
        for (int c = 0; c < ascii.length; c++) {
            ascii[c] = (char) (c >= 'a' && c <= 'z' ? c - 32 : c);
        }
        add(collations, new Collation("ascii_general_ci", TextCharset.ASCII, Order.BYTE_WEIGHTS, ascii, true));
        add(collations, new Collation("ascii_general_nopad_ci", TextCharset.ASCII, Order.BYTE_WEIGHTS, ascii, false));
        add(collations, new Collation("ascii_bin", TextCharset.ASCII, Order.CODE_POINT, null, true));
        add(collations, new Collation("ascii_nopad_bin", TextCharset.ASCII, Order.CODE_POINT, null, false));
        return Map.copyOf(collations);
    }

    private static void add(Map<String, Collation> collations, Collation collation) {
        collations.put(collation.name, collation);
    }

    private static char[] byteTable(String table) {
        return table.toCharArray();
    }

    /** Expands {@code start, count, step << 1 | constant, value} runs over an identity table. */
    private static char[] bmpTable(String runs) {
        char[] table = new char[0x10000];
        for (int c = 0; c < table.length; c++) {
            table[c] = (char) c;
        }
        for (int i = 0; i < runs.length(); i += 4) {
            int start = runs.charAt(i);
            int count = runs.charAt(i + 1);
            int step = runs.charAt(i + 2) >> 1;
            boolean constant = (runs.charAt(i + 2) & 1) != 0;
            int value = runs.charAt(i + 3);
            for (int k = 0; k < count; k++) {
                int c = start + k * step;
                table[c] = (char) (constant ? value : value + (c - start));
            }
        }
        return table;
    }
}
