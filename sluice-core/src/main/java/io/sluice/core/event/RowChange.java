package io.sluice.core.event;

import static java.util.Objects.requireNonNull;

import io.sluice.core.schema.TableSchema;

/**
 * An insert, update or delete of one row. Inserts have only an after image, deletes only a
 * before image, updates both.
 */
public record RowChange(Operation operation, TableSchema table, Row before, Row after) implements ChangeEvent {
    public enum Operation { INSERT, UPDATE, DELETE }

    public RowChange {
        requireNonNull(operation, "operation is null");
        requireNonNull(table, "table is null");
        switch (operation) {
            case INSERT -> require(before == null && after != null, "an INSERT has only an after image");
            case UPDATE -> require(before != null && after != null, "an UPDATE has a before and an after image");
            case DELETE -> require(before != null && after == null, "a DELETE has only a before image");
        }
        if ((before != null && before.schema() != table && !before.schema().equals(table))
                || (after != null && after.schema() != table && !after.schema().equals(table))) {
            throw new IllegalArgumentException("row images of " + table.id() + " carry another table's schema");
        }
    }

    /** Compact form: the operation, the table and the images, without the schema. */
    @Override
    public String toString() {
        return operation + " " + table.id() + (before == null ? "" : " before=" + before) + (after == null ? "" : " after=" + after);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public static RowChange insert(TableSchema table, Row after) {
        return new RowChange(Operation.INSERT, table, null, after);
    }

    public static RowChange update(TableSchema table, Row before, Row after) {
        return new RowChange(Operation.UPDATE, table, before, after);
    }

    public static RowChange delete(TableSchema table, Row before) {
        return new RowChange(Operation.DELETE, table, before, null);
    }
}
