package io.sluice.core.schema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableIdTest
{
    @Test
    void testAccessorsAndToString()
    {
        TableId id = new TableId("shop", "orders");
        assertThat(id.database()).isEqualTo("shop");
        assertThat(id.table()).isEqualTo("orders");
        assertThat(id.toString()).isEqualTo("shop.orders");
    }

    @Test
    void testQuoted()
    {
        assertThat(new TableId("shop", "orders").quoted()).isEqualTo("`shop`.`orders`");
        assertThat(new TableId("my`db", "t`` x").quoted()).isEqualTo("`my``db`.`t```` x`");
        assertThat(new TableId("a.b", "c").quoted()).isEqualTo("`a.b`.`c`");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            orders        | `orders`
            my`table      | `my``table`
            ``            | ``````
            "with space"  | `with space`
            é            | `é`
            """)
    void testQuoteIdentifier(String identifier, String expected)
    {
        assertThat(TableId.quote(identifier)).isEqualTo(expected);
    }

    @Test
    void testEqualityIsByValue()
    {
        assertThat(new TableId("d", "t")).isEqualTo(new TableId("d", "t"));
        assertThat(new TableId("d", "t")).hasSameHashCodeAs(new TableId("d", "t"));
        assertThat(new TableId("d", "t")).isNotEqualTo(new TableId("d", "u"));
        assertThat(new TableId("d", "t")).isNotEqualTo(new TableId("e", "t"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""  | t
            d   | ""
            ""  | ""
            """)
    void testEmptyNamesRejected(String database, String table)
    {
        assertThatThrownBy(() -> new TableId(database, table))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be empty");
    }

    @Test
    void testNullNamesRejected()
    {
        assertThatThrownBy(() -> new TableId(null, "t"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("database is null");
        assertThatThrownBy(() -> new TableId("d", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("table is null");
    }
}
