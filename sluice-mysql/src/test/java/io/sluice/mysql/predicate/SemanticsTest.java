package io.sluice.mysql.predicate;

import static io.sluice.mysql.predicate.Tables.constant;
import static io.sluice.mysql.predicate.Tables.evaluate;
import static io.sluice.mysql.predicate.Tables.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.value.MysqlDate;
import io.sluice.core.value.MysqlDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * MySQL's value semantics without a server; every case here was checked against MariaDB 10.11
 * (RowExpressionIT checks them all differentially).
 */
class SemanticsTest {
    @ParameterizedTest(name = "''{0}'' reads as {1}")
    @CsvSource(delimiterString = " => ", value = {
            "12abc => 12.0", "abc => 0.0", "' 42' => 42.0", "'\t\n-5.5x' => -5.5", "1e3x => 1000.0", ".5 => 0.5", "1.e2 => 100.0",
            "1e => 1.0", "1e+00002 => 100.0", "'- 5' => 0.0", "0x1A => 0.0", "1e400 => 1.7976931348623157E308", "'' => 0.0"})
    void stringsReadAsTheirNumericPrefix(String text, double value) {
        assertThat(NumericText.toDouble(text)).isEqualTo(value);
    }

    @Test
    void textTheDecoderKeptAsBytesIsReadAsTheServerConvertsIt() {
        // an ascii byte over 0x7F has no exact utf8mb4 form, so sync hands it over as bytes
        io.sluice.core.schema.TableSchema table = new io.sluice.core.schema.TableSchema(new io.sluice.core.schema.TableId("shop", "tags"),
                java.util.List.of(io.sluice.core.schema.Column.of("id", io.sluice.core.schema.ColumnType.INT), Tables.text("tag", "ascii", "ascii_general_ci"),
                        Tables.text("city", "latin1", "latin1_swedish_ci")),
                java.util.List.of("id"), java.util.List.of());
        io.sluice.core.event.Row row = new io.sluice.core.event.Row(table, new Object[] {1, new byte[] {'a', (byte) 0x80}, new byte[] {'M', (byte) 0xFC}}, null);
        assertThat(RowExpression.parse("tag = 'A?'").bind(table).evaluate(row)).isEqualTo(Truth.TRUE);
        assertThat(RowExpression.parse("city = 'mü'").bind(table).evaluate(row)).isEqualTo(Truth.TRUE);
    }

    @Test
    void stringToIntegerAndDecimal() {
        assertThat(NumericText.toIntegerBits(" -12.9x")).isEqualTo(-12);
        assertThat(NumericText.toIntegerBits("1e3")).isEqualTo(1);
        assertThat(NumericText.toIntegerBits("99999999999999999999")).isEqualTo(-1L);
        assertThat(NumericText.toIntegerBits("-99999999999999999999")).isEqualTo(Long.MIN_VALUE);
        assertThat(NumericText.toDecimal("1.50abc")).isEqualTo(new BigDecimal("1.50"));
        assertThat(NumericText.toDecimal("1e999999999999")).isEqualTo(BigDecimal.TEN.pow(100));
        assertThat(NumericText.toDecimal("5e-999999999999")).isEqualTo(BigDecimal.ZERO);
    }

    @Test
    void stringsComparedWithNumbersAsDouble() {
        assertThat(constant("'12abc' = 12")).isEqualTo(Truth.TRUE);
        assertThat(constant("'abc' = 0")).isEqualTo(Truth.TRUE);
        assertThat(constant("'1.0' IN ('1', 5)")).isEqualTo(Truth.FALSE);
        assertThat(constant("'abd' IN ('abc', 0)")).isEqualTo(Truth.TRUE);
        assertThat(evaluate("name = 12", row(1, null, null, null, null, "12abc"))).isEqualTo(Truth.TRUE);
        assertThat(evaluate("name > 10", row(1, null, null, null, null, "abc"))).isEqualTo(Truth.FALSE);
    }

