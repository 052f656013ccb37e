package io.sluice.mysql.json;

import static io.sluice.mysql.json.JsonbWriter.concat;
import static io.sluice.mysql.json.JsonbWriter.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DECIMAL inside JSON (opaque field type 246): payload = precision, scale, then the digits in the same packed
 * format MySQL uses for DECIMAL columns ({@code decimal2bin()}), printed with {@code decimal2string()}.
 *
 * <p>The digit bytes are real DECIMAL column images recorded from MySQL servers, and the expected strings are
 * the values MySQL printed for them; both print through {@code decimal2string()} with the scale's digits, so
 * a JSON DECIMAL with the same precision, scale and bytes prints the same. Each image is wrapped here in the
 * JSON opaque framing ({@code 0f f6 <length> <precision> <scale> <bytes>}).
 */
class MysqlJsonDecimalFormatTest {

    private static String decodeAsJsonDecimal(int precision, int scale, byte[] digits) {
        byte[] payload = concat(new byte[] {(byte) precision, (byte) scale}, digits);
        byte[] doc = concat(new byte[] {0x0f, (byte) 246}, JsonbWriter.variableLength(payload.length), payload);
        return MysqlJsonBinaryDecoder.toJsonText(doc);
    }

    /**
     * go-mysql-org/go-mysql, replication/row_event_test.go, TestDecodeDecimal: "cases from the mysql test
     * cases" generated with replication/t/gentestsql.go; each row is the bytes of a DECIMAL(p,s) column in a
     * recorded row image (only the first {@code decimal_bin_size(p,s)} bytes belong to the column; the rest is
     * the next column) and the value {@code SELECT} printed for it.
     */
    @ParameterizedTest(name = "DECIMAL({1},{2}) {3}")
    @CsvSource(delimiter = '|', textBlock = """
            117 200 127 255                                             | 4  | 2  | -10.55
            127 255 244 127 245                                         | 5  | 0  | -11
            127 245 253 217 127 255                                     | 7  | 3  | -10.550
            127 255 255 245 200 127 255                                 | 10 | 2  | -10.55
            127 255 255 245 253 217 127 255                             | 10 | 3  | -10.550
            127 255 255 255 245 200 118 196                             | 13 | 2  | -10.55
            118 196 101 54 0 254 121 96 127 255                         | 15 | 14 | -9.99999999999999
            127 255 255 255 245 223 55 170 127 255 127 255              | 20 | 10 | -10.5500000000
            127 255 255 255 255 255 255 255 255 255 255 245 255 41 39 127 255 | 30 | 5 | -10.55000
            127 255 255 255 245 223 55 170 127 255 255 255 255 255 127 255 | 30 | 20 | -10.55000000000000000000
            127 255 245 223 55 170 127 255 255 255 255 255 255 255 255 4 0 | 30 | 25 | -10.5500000000000000000000000
            128 1 128 0                                                 | 4  | 2  | 0.01
            128 0 0 128 0                                               | 5  | 0  | 0
            128 0 0 12 128 0                                            | 7  | 3  | 0.012
            128 0 188 97 78 1 96 11 128 0                               | 15 | 14 | 0.01234567890123
            128 0 0 0 188 97 78 53 183 191 135 0 135 253 217 30 0       | 30 | 25 | 0.0123456789012345678912345
            227 99 128 48                                               | 4  | 2  | 99.99
            128 48 57 167 15                                            | 5  | 0  | 12345
            167 15 3 231 128 0                                          | 7  | 3  | 9999.999
            128 0 48 57 0 128 0                                         | 10 | 2  | 12345.00
            137 59 154 201 255 1 134 159 128 0                          | 15 | 14 | 9.99999999999999
            128 0 0 0 0 0 0 0 0 0 48 57 0 0 0 128 0                     | 30 | 5  | 12345.00000
            128 48 57 0 0 0 0 0 0 0 0 0 0 0 0 5 0                       | 30 | 25 | 12345.0000000000000000000000000
            128 123 1 194 128 0                                         | 7  | 3  | 123.450
            127 255 132 127 132                                         | 5  | 0  | -123
            127 255 255 255 132 229 45 139 127 255 127 255              | 20 | 10 | -123.4500000000
            128 0 1 226 58 0 0 99 128 0                                 | 15 | 14 | 0.00012345000099
            127 255 255 255 243 255 121 59 127 255                      | 15 | 14 | -0.00000001234500
            127 255 255 255 255 255 255 255 243 252 128 0               | 20 | 10 | -0.0000000123
            128 0 0 0 0 0 0 0 0 0 0 0 0 0 0 127 255                     | 30 | 5  | 0.00000
            127 255 255 255 255 255 255 255 243 235 111 183 93 178 127 255 | 30 | 20 | -0.00000001234500009877
            127 255 255 255 255 255 243 235 111 183 93 255 139 69 47 30 0 | 30 | 25 | -0.0000000123450000987650000
            128 0 0 0 0 0 4 210 29 205 139 148 0 195 80 137 59          | 30 | 5  | 1234500009876.50000
            137 59 154 201 255 59 154 201 255 59 154 201 255 99 129 134 | 30 | 20 | 9999999999.99999999999999999999
            129 134 159 59 154 201 255 59 154 201 255 0 152 150 127 30 0 | 30 | 25 | 99999.9999999999999999999999999
            128 6 159 107 199 11 137 59                                 | 13 | 2  | 111111111.11
            127 241 140 113 140                                         | 5  | 0  | -3699
            120 99 255 115 127 255                                      | 7  | 3  | -1948.140
            127 248 99 247 167 196 255 255 255 255 255 255 255 255 255 13 0 | 30 | 25 | -1948.1400000000000000000000000
            """)
    void goMysqlRecordedDecimalColumns(String bytes, int precision, int scale, String expected) {
        byte[] recorded = toBytes(bytes);
        int size = MysqlJsonDecimalFormat.binarySize(precision, scale);
        assertThat(recorded.length).isGreaterThanOrEqualTo(size);

        assertThat(decodeAsJsonDecimal(precision, scale, Arrays.copyOf(recorded, size))).isEqualTo(expected);
    }

    /**
     * fivetran/mysql-secure-agent, src/test/java/com/fivetran/agent/mysql/binlog/BinlogParserTest.java,
     * minDecimal / maxDecimal: WRITE_ROWS bodies captured from a live server for a DECIMAL(65,30) column
     * (table map metadata f6 41 1e) holding the extreme values; the column image is the event's tail after
     * the 13-byte row header.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            minDecimal | 6101000000000100020001FFFE7A0A1F00C4653600C4653600C4653600C4653600C4653600C4653600FC18 | -99999999999999999999999999999999999.999999999999999999999999999999
            maxDecimal | 6201000000000100020001FFFE85F5E0FF3B9AC9FF3B9AC9FF3B9AC9FF3B9AC9FF3B9AC9FF3B9AC9FF03E7 | 99999999999999999999999999999999999.999999999999999999999999999999
            """)
    void fivetranRecordedDecimal65And30(String testName, String eventHex, String expected) {
        byte[] event = hex(eventHex);
        byte[] column = Arrays.copyOfRange(event, 13, event.length);
        assertThat(column).hasSize(MysqlJsonDecimalFormat.binarySize(65, 30));

        assertThat(decodeAsJsonDecimal(65, 30, column)).isEqualTo(expected);
    }

    private static byte[] toBytes(String decimals) {
        String[] parts = decimals.trim().split("\\s+");
        byte[] b = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            b[i] = (byte) Integer.parseInt(parts[i]);
        }
        return b;
    }
}
