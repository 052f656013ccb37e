package io.sluice.mysql.json;

import static io.sluice.mysql.json.JsonbWriter.concat;
import static io.sluice.mysql.json.JsonbWriter.document;
import static io.sluice.mysql.json.JsonbWriter.hex;
import static io.sluice.mysql.json.JsonbWriter.largeDocument;
import static io.sluice.mysql.json.JsonbWriter.le64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.mysql.json.JsonbWriter.Opaque;
import io.sluice.mysql.json.JsonbWriter.UInt;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Truncated, inconsistent and corrupted input: always {@link MalformedJsonBinaryException} with the offset,
 * never another exception. Fixtures are hand-encoded; each breaks one check MySQL's reader makes.
 */
class MysqlJsonBinaryDecoderMalformedTest {

    private void assertMalformed(String hex, int offset, String messagePart) {
        assertMalformed(hex(hex), offset, messagePart);
    }

    private void assertMalformed(byte[] bytes, int offset, String messagePart) {
        assertThatThrownBy(() -> MysqlJsonBinaryDecoder.toJsonText(bytes))
                .isInstanceOfSatisfying(MalformedJsonBinaryException.class, e -> {
                    assertThat(e.offset()).isEqualTo(offset);
                    assertThat(e.getMessage()).contains("offset " + offset).contains(messagePart);
                });
    }

    @Test
    void unknownTypeBytes() {
        assertMalformed("0d 00", 0, "unknown value type 0x0d");
        assertMalformed("0e", 0, "unknown value type 0x0e");
        assertMalformed("10 00", 0, "unknown value type 0x10");
        assertMalformed("ff", 0, "unknown value type 0xff");
        // inside an array: the value entry's type byte is reported
        assertMalformed("02 0100 0800 0d 0700 00", 5, "unknown value type 0x0d");
    }

    @Test
    void unknownLiteral() {
        assertMalformed("04 03", 1, "unknown literal 0x03");
        assertMalformed("02 0100 0700 04 0900", 6, "unknown literal 0x09");
    }

    @Test
    void truncatedScalars() {
        assertMalformed("04", 1, "truncated literal");
        assertMalformed("05 01", 1, "truncated int16");
        assertMalformed("06", 1, "truncated uint16");
        assertMalformed("07 010203", 1, "truncated int32");
        assertMalformed("08 01", 1, "truncated uint32");
        assertMalformed("09 01020304050607", 1, "truncated int64");
        assertMalformed("0a", 1, "truncated uint64");
        assertMalformed("0b 000000000000f0", 1, "truncated double");
    }

    @Test
    void badStringLengths() {
        assertMalformed("0c", 1, "truncated length of string");
        assertMalformed("0c 05 6162", 1, "string of 5 bytes but only 2 available");
        assertMalformed("0c 80", 1, "truncated length of string");
        assertMalformed("0c ffffffffff 61", 1, "more than 5 bytes");
        assertMalformed("0c ffffffff7f", 1, "exceeds 32 bits");
        assertMalformed("0c ffffffff0f", 1, "longer than the input");
    }

    @Test
    void truncatedAndInconsistentContainers() {
        assertMalformed("00", 1, "truncated small object header");
        assertMalformed("02 0100 05", 1, "truncated small array header");
        assertMalformed("01 00000000 0800", 1, "truncated large object header");
        assertMalformed("02 0100 1000 050100", 3, "declares a size of 16 bytes but only 7 are available");
        assertMalformed("03 01000000 ffffffff 05 01000000", 5, "size of 4294967295 bytes");
        // 2 elements need 4 + 2*3 = 10 header bytes, size says 7
        assertMalformed("02 0200 0700 050100 0501", 1, "needs a 10-byte header but its size is 7");
        // element count near 2^32 in a large array
        assertMalformed("03 ffffffff 08000000", 1, "4294967295 elements");
    }

