package io.sluice.mysql.json;

import static io.sluice.mysql.json.JsonbWriter.document;
import static io.sluice.mysql.json.JsonbWriter.hex;
import static io.sluice.mysql.json.JsonbWriter.le64;
import static io.sluice.mysql.json.JsonbWriter.opaqueDocument;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.mysql.json.JsonbWriter.Opaque;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Opaque values (JSON type 0x0f): DECIMAL, temporal types, VAR_STRING and the base64 rendering of everything
 * else. Expected texts quote mysql-test/suite/json/r/json_conversions.result where that file shows the value;
 * payloads are hand-encoded from Json_decimal::get_binary() / Json_datetime::to_packed().
 */
class MysqlJsonBinaryDecoderOpaqueTest {

    private static String decode(byte[] b) {
        return MysqlJsonBinaryDecoder.toJsonText(b);
    }

    private static String decodeHex(String hex) {
        return decode(hex(hex));
    }

    private static long packedDatetime(int year, int month, int day, int hour, int minute, int second, int micros) {
        long ymd = ((long) year * 13 + month) << 5 | day;
        long hms = (long) hour << 12 | minute << 6 | second;
        return (ymd << 17 | hms) << 24 | micros;
    }

    private static long packedTime(boolean negative, int hour, int minute, int second, int micros) {
        long v = ((long) hour << 12 | minute << 6 | second) << 24 | micros;
        return negative ? -v : v;
    }

    @Test
    void temporalValuesFromJsonConversionsResult() {
        // mysql-test/suite/json/r/json_conversions.result:
        //   cast(cast('2015-01-15' as date) as json)                   -> "2015-01-15"
        //   cast(cast('23:24:25' as time) as json)                     -> "23:24:25.000000"
        //   cast(cast('2015-01-15 23:24:25' as datetime) as json)      -> "2015-01-15 23:24:25.000000"
        assertThat(decode(opaqueDocument(10, le64(packedDatetime(2015, 1, 15, 0, 0, 0, 0)))))
                .isEqualTo("\"2015-01-15\"");
        assertThat(decode(opaqueDocument(11, le64(packedTime(false, 23, 24, 25, 0)))))
                .isEqualTo("\"23:24:25.000000\"");
        assertThat(decode(opaqueDocument(12, le64(packedDatetime(2015, 1, 15, 23, 24, 25, 0)))))
                .isEqualTo("\"2015-01-15 23:24:25.000000\"");
    }

    @Test
    void hexEncodedDatetimeDateTimeAndTimestamp() {
        // '2015-01-15 23:24:25' packed = ((2015 * 13 + 1) << 5 | 15) << 17 | 23 << 12 | 24 << 6 | 25, << 24
        //   = 0x19951f7619000000 -> 8 little-endian bytes, opaque field type DATETIME (0x0c)
        assertThat(Long.toHexString(packedDatetime(2015, 1, 15, 23, 24, 25, 0))).isEqualTo("19951f7619000000");
        assertThat(decodeHex("0f 0c 08 00000019761f9519")).isEqualTo("\"2015-01-15 23:24:25.000000\"");
        // same bytes typed TIMESTAMP (7) print the same; typed DATE (10) print only the date
        assertThat(decodeHex("0f 07 08 00000019761f9519")).isEqualTo("\"2015-01-15 23:24:25.000000\"");
        assertThat(decodeHex("0f 0a 08 00000019761f9519")).isEqualTo("\"2015-01-15\"");
    }

    @Test
    void fractionalSecondsAndTimeRange() {
        assertThat(decode(opaqueDocument(12, le64(packedDatetime(1993, 4, 15, 12, 59, 59, 7)))))
                .isEqualTo("\"1993-04-15 12:59:59.000007\"");
        assertThat(decode(opaqueDocument(12, le64(packedDatetime(9999, 12, 31, 23, 59, 59, 999_999)))))
                .isEqualTo("\"9999-12-31 23:59:59.999999\"");
        assertThat(decode(opaqueDocument(12, le64(packedDatetime(0, 0, 0, 0, 0, 0, 0)))))
                .isEqualTo("\"0000-00-00 00:00:00.000000\"");
        assertThat(decode(opaqueDocument(7, le64(packedDatetime(2038, 1, 19, 3, 14, 7, 999_999)))))
                .isEqualTo("\"2038-01-19 03:14:07.999999\"");
        assertThat(decode(opaqueDocument(11, le64(packedTime(false, 838, 59, 59, 0)))))
                .isEqualTo("\"838:59:59.000000\"");
        assertThat(decode(opaqueDocument(11, le64(packedTime(true, 838, 59, 59, 0)))))
                .isEqualTo("\"-838:59:59.000000\"");
        assertThat(decode(opaqueDocument(11, le64(packedTime(false, 12, 59, 59, 70)))))
                .isEqualTo("\"12:59:59.000070\"");
        assertThat(decode(opaqueDocument(11, le64(packedTime(true, 0, 0, 0, 500_000)))))
                .isEqualTo("\"-00:00:00.500000\"");
        assertThat(decode(opaqueDocument(11, le64(packedTime(false, 5, 4, 3, 0)))))
                .isEqualTo("\"05:04:03.000000\"");
    }

