package io.sluice.mysql.predicate;

import io.sluice.mysql.schema.MysqlCharsets;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The MySQL character sets whose strings row predicates can compare. Text values are Java strings
 * of the characters; binary strings are held as one {@code char} (0..255) per byte so that both
 * share the evaluation code, and converting between them is encoding or decoding.
 */
enum TextCharset {
    BINARY("binary", false, false),
    UTF8MB4("utf8mb4", true, true),
    UTF8MB3("utf8mb3", true, false),
    LATIN1("latin1", false, false),
    ASCII("ascii", false, false);

    private static final char[] LATIN1_CHARS = latin1Chars();
    private static final byte[] LATIN1_BYTES = latin1Bytes(LATIN1_CHARS);

    private final String mysqlName;
    private final boolean unicode;
    private final boolean supplementary;

    TextCharset(String mysqlName, boolean unicode, boolean supplementary) {
        this.mysqlName = mysqlName;
        this.unicode = unicode;
        this.supplementary = supplementary;
    }

    static Optional<TextCharset> of(String mysqlName) {
        String name = mysqlName.toLowerCase(Locale.ROOT);
        if (name.equals("utf8")) {
            return Optional.of(UTF8MB3);
        }
        return Arrays.stream(values()).filter(charset -> charset.mysqlName.equals(name)).findFirst();
    }

    String mysqlName() {
        return mysqlName;
    }

    /** MY_CS_UNICODE: every character can be converted into this charset. */
    boolean isUnicode() {
        return unicode;
    }

    /** MY_CS_UNICODE_SUPPLEMENT: holds characters outside the BMP (utf8mb4 is a superset of utf8mb3). */
    boolean hasSupplementary() {
        return supplementary;
    }

    /** Whether MySQL can convert the text into this charset without '?' replacements. */
    boolean canEncode(String text) {
        return switch (this) {
            case UTF8MB4 -> true;
            case UTF8MB3 -> text.codePoints().allMatch(c -> c <= 0xFFFF);
            case LATIN1 -> text.chars().allMatch(c -> latin1Byte(c) >= 0);
            case ASCII -> text.chars().allMatch(c -> c < 0x80);
            case BINARY -> text.chars().allMatch(c -> c <= 0xFF);
        };
    }

    /** The bytes of a text value of this charset, one char per byte, as MySQL converts text to binary. */
    String toBinary(String text) {
        return switch (this) {
            case BINARY -> text;
            case UTF8MB4, UTF8MB3 -> new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            case LATIN1 -> {
                char[] bytes = new char[text.length()];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (char) latin1Byte(text.charAt(i));
                }
                yield new String(bytes);
            }
            case ASCII -> text;
        };
    }

    /** Decodes binary (one char per byte) into this charset; empty when a byte sequence is invalid. */
    Optional<String> fromBinary(String bytes) {
        byte[] raw = bytes.getBytes(StandardCharsets.ISO_8859_1);
        return switch (this) {
            case BINARY -> Optional.of(bytes);
            case LATIN1 -> Optional.of(MysqlCharsets.decoder("latin1").decode(raw));
            case ASCII -> bytes.chars().allMatch(c -> c < 0x80) ? Optional.of(bytes) : Optional.empty();
            case UTF8MB4, UTF8MB3 -> {
                try {
                    String text = StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(raw)).toString();
                    yield canEncode(text) ? Optional.of(text) : Optional.empty();
                }
                catch (CharacterCodingException e) {
                    yield Optional.empty();
                }
            }
        };
    }

    /** LENGTH(): the size in bytes of the text in this charset. */
    long byteLength(String text) {
        if (this != UTF8MB4 && this != UTF8MB3) {
            return text.length();
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            }
            else if (c < 0x800) {
                bytes += 2;
            }
            else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            }
            else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** The latin1 byte of a character decoded from latin1 (MySQL's cp1252 variant), or -1. */
    static int latin1Byte(int c) {
        if (c < 0x80 || (c >= 0xA0 && c <= 0xFF)) {
            return c;
        }
        if (c >= LATIN1_BYTES.length) {
            return -1;
        }
        return LATIN1_BYTES[c] == 0 ? -1 : LATIN1_BYTES[c] & 0xFF;
    }

    static char latin1Char(int b) {
        return LATIN1_CHARS[b];
    }

    private static char[] latin1Chars() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        return MysqlCharsets.decoder("latin1").decode(all).toCharArray();
    }

    private static byte[] latin1Bytes(char[] chars) {
        int max = 0;
        for (char c : chars) {
            max = Math.max(max, c);
        }
        byte[] bytes = new byte[max + 1];
        for (int b = 0x80; b < 0xA0; b++) {
            bytes[chars[b]] = (byte) b;
        }
        return bytes;
    }
}
