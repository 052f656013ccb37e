package io.sluice.mysql.predicate;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks the generated {@link CollationTables} against a live MariaDB, character by character:
 * the {@code utf8mb4_general_ci} weight and {@code UPPER}/{@code LOWER} of every BMP character,
 * and the weights of every byte under each supported latin1 collation.
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
