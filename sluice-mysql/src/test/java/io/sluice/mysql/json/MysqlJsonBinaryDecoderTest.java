package io.sluice.mysql.json;

import static io.sluice.mysql.json.JsonbWriter.document;
import static io.sluice.mysql.json.JsonbWriter.hex;
import static io.sluice.mysql.json.JsonbWriter.largeDocument;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.mysql.json.JsonbWriter.Opaque;
import io.sluice.mysql.json.JsonbWriter.UInt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hand-encoded binary JSON for the scalar type codes and the small/large object/array layouts, checked
 * against the text MySQL 8.0 prints. Hex fixtures are written byte by byte from the format in
 * sql/json_binary.h; bigger documents come from {@link JsonbWriter}, an encoder written from json_binary.cc's
 * serializer. Opaque values: {@link MysqlJsonBinaryDecoderOpaqueTest}; bad input:
 * {@link MysqlJsonBinaryDecoderMalformedTest}; real recorded values: {@link MysqlJsonBinaryDecoderRecordedFixturesTest}.
 */
class MysqlJsonBinaryDecoderTest {

    private static String decode(byte[] b) {
        return MysqlJsonBinaryDecoder.toJsonText(b);
    }

    private static String decodeHex(String hex) {
        return decode(hex(hex));
    }

    @Test
    void emptyValueIsJsonNull() {
        assertThat(decode(new byte[0])).isEqualTo("null");
    }

    @Test
    void nullArrayIsRejected() {
        assertThatThrownBy(() -> MysqlJsonBinaryDecoder.toJsonText(null)).isInstanceOf(NullPointerException.class);
    }

