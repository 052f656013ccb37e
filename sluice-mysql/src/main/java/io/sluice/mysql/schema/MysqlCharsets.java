package io.sluice.mysql.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes column bytes in a MySQL/MariaDB character set to the text the server itself converts
 * them to, i.e. what {@code SELECT} returns over a utf8mb4 connection.
 *
 * <p>Java's charsets are not the server's: MariaDB's {@code latin1} is cp1252 with the five
 * undefined bytes as C1 controls, its {@code sjis} maps 0x815F to a backslash where Java's
 * Shift_JIS gives U+FF3C, its {@code euckr} is Microsoft's cp949, bytes a charset leaves unmapped
 * become {@code ?} rather than U+FFFD, and {@code armscii8}, {@code swe7}, {@code geostd8} and
 * five others have no Java charset at all. So the server's mappings are read from
 * {@code mariadb-charsets.txt} (generated from a real server and checked against one by
 * {@code CharsetTablesIT}): a full table per single-byte charset, and per multi-byte charset a
 * Java base charset plus the codes where MariaDB differs from it.
 */
public final class MysqlCharsets {
    private static final String TABLES = "mariadb-charsets.txt";
    private static final Map<String, String> UNICODE = Map.of(
            "utf8mb4", "UTF-8",
            "utf8mb3", "UTF-8",
            "utf8", "UTF-8",
            "ucs2", "UTF-16BE",
            "utf16", "UTF-16BE",
            "utf16le", "UTF-16LE",
            "utf32", "UTF-32BE");

    private MysqlCharsets() {}

    /** A decoder for column bytes in the given MySQL charset; IllegalArgumentException when unsupported. */
    public static TextDecoder decoder(String mysqlCharset) {
        String name = mysqlCharset.toLowerCase(Locale.ROOT);
        String unicode = UNICODE.get(name);
        if (unicode != null) {
            return new Unicode(Charset.forName(unicode), unicode.equals("UTF-8"));
        }
        TextDecoder decoder = Tables.DECODERS.get(name);
        if (decoder == null) {
            throw new IllegalArgumentException("Unsupported MySQL character set '" + mysqlCharset + "'");
        }
        return decoder;
    }

    /**
     * The charset of a MariaDB collation id, as a query event's {@code Q_CHARSET} status variable
     * names the statement's {@code character_set_client}; empty for an id MariaDB 10.11 does not
     * have (another server's, e.g. MySQL 8's).
     */
    public static java.util.Optional<String> charsetOfCollationId(int id) {
        return java.util.Optional.ofNullable(CollationIds.CHARSETS.get(id));
    }

    private static final class CollationIds {
        static final Map<Integer, String> CHARSETS = load();

