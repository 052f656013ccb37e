package io.sluice.mysql.schema;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Maps MySQL/MariaDB character set names to Java charsets for decoding column bytes.
 *
 * <p>MySQL's {@code latin1} is Windows-1252 except that the five bytes cp1252 leaves undefined
 * (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 controls U+0081...; Java's windows-1252 turns them
 * into U+FFFD, which would lose data, so latin1 gets its own table.
 */
public final class MysqlCharsets {
    private static final Map<String, String> JAVA_NAMES = Map.ofEntries(
            Map.entry("utf8mb4", "UTF-8"),
            Map.entry("utf8mb3", "UTF-8"),
            Map.entry("utf8", "UTF-8"),
            Map.entry("ascii", "US-ASCII"),
            Map.entry("latin2", "ISO-8859-2"),
            Map.entry("latin5", "ISO-8859-9"),
            Map.entry("latin7", "ISO-8859-13"),
            Map.entry("greek", "ISO-8859-7"),
            Map.entry("hebrew", "ISO-8859-8"),
            Map.entry("cp1250", "windows-1250"),
            Map.entry("cp1251", "windows-1251"),
            Map.entry("cp1256", "windows-1256"),
            Map.entry("cp1257", "windows-1257"),
            Map.entry("cp850", "IBM850"),
            Map.entry("cp852", "IBM852"),
            Map.entry("cp866", "IBM866"),
            Map.entry("koi8r", "KOI8-R"),
            Map.entry("koi8u", "KOI8-U"),
            Map.entry("gbk", "GBK"),
            Map.entry("gb2312", "GB2312"),
            Map.entry("gb18030", "GB18030"),
            Map.entry("big5", "Big5"),
            Map.entry("sjis", "Shift_JIS"),
            Map.entry("cp932", "windows-31j"),
            Map.entry("ujis", "EUC-JP"),
            Map.entry("eucjpms", "EUC-JP"),
            Map.entry("euckr", "EUC-KR"),
            Map.entry("tis620", "TIS-620"),
            Map.entry("ucs2", "UTF-16BE"),
            Map.entry("utf16", "UTF-16BE"),
            Map.entry("utf16le", "UTF-16LE"),
            Map.entry("utf32", "UTF-32BE"));

    private static final char[] LATIN1 = latin1Table();

    private MysqlCharsets() {}

    /** A decoder for column bytes in the given MySQL charset; IllegalArgumentException when unsupported. */
    public static TextDecoder decoder(String mysqlCharset) {
        String name = mysqlCharset.toLowerCase(Locale.ROOT);
        if (name.equals("latin1")) {
            return MysqlCharsets::decodeLatin1;
        }
        String javaName = JAVA_NAMES.get(name);
        if (javaName == null || !Charset.isSupported(javaName)) {
            throw new IllegalArgumentException("Unsupported MySQL character set '" + mysqlCharset + "'");
        }
        Charset charset = Charset.forName(javaName);
        if (charset.equals(StandardCharsets.UTF_8)) {
            return bytes -> new String(bytes, StandardCharsets.UTF_8);
        }
        return bytes -> new String(bytes, charset);
    }

    private static String decodeLatin1(byte[] bytes) {
        char[] chars = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            chars[i] = LATIN1[bytes[i] & 0xFF];
        }
        return new String(chars);
    }

    private static char[] latin1Table() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        char[] table = new String(all, Charset.forName("windows-1252")).toCharArray();
        for (int i = 0; i < 256; i++) {
            if (table[i] == '\uFFFD') {
                table[i] = (char) i;
            }
        }
        return table;
    }

    /** Turns the bytes of one column value into text. */
    @FunctionalInterface
    public interface TextDecoder {
        String decode(byte[] bytes);
    }
}
