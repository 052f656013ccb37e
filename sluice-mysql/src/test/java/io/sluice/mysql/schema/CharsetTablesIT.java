package io.sluice.mysql.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads from a real MariaDB how it converts every byte of each single-byte charset and every
 * two-byte (and EUC-JP three-byte) code of each multi-byte charset to Unicode, and checks that
 * {@code mariadb-charsets.txt}, from which {@link MysqlCharsets} decodes, says exactly that. On a
 * difference the server's version is written to {@code target/mariadb-charsets.txt} to copy over.
 */
@ExtendWith(MariaDbExtension.class)
class CharsetTablesIT {
    private static final Map<String, String> MULTI_BYTE_BASES = Map.of("big5", "Big5", "cp932", "windows-31j", "eucjpms", "EUC-JP",
            "euckr", "x-windows-949", "gb2312", "GB2312", "gbk", "GBK", "sjis", "Shift_JIS", "ujis", "EUC-JP");

    @Sandbox
    static MariaDbServer server;

    @Test
    void theTablesAreWhatTheServerConverts() throws Exception {
        String expected;
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            expected = tables(statement);
        }
        String actual;
        try (InputStream in = MysqlCharsets.class.getResourceAsStream("mariadb-charsets.txt")) {
            actual = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        String withoutComments = actual.lines().filter(line -> !line.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
        if (!withoutComments.equals(expected)) {
            String header = actual.lines().filter(line -> line.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
            Files.writeString(Path.of("target/mariadb-charsets.txt"), header + expected);
        }
        assertThat(withoutComments).as("mariadb-charsets.txt against the server; see target/mariadb-charsets.txt").isEqualTo(expected);
    }

    @Test
    void everyCollationIdNamesTheServersCharset() throws Exception {
        List<List<String>> collations = server.query("SELECT ID, CHARACTER_SET_NAME FROM information_schema.COLLATIONS WHERE ID IS NOT NULL");
        assertThat(collations).hasSizeGreaterThan(300);
        for (List<String> collation : collations) {
            assertThat(MysqlCharsets.charsetOfCollationId(Integer.parseInt(collation.get(0)))).as("collation id %s", collation.get(0))
                    .contains(collation.get(1));
        }
        assertThat(MysqlCharsets.charsetOfCollationId(255)).isEmpty();
    }

    @Test
    void everyCodeDecodesToWhatTheServerConvertsItTo() throws Exception {
        // the decoder end to end, over a sample of codes mixed into one value
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            for (String charset : List.of("sjis", "ujis", "eucjpms", "euckr", "big5", "gbk", "armscii8", "cp866", "tis620")) {
                StringBuilder hex = new StringBuilder();
                try (ResultSet rs = statement.executeQuery("SELECT HEX(CONVERT(CONVERT(UNHEX('41815C815F8FA2B7A1C0ADA1F5A18141A140F9D6A1C3FDE1A0') USING "
                        + charset + ") USING utf8mb4)), UNHEX('41815C815F8FA2B7A1C0ADA1F5A18141A140F9D6A1C3FDE1A0')")) {
                    rs.next();
                    hex.append(rs.getString(1));
                    // only compare what the server takes as well-formed: the probe bytes are not in every charset
                }
                byte[] bytes = HexFormat.of().parseHex("41815C815F8FA2B7A1C0ADA1F5A18141A140F9D6A1C3FDE1A0");
                String server = new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
                if (!server.contains("?")) {
                    assertThat(MysqlCharsets.decoder(charset).decode(bytes)).as(charset).isEqualTo(server);
                }
            }
        }
    }

    private static String tables(Statement statement) throws Exception {
        Map<String, Integer> charsets = new LinkedHashMap<>();
        try (ResultSet rs = statement.executeQuery("SELECT CHARACTER_SET_NAME, MAXLEN FROM information_schema.CHARACTER_SETS "
                + "WHERE CHARACTER_SET_NAME NOT IN ('binary', 'ucs2') AND CHARACTER_SET_NAME NOT LIKE 'utf%' ORDER BY 1")) {
            while (rs.next()) {
                charsets.put(rs.getString(1), rs.getInt(2));
            }
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Integer> entry : charsets.entrySet()) {
            String charset = entry.getKey();
            if (entry.getValue() == 1) {
                out.append("single ").append(charset);
                try (ResultSet rs = statement.executeQuery(converted(charset, 2, "seq_0_to_255"))) {
                    while (rs.next()) {
                        out.append(' ').append(Integer.toHexString(text(rs.getString(2)).codePointAt(0)));
                    }
                }
                out.append('\n');
                continue;
            }
            String baseName = MULTI_BYTE_BASES.get(charset);
            assertThat(baseName).as("Java base charset for MariaDB's %s", charset).isNotNull();
            Charset base = Charset.forName(baseName);
            out.append("multi ").append(charset).append(' ').append(base.name()).append('\n');
            List<long[]> differences = new ArrayList<>();
            differences(statement, converted(charset, 4, "seq_32768_to_65535"), base, 2, differences);
            if (entry.getValue() == 3) {
                // EUC-JP's JIS X 0212 plane: 0x8F followed by two bytes 0xA1..0xFE
                differences(statement, converted(charset, 6, "seq_9413025_to_9436926"), base, 3, differences);
            }
            appendRuns(out, differences);
        }
        return out.toString();
    }

    private static String converted(String charset, int hexDigits, String sequence) {
        return "SELECT seq, HEX(CONVERT(CONVERT(UNHEX(LPAD(HEX(seq), " + hexDigits + ", '0')) USING " + charset
                + ") USING utf8mb4)) FROM test." + sequence + " ORDER BY seq";
    }

    /** The codes the server turns into one character other than the one the Java charset gives. */
    private static void differences(Statement statement, String query, Charset base, int width, List<long[]> differences) throws Exception {
        try (ResultSet rs = statement.executeQuery(query)) {
            while (rs.next()) {
                long code = rs.getLong(1);
                String server = text(rs.getString(2));
                // two characters or none: not one well-formed character in this charset, so no column holds it
                if (server.codePointCount(0, server.length()) != 1) {
                    continue;
                }
                byte[] bytes = new byte[width];
                for (int i = 0; i < width; i++) {
                    bytes[i] = (byte) (code >> (8 * (width - 1 - i)));
                }
                if (!new String(bytes, base).equals(server)) {
                    differences.add(new long[] {code, server.codePointAt(0)});
                }
            }
        }
    }

    /** Consecutive codes mapping to one code point or to consecutive ones become one line. */
    private static void appendRuns(StringBuilder out, List<long[]> differences) {
        int i = 0;
        while (i < differences.size()) {
            long[] first = differences.get(i);
            int j = i + 1;
            long step = -1;
            while (j < differences.size()) {
                long[] previous = differences.get(j - 1);
                long[] next = differences.get(j);
                long delta = next[1] - previous[1];
                if (next[0] != previous[0] + 1 || (delta != 0 && delta != 1) || (step != -1 && delta != step)) {
                    break;
                }
                step = delta;
                j++;
            }
            out.append("%x %x %x %d%n".formatted(first[0], differences.get(j - 1)[0], first[1], Math.max(step, 0)));
            i = j;
        }
    }

    private static String text(String hex) {
        return hex == null ? "" : new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
    }
}
