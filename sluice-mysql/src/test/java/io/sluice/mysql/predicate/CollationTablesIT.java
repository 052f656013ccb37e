package io.sluice.mysql.predicate;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Checks the generated {@link CollationTables} against a live MariaDB, character by character:
 * the {@code utf8mb4_general_ci} weight and {@code UPPER}/{@code LOWER} of every BMP character,
 * the weights of every byte under each supported latin1 collation, and the UCA 4.0.0 weights
 * ({@code utf8mb4_unicode_ci}) of every BMP character, from which it also regenerates the
 * {@link UcaWeights} resource.
 */
@ExtendWith(MariaDbExtension.class)
public class CollationTablesIT {
    @Sandbox(options = "character_set_server=utf8mb4")
    static MariaDbServer server;

    @BeforeAll
    static void createSequenceDatabase() {
        // the SEQUENCE engine's seq_0_to_N tables need a default-able database
        server.execute("CREATE DATABASE coll");
    }

    @Test
    void unicodeWeightsAndCaseMappingsMatchTheServer() throws Exception {
        Collation generalCi = Collation.forName("utf8mb4_general_ci").orElseThrow();
        Collation bin = Collation.forName("utf8mb4_bin").orElseThrow();
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET NAMES utf8mb4");
            try (ResultSet rs = statement.executeQuery("""
                    SELECT seq,
                           HEX(WEIGHT_STRING(c COLLATE utf8mb4_general_ci)),
                           HEX(CONVERT(UPPER(c COLLATE utf8mb4_general_ci) USING utf32)),
                           HEX(CONVERT(LOWER(c COLLATE utf8mb4_bin) USING utf32))
                    FROM (SELECT seq, CONVERT(CHAR(seq USING utf32) USING utf8mb4) c FROM coll.seq_0_to_65535
                          WHERE seq < 55296 OR seq > 57343) chars""")) {
                while (rs.next()) {
                    int c = rs.getInt(1);
                    String character = new String(Character.toChars(c));
                    check(mismatches, c, "weight", Integer.parseInt(rs.getString(2), 16), generalCi.weight(c));
                    check(mismatches, c, "upper", Integer.parseInt(rs.getString(3), 16), generalCi.upper(character).codePointAt(0));
                    check(mismatches, c, "lower", Integer.parseInt(rs.getString(4), 16), bin.lower(character).codePointAt(0));
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(65536 - 2048);
        assertThat(mismatches).isEmpty();
    }

    /**
     * Every BMP character's {@code utf8mb4_unicode_ci} weights (and {@code utf8mb3_unicode_ci}'s,
     * the same table) and case mappings. The resource is regenerated from the server's answers: when
     * it differs, the new one is written to {@code target/} to be copied over.
     */
    @Test
    void unicodeCiWeightsMatchTheServer() throws Exception {
        Collation unicodeCi = Collation.forName("utf8mb4_unicode_ci").orElseThrow();
        List<String> mismatches = new ArrayList<>();
        String[] serverWeights = new String[0x10000];
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET NAMES utf8mb4");
            try (ResultSet rs = statement.executeQuery("""
                    SELECT seq,
                           HEX(WEIGHT_STRING(c COLLATE utf8mb4_unicode_ci)),
                           HEX(WEIGHT_STRING(CONVERT(c USING utf8mb3) COLLATE utf8mb3_unicode_ci)),
                           HEX(CONVERT(UPPER(c COLLATE utf8mb4_unicode_ci) USING utf32)),
                           HEX(CONVERT(LOWER(c COLLATE utf8mb4_unicode_ci) USING utf32))
                    FROM (SELECT seq, CONVERT(CHAR(seq USING utf32) USING utf8mb4) c FROM coll.seq_0_to_65535
                          WHERE seq < 55296 OR seq > 57343) chars""")) {
                while (rs.next()) {
                    int c = rs.getInt(1);
                    String character = new String(Character.toChars(c));
                    serverWeights[c] = rs.getString(2);
                    String java = UcaWeights.UNICODE_400.weightHex(c);
                    if (!java.equals(rs.getString(2)) || !java.equals(rs.getString(3))) {
                        mismatches.add(String.format("U+%04X weights: server %s (utf8mb3 %s), Java %s", c, rs.getString(2), rs.getString(3), java));
                    }
                    check(mismatches, c, "upper", Integer.parseInt(rs.getString(4), 16), unicodeCi.upper(character).codePointAt(0));
                    check(mismatches, c, "lower", Integer.parseInt(rs.getString(5), 16), unicodeCi.lower(character).codePointAt(0));
                }
            }
            // MariaDB's 4.0.0 table stops at U+FFFF: every other character weighs 0xFFFD
            try (ResultSet rs = statement.executeQuery("SELECT HEX(WEIGHT_STRING(_utf8mb4 0xF09F9880 COLLATE utf8mb4_unicode_ci)), "
                    + "HEX(WEIGHT_STRING(_utf8mb4 0xF0A0808B COLLATE utf8mb4_unicode_ci))")) {
                rs.next();
                assertThat(List.of(rs.getString(1), rs.getString(2))).containsOnly(UcaWeights.UNICODE_400.weightHex(0x1F600),
                        UcaWeights.UNICODE_400.weightHex(0x2000B));
            }
        }
        String expected = ucaResource(serverWeights);
        String actual;
        try (var in = Objects.requireNonNull(UcaWeights.class.getResourceAsStream(UcaWeights.RESOURCE))) {
            actual = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        if (!expected.equals(actual)) {
            Files.writeString(Path.of("target", UcaWeights.RESOURCE), expected);
            mismatches.add("the resource " + UcaWeights.RESOURCE + " differs from the server's weights: see target/" + UcaWeights.RESOURCE);
        }
        assertThat(mismatches).isEmpty();
    }

    /**
     * LIKE compares one character with one ({@code my_uca_charcmp}): every pair of BMP characters
     * with the same weights, and whether the server's LIKE takes them as equal. Characters with
     * different weights never match, so these pairs are the whole answer.
     */
    @Test
    void unicodeCiLikeComparesCharactersAsTheServerDoes() throws Exception {
        Collation unicodeCi = Collation.forName("utf8mb4_unicode_ci").orElseThrow();
        List<String> mismatches = new ArrayList<>();
        int pairs = 0;
        int unlike = 0;
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET NAMES utf8mb4");
            statement.execute("""
                    CREATE TEMPORARY TABLE coll.w (seq INT PRIMARY KEY, c VARCHAR(1) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
                        w VARBINARY(32), KEY (w)) ENGINE=MEMORY""");
            // the wildcards and the escape character are left out: as patterns they are no characters
            statement.execute("""
                    INSERT INTO coll.w SELECT seq, c, WEIGHT_STRING(c)
                    FROM (SELECT seq, CONVERT(CHAR(seq USING utf32) USING utf8mb4) COLLATE utf8mb4_unicode_ci c FROM coll.seq_0_to_65535
                          WHERE (seq < 55296 OR seq > 57343) AND seq NOT IN (37, 92, 95)) chars""");
            try (ResultSet rs = statement.executeQuery("SELECT a.seq, b.seq, a.c LIKE b.c, b.c LIKE a.c FROM coll.w a JOIN coll.w b "
                    + "ON a.w = b.w AND a.seq < b.seq")) {
                while (rs.next()) {
                    int a = rs.getInt(1);
                    int b = rs.getInt(2);
                    boolean like = rs.getBoolean(3);
                    boolean java = unicodeCi.sameCharacter(a, b);
                    if ((like != java || rs.getBoolean(4) != java) && mismatches.size() < 50) {
                        mismatches.add(String.format("U+%04X LIKE U+%04X: server %s, Java %s", a, b, like, java));
                    }
                    pairs++;
                    unlike += like ? 0 : 1;
                }
            }
        }
        assertThat(mismatches).isEmpty();
        // the compatibility ideographs weigh like their unified twins but do not match them under LIKE
        assertThat(unlike).isPositive();
        assertThat(pairs).isGreaterThan(100_000);
    }

    /** The {@link UcaWeights} resource for these weights (index: code point; null for surrogates). */
    private static String ucaResource(String[] weights) {
        StringBuilder out = new StringBuilder()
                .append("# utf8mb4_unicode_ci and utf8mb3_unicode_ci (UCA 4.0.0) primary weights of the BMP, from MariaDB 10.11's WEIGHT_STRING.\n")
                .append("# Generated by CollationTablesIT; characters not listed have implicit weights. Format: see UcaWeights.\n");
        int runFirst = -1;
        int runCount = 0;
        String runWeights = null;
        List<String> lines = new ArrayList<>();
        for (int c = 0; c < weights.length; c++) {
            String w = weights[c];
            if (w == null || w.equals(implicitHex(c))) {
                runFirst = -1;
                continue;
            }
            boolean continues = runFirst >= 0 && c == runFirst + runCount
                    && ((w.isEmpty() && runWeights.isEmpty())
                        || (w.length() == 4 && runWeights.length() == 4 && Integer.parseInt(w, 16) == Integer.parseInt(runWeights, 16) + runCount));
            if (continues) {
                runCount++;
                lines.set(lines.size() - 1, line(runFirst, runCount, runWeights));
                continue;
            }
            runFirst = c;
            runCount = 1;
            runWeights = w;
            lines.add(line(c, 1, w));
        }
        lines.forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    private static String line(int first, int count, String weights) {
        StringBuilder line = new StringBuilder(String.format("%04X %X", first, count));
        for (int i = 0; i < weights.length(); i += 4) {
            line.append(' ').append(weights, i, i + 4);
        }
        return line.toString();
    }

    /** The implicit weights, computed here too so that the generator does not trust the code it checks. */
    private static String implicitHex(int c) {
        int base = c >= 0x3400 && c <= 0x4DB5 ? 0xFB80 : (c >= 0x4E00 && c <= 0x9FA5) || (c >= 0xFA0E && c <= 0xFA29) ? 0xFB40 : 0xFBC0;
        return String.format("%04X%04X", base + (c >> 15), (c & 0x7FFF) | 0x8000);
    }

    @Test
    void latin1WeightsAndCaseMappingsMatchTheServer() throws Exception {
        List<String> mismatches = new ArrayList<>();
        List<String> collations = List.of("latin1_swedish_ci", "latin1_general_ci", "latin1_general_cs", "latin1_german1_ci",
                "latin1_danish_ci", "latin1_spanish_ci", "latin1_bin", "latin1_swedish_nopad_ci", "ascii_general_ci");
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            for (String name : collations) {
                Collation collation = Collation.forName(name).orElseThrow();
                boolean ascii = name.startsWith("ascii");
                String charset = ascii ? "ascii" : "latin1";
                try (ResultSet rs = statement.executeQuery("SELECT seq, HEX(WEIGHT_STRING(c COLLATE " + name + ")), HEX(UPPER(c COLLATE "
                        + name + ")), HEX(LOWER(c COLLATE " + name + ")) FROM (SELECT seq, CONVERT(UNHEX(LPAD(HEX(seq), 2, '0')) USING "
                        + charset + ") c FROM coll.seq_0_to_" + (ascii ? 127 : 255) + ") bytes")) {
                    while (rs.next()) {
                        int b = rs.getInt(1);
                        char character = ascii ? (char) b : TextCharset.latin1Char(b);
                        check(mismatches, b, name + " weight", Integer.parseInt(rs.getString(2), 16), collation.weight(character));
                        check(mismatches, b, name + " upper", HexFormat.fromHexDigits(rs.getString(3)),
                                byteOf(collation.upper(String.valueOf(character)).charAt(0), ascii));
                        check(mismatches, b, name + " lower", HexFormat.fromHexDigits(rs.getString(4)),
                                byteOf(collation.lower(String.valueOf(character)).charAt(0), ascii));
                    }
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private static int byteOf(char c, boolean ascii) {
        return ascii ? c : TextCharset.latin1Byte(c);
    }

    private static void check(List<String> mismatches, int c, String what, int server, int java) {
        if (server != java && mismatches.size() < 50) {
            mismatches.add(String.format("U+%04X %s: server %04X, Java %04X", c, what, server, java));
        }
    }
}
