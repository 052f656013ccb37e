package io.sluice.core.schema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableSchemaTest
{
    private static final TableId ID = new TableId("shop", "orders");
    private static final Column ID_COLUMN = Column.of("Id", ColumnType.BIGINT);
    private static final Column EMAIL = new Column("email", ColumnType.VARCHAR, false, 255, 0, 0, 0, "utf8mb4", "utf8mb4_bin", List.of(), false);
    private static final Column TOTAL = new Column("total", ColumnType.DECIMAL, false, 0, 10, 2, 0, null, null, List.of(), true);

    private static TableSchema schema()
    {
        return new TableSchema(ID, List.of(ID_COLUMN, EMAIL, TOTAL), List.of("Id"), List.of(List.of("email"), List.of("email", "total")));
    }

    @Test
    void testAccessors()
    {
        TableSchema schema = schema();
        assertThat(schema.id()).isEqualTo(ID);
        assertThat(schema.columns()).containsExactly(ID_COLUMN, EMAIL, TOTAL);
        assertThat(schema.columnCount()).isEqualTo(3);
        assertThat(schema.primaryKey()).containsExactly("Id");
        assertThat(schema.uniqueKeys()).containsExactly(List.of("email"), List.of("email", "total"));
    }

    @Test
    void testTableWithoutKeys()
    {
        TableSchema schema = new TableSchema(ID, List.of(ID_COLUMN), List.of(), List.of());
        assertThat(schema.primaryKey()).isEmpty();
        assertThat(schema.uniqueKeys()).isEmpty();
        assertThat(schema.columnCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            Id, 0
            id, 0
            ID, 0
            iD, 0
            email, 1
            EMAIL, 1
            Total, 2
            """)
    void testIndexOfIsCaseInsensitive(String name, int expected)
    {
        TableSchema schema = schema();
        assertThat(schema.indexOf(name)).isEqualTo(expected);
        assertThat(schema.column(name)).contains(schema.columns().get(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ids", "i", "e mail", "email ", " email", "total2", "shop.orders.id"})
    void testUnknownColumn(String name)
    {
        TableSchema schema = schema();
        assertThat(schema.indexOf(name)).isEqualTo(-1);
        assertThat(schema.column(name)).isEmpty();
    }

    @Test
    void testKeysMatchColumnsCaseInsensitively()
    {
        TableSchema schema = new TableSchema(ID, List.of(ID_COLUMN, EMAIL), List.of("ID"), List.of(List.of("EMAIL", "id")));
        assertThat(schema.primaryKey()).containsExactly("ID");
        assertThat(schema.uniqueKeys()).containsExactly(List.of("EMAIL", "id"));
    }

    static Stream<Arguments> malformedSchemas()
    {
        return Stream.of(
                Arguments.of("no columns", List.of(), List.of(), List.of(),
                        "table shop.orders has no columns"),
                Arguments.of("duplicate column", List.of(ID_COLUMN, EMAIL, Column.of("email", ColumnType.INT)), List.of(), List.of(),
                        "table shop.orders has duplicate column email"),
                Arguments.of("duplicate column differing in case", List.of(ID_COLUMN, EMAIL, Column.of("ID", ColumnType.INT)), List.of(), List.of(),
                        "table shop.orders has duplicate column ID"),
                Arguments.of("primary key on unknown column", List.of(ID_COLUMN, EMAIL), List.of("Id", "missing"), List.of(),
                        "table shop.orders: primary key column missing does not exist"),
                Arguments.of("primary key on empty name", List.of(ID_COLUMN), List.of(""), List.of(),
                        "table shop.orders: primary key column  does not exist"),
                Arguments.of("unique key on unknown column", List.of(ID_COLUMN, EMAIL), List.of("Id"), List.of(List.of("email"), List.of("emial")),
                        "table shop.orders: unique key column emial does not exist"),
                Arguments.of("empty unique key", List.of(ID_COLUMN, EMAIL), List.of(), List.of(List.of("email"), List.of()),
                        "table shop.orders has an empty unique key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedSchemas")
    void testMalformedSchemasRejected(String description, List<Column> columns, List<String> primaryKey, List<List<String>> uniqueKeys, String message)
    {
        assertThatThrownBy(() -> new TableSchema(ID, columns, primaryKey, uniqueKeys))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void testNullsRejected()
    {
        List<Column> columns = List.of(ID_COLUMN);
        assertThatThrownBy(() -> new TableSchema(null, columns, List.of(), List.of()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("id is null");
        assertThatThrownBy(() -> new TableSchema(ID, null, List.of(), List.of()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("columns is null");
        assertThatThrownBy(() -> new TableSchema(ID, columns, null, List.of()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("primaryKey is null");
        assertThatThrownBy(() -> new TableSchema(ID, columns, List.of(), null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("uniqueKeys is null");
        assertThatThrownBy(() -> new TableSchema(ID, Arrays.asList(ID_COLUMN, null), List.of(), List.of()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TableSchema(ID, columns, Arrays.asList("Id", null), List.of()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TableSchema(ID, columns, List.of(), Arrays.asList(List.of("Id"), null)))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TableSchema(ID, columns, List.of(), List.of(Arrays.asList("Id", null))))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void testListsAreCopiedAndImmutable()
    {
        List<Column> columns = new ArrayList<>(List.of(ID_COLUMN, EMAIL));
        List<String> primaryKey = new ArrayList<>(List.of("Id"));
        List<String> uniqueKey = new ArrayList<>(List.of("email"));
        List<List<String>> uniqueKeys = new ArrayList<>(List.of(uniqueKey));
        TableSchema schema = new TableSchema(ID, columns, primaryKey, uniqueKeys);

        columns.add(TOTAL);
        columns.set(0, Column.of("other", ColumnType.INT));
        primaryKey.set(0, "email");
        uniqueKey.add("Id");
        uniqueKeys.add(List.of("Id"));

        assertThat(schema.columns()).containsExactly(ID_COLUMN, EMAIL);
        assertThat(schema.columnCount()).isEqualTo(2);
        assertThat(schema.primaryKey()).containsExactly("Id");
        assertThat(schema.uniqueKeys()).containsExactly(List.of("email"));

        assertThatThrownBy(() -> schema.columns().add(TOTAL)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> schema.columns().remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> schema.primaryKey().add("email")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> schema.uniqueKeys().add(List.of("Id"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> schema.uniqueKeys().getFirst().add("Id")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void testEquality()
    {
        assertThat(schema()).isEqualTo(schema());
        assertThat(schema()).hasSameHashCodeAs(schema());
        assertThat(new TableSchema(ID, List.of(ID_COLUMN), List.of(), List.of()))
                .isNotEqualTo(new TableSchema(ID, List.of(ID_COLUMN), List.of("Id"), List.of()));
        assertThat(new TableSchema(ID, List.of(ID_COLUMN), List.of(), List.of()))
                .isNotEqualTo(new TableSchema(new TableId("shop", "other"), List.of(ID_COLUMN), List.of(), List.of()));
    }
}
