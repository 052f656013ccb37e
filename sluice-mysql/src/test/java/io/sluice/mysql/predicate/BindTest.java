package io.sluice.mysql.predicate;

import static io.sluice.mysql.predicate.Tables.TABLE;
import static io.sluice.mysql.predicate.Tables.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;

/** Binding to a table: column resolution, type checks, and the errors evaluation can raise. */
class BindTest {
    @Test
    void resolvesColumnsCaseInsensitivelyAsMysql() {
        BoundExpression bound = RowExpression.parse("QTY > 1 AND `Name` = 'x'").bind(TABLE);
        assertThat(bound.sql()).isEqualTo("((`qty` > 1) AND (`name` = 'x'))");
        assertThat(bound.isTrue(row(1, 2, null, null, null, "X"))).isTrue();
    }

    @Test
    void namesUnknownColumnsWithTheTableAndACloseMatch() {
        assertThatThrownBy(() -> RowExpression.parse("quantity > 1 OR nmae = 'x'").bind(TABLE))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.RULE_INVALID);
                    assertThat(e.reason()).contains("`quantity`").contains("shop.orders")
                            .contains("id, qty, ubig, price, ratio, name, code, city, day, at, size, doc, memo");
                });
        assertThatThrownBy(() -> RowExpression.parse("nmae = 'x'").bind(TABLE)).hasMessageContaining("did you mean `name`?");
        assertThatThrownBy(() -> RowExpression.parse("zzzzzz = 1").bind(TABLE)).message().doesNotContain("did you mean");
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "doc = '{}' => JSON columns compare with JSON rules",
            "memo = 'x' => collation utf8mb4_unicode_520_ci is not supported",
            "city = '中' => Illegal mix of collations",
            "day = 20240101 => can only be compared with other dates",
            "day = name => a string expression is compared with a date",
            "day = '2024-01-31x' => is not a date",
            "at + 1 > 0 => arithmetic on DATETIME values is not supported",
            "ratio LIKE '1%' => FLOAT and DOUBLE values have no exact text form",
            "qty DIV ratio = 1 => DIV of FLOAT, DOUBLE or string operands",
            "qty BETWEEN NULL AND 5 => a NULL bound",
            "IFNULL(qty, 'x') > 5 => can only be used as strings",
            "price IN ('1', 'x') => IN cannot mix a DECIMAL value with strings",
            "9223372036854775807 + 1 > qty => BIGINT value is out of range",
            "day => is not a condition",
            "X'61' REGEXP 'a' => REGEXP on binary strings is not supported",
            "DATE_FORMAT(day, '%W') = 'Monday' => DATE_FORMAT specifier %W is not supported",
            "name + INTERVAL 1 DAY > day => INTERVAL arithmetic needs a DATE, DATETIME or TIMESTAMP operand",
            "DATEDIFF(name, day) > 1 => DATEDIFF() needs a DATE",
            "HOUR(qty) = 1 => HOUR() needs a TIME, DATE, DATETIME or TIMESTAMP column"})
    void rejectsWhatCannotBeEvaluatedExactly(String expression, String reason) {
        RowExpression parsed = RowExpression.parse(expression);
        assertThatThrownBy(() -> parsed.bind(TABLE))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.RULE_INVALID);
                    assertThat(e.reason()).contains(reason).contains("shop.orders");
                });
    }

    @Test
    void testsAnyColumnForNull() {
        assertThat(Tables.evaluate("doc IS NULL AND memo IS NOT NULL", row(1, null, null, null, null, null, null, null, null, null, null,
                null, "x"))).isEqualTo(Truth.TRUE);
        assertThat(Tables.evaluate("ISNULL(doc)", row(1))).isEqualTo(Truth.TRUE);
    }

    @Test
    void needsFullRowImages() {
        BoundExpression bound = RowExpression.parse("qty > 1 OR name = 'x'").bind(TABLE);
        assertThat(bound.evaluate(Tables.partialRow(List.of("id", "qty"), 1, 5))).isEqualTo(Truth.TRUE);
        assertThatThrownBy(() -> bound.evaluate(Tables.partialRow(List.of("id", "qty"), 1, 0)))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.RULE_INVALID);
                    assertThat(e.reason()).contains("`name`").contains("binlog_row_image=FULL");
                    assertThat(e.fix()).contains("binlog_row_image='FULL'");
                });
    }

    @Test
    void reportsOverflowLikeTheServer() {
        BoundExpression bound = RowExpression.parse("qty * 3000000000 * 3000000000 > 0").bind(TABLE);
        assertThat(bound.evaluate(row(1, 1))).isEqualTo(Truth.TRUE);
        assertThatThrownBy(() -> bound.evaluate(row(1, 2)))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.reason())
                        .contains("BIGINT value is out of range in '((qty * 3000000000) * 3000000000)'").contains("shop.orders"));
        assertThatThrownBy(() -> Tables.evaluate("ubig - 1 > 0", row(1, 1, 0L)))
                .hasMessageContaining("BIGINT UNSIGNED value is out of range");
        assertThatThrownBy(() -> Tables.evaluate("ratio * 1e300 > 0", row(1, 1, 0L, BigDecimal.ONE, 1e10)))
                .hasMessageContaining("DOUBLE value is out of range");
    }

    @Test
    void boundExpressionsAreReusableAcrossRows() {
        BoundExpression bound = RowExpression.parse("name LIKE 'a%' AND qty % 2 = 0").bind(TABLE);
        assertThat(bound.isTrue(row(1, 2, null, null, null, "Abc"))).isTrue();
        assertThat(bound.isTrue(row(1, 3, null, null, null, "Abc"))).isFalse();
        assertThat(bound.isTrue(row(1, 2, null, null, null, "bcd"))).isFalse();
        assertThat(bound.evaluate(row(1, null, null, null, null, "abc"))).isEqualTo(Truth.UNKNOWN);
        assertThat(bound.text()).isEqualTo("name LIKE 'a%' AND qty % 2 = 0");
    }
}