    @Test
    void integersAreExactAndUnsignedAware() {
        BigInteger max = new BigInteger("18446744073709551615");
        assertThat(evaluate("ubig = 18446744073709551615", row(1, null, max))).isEqualTo(Truth.TRUE);
        assertThat(evaluate("ubig > 9223372036854775807", row(1, null, max))).isEqualTo(Truth.TRUE);
        assertThat(evaluate("ubig = -1", row(1, null, max))).isEqualTo(Truth.FALSE);
        assertThat(evaluate("ubig > qty", row(1, -1, max))).isEqualTo(Truth.TRUE);
        assertThat(evaluate("ubig - 1 = 18446744073709551614", row(1, null, max))).isEqualTo(Truth.TRUE);
        assertThat(constant("-9223372036854775808 < 0 AND 18446744073709551616 > 18446744073709551615")).isEqualTo(Truth.TRUE);
        assertThat(constant("9007199254740993 = 9007199254740992")).isEqualTo(Truth.FALSE);
        assertThat(constant("9007199254740993 = 9007199254740992e0")).isEqualTo(Truth.TRUE);
    }

    @Test
    void divisionAndModulo() {
        assertThat(constant("1 / 3 = 0.3333")).isEqualTo(Truth.TRUE);
        assertThat(constant("1 / 3 = 0.333333333")).isEqualTo(Truth.FALSE);
        assertThat(constant("(1 / 3) * 3 = 1")).isEqualTo(Truth.TRUE);
        assertThat(constant("2 / 3 = 0.6667")).isEqualTo(Truth.TRUE);
        assertThat(constant("2.00000 / 3 = 0.666666666")).isEqualTo(Truth.TRUE);
        assertThat(constant("(1 / 0) IS NULL AND (1 DIV 0) IS NULL AND (1 % 0) IS NULL AND (1e0 / 0) IS NULL")).isEqualTo(Truth.TRUE);
        assertThat(constant("-7 DIV 2 = -3 AND 7 % -3 = 1 AND -7 % 3 = -1 AND 7.5 % 2 = 1.5")).isEqualTo(Truth.TRUE);
        assertThat(Arithmetic.divide(new BigDecimal("2.00000"), new BigDecimal("3"))).isEqualTo(new BigDecimal("0.666666666"));
        assertThat(Arithmetic.divide(new BigDecimal("2.00000"), new BigDecimal("3.0000"))).isEqualTo(new BigDecimal("0.666666666666666666"));
    }

    @Test
    void decimalNegativeZero() {
        // MariaDB: -1.0 % 1 is -0.0, below 0; -1 % 1 is 0
        assertThat(evaluate("price % 1 < 0", row(1, null, null, new BigDecimal("-1.000000")))).isEqualTo(Truth.TRUE);
        assertThat(evaluate("price % 1 = 0", row(1, null, null, new BigDecimal("-1.000000")))).isEqualTo(Truth.FALSE);
        assertThat(evaluate("(price % 1) + 0 = 0", row(1, null, null, new BigDecimal("-1.000000")))).isEqualTo(Truth.TRUE);
        assertThat(evaluate("CONCAT(price % 1) = '-0.000000'", row(1, null, null, new BigDecimal("-1.000000")))).isEqualTo(Truth.TRUE);
        assertThat(constant("CAST(-1 AS DECIMAL) % 1 = 0")).isEqualTo(Truth.TRUE);
        assertThat(Decimals.compare(new Decimals.NegativeZero(1), BigDecimal.ZERO)).isNegative();
    }