    // ---- scalars ----

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            04 00                   | null
            04 01                   | true
            04 02                   | false
            05 0000                 | 0
            05 0100                 | 1
            05 ffff                 | -1
            05 ff7f                 | 32767
            05 0080                 | -32768
            06 ffff                 | 65535
            06 0080                 | 32768
            07 ffffff7f             | 2147483647
            07 00000080             | -2147483648
            07 0080ffff             | -32768
            08 ffffffff             | 4294967295
            08 00000080             | 2147483648
            09 ffffffffffffff7f     | 9223372036854775807
            09 0000000000000080     | -9223372036854775808
            09 ffffff7fffffffff     | -2147483649
            0a ffffffffffffffff     | 18446744073709551615
            0a 0000000000000080     | 9223372036854775808
            0a 0000000001000000     | 4294967296
            0b 0000000000000000     | 0.0
            0b 0000000000000080     | -0.0
            0b 000000000000f03f     | 1.0
            0b 1f85eb51b81e0940     | 3.14
            0b 000000000000f8bf     | -1.5
            0c 00                   | ""
            0c 0161                 | "a"
            0c 0568656c6c6f         | "hello"
            """)
    void topLevelScalar(String hex, String expected) {
        assertThat(decodeHex(hex)).isEqualTo(expected);
    }

    @Test
    void integersPickedLikeMysqlAtTheEdges() {
        List<Object> values = List.of((short) -32768, (short) 32767, -32769, 32768, Integer.MIN_VALUE,
                Integer.MAX_VALUE, -2147483649L, 2147483648L, Long.MIN_VALUE, Long.MAX_VALUE,
                new UInt(0), new UInt(65535), new UInt(65536), new UInt(4294967295L), new UInt(4294967296L),
                new UInt(-1L));
        String expected = "[-32768, 32767, -32769, 32768, -2147483648, 2147483647, -2147483649, 2147483648, "
                + "-9223372036854775808, 9223372036854775807, 0, 65535, 65536, 4294967295, 4294967296, "
                + "18446744073709551615]";
        assertThat(decode(document(values))).isEqualTo(expected);
        assertThat(decode(largeDocument(values))).isEqualTo(expected);
    }

    @Test
    void doublesInsideContainers() {
        assertThat(decode(document(List.of(1.5, 1e20, 1e-7, -0.0, 100.0, 0.1, 1.7976931348623157e308))))
                .isEqualTo("[1.5, 1e20, 0.0000001, -0.0, 100.0, 0.1, 1.7976931348623157e308]");
    }

    @Test
    void stringEscapesAsMysqlDoubleQuote() {
        // every control character < 0x20: \b \t \n \f \r short forms, others backslash-u00xx in lowercase hex;
        // '"' and '\\' escaped; DEL, '/', and non-ASCII printed raw.
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            all.append(c);
        }
        all.append("\"\\/\u007f\u00e9");
        String expected = "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r"
                + "\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a"
                + "\\u001b\\u001c\\u001d\\u001e\\u001f\\\"\\\\/\u007f\u00e9\"";
        assertThat(decode(document(all.toString()))).isEqualTo(expected);
    }

    @Test
    void utf8mb4FourByteCharacters() {
        // U+1F600 GRINNING FACE (f0 9f 98 80) and U+10348 GOTHIC LETTER HWAIR (f0 90 8d 88), hand-encoded
        assertThat(decodeHex("0c 08 f09f9880 f0908d88")).isEqualTo("\"\uD83D\uDE00\uD800\uDF48\"");
        assertThat(decode(document(Map.of("\uD83D\uDE00", "\u4e2d\u6587")))).isEqualTo(
                "{\"\uD83D\uDE00\": \"\u4e2d\u6587\"}");
    }

    @Test
    void stringLengthsNeedingTwoAndThreeLengthBytes() {
        String s127 = "x".repeat(127);
        String s128 = "y".repeat(128);
        String s16384 = "z".repeat(16384);
        assertThat(document(s127)).startsWith(0x0c, 0x7f);
        assertThat(document(s128)).startsWith(0x0c, 0x80, 0x01);
        assertThat(document(s16384)).startsWith(0x0c, 0x80, 0x80, 0x01);
        assertThat(decode(document(s127))).isEqualTo("\"" + s127 + "\"");
        assertThat(decode(document(s128))).isEqualTo("\"" + s128 + "\"");
        assertThat(decode(document(s16384))).isEqualTo("\"" + s16384 + "\"");
    }

    @Test
    void nonMinimalLengthEncodingIsReadLikeMysql() {
        // read_variable_length() accepts redundant continuation bytes: 0x81 0x00 is length 1
        assertThat(decodeHex("0c 8100 61")).isEqualTo("\"a\"");
    }

    // ---- containers ----

    @Test
    void emptyContainersSmallAndLarge() {
        assertThat(decodeHex("00 0000 0400")).isEqualTo("{}");
        assertThat(decodeHex("02 0000 0400")).isEqualTo("[]");
        assertThat(decodeHex("01 00000000 08000000")).isEqualTo("{}");
        assertThat(decodeHex("03 00000000 08000000")).isEqualTo("[]");
    }

    @Test
    void smallArrayWithInlinedAndOffsetValues() {
        // [1, "x", true, 70000, null]: int16 and literals inline, int32 at an offset in the small format
        String hex = "02 0500 1900"          // 5 elements, 25 bytes
                + " 05 0100"                  // int16 1 (inline)
                + " 0c 1300"                  // string at 19
                + " 04 0100"                  // true (inline)
                + " 07 1500"                  // int32 at 21
                + " 04 0000"                  // null (inline)
                + " 01 78"                    // "x"
                + " 70110100";                // 70000
        assertThat(decodeHex(hex)).isEqualTo("[1, \"x\", true, 70000, null]");
    }

    @Test
    void largeArrayInlinesInt32AndUint32() {
        // large array: [2147483647, 4294967295, -7, false]; int32/uint32 inline in the 4-byte entry
        String hex = "03 04000000 1c000000"
                + " 07 ffffff7f"
                + " 08 ffffffff"
                + " 05 f9ff0000"
                + " 04 02000000";
        assertThat(decodeHex(hex)).isEqualTo("[2147483647, 4294967295, -7, false]");
    }

    @Test
    void smallObjectKeysAndValues() {
        // {"a": 1, "bb": "x"}: key entries (offset, length), value entries, keys, values
        String hex = "00 0200 1700"
                + " 1200 0100"      // key "a" at 18
                + " 1300 0200"      // key "bb" at 19
                + " 05 0100"        // 1
                + " 0c 1500"        // string at 21
                + " 61 6262"
                + " 01 78";
        assertThat(decodeHex(hex)).isEqualTo("{\"a\": 1, \"bb\": \"x\"}");
    }

    @Test
    void largeObjectKeysAndValues() {
        // {"k": [1], "n": null} in the large format with a small array inside
        String hex = "01 02000000 27000000"
                + " 1e000000 0100"   // "k" at 30
                + " 1f000000 0100"   // "n" at 31
                + " 02 20000000"     // small array at 32
                + " 04 00000000"     // null inline
                + " 6b 6e"
                + " 0100 0700 050100"; // [1]
        assertThat(decodeHex(hex)).isEqualTo("{\"k\": [1], \"n\": null}");
    }

    @Test
    void keysPrintedInStoredOrderAndEscaped() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("zz", 1);
        m.put("a\"b", 2);
        m.put("", 3);
        m.put("tab\t", 4);
        assertThat(decode(document(m))).isEqualTo("{\"zz\": 1, \"a\\\"b\": 2, \"\": 3, \"tab\\t\": 4}");
    }

    @Test
    void nestedDocumentSmallAndForcedLarge() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("b", null);
        inner.put("c", List.of());
        inner.put("d", Map.of());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", List.of(1, inner, "s", List.of(List.of(true))));
        m.put("e", 2.5);
        m.put("f", new UInt(7));
        String expected = "{\"a\": [1, {\"b\": null, \"c\": [], \"d\": {}}, \"s\", [[true]]], \"e\": 2.5, \"f\": 7}";
        assertThat(decode(document(m))).isEqualTo(expected);
        assertThat(decode(largeDocument(m))).isEqualTo(expected);
    }

    @Test
    void documentLargerThan64KiBUsesLargeFormat() {
        Map<String, Object> m = new LinkedHashMap<>();
        StringBuilder expected = new StringBuilder("{");
        for (int i = 0; i < 7000; i++) {
            m.put("key" + i, i % 3 == 0 ? "v" + i : i % 3 == 1 ? (Object) (i * 100_000) : List.of(i));
            if (i > 0) {
                expected.append(", ");
            }
            expected.append("\"key").append(i).append("\": ")
                    .append(i % 3 == 0 ? "\"v" + i + "\"" : i % 3 == 1 ? String.valueOf(i * 100_000) : "[" + i + "]");
        }
        expected.append('}');
        byte[] doc = document(m);
        assertThat(doc.length).isGreaterThan(0xFFFF);
        assertThat(doc[0]).isEqualTo((byte) 0x01);
        assertThat(decode(doc)).isEqualTo(expected.toString());

        byte[] arr = document(List.of("x".repeat(70_000), 1, List.of(2)));
        assertThat(arr[0]).isEqualTo((byte) 0x03);
        assertThat(decode(arr)).isEqualTo("[\"" + "x".repeat(70_000) + "\", 1, [2]]");
    }

    @Test
    void valuesNeedNotBeContiguous() {
        // MySQL 8 partial updates can leave unused space ("holes") between values; offsets rule.
        // [ "a", "b" ] with two garbage bytes between the strings and after them
        String hex = "02 0200 1200"
                + " 0c 0a00"
                + " 0c 0e00"
                + " 0161 eeee 0162 ffff";
        assertThat(decodeHex(hex)).isEqualTo("[\"a\", \"b\"]");
    }

    @Test
    void bytesAfterTheTopLevelValueAreIgnoredLikeMysql() {
        assertThat(decodeHex("05 0100 dead")).isEqualTo("1");
        assertThat(decodeHex("02 0000 0400 0102")).isEqualTo("[]");
    }

    @Test
    void nestingUpToMysqlMaximumDepth() {
        Object v = 1;
        for (int i = 0; i < MysqlJsonBinaryDecoder.MAX_DEPTH; i++) {
            v = List.of(v);
        }
        String expected = "[".repeat(100) + "1" + "]".repeat(100);
        assertThat(decode(document(v))).isEqualTo(expected);

        Object tooDeep = List.of(v);
        assertThatThrownBy(() -> decode(document(tooDeep)))
                .isInstanceOf(MalformedJsonBinaryException.class)
                .hasMessageContaining("maximum JSON depth of 100");
    }
    @Test
    void decodingIsThreadSafe() throws Exception {
        byte[] doc = document(List.of(Map.of("a", 1.25), "x".repeat(300), new Opaque(246, hex("0302830e"))));
        String expected = decode(doc);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 2000; i++) {
                    if (!decode(doc).equals(expected)) {
                        failures.add(new AssertionError("different output"));
                        return;
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
    }
}
