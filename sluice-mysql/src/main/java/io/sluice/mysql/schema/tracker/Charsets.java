package io.sluice.mysql.schema.tracker;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The character sets the tracker knows: each one's default collation and maximum bytes per
 * character. The built-in table is MariaDB 10.11's {@code information_schema.CHARACTER_SETS};
 * {@link SchemaTracker#load} replaces entries with what the live server reports, and the
 * serialized state carries those that differ from the built-in table.
 */
final class Charsets {
    /** name -> {default collation, max bytes per character}. */
    private static final Map<String, Info> BUILT_IN = builtIn();

    private final Map<String, Info> overrides = new TreeMap<>();

    record Info(String defaultCollation, int maxLength) {}

    Charsets copy() {
        Charsets copy = new Charsets();
        copy.overrides.putAll(overrides);
        return copy;
    }

    /** Records what the server says about a charset; entries equal to the built-in table are not kept. */
    void define(String charset, String defaultCollation, int maxLength) {
        String name = normalizeCharset(charset);
        Info info = new Info(normalizeCollation(defaultCollation), maxLength);
        if (info.equals(BUILT_IN.get(name))) {
            overrides.remove(name);
        }
        else {
            overrides.put(name, info);
        }
    }

    /** Charsets whose definition differs from the built-in table, for serialization. */
    Map<String, Info> overrides() {
        return overrides;
    }

    /** The default collation of a charset; null when the charset is unknown. */
    String defaultCollation(String charset) {
        Info info = info(charset);
        return info == null ? null : info.defaultCollation();
    }

    /** The maximum bytes per character; 0 when the charset is unknown. */
    int maxLength(String charset) {
        Info info = info(charset);
        return info == null ? 0 : info.maxLength();
    }

    boolean isKnown(String charset) {
        return info(charset) != null;
    }

    /** The charset a collation belongs to ({@code latin1_bin} -> {@code latin1}); null when it cannot be told. */
    String charsetOf(String collation) {
        String name = normalizeCollation(collation);
        if (name.equals("binary")) {
            return "binary";
        }
        // the longest known charset name that prefixes the collation followed by '_'
        String best = null;
        for (String charset : allNames()) {
            if (name.startsWith(charset + "_") && (best == null || charset.length() > best.length())) {
                best = charset;
            }
        }
        if (best == null) {
            int underscore = name.indexOf('_');
            best = underscore > 0 ? name.substring(0, underscore) : null;
        }
        return best;
    }

    /** The {@code _bin} collation of a charset, used for the {@code BINARY} column attribute. */
    static String binaryCollation(String charset) {
        return charset.equals("binary") ? "binary" : charset + "_bin";
    }

    private Iterable<String> allNames() {
        TreeMap<String, Info> all = new TreeMap<>(BUILT_IN);
        all.putAll(overrides);
        return all.keySet();
    }

    private Info info(String charset) {
        String name = normalizeCharset(charset);
        Info info = overrides.get(name);
        return info != null ? info : BUILT_IN.get(name);
    }

    /** Lower case; {@code utf8} is {@code utf8mb3} (MariaDB's default {@code old_mode=UTF8_IS_UTF8MB3}). */
    static String normalizeCharset(String charset) {
        String name = charset.trim().toLowerCase(Locale.ROOT);
        return name.equals("utf8") ? "utf8mb3" : name;
    }

    /** Lower case; {@code utf8_xxx} is {@code utf8mb3_xxx}. */
    static String normalizeCollation(String collation) {
        String name = collation.trim().toLowerCase(Locale.ROOT);
        return name.startsWith("utf8_") ? "utf8mb3_" + name.substring("utf8_".length()) : name;
    }

    private static Map<String, Info> builtIn() {
        String table = """
                armscii8 armscii8_general_ci 1
                ascii ascii_general_ci 1
                big5 big5_chinese_ci 2
                binary binary 1
                cp1250 cp1250_general_ci 1
                cp1251 cp1251_general_ci 1
                cp1256 cp1256_general_ci 1
                cp1257 cp1257_general_ci 1
                cp850 cp850_general_ci 1
                cp852 cp852_general_ci 1
                cp866 cp866_general_ci 1
                cp932 cp932_japanese_ci 2
                dec8 dec8_swedish_ci 1
                eucjpms eucjpms_japanese_ci 3
                euckr euckr_korean_ci 2
                gb2312 gb2312_chinese_ci 2
                gbk gbk_chinese_ci 2
                geostd8 geostd8_general_ci 1
                greek greek_general_ci 1
                hebrew hebrew_general_ci 1
                hp8 hp8_english_ci 1
                keybcs2 keybcs2_general_ci 1
                koi8r koi8r_general_ci 1
                koi8u koi8u_general_ci 1
                latin1 latin1_swedish_ci 1
                latin2 latin2_general_ci 1
                latin5 latin5_turkish_ci 1
                latin7 latin7_general_ci 1
                macce macce_general_ci 1
                macroman macroman_general_ci 1
                sjis sjis_japanese_ci 2
                swe7 swe7_swedish_ci 1
                tis620 tis620_thai_ci 1
                ucs2 ucs2_general_ci 2
                ujis ujis_japanese_ci 3
                utf16 utf16_general_ci 4
                utf16le utf16le_general_ci 4
                utf32 utf32_general_ci 4
                utf8mb3 utf8mb3_general_ci 3
                utf8mb4 utf8mb4_general_ci 4
                """;
        Map<String, Info> map = new TreeMap<>();
        for (String line : table.strip().split("\n")) {
            String[] parts = line.trim().split(" ");
            map.put(parts[0], new Info(parts[1], Integer.parseInt(parts[2])));
        }
        return Map.copyOf(map);
    }
}
