package io.sluice.mysql.predicate;

import static io.sluice.mysql.predicate.Tables.constant;
import static io.sluice.mysql.predicate.Tables.evaluate;
import static io.sluice.mysql.predicate.Tables.row;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The truth tables of MySQL's three-valued logic, each operand TRUE, FALSE or NULL, both as
 * literals and as column values (so that constant folding and per-row evaluation agree).
 */
class ThreeValuedLogicTest {
    @ParameterizedTest(name = "{0} {1} {2} = {3}")
    @CsvSource({
            "TRUE, AND, TRUE, TRUE", "TRUE, AND, FALSE, FALSE", "TRUE, AND, NULL, UNKNOWN",
            "FALSE, AND, TRUE, FALSE", "FALSE, AND, FALSE, FALSE", "FALSE, AND, NULL, FALSE",
            "NULL, AND, TRUE, UNKNOWN", "NULL, AND, FALSE, FALSE", "NULL, AND, NULL, UNKNOWN",
            "TRUE, OR, TRUE, TRUE", "TRUE, OR, FALSE, TRUE", "TRUE, OR, NULL, TRUE",
            "FALSE, OR, TRUE, TRUE", "FALSE, OR, FALSE, FALSE", "FALSE, OR, NULL, UNKNOWN",
            "NULL, OR, TRUE, TRUE", "NULL, OR, FALSE, UNKNOWN", "NULL, OR, NULL, UNKNOWN",
            "TRUE, XOR, TRUE, FALSE", "TRUE, XOR, FALSE, TRUE", "TRUE, XOR, NULL, UNKNOWN",
            "FALSE, XOR, FALSE, FALSE", "NULL, XOR, FALSE, UNKNOWN", "NULL, XOR, NULL, UNKNOWN"})
    void binaryOperators(String left, String op, String right, Truth expected) {
        assertThat(constant(left + " " + op + " " + right)).isEqualTo(expected);
        // the same with column values: qty holds the left operand, price the right one
        assertThat(evaluate("qty " + op + " price", row(1, number(left), null, decimal(right)))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "NOT {0} = {1}")
    @CsvSource({"TRUE, FALSE", "FALSE, TRUE", "NULL, UNKNOWN"})
    void not(String operand, Truth expected) {
        assertThat(constant("NOT " + operand)).isEqualTo(expected);
        assertThat(constant("!" + operand)).isEqualTo(expected);
        assertThat(evaluate("NOT qty", row(1, number(operand)))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} IS {1} = {2}")
    @CsvSource({
            "TRUE, TRUE, TRUE", "FALSE, TRUE, FALSE", "NULL, TRUE, FALSE",
            "TRUE, NOT TRUE, FALSE", "NULL, NOT TRUE, TRUE", "FALSE, FALSE, TRUE", "NULL, FALSE, FALSE",
            "NULL, NOT FALSE, TRUE", "NULL, UNKNOWN, TRUE", "FALSE, UNKNOWN, FALSE", "NULL, NULL, TRUE", "TRUE, NOT NULL, TRUE"})
    void isTests(String operand, String test, Truth expected) {
        assertThat(constant("(" + operand + ") IS " + test)).isEqualTo(expected);
        assertThat(evaluate("qty IS " + test, row(1, number(operand)))).isEqualTo(expected);
    }

    @Test
    void comparisonsWithNullAreUnknownExceptNullSafeEquality() {
        for (String op : new String[] {"=", "<>", "!=", "<", "<=", ">", ">="}) {
            assertThat(constant("1 " + op + " NULL")).as(op).isEqualTo(Truth.UNKNOWN);
            assertThat(evaluate("qty " + op + " 1", row(1, null))).as(op).isEqualTo(Truth.UNKNOWN);
        }
        assertThat(constant("NULL <=> NULL")).isEqualTo(Truth.TRUE);
        assertThat(constant("1 <=> NULL")).isEqualTo(Truth.FALSE);
        assertThat(evaluate("qty <=> NULL", row(1, null))).isEqualTo(Truth.TRUE);
        assertThat(evaluate("qty <=> 5", row(1, null))).isEqualTo(Truth.FALSE);
    }

    @Test
    void inAndBetweenWithNull() {
        assertThat(constant("1 IN (1, NULL)")).isEqualTo(Truth.TRUE);
        assertThat(constant("2 IN (1, NULL)")).isEqualTo(Truth.UNKNOWN);
        assertThat(constant("2 NOT IN (1, NULL)")).isEqualTo(Truth.UNKNOWN);
        assertThat(constant("2 NOT IN (1, 3)")).isEqualTo(Truth.TRUE);
        assertThat(evaluate("qty IN (1, 2)", row(1, null))).isEqualTo(Truth.UNKNOWN);
        assertThat(evaluate("qty BETWEEN 1 AND 10", row(1, null))).isEqualTo(Truth.UNKNOWN);
        assertThat(evaluate("qty NOT BETWEEN 1 AND 10", row(1, 11))).isEqualTo(Truth.TRUE);
        assertThat(evaluate("qty BETWEEN 1 AND price", row(1, 5, null, null))).isEqualTo(Truth.UNKNOWN);
        assertThat(evaluate("qty BETWEEN 1 AND price", row(1, 0, null, null))).isEqualTo(Truth.FALSE);
        assertThat(evaluate("qty NOT BETWEEN 1 AND price", row(1, 0, null, null))).isEqualTo(Truth.TRUE);
    }

    @Test
    void nonBooleanValuesAreReadAsNumbers() {
        assertThat(constant("5")).isEqualTo(Truth.TRUE);
        assertThat(constant("0.0")).isEqualTo(Truth.FALSE);
        assertThat(constant("0.001")).isEqualTo(Truth.TRUE);
        assertThat(constant("'abc'")).isEqualTo(Truth.FALSE);
        assertThat(constant("'1abc'")).isEqualTo(Truth.TRUE);
        assertThat(constant("'0.5' XOR 0")).isEqualTo(Truth.TRUE);
        assertThat(constant("NOT 'abc'")).isEqualTo(Truth.TRUE);
        assertThat(constant("NULL")).isEqualTo(Truth.UNKNOWN);
        assertThat(evaluate("name", row(1, null, null, null, null, " 7 dwarfs"))).isEqualTo(Truth.TRUE);
        assertThat(evaluate("size", row(1, null, null, null, null, null, null, null, null, null, "small"))).isEqualTo(Truth.TRUE);
    }

    private static Integer number(String literal) {
        return switch (literal) {
            case "TRUE" -> 1;
            case "FALSE" -> 0;
            default -> null;
        };
    }

    private static java.math.BigDecimal decimal(String literal) {
        Integer value = number(literal);
        return value == null ? null : java.math.BigDecimal.valueOf(value);
    }
}
