package io.sluice.mysql.predicate;

import io.sluice.core.event.Row;
import io.sluice.core.schema.Column;
import io.sluice.core.schema.ColumnType;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/** Test helper: a table with one column of each kind row predicates care about, and rows of it. */
final class Tables {
    static final TableSchema TABLE = new TableSchema(new TableId("shop", "orders"), List.of(
            Column.of("id", ColumnType.INT),
            Column.of("qty", ColumnType.INT),
            new Column("ubig", ColumnType.BIGINT, true, 0, 0, 0, 0, null, null, List.of(), true),
            new Column("price", ColumnType.DECIMAL, false, 0, 20, 6, 0, null, null, List.of(), true),
            Column.of("ratio", ColumnType.DOUBLE),
            text("name", "utf8mb4", "utf8mb4_general_ci"),
            text("code", "utf8mb4", "utf8mb4_bin"),
            text("city", "latin1", "latin1_swedish_ci"),
            Column.of("day", ColumnType.DATE),
            new Column("at", ColumnType.DATETIME, false, 0, 0, 0, 6, null, null, List.of(), true),
            new Column("size", ColumnType.ENUM, false, 0, 0, 0, 0, "utf8mb4", "utf8mb4_general_ci", List.of("small", "medium", "large"), true),
            new Column("doc", ColumnType.JSON, false, 0, 0, 0, 0, null, null, List.of(), true),
            text("memo", "utf8mb4", "utf8mb4_unicode_520_ci")),
            List.of("id"), List.of());

    private Tables() {}

    static Column text(String name, String charset, String collation) {
        return new Column(name, ColumnType.VARCHAR, false, 40, 0, 0, 0, charset, collation, List.of(), true);
    }

    /** A full row image: values in column order, missing trailing values NULL. */
    static Row row(Object... values) {
        return new Row(TABLE, Arrays.copyOf(values, TABLE.columnCount()), null);
    }

    /** A row image with only the given columns present (binlog_row_image=MINIMAL). */
    static Row partialRow(List<String> present, Object... values) {
        BitSet bits = new BitSet();
        for (String name : present) {
            bits.set(TABLE.indexOf(name));
        }
        return new Row(TABLE, Arrays.copyOf(values, TABLE.columnCount()), bits);
    }

    static Truth evaluate(String expression, Row row) {
        return RowExpression.parse(expression).bind(TABLE).evaluate(row);
    }

    /** A constant expression's truth (no column read). */
    static Truth constant(String expression) {
        return evaluate(expression, row(1));
    }
}
