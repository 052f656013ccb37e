package io.sluice.core.event;

import static java.util.Objects.requireNonNull;

import io.sluice.core.schema.Column;
import io.sluice.core.schema.TableSchema;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * One row image (before or after a change) of a table: a value per column, by position in the
 * table schema. A column can be absent from an image (the source logs MINIMAL or NOBLOB row
 * images), which is different from being NULL: {@link #isPresent} tells them apart.
 * Value types per column category are described in {@link io.sluice.core.schema.ColumnType.Category}.
 */
public final class Row {
    private final TableSchema schema;
    private final Object[] values;
    private final BitSet present;

    /**
     * @param values one slot per schema column; absent columns hold null
     * @param present the columns present in the image, or null when all are
     */
    public Row(TableSchema schema, Object[] values, BitSet present) {
        this.schema = requireNonNull(schema, "schema is null");
        requireNonNull(values, "values is null");
        if (values.length != schema.columnCount()) {
            throw new IllegalArgumentException("row of " + schema.id() + " has " + values.length
                    + " values but the table has " + schema.columnCount() + " columns");
        }
        if (present != null && present.length() > values.length) {
            throw new IllegalArgumentException("row of " + schema.id() + " marks column " + (present.length() - 1)
                    + " present but the table has " + values.length + " columns");
        }
        this.values = values.clone();
        this.present = present == null || present.cardinality() == values.length ? null : (BitSet) present.clone();
    }

    public TableSchema schema() {
        return schema;
    }

    public int size() {
        return values.length;
    }

    public Object get(int index) {
        return values[index];
    }

    /** The value of the named column; IllegalArgumentException when the table has no such column. */
    public Object get(String columnName) {
        return values[index(columnName)];
    }

    public boolean isPresent(int index) {
        return present == null || present.get(index);
    }

    public boolean isPresent(String columnName) {
        return isPresent(index(columnName));
    }

    /** True when every column of the table is in this image. */
    public boolean isComplete() {
        return present == null;
    }

    public Column column(int index) {
        return schema.columns().get(index);
    }

    private int index(String columnName) {
        int index = schema.indexOf(columnName);
        if (index < 0) {
            throw new IllegalArgumentException("table " + schema.id() + " has no column " + columnName);
        }
        return index;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row other
                && schema.equals(other.schema)
                && Arrays.deepEquals(values, other.values)
                && Objects.equals(present, other.present);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema.id(), Arrays.deepHashCode(values), present);
    }

    @Override
    public String toString() {
        StringJoiner joiner = new StringJoiner(", ", "{", "}");
        for (int i = 0; i < values.length; i++) {
            if (isPresent(i)) {
                Object value = values[i];
                joiner.add(column(i).name() + "=" + (value instanceof byte[] bytes ? "0x" + java.util.HexFormat.of().formatHex(bytes) : value));
            }
        }
        return joiner.toString();
    }
}