    @Test
    void collations() {
        Collation generalCi = Collation.forName("utf8mb4_general_ci").orElseThrow();
        Collation bin = Collation.forName("utf8mb4_bin").orElseThrow();
        Collation nopad = Collation.forName("utf8mb4_nopad_bin").orElseThrow();
        Collation swedish = Collation.forName("latin1_swedish_ci").orElseThrow();
        assertThat(generalCi.compare("Café", "CAFE")).isZero();
        assertThat(generalCi.compare("ß", "s")).isZero();
        assertThat(generalCi.compare("😀", "😁")).isZero();
        assertThat(generalCi.compare("abc", "abc   ")).isZero();
        assertThat(generalCi.compare("a\t", "a")).isNegative();
        assertThat(bin.compare("a", "B")).isPositive();
        assertThat(bin.compare("abc", "abc ")).isZero();
        assertThat(nopad.compare("abc", "abc ")).isNegative();
        assertThat(bin.compare("\uFFFF", "😀")).isNegative();
        assertThat(swedish.compare("Ü", "y")).isZero();
        assertThat(swedish.compare("é", "E")).isZero();
        assertThat(Collation.BINARY.compare("a", "a ")).isNegative();
        assertThat(Collation.forName("utf8_general_ci")).contains(Collation.forName("utf8mb3_general_ci").orElseThrow());
        assertThat(Collation.forName("utf8mb4_unicode_520_ci")).isEmpty();
    }

