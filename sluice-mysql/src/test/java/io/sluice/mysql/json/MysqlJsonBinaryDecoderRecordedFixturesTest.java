package io.sluice.mysql.json;

import static io.sluice.mysql.json.JsonbWriter.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Binary JSON values produced by real MySQL servers, as recorded in public test suites, decoded and compared
 * with the text MySQL prints for them ({@code SELECT json_col}: ", " and ": " separators).
 *
 * <p>Where a suite recorded a whole rows-event body, the fixture keeps the whole body and the test cuts the
 * JSON column out of it with the column's 4-byte length prefix, so the bytes are exactly as recorded.
 */
class MysqlJsonBinaryDecoderRecordedFixturesTest {

    /**
     * Cuts the JSON column image out of a recorded WRITE_ROWS/UPDATE_ROWS (v2) event body: the JSON value
     * follows its 4-byte little-endian length at {@code lengthAt}.
     */
    private static byte[] jsonColumn(byte[] event, int lengthAt) {
        int length = (event[lengthAt] & 0xFF) | (event[lengthAt + 1] & 0xFF) << 8
                | (event[lengthAt + 2] & 0xFF) << 16 | (event[lengthAt + 3] & 0xFF) << 24;
        assertThat(lengthAt + 4 + length).as("JSON column fits in the event").isLessThanOrEqualTo(event.length);
        return Arrays.copyOfRange(event, lengthAt + 4, lengthAt + 4 + length);
    }

    /**
     * fivetran/mysql-secure-agent, src/test/java/com/fivetran/agent/mysql/binlog/BinlogParserTest.java: each
     * case is a WRITE_ROWS event body captured from a live MySQL server by that project's CaptureBinlogEvents
     * script, for {@code INSERT INTO capture_binlog_events.foo (<one JSON column>) VALUES (<query>)}. Body
     * layout: table id (6), flags (2), extra-data length (2, = 2), column count (1), present bitmap (1),
     * null bitmap (1), then the JSON column: length (4) + value, which ends the event. The expected text is
     * what MySQL prints for the inserted document (the fivetran test compares against its own compact
     * rendering; MySQL separates with ", " and ": ").
     */
    @ParameterizedTest(name = "fivetran {0}")
    @CsvSource(delimiter = '|', textBlock = """
            intJson           | 7F01000000000100020001FFFE03000000050100                                              | 1
            trueJson          | 8001000000000100020001FFFE020000000401                                                | true
            falseJson         | 8101000000000100020001FFFE020000000402                                                | false
            stringJson        | 8201000000000100020001FFFE030000000C0161                                              | "a"
            emptyObjectJson   | 8301000000000100020001FFFE050000000000000400                                          | {}
            emptyArrayJson    | 8401000000000100020001FFFE050000000200000400                                          | []
            basicArrayJson    | 8501000000000100020001FFFE080000000201000700050100                                    | [1]
            complexArrayJson  | 8601000000000100020001FFFE0D0000000202000C000501000C0A000161                          | [1, "a"]
            basicObjectJson   | 8701000000000100020001FFFE0D0000000001000C000B00010004020061                          | {"a": false}
            nestedArray1Json  | 8801000000000100020001FFFE0F0000000201000E0002070001000700050100                      | [[1]]
            nestedArray2Json  | 8901000000000100020001FFFE14000000020100130000070001000C000B00010005010061            | [{"a": 1}]
            nestedObject1Json | 8A01000000000100020001FFFE1900000000010018000B000100000C006101000C000B00010005010062 | {"a": {"b": 1}}
            nestedObject2Json | 8B01000000000100020001FFFE1400000000010013000B000100020C006101000700050000            | {"a": [0]}
            """)
    void fivetranCapturedWriteRows(String testName, String eventHex, String expected) {
        byte[] event = hex(eventHex);
        byte[] json = jsonColumn(event, 13);
        assertThat(13 + 4 + json.length).as("JSON column ends the event").isEqualTo(event.length);

        assertThat(MysqlJsonBinaryDecoder.toJsonText(json)).isEqualTo(expected);
    }

