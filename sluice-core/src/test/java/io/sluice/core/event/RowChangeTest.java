package io.sluice.core.event;

import io.sluice.core.event.RowChange.Operation;
import io.sluice.core.schema.Column;
import io.sluice.core.schema.ColumnType;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowChangeTest
{
    private static final TableSchema TABLE = new TableSchema(
            new TableId("shop", "items"),
            List.of(Column.of("id", ColumnType.INT), Column.of("payload", ColumnType.VARBINARY)),
            List.of("id"),
            List.of());
    private static final TableSchema OTHER = new TableSchema(
            new TableId("shop", "other"),
            List.of(Column.of("id", ColumnType.INT), Column.of("payload", ColumnType.VARBINARY)),
            List.of("id"),
            List.of());

    private static final Row BEFORE = new Row(TABLE, new Object[] {1, new byte[] {(byte) 0xab}}, null);
    private static final Row AFTER = new Row(TABLE, new Object[] {1, new byte[] {(byte) 0xcd}}, null);

    @Test
    void testFactories()
    {
        RowChange insert = RowChange.insert(TABLE, AFTER);
        assertThat(insert.operation()).isSameAs(Operation.INSERT);
        assertThat(insert.table()).isSameAs(TABLE);
        assertThat(insert.before()).isNull();
        assertThat(insert.after()).isSameAs(AFTER);

        RowChange update = RowChange.update(TABLE, BEFORE, AFTER);
        assertThat(update.operation()).isSameAs(Operation.UPDATE);
        assertThat(update.before()).isSameAs(BEFORE);
        assertThat(update.after()).isSameAs(AFTER);

        RowChange delete = RowChange.delete(TABLE, BEFORE);
        assertThat(delete.operation()).isSameAs(Operation.DELETE);
        assertThat(delete.before()).isSameAs(BEFORE);
        assertThat(delete.after()).isNull();

        assertThat(insert).isInstanceOf(ChangeEvent.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            INSERT | true  | true  | an INSERT has only an after image
            INSERT | false | false | an INSERT has only an after image
            INSERT | true  | false | an INSERT has only an after image
            UPDATE | false | true  | an UPDATE has a before and an after image
            UPDATE | true  | false | an UPDATE has a before and an after image
            UPDATE | false | false | an UPDATE has a before and an after image
            DELETE | true  | true  | a DELETE has only a before image
            DELETE | false | true  | a DELETE has only a before image
            DELETE | false | false | a DELETE has only a before image
            """)
    void testImageRules(Operation operation, boolean withBefore, boolean withAfter, String message)
    {
        assertThatThrownBy(() -> new RowChange(operation, TABLE, withBefore ? BEFORE : null, withAfter ? AFTER : null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void testImagesMustCarryTheTableSchema()
    {
        Row foreign = new Row(OTHER, new Object[] {1, null}, null);
        String message = "row images of shop.items carry another table's schema";
        assertThatThrownBy(() -> RowChange.insert(TABLE, foreign))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> RowChange.delete(TABLE, foreign))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> RowChange.update(TABLE, BEFORE, foreign))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> RowChange.update(TABLE, foreign, AFTER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void testEqualButDistinctSchemaIsAccepted()
    {
        TableSchema copy = new TableSchema(TABLE.id(), TABLE.columns(), TABLE.primaryKey(), TABLE.uniqueKeys());
        RowChange change = RowChange.update(copy, BEFORE, AFTER);
        assertThat(change.table()).isSameAs(copy);
    }

    @Test
    void testSameTableIdWithDifferentColumnsIsRejected()
    {
        TableSchema altered = new TableSchema(TABLE.id(), List.of(Column.of("id", ColumnType.INT), Column.of("payload", ColumnType.BLOB)), List.of("id"), List.of());
        assertThatThrownBy(() -> RowChange.insert(altered, AFTER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row images of shop.items carry another table's schema");
    }

    @Test
    void testNullsRejected()
    {
        assertThatThrownBy(() -> new RowChange(null, TABLE, null, AFTER))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("operation is null");
        assertThatThrownBy(() -> new RowChange(Operation.INSERT, null, null, AFTER))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("table is null");
    }

    @Test
    void testCompactToString()
    {
        assertThat(RowChange.insert(TABLE, AFTER).toString()).isEqualTo("INSERT shop.items after={id=1, payload=0xcd}");
        assertThat(RowChange.update(TABLE, BEFORE, AFTER).toString()).isEqualTo("UPDATE shop.items before={id=1, payload=0xab} after={id=1, payload=0xcd}");
        assertThat(RowChange.delete(TABLE, BEFORE).toString()).isEqualTo("DELETE shop.items before={id=1, payload=0xab}");
        assertThat(RowChange.update(TABLE, BEFORE, AFTER).toString()).doesNotContain("Column[", "TableSchema", "ColumnType");
    }

    @Test
    void testEquality()
    {
        Row afterCopy = new Row(TABLE, new Object[] {1, new byte[] {(byte) 0xcd}}, null);
        assertThat(RowChange.insert(TABLE, AFTER)).isEqualTo(RowChange.insert(TABLE, afterCopy));
        assertThat(RowChange.insert(TABLE, AFTER)).hasSameHashCodeAs(RowChange.insert(TABLE, afterCopy));
        assertThat(RowChange.insert(TABLE, AFTER)).isNotEqualTo(RowChange.insert(TABLE, BEFORE));
        assertThat(RowChange.update(TABLE, BEFORE, AFTER)).isNotEqualTo(RowChange.update(TABLE, AFTER, BEFORE));
    }
}
