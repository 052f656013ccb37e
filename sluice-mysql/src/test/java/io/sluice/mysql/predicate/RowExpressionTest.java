package io.sluice.mysql.predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

/** Parsing: accepted syntax, the rendered pushdown text, and rejections with their messages. */
class RowExpressionTest {
    @Test
    void keepsTextAndReportsColumnsAsWritten() {
        RowExpression expression = RowExpression.parse("`Qty` > 5 AND name LIKE 'a%' OR qty IS NULL");
        assertThat(expression.text()).isEqualTo("`Qty` > 5 AND name LIKE 'a%' OR qty IS NULL");
        assertThat(expression.columns()).containsExactly("Qty", "name", "qty");
        assertThat(RowExpression.parse("`we``ird` = 1").columns()).containsExactly("we`ird");
        assertThat(RowExpression.parse("1 = 1").columns()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "qty<5 => (`qty` < 5)",
            "QTY = 5 AND name IS NOT NULL => ((`qty` = 5) AND (`name` IS NOT NULL))",
            "qty != 1 || qty <> 2 && !qty => ((`qty` <> 1) OR ((`qty` <> 2) AND (NOT `qty`)))",
            "name = \"dq\" => (`name` = 'dq')",
            "name = 'it''s \\\\ ok' => (`name` = 'it''s \\\\ ok')",
            "ratio > 1e3 => (`ratio` > 1000.0E0)",
            "price BETWEEN 1.50 AND 2 => (`price` BETWEEN 1.50 AND 2)",
            "qty NOT IN (1, 2) => (`qty` NOT IN (1, 2))",
            "name NOT LIKE 'a!%' ESCAPE '!' => (`name` NOT LIKE 'a!%' ESCAPE '!')",
            "qty DIV 2 MOD 3 = 1 => (((`qty` DIV 2) % 3) = 1)",
            "-qty = - 5 => ((-`qty`) = -5)",
            "day = DATE '2024-01-31' => (`day` = DATE '2024-01-31')",
            "code = X'41' OR code = 0x42 => ((`code` = X'41') OR (`code` = 0x42))",
            "TRIM(LEADING 'x' FROM name) = 'a' => (TRIM(LEADING 'x' FROM `name`) = 'a')",
            "SUBSTR(name FROM 2 FOR 3) = 'bcd' => (SUBSTRING(`name`, 2, 3) = 'bcd')",
            "CAST(price AS DECIMAL(10,2)) > 1 => (CAST(`price` AS DECIMAL(10,2)) > 1)",
            "IFNULL(qty, 0) + MOD(qty, 2) = 1 => ((IFNULL(`qty`, 0) + (`qty` % 2)) = 1)",
            "qty => (`qty`)",
            "(qty = 1) IS NOT TRUE => ((`qty` = 1) IS NOT TRUE)",
            "qty IS UNKNOWN => (`qty` IS UNKNOWN)",
            "qty XOR name => (`qty` XOR `name`)",
            "day - INTERVAL 2 MONTH < DATE '2024-01-31' => ((`day` + INTERVAL -2 MONTH) < DATE '2024-01-31')",
            "DATE_FORMAT(day, '%Y') = '2024' AND HOUR(at) < 12 => ((DATE_FORMAT(`day`, '%Y') = '2024') AND (HOUR(`at`) < 12))",
            "name REGEXP '^a\\\\d' OR name NOT RLIKE 'b$' => ((`name` REGEXP '^a\\\\d') OR (`name` NOT REGEXP 'b$'))"})
    void rendersTheConditionToPushDown(String expression, String sql) {
        assertThat(RowExpression.parse(expression).bind(Tables.TABLE).sql()).isEqualTo(sql);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "qty = 1 garbage            | unexpected 'garbage'",
            "qty = 1;                   | only one expression",
            "qty =                      | ends too early",
            "''                         | ''",
            "(qty = 1                   | ends too early",
            "NOW() > at                 | NOW() is not allowed",
            "RAND() < 0.5               | snapshot and the binlog reader",
            "UUID() = name              | UUID() is not allowed",
            "CURRENT_DATE = day         | CURRENT_DATE is not allowed",
            "current_timestamp < at     | CURRENT_TIMESTAMP is not allowed",
            "qty = (SELECT 1)           | SELECT is not supported",
            "qty IN (SELECT id FROM t)  | SELECT is not supported",
            "@limit > qty               | variables",
            "qty = ?                    | placeholders",
            "name COLLATE utf8mb4_bin = 'a' | COLLATE is not supported",
            "CASE WHEN qty THEN 1 END   | use IF(condition, a, b)",
            "SOUNDEX(name) = 'A'        | SOUNDEX() is not supported",
            "t.qty = 1                  | qualified column names",
            "qty IN ()                  | IN needs at least one value",
            "qty = 1 = 1                | add parentheses",
            "qty BETWEEN 1 AND 2 = 1    | add parentheses",
            "qty = 2 IN (0)             | add parentheses",
            "qty = = 1                  | '=='",
            "day = DATE '2024-02-30'    | does not exist",
            "at = TIMESTAMP '2024-01-01' | is not a datetime",
            "code = b'101'              | bit literals",
            "name = N'x'                | national string literals",
            "name = _latin1'x'          | introducers",
            "qty & 1                    | bit operators",
            "qty << 1                   | bit shifts",
            "qty = 1e400                | out of the DOUBLE range",
            "qty IS 5                   | IS must be followed by NULL, TRUE, FALSE or UNKNOWN",
            "SYSDATE() > at             | SYSDATE() is not allowed",
            "UNIX_TIMESTAMP() > qty     | UNIX_TIMESTAMP() is not allowed",
            "day + INTERVAL 1 DAY_HOUR > at | INTERVAL unit DAY_HOUR is not supported",
            "day + INTERVAL 1.5 DAY > at | must be an integer literal",
            "day + INTERVAL qty DAY > at | must be an integer literal",
            "INTERVAL 1 DAY + day = day | write an INTERVAL after a date",
            "DATE_FORMAT(day, name) = 'x' | the format of DATE_FORMAT must be a string literal",
            "name REGEXP name           | the pattern of REGEXP must be a string literal",
            "name RLIKE CONCAT('a', 'b') | the pattern of REGEXP must be a string literal",
            "name REGEXP '[[:<:]]a' | uses the class [:<:]",
            "name REGEXP '(?i)a' | uses this kind of group",
            "name REGEXP '\\\\p{L}' | uses the escape \\p",
            "name REGEXP '\\\\bx' | uses the escape \\b",
            "name REGEXP 'a(' | missing ')'",
            "name REGEXP 'a)' | unmatched ')'",
            "name REGEXP '*a' | follows nothing it could repeat",
            "name REGEXP 'a**' | follows nothing it could repeat",
            "name REGEXP 'a{3,1}' | numbers out of order",
            "name REGEXP '[z-a]' | range out of order",
            "name REGEXP '(a)\\\\2' | names a group that does not come before it",
            "name REGEXP 'a(b'          | missing ')'",
            "name NOT REGEXP '[[:punct:]]' | the class [:punct:]",
            "ROUND(qty, qty) = 1        | must be an integer literal",
            "LEFT(name) = 'a'           | LEFT() does not take 1 argument",
            "CAST(qty AS BINARY) = 1    | BINARY is not supported",
            "CAST(qty AS DOUBLE) = 1    | CAST to DOUBLE is not supported",
            "doc->'$.a' = 1             | JSON path operators",
            "X'123' = code              | even number of hex digits",
            "/*! qty */ = 1             | executable comments"})
    void rejectsWithAReason(String expression, String reason) {
        assertThatThrownBy(() -> RowExpression.parse(expression))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.RULE_INVALID);
                    assertThat(e.reason()).contains(reason).contains(expression.strip());
                    assertThat(e.fix()).contains("Supported:").contains("IFNULL");
                });
    }

    @Test
    void rejectsBlankAndReportsPositions() {
        assertThatThrownBy(() -> RowExpression.parse("  ")).hasMessageContaining("the expression is empty");
        assertThat(RowExpression.problem("qty = 1 garbage")).hasValueSatisfying(p -> assertThat(p).contains("at position 9"));
        assertThat(RowExpression.problem("qty = @x")).hasValueSatisfying(p -> assertThat(p).contains("at position 7"));
        assertThat(RowExpression.problem("qty = 1 AND x COLLATE latin1_bin")).hasValueSatisfying(p -> assertThat(p).contains("at position 15"));
    }

    @Test
    void problemAndSyntaxAgreeWithParse() {
        assertThat(RowExpression.problem("qty > 5 AND name LIKE 'x%'")).isEmpty();
        Optional<String> problem = RowExpression.problem("qty >");
        assertThat(problem).hasValueSatisfying(p -> assertThat(p).startsWith("Invalid row predicate \"qty >\"").endsWith("."));
        assertThat(RowExpression.syntax().problem("qty >")).isEqualTo(problem);
        assertThat(RowExpression.syntax().problem("qty > 5")).isEmpty();
    }

    @Test
    void anyInputEitherParsesOrIsRejectedAsRuleInvalid() {
        String[] tokens = {"qty", "name", "`day`", "1", "-", "+", "*", "/", "(", ")", ",", "'a'", "\"b\"", "=", "<", ">=", "<=>", "AND",
                "OR", "NOT", "XOR", "IS", "NULL", "TRUE", "IN", "BETWEEN", "LIKE", "ESCAPE", "CAST", "AS", "SIGNED", "CHAR", "IFNULL",
                "TRIM", "FROM", "LEADING", "SUBSTRING", "FOR", "DATE", "X'41'", "0x4", "1e3", "2.5", ".", "!", "||", "&&", "`", "'",
                "#", "--", "/*", "*/", ";", "@", "?", "DIV", "MOD", "%", "CASE", "WHEN", "END", "INTERVAL", "COLLATE", "\\"};
        java.util.Random random = new java.util.Random(7);
        for (int n = 0; n < 3000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(8); i >= 0; i--) {
                text.append(tokens[random.nextInt(tokens.length)]).append(random.nextInt(3) == 0 ? "" : " ");
            }
            String expression = text.toString();
            try {
                RowExpression parsed = RowExpression.parse(expression);
                parsed.bind(Tables.TABLE);
            }
            catch (SluiceException e) {
                assertThat(e.errorCode()).as(expression).isEqualTo(ErrorCode.RULE_INVALID);
            }
        }
    }

    @Test
    void rendersAmbiguousPrecedenceOnlyWithExplicitParentheses() {
        assertThat(RowExpression.parse("(qty = 1) = 1").bind(Tables.TABLE).sql()).isEqualTo("((`qty` = 1) = 1)");
        assertThat(RowExpression.parse("(qty BETWEEN 1 AND 2) = 1").bind(Tables.TABLE).sql()).isEqualTo("((`qty` BETWEEN 1 AND 2) = 1)");
        assertThat(RowExpression.parse("qty = 1 IS TRUE").bind(Tables.TABLE).sql()).isEqualTo("((`qty` = 1) IS TRUE)");
        assertThat(RowExpression.parse("NOT qty BETWEEN 1 AND 2").bind(Tables.TABLE).sql()).isEqualTo("(NOT (`qty` BETWEEN 1 AND 2))");
        assertThat(RowExpression.parse("1 XOR 1 AND 0").bind(Tables.TABLE).sql()).isEqualTo("(1 XOR (1 AND 0))");
    }
}