    @Test
    void valueOffsetsOutOfRange() {
        // string entry pointing past the array's size
        assertMalformed("02 0100 0900 0c 0a00 0161", 6, "value 0 of small array has offset 10");
        // string entry pointing back into the header (before the end of its own entry)
        assertMalformed("02 0100 0900 0c 0200 0161", 6, "outside [7, 9]");
        // offset equal to the size leaves no bytes for the value: truncated string
        assertMalformed("02 0100 0700 0c 0700", 8, "truncated length of string");
        // a nested value may only use its container's bytes, not what follows the container
        assertMalformed("02 0100 0800 0c 0700 02 6162", 8, "string of 2 bytes but only 0 available");
    }

    @Test
    void keyOffsetsOutOfRange() {
        // {"a": 1} with the key offset pointing into the header
        assertMalformed("00 0100 0c00 0200 0100 05 0100 61", 5, "key 0 of small object has offset 2");
        // key length running past the object's size
        assertMalformed("00 0100 0c00 0b00 0200 05 0100 61", 5, "length 2, outside the key area [11, 12)");
    }

    @Test
    void badOpaques() {
        assertMalformed("0f", 1, "truncated opaque value's field type");
        assertMalformed("0f fc", 2, "truncated length of opaque value");
        assertMalformed("0f fc 04 cafe", 2, "opaque value of 4 bytes but only 2 available");
        assertMalformed("0f 0c 07 00000000000000", 3, "needs 8 packed bytes, has 7");
        assertMalformed("0f 0b 08 0000000000000080", 3, "no absolute value");
    }

    @Test
    void badDecimals() {
        assertMalformed("0f f6 01 03", 3, "needs precision and scale bytes");
        assertMalformed("0f f6 03 0302 83", 3, "DECIMAL(3,2) needs 2 bytes of digits, payload has 1");
        assertMalformed("0f f6 04 0203 8000", 3, "impossible precision 2 and scale 3");
        assertMalformed("0f f6 04 8002 8000", 3, "impossible precision -128");
        // 2 leading digits in one byte, value 0xe3 ^ 0x80 = 99 ok; 0xff ^ 0x80 = 127 is not
        assertMalformed("0f f6 03 0200 ff", 5, "leading digit group 127 has more than 2 digits");
        assertMalformed("0f f6 06 0900 bb9aca00", 5, "digit group 1000000000 exceeds nine digits");
        assertMalformed("0f f6 04 0201 80 0a", 6, "trailing digit group 10 has more than 1 digits");
        assertMalformed(concat(hex("0f f6 2a 5a00"), new byte[40]), 3, "needs more digits than MySQL can hold");
    }

    @Test
    void neverThrowsAnythingElseOnCorruptedInput() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("int", 1);
        m.put("big", 123456789012L);
        m.put("u", new UInt(-1L));
        m.put("d", 2.5);
        m.put("s", "text \u00e9 \uD83D\uDE00");
        m.put("arr", List.of(true, false, List.of(), Map.of("k", "v")));
        m.put("dec", new Opaque(246, hex("0302830e")));
        m.put("dt", new Opaque(12, le64(0x19951f7619000000L)));
        m.put("blob", new Opaque(252, hex("cafebabe")));
        List<byte[]> seeds = List.of(document(m), largeDocument(m), document(List.of(m, m)));
        Random random = new Random(20240611L);
        int ok = 0;
        int malformed = 0;
        for (byte[] seed : seeds) {
            for (int cut = 0; cut <= seed.length; cut++) { // every truncation
                byte[] b = Arrays.copyOf(seed, cut);
                if (tryDecode(b)) {
                    ok++;
                } else {
                    malformed++;
                }
            }
            for (int round = 0; round < 3000; round++) { // random byte corruptions
                byte[] b = seed.clone();
                int flips = 1 + random.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                if (tryDecode(b)) {
                    ok++;
                } else {
                    malformed++;
                }
            }
        }
        assertThat(ok).isPositive();
        assertThat(malformed).isPositive();
    }

    /** Decodes, returning false on MalformedJsonBinaryException; any other exception fails the test. */
    private boolean tryDecode(byte[] b) {
        try {
            assertThat(MysqlJsonBinaryDecoder.toJsonText(b)).isNotNull();
            return true;
        } catch (MalformedJsonBinaryException e) {
            assertThat(e.getMessage()).startsWith("Malformed MySQL binary JSON at offset ");
            return false;
        }
    }
}