    @Test
    void unicodeCiWeighsCharactersAsSequences() {
        Collation unicodeCi = Collation.forName("utf8mb4_unicode_ci").orElseThrow();
        Collation nopad = Collation.forName("utf8mb4_unicode_nopad_ci").orElseThrow();
        assertThat(Collation.forName("utf8_unicode_ci")).contains(Collation.forName("utf8mb3_unicode_ci").orElseThrow());
        // expansions: one character weighs like two
        assertThat(unicodeCi.compare("ß", "ss")).isZero();
        assertThat(unicodeCi.compare("straße", "STRASSE")).isZero();
        assertThat(unicodeCi.compare("œ", "OE")).isZero();
        assertThat(unicodeCi.compare("Æ", "ae")).isPositive(); // a letter of its own in UCA 4.0.0
        assertThat(unicodeCi.compare("ß", "s")).isPositive();
        assertThat(unicodeCi.compare("ß", "st")).isNegative();
        // ignorable characters weigh nothing; accents and case are secondary and tertiary
        assertThat(unicodeCi.compare("cafe\u0301", "CAFÉ")).isZero();
        assertThat(unicodeCi.compare("x\u200By", "xy")).isZero();
        // PAD SPACE, also for characters that weigh like a space, and NO PAD
        assertThat(unicodeCi.compare("abc", "abc  ")).isZero();
        assertThat(unicodeCi.compare("a\u00A0", "a")).isZero();
        assertThat(unicodeCi.compare("a\t", "a")).isNegative();
        assertThat(nopad.compare("abc", "abc ")).isNegative();
        // implicit weights: a compatibility ideograph equals its unified twin; outside the BMP everything weighs 0xFFFD
        assertThat(unicodeCi.compare("\uF900", "\u8C48")).isZero();
        assertThat(unicodeCi.compare("中", "文")).isNegative();
        assertThat(unicodeCi.compare("😀", "😁")).isZero();
        assertThat(unicodeCi.compare("😀", "\uFFFD")).isNotZero();
        // LIKE compares one character with one
        assertThat(unicodeCi.sameCharacter('ß', 's')).isFalse();
        assertThat(unicodeCi.sameCharacter('a', 'Á')).isTrue();
        assertThat(unicodeCi.sameCharacter(0xF900, 0x8C48)).isFalse();
        assertThat(unicodeCi.sameCharacter(0x1F600, 0x1F601)).isFalse();
        assertThatThrownBy(() -> unicodeCi.weight('a')).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void caseMappingFollowsMariaDbNotJava() {
        Collation generalCi = Collation.forName("utf8mb4_general_ci").orElseThrow();
        assertThat(generalCi.upper("straße")).isEqualTo("STRAßE");
        assertThat(generalCi.lower("İ")).isEqualTo("i");
        assertThat(generalCi.upper("ǅ")).isEqualTo("Ǆ");
        assertThat(generalCi.upper("ƀ")).isEqualTo("ƀ");
        assertThat(generalCi.upper("\uD801\uDC28")).isEqualTo("\uD801\uDC28");
        assertThat(Collation.forName("latin1_swedish_ci").orElseThrow().upper("ÿé")).isEqualTo("ÿÉ");
        assertThat(Collation.BINARY.upper("abc")).isEqualTo("abc");
    }

    @ParameterizedTest(name = "''{0}'' LIKE ''{1}'' = {2}")
    @CsvSource(delimiterString = " | ", value = {
            "abc | a% | true", "abc | _bc | true", "abc | %b% | true", "abc | abc | true", "abc | 'abc ' | false",
            "'abc ' | abc | false", "Abc | a% | true", "Ábc | a% | true", "ábc | _bc | true", "a%b | a\\%b | true",
            "axb | a\\%b | false", "a\\ | a\\ | true", "a | a\\ | false", "😀 | _ | true", "😀 | 😁 | true", "'' | % | true",
            "'' | '' | true", "a | '' | false", "abcab | %ab | true", "ab | %%%b | true", "ab | a__ | false", "xay | %a% | true"})
    void likeUnderGeneralCi(String text, String pattern, boolean matches) {
        Collation generalCi = Collation.forName("utf8mb4_general_ci").orElseThrow();
        assertThat(LikeMatcher.compile(pattern, '\\', generalCi).matches(text)).isEqualTo(matches);
    }

    @Test
    void likeUnderBinaryAndWithEscape() {
        Collation bin = Collation.forName("utf8mb4_bin").orElseThrow();
        assertThat(LikeMatcher.compile("a%", '\\', bin).matches("Abc")).isFalse();
        assertThat(LikeMatcher.compile("a!_b", '!', bin).matches("a_b")).isTrue();
        assertThat(LikeMatcher.compile("a!_b", '!', bin).matches("axb")).isFalse();
        assertThat(constant("'a%' LIKE 'a\\\\%' AND 'ab' NOT LIKE 'a\\\\%'")).isEqualTo(Truth.TRUE);
        assertThat(constant("'a_b' LIKE 'a|_b' ESCAPE '|'")).isEqualTo(Truth.TRUE);
        assertThat(constant("'a%' LIKE 'a\\\\%' ESCAPE ''")).isEqualTo(Truth.TRUE);
        assertThat(evaluate("qty LIKE '1%'", row(1, 123))).isEqualTo(Truth.TRUE);
        // a pattern from a column; utf8mb4_bin (code) wins over utf8mb4_general_ci (name)
        assertThat(evaluate("name LIKE code", row(1, null, null, null, null, "abc", "a%"))).isEqualTo(Truth.TRUE);
        assertThat(evaluate("name LIKE code", row(1, null, null, null, null, "abc", "A%"))).isEqualTo(Truth.FALSE);
    }

    @Test
    void columnCollationAppliesToLiterals() {
        assertThat(evaluate("name = 'ABC '", row(1, null, null, null, null, "abc"))).isEqualTo(Truth.TRUE);
        assertThat(evaluate("code = 'ABC'", row(1, null, null, null, null, null, "abc"))).isEqualTo(Truth.FALSE);
        assertThat(evaluate("code = 'abc '", row(1, null, null, null, null, null, "abc"))).isEqualTo(Truth.TRUE);
        assertThat(evaluate("city = 'CAFE'", row(1, null, null, null, null, null, null, "café"))).isEqualTo(Truth.TRUE);
        // a _bin column beats a _ci column of the same charset
        assertThat(evaluate("name = code", row(1, null, null, null, null, "abc", "ABC"))).isEqualTo(Truth.FALSE);
        assertThat(constant("'abc' = 'ABC'")).isEqualTo(Truth.TRUE);
        assertThat(constant("X'61' = 'A'")).isEqualTo(Truth.FALSE);
        assertThat(constant("0x41 = 'A' AND 0x41 = 65 AND X'41' <> 65")).isEqualTo(Truth.TRUE);
    }

    @Test
    void datesCompareChronologicallyWithStringConstants() {
        Object[] values = {1, null, null, null, null, null, null, null, new MysqlDate(2024, 1, 1), new MysqlDateTime(2024, 1, 1, 10, 0, 0, 500_000)};
        assertThat(evaluate("day = '2024-01-01' AND day < '2024-01-01 10:00:00' AND day = '2024-1-1'", row(values))).isEqualTo(Truth.TRUE);
        assertThat(evaluate("at > '2024-01-01 10:00:00' AND at = '2024-01-01 10:00:00.5' AND at > day", row(values))).isEqualTo(Truth.TRUE);
        assertThat(evaluate("day BETWEEN '2023-12-31' AND DATE '2024-01-01'", row(values))).isEqualTo(Truth.TRUE);
        assertThat(evaluate("YEAR(at) = 2024 AND MONTH(day) = 1 AND DAY(at) = 1 AND DATE(at) = day", row(values))).isEqualTo(Truth.TRUE);
        assertThat(evaluate("CONCAT(at) = '2024-01-01 10:00:00.500000'", row(values))).isEqualTo(Truth.TRUE);
        assertThat(evaluate("day = '0000-00-00'", row(1, null, null, null, null, null, null, null, new MysqlDate(0, 0, 0)))).isEqualTo(Truth.TRUE);
    }

    @Test
    void enumIsItsTextAndItsIndex() {
        Object[] values = {1, null, null, null, null, null, null, null, null, null, "medium"};
        assertThat(evaluate("size = 'MEDIUM'", row(values))).isEqualTo(Truth.TRUE);
        assertThat(evaluate("size = 2 AND size + 0 = 2 AND size > 'l'", row(values))).isEqualTo(Truth.TRUE);
        assertThat(evaluate("size - 5 = -3", row(values))).isEqualTo(Truth.TRUE);
    }

    @Test
    void stringFunctions() {
        Object[] values = {1, 5, null, new BigDecimal("1.500000"), null, "Straße", "a_b", "Ünïcödé"};
        assertThat(evaluate("LENGTH(name) = 7 AND CHAR_LENGTH(name) = 6 AND LENGTH(city) = 7", row(values))).isEqualTo(Truth.TRUE);
        assertThat(evaluate("UPPER(name) = 'STRAßE' AND LOWER(city) = 'ünïcödé'", row(values))).isEqualTo(Truth.TRUE);
        assertThat(evaluate("SUBSTRING(name, -3) = 'aße' AND LEFT(name, 2) = 'st' AND RIGHT(code, 1) = 'b'", row(values))).isEqualTo(Truth.TRUE);
        assertThat(evaluate("CONCAT(code, qty, price) = 'a_b51.500000'", row(values))).isEqualTo(Truth.TRUE);
        assertThat(evaluate("TRIM(BOTH 'a' FROM 'aaxaa') = 'x' AND TRIM('  x ') = 'x' AND LTRIM('  x') = 'x'", row(values))).isEqualTo(Truth.TRUE);
        assertThat(evaluate("IFNULL(at, 'none') = 'none' AND COALESCE(NULL, qty) = 5 AND IF(qty > 3, 'a', 'b') = 'A'", row(values)))
                .isEqualTo(Truth.TRUE);
        assertThat(evaluate("ROUND(price) = 2 AND FLOOR(price) = 1 AND CEIL(price) = 2 AND ABS(-price) = 1.5 AND ROUND(2.5e0) = 2", row(values)))
                .isEqualTo(Truth.TRUE);
        assertThat(evaluate("CAST(price AS SIGNED) = 2 AND CAST('12abc' AS UNSIGNED) = 12 AND CAST(qty AS CHAR) = '5'", row(values)))
                .isEqualTo(Truth.TRUE);
        assertThat(evaluate("CAST(1000 AS DECIMAL(3,1)) = 99.9 AND CAST(-1 AS UNSIGNED) = 18446744073709551615", row(values)))
                .isEqualTo(Truth.TRUE);
    }
}
