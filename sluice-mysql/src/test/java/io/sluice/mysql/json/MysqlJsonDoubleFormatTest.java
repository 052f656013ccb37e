package io.sluice.mysql.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MySQL's printing of JSON doubles: {@code my_gcvt(d, MY_GCVT_ARG_DOUBLE, 34)} + ".0" when the result has no
 * '.' and no 'e' (sql/json_dom.cc, strings/dtoa.cc).
 */
class MysqlJsonDoubleFormatTest {

    /** Values whose MySQL rendering is shown in MySQL's own material. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            3.14                  | 3.14                   | mysql-test/suite/json/r/json_conversions.result: cast(3.14E0 as json)
            1.0                   | 1.0                    | json_conversions.result: GeoJSON "coordinates": [1.0, 1.0]
            18446744073709551616  | 1.8446744073709552e19  | CAST of the JSON text {"abc": 18446744073709551616} AS JSON, MySQL output quoted in the Apache Doris docs for NORMALIZE_JSON_NUMBERS_TO_DOUBLE
            9088544342.689999     | 9088544342.689999      | bugs.mysql.com/116160 SELECT output
            9088544342.69         | 9088544342.69          | bugs.mysql.com/116160 SELECT output
            """)
    void documentedByMysql(double value, String expected, String source) {
        assertThat(MysqlJsonDoubleFormat.toJsonText(value)).as(source).isEqualTo(expected);
    }

    /** Derived from my_gcvt()'s rules with width 34: fixed for decpt in -14..15 (or a fraction that fits). */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0.0                        | 0.0
            -0.0                       | -0.0
            1.5                        | 1.5
            -2.5                       | -2.5
            100.0                      | 100.0
            0.1                        | 0.1
            0.5                        | 0.5
            1e-7                       | 0.0000001
            1e-5                       | 0.00001
            1.5e-5                     | 0.000015
            1e-14                      | 0.00000000000001
            1e-15                      | 0.000000000000001
            1.2345678901234567e-15     | 0.0000000000000012345678901234568
            1e-16                      | 1e-16
            1.2345e-20                 | 1.2345e-20
            -1e-100                    | -1e-100
            1e14                       | 100000000000000.0
            123456789012345.0          | 123456789012345.0
            999999999999999.0          | 999999999999999.0
            1e15                       | 1e15
            1234567890123456.0         | 1.234567890123456e15
            1234567890123456.7         | 1234567890123456.8
            9007199254740993.0         | 9.007199254740992e15
            1e20                       | 1e20
            1e21                       | 1e21
            1e100                      | 1e100
            9.223372036854776e18       | 9.223372036854776e18
            1.7976931348623157e308     | 1.7976931348623157e308
            -1.7976931348623157e308    | -1.7976931348623157e308
            2.2250738585072014e-308    | 2.2250738585072014e-308
            4.9e-324                   | 5e-324
            -4.9e-324                  | -5e-324
            1e23                       | 1e23
            5e-324                     | 5e-324
            2e-323                     | 2e-323
            123.456                    | 123.456
            -0.000123                  | -0.000123
            """)
    void gcvtLayout(double value, String expected) {
        assertThat(MysqlJsonDoubleFormat.toJsonText(value)).isEqualTo(expected);
    }

    @Test
    void nonFiniteValuesPrintAsMysqlDtoaOverflow() {
        assertThat(MysqlJsonDoubleFormat.toJsonText(Double.NaN)).isEqualTo("0.0");
        assertThat(MysqlJsonDoubleFormat.toJsonText(Double.POSITIVE_INFINITY)).isEqualTo("0.0");
        assertThat(MysqlJsonDoubleFormat.toJsonText(Double.NEGATIVE_INFINITY)).isEqualTo("0.0");
    }

    @Test
    void minValueUsesTheOneDigitDecimalLikeDtoa() {
        // Java renders Double.MIN_VALUE as 4.9E-324 (two digits because 4.9 is closer); dtoa's shortest is 5
        assertThat(Double.toString(Double.MIN_VALUE)).isEqualTo("4.9E-324");
        assertThat(MysqlJsonDoubleFormat.shortest(Double.MIN_VALUE))
                .isEqualTo(new MysqlJsonDoubleFormat.Digits("5", -323));
    }

    /**
     * The digits equal those of David Gay's dtoa() mode 0 -- the algorithm MySQL's strings/dtoa.cc implements --
     * as printed by CPython's repr() for 4700 doubles (random bit patterns, subnormals, random magnitudes,
     * short decimals, powers of ten); see the header of the resource for how it was generated.
     */
    @Test
    void shortestDigitsMatchGayDtoaAsUsedByCpython() throws IOException {
        int checked = 0;
        try (InputStream in = getClass().getResourceAsStream("/json/python-dtoa-shortest.txt")) {
            assertThat(in).isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split(" ");
                double v = Double.longBitsToDouble(Long.parseUnsignedLong(parts[0], 16));
                BigDecimal dtoa = new BigDecimal(parts[1]).stripTrailingZeros();
                MysqlJsonDoubleFormat.Digits expected = new MysqlJsonDoubleFormat.Digits(
                        dtoa.unscaledValue().toString(), dtoa.precision() - dtoa.scale());
                assertThat(MysqlJsonDoubleFormat.shortest(v)).as("digits of %s (repr %s)", v, parts[1])
                        .isEqualTo(expected);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(4000);
    }

    /**
     * The digit generation equals a brute-force "shortest, then closest, then even" search over BigDecimal
     * for random doubles of every magnitude (the definition of dtoa mode 0 output).
     */
    @Test
    void shortestDigitsMatchBruteForce() {
        Random random = new Random(7L);
        for (int i = 0; i < 4000; i++) {
            double v;
            switch (i % 4) {
                case 0 -> v = Double.longBitsToDouble(random.nextLong() & Long.MAX_VALUE);
                case 1 -> v = random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
                case 2 -> v = Double.longBitsToDouble(random.nextInt(1 << 20)); // subnormals
                default -> v = (random.nextInt(100_000) + 1) / Math.pow(10, random.nextInt(12));
            }
            if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
                continue;
            }
            assertThat(MysqlJsonDoubleFormat.shortest(v)).as("digits of %s", v).isEqualTo(bruteForce(v));
        }
    }

    private static MysqlJsonDoubleFormat.Digits bruteForce(double v) {
        BigDecimal exact = new BigDecimal(v);
        for (int n = 1; n <= 17; n++) {
            BigDecimal down = exact.round(new MathContext(n, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(n, RoundingMode.CEILING));
            boolean downOk = Double.parseDouble(down.toString()) == v;
            boolean upOk = Double.parseDouble(up.toString()) == v;
            BigDecimal pick;
            if (downOk && upOk) {
                int cmp = exact.subtract(down).compareTo(up.subtract(exact));
                pick = cmp < 0 ? down : cmp > 0 ? up
                        : down.round(new MathContext(n)).unscaledValue().testBit(0) ? up : down;
            } else if (downOk) {
                pick = down;
            } else if (upOk) {
                pick = up;
            } else {
                continue;
            }
            BigDecimal s = pick.stripTrailingZeros();
            return new MysqlJsonDoubleFormat.Digits(s.unscaledValue().toString(), s.precision() - s.scale());
        }
        throw new AssertionError("no 17-digit representation for " + v);
    }
}