        private static Map<Integer, String> load() {
            Map<Integer, String> charsets = new HashMap<>();
            try (InputStream in = MysqlCharsets.class.getResourceAsStream("mariadb-collation-ids.txt")) {
                if (in == null) {
                    throw new IllegalStateException("mariadb-collation-ids.txt is missing from the classpath");
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String[] fields = line.trim().split(" ");
                    charsets.put(Integer.parseInt(fields[0]), fields[1]);
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.copyOf(charsets);
        }
    }

    /** Turns the bytes of one column value into text. */
    public interface TextDecoder {
        String decode(byte[] bytes);

        /**
         * Whether {@code text}, decoded from {@code bytes}, converts back into exactly these bytes in
         * the charset, as the server converts text it receives: false when a byte maps to no character
         * (decoded as {@code ?} or U+FFFD) or to one another byte also maps to (armscii8 0xFF and
         * 0x27, sjis 0x815F and 0x5C, cp932's duplicate NEC and IBM codes). Such values must travel as
         * their bytes. May say false for a value that would survive, never true for one that would not.
         */
        boolean exact(byte[] bytes, String text);
    }

    /** MariaDB's Unicode charsets: UTF-8 ones hold only well-formed text; ucs2 takes lone surrogates, which do not survive. */
    private record Unicode(Charset charset, boolean utf8) implements TextDecoder {
        @Override
        public String decode(byte[] bytes) {
            return new String(bytes, charset);
        }

        @Override
        public boolean exact(byte[] bytes, String text) {
            return utf8 || java.util.Arrays.equals(bytes, text.getBytes(charset));
        }
    }

    /** One code point per byte. */
    private record SingleByte(char[] table, boolean[] lossy) implements TextDecoder {
        @Override
        public String decode(byte[] bytes) {
            char[] chars = new char[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                chars[i] = table[bytes[i] & 0xFF];
            }
            return new String(chars);
        }

        @Override
        public boolean exact(byte[] bytes, String text) {
            for (byte b : bytes) {
                if (lossy[b & 0xFF]) {
                    return false;
                }
            }
            return true;
        }

        /** The bytes mapped to {@code ?} or U+FFFD (but '?' itself) and to a code point another byte also maps to. */
        static SingleByte of(char[] table) {
            int[] mappedBy = new int[65536];
            for (char c : table) {
                mappedBy[c]++;
            }
            boolean[] lossy = new boolean[256];
            for (int b = 0; b < 256; b++) {
                char c = table[b];
                lossy[b] = (c == '?' && b != '?') || c == 0xFFFD || mappedBy[c] > 1;
            }
            return new SingleByte(table, lossy);
        }
    }

    /**
     * A Java charset with MariaDB's differences. The bytes are split into characters by their
     * first byte as the server does (stored values are well-formed), and a character with an
     * override is replaced; runs without one decode through the Java charset in one call.
     */
    private record MultiByte(Charset base, MultiByteLayout layout, Map<Integer, Integer> overrides, java.util.Set<Integer> lossyCodes,
            boolean[] lossyAscii) implements TextDecoder {
        /** The overridden codes whose code point does not encode back to them in the Java charset: '?', U+FFFD, sjis 0x815F's backslash... */
        static MultiByte of(Charset base, MultiByteLayout layout, Map<Integer, Integer> overrides) {
            java.util.Set<Integer> lossy = new java.util.HashSet<>();
            // an ASCII character a multi-byte code also maps to (sjis 0x815F and 0x5C are both '\\', which MariaDB writes as 0x815F)
            boolean[] lossyAscii = new boolean[128];
            overrides.forEach((code, codePoint) -> {
                if (codePoint < 128 && codePoint != '?') {
                    lossyAscii[codePoint] = true;
                }
                byte[] back = new String(Character.toChars(codePoint)).getBytes(base);
                int encoded = 0;
                for (byte b : back) {
                    encoded = encoded << 8 | (b & 0xFF);
                }
                if (back.length > 3 || encoded != code || codePoint == 0xFFFD) {
                    lossy.add(code);
                }
            });
            return new MultiByte(base, layout, overrides, java.util.Set.copyOf(lossy), lossyAscii);
        }

        @Override
        public String decode(byte[] bytes) {
            StringBuilder out = null;
            int runStart = 0;
            int i = 0;
            while (i < bytes.length) {
                int width = Math.min(layout.width(bytes[i] & 0xFF), bytes.length - i);
                if (width > 1) {
                    int code = 0;
                    for (int k = 0; k < width; k++) {
                        code = code << 8 | (bytes[i + k] & 0xFF);
                    }
                    Integer codePoint = overrides.get(code);
                    if (codePoint != null) {
                        if (out == null) {
                            out = new StringBuilder(bytes.length);
                        }
                        out.append(new String(bytes, runStart, i - runStart, base)).appendCodePoint(codePoint);
                        runStart = i + width;
                    }
                }
                i += width;
            }
            if (out == null) {
                return new String(bytes, base);
            }
            return out.append(new String(bytes, runStart, bytes.length - runStart, base)).toString();
        }

        /**
         * ASCII-only values are exact unless they hold an ASCII character a multi-byte code also
         * maps to (sjis and cp932 0x5C); else
         * the value must hold no code whose MariaDB character does not encode back to it (its
         * unmapped codes, and many-to-one ones like sjis 0x815F) and the text must encode back to
         * the same bytes in the Java charset, which MariaDB's characters for the other overridden
         * codes do (this catches codes Java leaves unmapped and its duplicate codes).
         */
        @Override
        public boolean exact(byte[] bytes, String text) {
            boolean ascii = true;
            for (byte b : bytes) {
                if (b >= 0 && lossyAscii[b]) {
                    return false;
                }
                ascii &= b >= 0;
            }
            if (ascii) {
                return true;
            }
            int i = 0;
            while (i < bytes.length) {
                int width = Math.min(layout.width(bytes[i] & 0xFF), bytes.length - i);
                if (width > 1) {
                    int code = 0;
                    for (int k = 0; k < width; k++) {
                        code = code << 8 | (bytes[i + k] & 0xFF);
                    }
                    if (lossyCodes.contains(code)) {
                        return false;
                    }
                }
                i += width;
            }
            return java.util.Arrays.equals(bytes, text.getBytes(base));
        }
    }

    /** How many bytes a character takes, by its first byte, for MariaDB's multi-byte charsets. */
    private enum MultiByteLayout {
        // lead bytes 0x81..0xFE start a two-byte character
        DOUBLE_BYTE,
        // Shift-JIS: 0x81..0x9F and 0xE0..0xFC lead two bytes; 0xA1..0xDF are single-byte katakana
        SHIFT_JIS,
        // EUC-JP: 0x8E leads two bytes (katakana), 0x8F three (JIS X 0212), 0xA1..0xFE two
        EUC_JP;

        int width(int lead) {
            return switch (this) {
                case DOUBLE_BYTE -> lead >= 0x81 && lead <= 0xFE ? 2 : 1;
                case SHIFT_JIS -> (lead >= 0x81 && lead <= 0x9F) || (lead >= 0xE0 && lead <= 0xFC) ? 2 : 1;
                case EUC_JP -> lead == 0x8F ? 3 : lead == 0x8E || (lead >= 0xA1 && lead <= 0xFE) ? 2 : 1;
            };
        }

        static MultiByteLayout of(String charset) {
            return switch (charset) {
                case "sjis", "cp932" -> SHIFT_JIS;
                case "ujis", "eucjpms" -> EUC_JP;
                default -> DOUBLE_BYTE;
            };
        }
    }

    /** Loaded on first use of a non-Unicode charset. */
    private static final class Tables {
        static final Map<String, TextDecoder> DECODERS = load();

        private static Map<String, TextDecoder> load() {
            Map<String, TextDecoder> decoders = new HashMap<>();
            try (InputStream in = MysqlCharsets.class.getResourceAsStream(TABLES)) {
                if (in == null) {
                    throw new IllegalStateException(TABLES + " is missing from the class path");
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
                String multiName = null;
                Charset multiBase = null;
                Map<Integer, Integer> overrides = null;
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String[] fields = line.trim().split(" ");
                    if (fields[0].equals("single") || fields[0].equals("multi")) {
                        if (multiName != null) {
                            decoders.put(multiName, MultiByte.of(multiBase, MultiByteLayout.of(multiName), Map.copyOf(overrides)));
                            multiName = null;
                        }
                        if (fields[0].equals("single")) {
                            decoders.put(fields[1], singleByte(fields));
                        }
                        else {
                            multiName = fields[1];
                            multiBase = Charset.forName(fields[2]);
                            overrides = new HashMap<>();
                        }
                        continue;
                    }
                    if (overrides == null) {
                        throw new IllegalStateException("Override before any multi-byte charset in " + TABLES + ": " + line);
                    }
                    int first = Integer.parseInt(fields[0], 16);
                    int last = Integer.parseInt(fields[1], 16);
                    int codePoint = Integer.parseInt(fields[2], 16);
                    int step = Integer.parseInt(fields[3]);
                    for (int code = first; code <= last; code++, codePoint += step) {
                        overrides.put(code, codePoint);
                    }
                }
                if (multiName != null) {
                    decoders.put(multiName, MultiByte.of(multiBase, MultiByteLayout.of(multiName), Map.copyOf(overrides)));
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + TABLES, e);
            }
            return Map.copyOf(decoders);
        }

        private static TextDecoder singleByte(String[] fields) {
            if (fields.length != 2 + 256) {
                throw new IllegalStateException("Charset " + fields[1] + " in " + TABLES + " has " + (fields.length - 2) + " entries, not 256");
            }
            char[] table = new char[256];
            for (int i = 0; i < 256; i++) {
                table[i] = (char) Integer.parseInt(fields[2 + i], 16);
            }
            return SingleByte.of(table);
        }
    }
}
