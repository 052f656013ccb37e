package io.sluice.core.event;

import io.sluice.core.schema.Column;
import io.sluice.core.schema.ColumnType;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.BitSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowTest
{
    static final TableSchema SCHEMA = new TableSchema(
            new TableId("shop", "users"),
            List.of(Column.of("id", ColumnType.BIGINT),
                    new Column("Name", ColumnType.VARCHAR, false, 50, 0, 0, 0, "utf8mb4", "utf8mb4_bin", List.of(), true),
                    Column.of("data", ColumnType.BLOB)),
            List.of("id"),
            List.of());

    private static BitSet bits(int... indexes)
    {
        BitSet bits = new BitSet();
        for (int index : indexes) {
            bits.set(index);
        }
        return bits;
    }

    @Test
    void testCompleteRow()
    {
        Row row = new Row(SCHEMA, new Object[] {1L, "alice", new byte[] {1, 2}}, null);
        assertThat(row.schema()).isSameAs(SCHEMA);
        assertThat(row.size()).isEqualTo(3);
        assertThat(row.isComplete()).isTrue();
        assertThat(row.get(0)).isEqualTo(1L);
        assertThat(row.get("id")).isEqualTo(1L);
        assertThat(row.get("name")).isEqualTo("alice");
        assertThat(row.get("NAME")).isEqualTo("alice");
        assertThat(row.get("Data")).isEqualTo(new byte[] {1, 2});
        assertThat(row.column(1).name()).isEqualTo("Name");
        for (int i = 0; i < 3; i++) {
            assertThat(row.isPresent(i)).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 4, 10})
    void testValueCountMustMatchSchema(int count)
    {
        assertThatThrownBy(() -> new Row(SCHEMA, new Object[count], null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row of shop.users has " + count + " values but the table has 3 columns");
    }

    @Test
    void testNullsRejected()
    {
        assertThatThrownBy(() -> new Row(null, new Object[3], null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("schema is null");
        assertThatThrownBy(() -> new Row(SCHEMA, null, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("values is null");
    }

    @Test
    void testValuesArrayIsCopied()
    {
        Object[] values = {1L, "alice", null};
        Row row = new Row(SCHEMA, values, null);
        values[0] = 2L;
        values[1] = "mallory";
        values[2] = new byte[] {9};
        assertThat(row.get(0)).isEqualTo(1L);
        assertThat(row.get(1)).isEqualTo("alice");
        assertThat(row.get(2)).isNull();
    }

    @Test
    void testPresentBitSetIsCopied()
    {
        BitSet present = bits(0);
        Row row = new Row(SCHEMA, new Object[] {1L, null, null}, present);
        present.set(1);
        present.set(2);
        present.clear(0);
        assertThat(row.isPresent(0)).isTrue();
        assertThat(row.isPresent(1)).isFalse();
        assertThat(row.isPresent(2)).isFalse();
        assertThat(row.isComplete()).isFalse();
    }

    @Test
    void testAbsentIsDifferentFromNull()
    {
        // "Name" is present and NULL, "data" is absent from the image.
        Row row = new Row(SCHEMA, new Object[] {7L, null, null}, bits(0, 1));
        assertThat(row.isComplete()).isFalse();
        assertThat(row.get("Name")).isNull();
        assertThat(row.get("data")).isNull();
        assertThat(row.isPresent("name")).isTrue();
        assertThat(row.isPresent(1)).isTrue();
        assertThat(row.isPresent("DATA")).isFalse();
        assertThat(row.isPresent(2)).isFalse();
        assertThat(row).isNotEqualTo(new Row(SCHEMA, new Object[] {7L, null, null}, null));
    }

    @Test
    void testEmptyPresentSetMeansNothingPresent()
    {
        Row row = new Row(SCHEMA, new Object[3], new BitSet());
        assertThat(row.isComplete()).isFalse();
        assertThat(row.isPresent(0)).isFalse();
        assertThat(row.isPresent(1)).isFalse();
        assertThat(row.isPresent(2)).isFalse();
        assertThat(row.toString()).isEqualTo("{}");
    }

    @Test
    void testFullPresentSetIsComplete()
    {
        Row withBits = new Row(SCHEMA, new Object[] {1L, "a", null}, bits(0, 1, 2));
        Row withoutBits = new Row(SCHEMA, new Object[] {1L, "a", null}, null);
        assertThat(withBits.isComplete()).isTrue();
        assertThat(withBits).isEqualTo(withoutBits);
        assertThat(withBits).hasSameHashCodeAs(withoutBits);
    }

    @Test
    void testPresentBitsBeyondTheColumnsAreRejectedOrIgnored()
    {
        // Either the constructor rejects the out-of-range bit, or column 0 must be reported absent.
        BitSet present = bits(1, 2, 5);
        Row row;
        try {
            row = new Row(SCHEMA, new Object[] {null, "a", null}, present);
        }
        catch (IllegalArgumentException expected) {
            return;
        }
        assertThat(row.isPresent(0)).isFalse();
        assertThat(row.isComplete()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ids", "users.id", "nam", " id", "data2"})
    void testUnknownColumnNameRejected(String name)
    {
        Row row = new Row(SCHEMA, new Object[] {1L, "a", null}, null);
        assertThatThrownBy(() -> row.get(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("table shop.users has no column " + name);
        assertThatThrownBy(() -> row.isPresent(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("table shop.users has no column " + name);
    }

    @Test
    void testIndexOutOfRange()
    {
        Row row = new Row(SCHEMA, new Object[] {1L, "a", null}, null);
        assertThatThrownBy(() -> row.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> row.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> row.column(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void testEqualsComparesByteArrayContents()
    {
        Row a = new Row(SCHEMA, new Object[] {1L, "a", new byte[] {0, (byte) 0xff}}, null);
        Row b = new Row(SCHEMA, new Object[] {1L, "a", new byte[] {0, (byte) 0xff}}, null);
        Row c = new Row(SCHEMA, new Object[] {1L, "a", new byte[] {0, (byte) 0xfe}}, null);
        Row d = new Row(SCHEMA, new Object[] {1L, "a", new byte[] {0}}, null);
        assertThat(a).isEqualTo(b);
        assertThat(b).isEqualTo(a);
        assertThat(a).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(c);
        assertThat(a).isNotEqualTo(d);
        assertThat(a).isEqualTo(a);
    }

    @Test
    void testEqualsComparesValuesPresenceAndSchema()
    {
        Row row = new Row(SCHEMA, new Object[] {1L, "a", null}, null);
        assertThat(row).isEqualTo(new Row(SCHEMA, new Object[] {1L, "a", null}, null));
        assertThat(row).isNotEqualTo(new Row(SCHEMA, new Object[] {2L, "a", null}, null));
        assertThat(row).isNotEqualTo(new Row(SCHEMA, new Object[] {1L, "A", null}, null));
        // 1 as Integer is not the same value as 1 as Long
        assertThat(row).isNotEqualTo(new Row(SCHEMA, new Object[] {1, "a", null}, null));
        assertThat(row).isNotEqualTo(new Row(SCHEMA, new Object[] {1L, "a", null}, bits(0, 1)));
        assertThat(row).isNotEqualTo(null);
        assertThat(row).isNotEqualTo("{id=1, Name=a, data=null}");

        TableSchema sameIdOtherColumns = new TableSchema(SCHEMA.id(),
                List.of(Column.of("id", ColumnType.BIGINT), Column.of("Name", ColumnType.INT), Column.of("data", ColumnType.BLOB)),
                List.of("id"), List.of());
        assertThat(row).isNotEqualTo(new Row(sameIdOtherColumns, new Object[] {1L, "a", null}, null));

        TableSchema equalSchema = new TableSchema(SCHEMA.id(), SCHEMA.columns(), SCHEMA.primaryKey(), SCHEMA.uniqueKeys());
        Row sameWithEqualSchema = new Row(equalSchema, new Object[] {1L, "a", null}, null);
        assertThat(row).isEqualTo(sameWithEqualSchema);
        assertThat(row).hasSameHashCodeAs(sameWithEqualSchema);
    }

    @Test
    void testEqualsWithLargeAndNestedValues()
    {
        Row a = new Row(SCHEMA, new Object[] {new BigInteger("18446744073709551615"), "x", new byte[0]}, bits(0, 2));
        Row b = new Row(SCHEMA, new Object[] {new BigInteger("18446744073709551615"), "x", new byte[0]}, bits(0, 2));
        assertThat(a).isEqualTo(b);
        assertThat(a).hasSameHashCodeAs(b);
    }

    @Test
    void testToStringRendersBytesAsHex()
    {
        Row row = new Row(SCHEMA, new Object[] {42L, "bob", new byte[] {0x00, 0x0a, (byte) 0xff, 0x7f}}, null);
        assertThat(row.toString()).isEqualTo("{id=42, Name=bob, data=0x000aff7f}");
        Row empty = new Row(SCHEMA, new Object[] {42L, null, new byte[0]}, null);
        assertThat(empty.toString()).isEqualTo("{id=42, Name=null, data=0x}");
    }

    @Test
    void testToStringOmitsAbsentColumns()
    {
        Row row = new Row(SCHEMA, new Object[] {42L, null, null}, bits(0, 1));
        assertThat(row.toString()).isEqualTo("{id=42, Name=null}");
        Row onlyData = new Row(SCHEMA, new Object[] {null, null, new byte[] {1}}, bits(2));
        assertThat(onlyData.toString()).isEqualTo("{data=0x01}");
    }
}