    @Test
    void decimalValues() {
        // mysql-test/suite/json/r/json_conversions.result: cast(3.14 as json) -> 3.14 (json_type DECIMAL)
        // 3.14 is DECIMAL(3,2): intg 1 digit (1 byte) + frac 2 digits (1 byte): 0x80|3, 14
        assertThat(decodeHex("0f f6 04 0302 830e")).isEqualTo("3.14");
        // -3.14: every byte complemented, then the top bit flipped back: 7c f1
        assertThat(decodeHex("0f f6 04 0302 7cf1")).isEqualTo("-3.14");
        // 0.00 as DECIMAL(3,2) and 0 as DECIMAL(1,0)
        assertThat(decodeHex("0f f6 04 0302 8000")).isEqualTo("0.00");
        assertThat(decodeHex("0f f6 03 0100 80")).isEqualTo("0");
        // inside an object
        assertThat(decode(document(Map.of("price", new Opaque(246, hex("0a02 800003e8 0f"))))))
                .isEqualTo("{\"price\": 1000.15}");
    }

    @Test
    void blobsAsBase64LikeJsonConversionsResult() {
        // mysql-test/suite/json/r/json_conversions.result
        assertThat(decode(opaqueDocument(252, hex("cafebabe")))).isEqualTo("\"base64:type252:yv66vg==\"");
        assertThat(decode(opaqueDocument(251, hex("cafebabe")))).isEqualTo("\"base64:type251:yv66vg==\"");
        assertThat(decode(opaqueDocument(250, hex("cafebabe")))).isEqualTo("\"base64:type250:yv66vg==\"");
        assertThat(decode(opaqueDocument(249, hex("cafebabe")))).isEqualTo("\"base64:type249:yv66vg==\"");
        assertThat(decode(opaqueDocument(15, hex("cafe")))).isEqualTo("\"base64:type15:yv4=\"");
        assertThat(decode(opaqueDocument(15, "foo".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("\"base64:type15:Zm9v\"");
        assertThat(decode(opaqueDocument(13, "1992".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("\"base64:type13:MTk5Mg==\"");
        assertThat(decode(opaqueDocument(16, new byte[0]))).isEqualTo("\"base64:type16:\"");
    }

    @Test
    void longBase64BreaksLinesEvery76CharactersLikeMysql() {
        byte[] data = new byte[120]; // 160 base64 characters: lines of 76, 76, 8
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        String b64 = java.util.Base64.getEncoder().encodeToString(data);
        String expected = "\"base64:type252:" + b64.substring(0, 76) + "\\n" + b64.substring(76, 152) + "\\n"
                + b64.substring(152) + "\"";
        assertThat(decode(opaqueDocument(252, data))).isEqualTo(expected);
        // exactly 57 bytes -> 76 characters, no trailing line break
        byte[] data57 = Arrays.copyOf(data, 57);
        assertThat(decode(opaqueDocument(252, data57)))
                .isEqualTo("\"base64:type252:" + java.util.Base64.getEncoder().encodeToString(data57) + "\"");
    }

    @Test
    void varStringOpaqueIsPrintedAsString() {
        assertThat(decode(opaqueDocument(253, "a\"b\n".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("\"a\\\"b\\n\"");
    }

    @Test
    void oldDecimalTypeIsAnOrdinaryOpaque() {
        // MYSQL_TYPE_DECIMAL (0) is not J_DECIMAL; only NEWDECIMAL (246) is
        assertThat(decode(opaqueDocument(0, hex("0302830e")))).isEqualTo("\"base64:type0:AwKDDg==\"");
    }
}