    /**
     * go-mysql-org/go-mysql, replication/row_event_test.go, TestParseJson (also TestParseJsonDecimal): WRITE_ROWS
     * body recorded for {@code INSERT INTO t10 (c1, c2) VALUES ('{"key1": "value1", "key2": "value2"}', 1)} with
     * {@code c1 json, c2 decimal(10,0)}; the JSON column (41 bytes) is followed by the DECIMAL(10,0) value 1.
     */
    @Test
    void goMysqlParseJsonTwoStringMembers() {
        byte[] event = hex("6d00000000000100020002fffc29000000000200280012000400160004000c1a000c21006b6579316b6579320676616c7565310676616c7565328000000001");
        byte[] json = jsonColumn(event, 13);
        assertThat(json).hasSize(41);
        assertThat(Arrays.copyOfRange(event, 13 + 4 + 41, event.length)).isEqualTo(hex("8000000001"));

        assertThat(MysqlJsonBinaryDecoder.toJsonText(json)).isEqualTo("{\"key1\": \"value1\", \"key2\": \"value2\"}");
    }

    /**
     * go-mysql-org/go-mysql, replication/row_event_test.go, TestParseJson "longTbls": the 2768-byte JSON column
     * recorded for {@code INSERT INTO t10 (c1, c2) VALUES ('{"text":"Lorem ipsum ... orci, ac"}', 101)}; a
     * 2750-byte string, so its length takes two bytes ({@code be 15}). Kept as a resource because of its size.
     */
    @Test
    void goMysqlParseJsonLongString() throws IOException {
        byte[] json = hex(resource("go-mysql-parse-json-lorem.hex").lines()
                .filter(l -> !l.startsWith("#"))
                .collect(Collectors.joining()));
        assertThat(json).hasSize(0x0ad0);
        String text = resource("go-mysql-parse-json-lorem.text.txt").stripTrailing();
        assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSize(2750);

        assertThat(MysqlJsonBinaryDecoder.toJsonText(json)).isEqualTo("{\"text\": \"" + text + "\"}");
    }

    /**
     * go-mysql-org/go-mysql, replication/row_event_test.go, TestJsonNull: WRITE_ROWS body recorded for a table
     * with a {@code NOT NULL} JSON column {@code order_detail} that the INSERT left out, so MySQL stored an empty
     * value (length 0) for it. MySQL reads an empty value as the JSON null literal. The JSON column's length is at
     * byte 33 (after id int, buyer_id bigint, order_sn bigint).
     */
    @Test
    void goMysqlJsonNullEmptyValue() {
        byte[] event = hex("7200000000000100020007ff800100000042ee9390365700004110406c9a852f0000000000007bc3365800000000");
        byte[] json = jsonColumn(event, 33);
        assertThat(json).isEmpty();

        assertThat(MysqlJsonBinaryDecoder.toJsonText(json)).isEqualTo("null");
    }

    /**
     * go-mysql-org/go-mysql, replication/row_event_test.go, TestJsonCompatibility: JSON images of a virtual
     * generated JSON column {@code cfg_json} recorded in UPDATE_ROWS events ({@code update t11 set cfg =
     * '{"a":1234}'}, then back to {@code '{}'}). Only the JSON column images are used here (the recorded row
     * framing in that test omits the table's last column).
     */
    @Test
    void goMysqlJsonCompatibilityImages() {
        // "after MySQL 5.7.22": before image {} and after image {"a":1234}
        assertThat(MysqlJsonBinaryDecoder.toJsonText(hex("0000000400"))).isEqualTo("{}");
        assertThat(MysqlJsonBinaryDecoder.toJsonText(hex("0001000c000b00010005d20461"))).isEqualTo("{\"a\": 1234}");

        // "this value is wrong in binlog, but can be parsed without error": a 13-byte image whose value is an
        // empty object followed by leftover bytes; MySQL's reader stops at the object's size, so it prints {}.
        assertThat(MysqlJsonBinaryDecoder.toJsonText(hex("00000004000000010005d20461"))).isEqualTo("{}");
    }

    /**
     * go-mysql-org/go-mysql, replication/row_event_test.go, TestJsonCompatibility "before MySQL 5.7.22": the
     * before image of the virtual generated JSON column was garbage (an object claiming 12 bytes in a 5-byte
     * value). MySQL's reader rejects it ({@code bytes > len} in parse_array_or_object), so do we.
     */
    @Test
    void goMysqlJsonCompatibilityGarbageBeforeImage() {
        assertThatThrownBy(() -> MysqlJsonBinaryDecoder.toJsonText(hex("0001000c00")))
                .isInstanceOf(MalformedJsonBinaryException.class)
                .hasMessageContaining("offset 3")
                .hasMessageContaining("size of 12 bytes but only 4 are available");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = MysqlJsonBinaryDecoderRecordedFixturesTest.class.getResourceAsStream("/json/" + name)) {
            assertThat(in).as("resource /json/" + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
