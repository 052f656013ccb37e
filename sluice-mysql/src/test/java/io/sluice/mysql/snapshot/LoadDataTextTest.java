package io.sluice.mysql.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * The LOAD DATA text encoding of the copy: the exact bytes for each kind of value the source sends
 * (text as utf8mb4, numbers and temporals as their text, BIT, binary, spatial and JSON as bytes),
 * and a round trip through the server's reading rules ({@link #parse}: fields split at tab, rows
 * at newline, backslash escapes, {@code \N} as NULL) for every byte value and random rows.
 */
class LoadDataTextTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void escapesOnlyTabNewlineAndBackslash() {
        assertThat(encode(row("a\tb", "c\nd", "e\\f"))).isEqualTo("a\\tb\tc\\nd\te\\\\f\n");
        // CR, NUL, 0x1A and quotes are data: no ENCLOSED BY, no CR line ends
        assertThat(encode(row("\r", "\0", "\u001a", "'\"", ","))).isEqualTo("\r\t\0\t\u001a\t'\"\t,\n");
    }

    @Test
    void nullEmptyAndTheTextBackslashN() {
        assertThat(encode(new byte[][] {null, bytes(""), bytes("\\N"), bytes("N"), bytes("NULL")})).isEqualTo("\\N\t\t\\\\N\tN\tNULL\n");
        // a one-column row holding the empty string is an empty line
        assertThat(encode(row(""))).isEqualTo("\n");
        List<List<byte[]>> parsed = parse(encodeBytes(new byte[][] {null, bytes(""), bytes("\\N")}));
        assertThat(parsed.getFirst().get(0)).isNull();
        assertThat(parsed.getFirst().get(1)).isEmpty();
        assertThat(parsed.getFirst().get(2)).isEqualTo(bytes("\\N"));
    }

    /** The values of each type exactly as TableCopier's SELECT makes the source send them. */
    @Test
    void valuesOfEveryTypeAsTheSourceSendsThem() {
        // numbers, DECIMAL, FLOAT via DOUBLE, temporals (zero dates, negative TIME, fractions): their text, unchanged
        for (String text : List.of("-2147483648", "18446744073709551615", "-0.00", "99999999999999999999999999999999999.999999999999999999999999999999",
                "1.401298464324817e-45", "-1.7976931348623157e308", "0000-00-00", "0000-00-00 00:00:00.000000", "-838:59:59.000000",
                "2038-01-19 03:14:07.999999", "1901", "0000")) {
            assertThat(encode(row(text))).isEqualTo(text + "\n");
        }
        // BIT(8) values that are the separator bytes themselves, BIT(64) all ones
        assertThat(encodeBytes(new byte[][] {{0x09}, {0x0a}, {0x5c}, {0x00}})).isEqualTo(HEX.parseHex("5c74" + "09" + "5c6e" + "09" + "5c5c" + "09" + "00" + "0a"));
        byte[] ones = new byte[8];
        Arrays.fill(ones, (byte) 0xff);
        assertThat(encodeBytes(new byte[][] {ones})).isEqualTo(HEX.parseHex("ffffffffffffffff0a"));
        // spatial: SRID + WKB, whose doubles hold any byte; here POINT(x, y) with tab, newline and backslash bytes in the coordinates
        byte[] point = HEX.parseHex("00000000" + "0101000000" + "095c0a0000000040" + "0a0a5c5c09090040");
        assertThat(parse(encodeBytes(new byte[][] {point})).getFirst().getFirst()).isEqualTo(point);
        // JSON text with its own escapes and non-BMP text as utf8mb4
        String json = "{\"a\": \"x\\ty\\\\z\\n\", \"b\": [1, 2.5e-3, null], \"emoji\": \"\uD83D\uDE00\"}";
        assertThat(new String(parse(encodeBytes(new byte[][] {bytes(json)})).getFirst().getFirst(), StandardCharsets.UTF_8)).isEqualTo(json);
        // text with separators, a 4-byte character and characters outside latin1
        String text = "tab\there\nnew line \\ back slash \uD83D\uDE00 \u00e9\u4e2d";
        assertThat(new String(parse(encodeBytes(new byte[][] {bytes(text)})).getFirst().getFirst(), StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Test
    void everyByteValueRoundTrips() {
        byte[] all = new byte[256 * 3];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) (i % 256);
        }
        List<List<byte[]>> parsed = parse(encodeBytes(new byte[][] {all, all, null}));
        assertThat(parsed).hasSize(1);
        assertThat(parsed.getFirst().get(0)).isEqualTo(all);
        assertThat(parsed.getFirst().get(1)).isEqualTo(all);
        assertThat(parsed.getFirst().get(2)).isNull();
    }

    @Test
    void randomRowsRoundTripThroughSmallReads() {
        Random random = new Random(6);
        for (int round = 0; round < 200; round++) {
            int columns = 1 + random.nextInt(6);
            List<byte[][]> rows = new ArrayList<>();
            LoadDataText text = new LoadDataText(16);
            ByteArrayOutputStream drained = new ByteArrayOutputStream();
            byte[] chunk = new byte[1 + random.nextInt(40)];
            for (int r = 0; r < 1 + random.nextInt(30); r++) {
                byte[][] row = new byte[columns][];
                for (int c = 0; c < columns; c++) {
                    if (random.nextInt(8) > 0) {
                        // mostly the bytes that need care
                        row[c] = new byte[random.nextInt(20)];
                        for (int i = 0; i < row[c].length; i++) {
                            row[c][i] = switch (random.nextInt(6)) {
                                case 0 -> '\t';
                                case 1 -> '\n';
                                case 2 -> '\\';
                                case 3 -> 'N';
                                default -> (byte) random.nextInt(256);
                            };
                        }
                    }
                }
                rows.add(row);
                for (int c = 0; c < columns; c++) {
                    text.field(row[c], c == 0);
                }
                text.endRow();
                // drain part of it between rows, as the driver does between reads
                int n = text.drainTo(chunk, 0, random.nextInt(chunk.length + 1));
                drained.write(chunk, 0, n);
            }
            int n;
            while ((n = text.drainTo(chunk, 0, chunk.length)) > 0) {
                drained.write(chunk, 0, n);
            }
            List<List<byte[]>> parsed = parse(drained.toByteArray());
            assertThat(parsed).hasSize(rows.size());
            for (int r = 0; r < rows.size(); r++) {
                assertThat(parsed.get(r)).containsExactly(rows.get(r));
            }
        }
    }

    @Test
    void bufferGrowsForLongValuesAndDrainsInParts() {
        byte[] big = new byte[300_000];
        Arrays.fill(big, (byte) '\\');
        LoadDataText text = new LoadDataText(16);
        text.field(big, true);
        text.endRow();
        assertThat(text.size()).isEqualTo(600_001);
        byte[] out = new byte[1000];
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int n;
        while ((n = text.drainTo(out, 0, out.length)) > 0) {
            all.write(out, 0, n);
        }
        assertThat(text.size()).isZero();
        assertThat(parse(all.toByteArray()).getFirst().getFirst()).isEqualTo(big);
    }

    private static byte[][] row(String... values) {
        byte[][] row = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            row[i] = bytes(values[i]);
        }
        return row;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(byte[][] row) {
        return new String(encodeBytes(row), StandardCharsets.ISO_8859_1);
    }

    private static byte[] encodeBytes(byte[][] row) {
        LoadDataText text = new LoadDataText(4);
        for (int i = 0; i < row.length; i++) {
            text.field(row[i], i == 0);
        }
        text.endRow();
        return text.toByteArray();
    }

    /**
     * The server's reading of {@link LoadDataText#FORMAT} (sql_load.cc, READ_INFO with
     * {@code CHARACTER SET binary}): a backslash takes the next byte, {@code n t r b 0 Z} stand for
     * their control characters, a field that is exactly {@code \N} is NULL.
     */
    static List<List<byte[]>> parse(byte[] data) {
        List<List<byte[]>> rows = new ArrayList<>();
        List<byte[]> row = new ArrayList<>();
        ByteArrayOutputStream field = new ByteArrayOutputStream();
        boolean nullField = false;
        boolean fieldStarted = false;
        for (int i = 0; i < data.length; i++) {
            byte b = data[i];
            if (b == '\\' && i + 1 < data.length) {
                byte next = data[++i];
                if (next == 'N' && !fieldStarted && (i + 1 == data.length || data[i + 1] == '\t' || data[i + 1] == '\n')) {
                    nullField = true;
                }
                else {
                    field.write(switch (next) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        case 'b' -> '\b';
                        case '0' -> 0;
                        case 'Z' -> 0x1a;
                        default -> next;
                    });
                }
                fieldStarted = true;
            }
            else if (b == '\t' || b == '\n') {
                row.add(nullField ? null : field.toByteArray());
                field.reset();
                nullField = false;
                fieldStarted = false;
                if (b == '\n') {
                    rows.add(row);
                    row = new ArrayList<>();
                }
            }
            else {
                field.write(b);
                fieldStarted = true;
            }
        }
        return rows;
    }
}
