package io.sluice.mysql.sink;

import static java.util.Objects.requireNonNull;

import io.sluice.core.event.Row;
import io.sluice.core.event.RowChange;
import io.sluice.core.schema.Column;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Predicate;

/**
 * Turns one row change into SQL on the target table, added to the transaction's {@link StatementBatch}. Rows are identified by the primary key, else
 * the first unique key of NOT NULL columns, else the first unique key, else all columns (NULL-safe {@code <=>}, with {@code LIMIT 1}).
 * A unique key does not identify a row whose image has a NULL in it: unique keys allow any number
 * of rows with NULLs, and {@code <=>} would match all of them; such a row is matched by all its
 * columns with {@code LIMIT 1}, as in a keyless table.
 * In idempotent mode an insert is a {@code REPLACE}, an update with a complete after image a
 * delete of the old key plus a {@code REPLACE}, so that applying a change the target already has
 * converges instead of failing.
 *
 * <p>The text of a statement depends only on the table, its target and which columns it sets and
 * matches, so it is built once per shape ({@link TableStatements}, kept by the batch) and every
 * row only binds its values.
 */
final class RowStatements {
    private RowStatements() {}

    /**
     * @param targetHasColumn tells which columns the target table has; in idempotent mode the
     *        target may be ahead of the event (a later DDL dropped a column), and columns it no
     *        longer has are left out of inserts and updates
     */
    static void add(StatementBatch batch, TableId target, RowChange change, boolean idempotent, Predicate<String> targetHasColumn) {
        requireNonNull(target, "target is null");
        TableStatements table = batch.statements(change.table(), target);
        switch (change.operation()) {
            case INSERT -> insert(batch, table, change.after(), idempotent, targetHasColumn);
            case DELETE -> delete(batch, table, change.before());
            case UPDATE -> {
                if (idempotent && change.after().isComplete()) {
                    if (!sameKey(table, change.before(), change.after())) {
                        delete(batch, table, change.before());
                    }
                    insert(batch, table, change.after(), true, targetHasColumn);
                }
                else {
                    update(batch, table, change.before(), change.after(), targetHasColumn);
                }
            }
        }
    }

    private static void insert(StatementBatch batch, TableStatements table, Row row, boolean replace, Predicate<String> targetHasColumn) {
        int[] columns = table.present(row, targetHasColumn);
        batch.add(table.text(replace ? Kind.REPLACE : Kind.INSERT, columns, null));
        table.bind(batch, row, columns);
    }

    private static void update(StatementBatch batch, TableStatements table, Row before, Row after, Predicate<String> targetHasColumn) {
        int[] columns = table.present(after, targetHasColumn);
        int[] key = table.identifying(before);
        batch.add(table.text(Kind.UPDATE, columns, key));
        table.bind(batch, after, columns);
        table.bind(batch, before, key);
    }

    private static void delete(StatementBatch batch, TableStatements table, Row before) {
        int[] key = table.identifying(before);
        batch.add(table.text(Kind.DELETE, null, key));
        table.bind(batch, before, key);
    }

    private static boolean sameKey(TableStatements table, Row before, Row after) {
        int[] identifying = table.identifying(before);
        if (!table.isKey(identifying)) {
            // matched by its values, not a key: the REPLACE that follows would not replace it, so it must be deleted first
            return false;
        }
        for (int index : identifying) {
            if (!after.isPresent(index) || !java.util.Objects.deepEquals(before.get(index), after.get(index))) {
                return false;
            }
        }
        return true;
    }

    private enum Kind { INSERT, REPLACE, UPDATE, DELETE }

    /**
     * The statement texts of one table version written to one target table. The shapes every row of
     * a FULL-image table has (all columns, the whole key) are kept in fields; others (partial
     * images, columns the target dropped) in a small map that is emptied when it grows, since a
     * table has few shapes in practice. Owned by one batch, so not thread-safe.
     */
    static final class TableStatements {
        private static final int MAX_OTHER_SHAPES = 64;

        private final TableSchema schema;
        private final TableId target;
        private final String quotedTarget;
        private final Column[] columns;
        private final String[] quotedNames;
        private final int[] allColumns;
        // the key columns, or null for a keyless table (identified by every present column)
        private final int[] key;
        // whether a key column may hold NULL (a unique key, not the primary key): then a row with a NULL in it is identified by every column
        private final boolean nullableKey;
        private final int[] fullIdentifying;
        private final String[] fullShape = new String[Kind.values().length];
        private final Map<Shape, String> otherShapes = new HashMap<>();

        TableStatements(TableSchema schema, TableId target) {
            this.schema = requireNonNull(schema, "schema is null");
            this.target = requireNonNull(target, "target is null");
            this.quotedTarget = target.quoted();
            this.columns = schema.columns().toArray(Column[]::new);
            this.quotedNames = new String[columns.length];
            this.allColumns = new int[columns.length];
            for (int i = 0; i < columns.length; i++) {
                quotedNames[i] = TableId.quote(columns[i].name());
                allColumns[i] = i;
            }
            List<String> keyColumns = keyColumns(schema);
            if (keyColumns.isEmpty()) {
                this.key = null;
                this.nullableKey = false;
                this.fullIdentifying = allColumns;
            }
            else {
                this.key = new int[keyColumns.size()];
                boolean nullable = false;
                for (int i = 0; i < key.length; i++) {
                    key[i] = schema.indexOf(keyColumns.get(i));
                    nullable |= columns[key[i]].nullable();
                }
                this.nullableKey = nullable;
                this.fullIdentifying = key;
            }
        }

        boolean isFor(TableSchema schema, TableId target) {
            return this.schema == schema && this.target.equals(target);
        }

        /** The present columns the target has: {@link #allColumns} itself when that is all of them. */
        int[] present(Row row, Predicate<String> targetHasColumn) {
            int[] subset = null;
            int count = 0;
            for (int i = 0; i < allColumns.length; i++) {
                if (row.isPresent(i) && (targetHasColumn == null || targetHasColumn.test(columns[i].name()))) {
                    if (subset != null) {
                        subset[count] = i;
                    }
                    count++;
                }
                else if (subset == null) {
                    // the first column left out: from here on the columns are a subset
                    subset = Arrays.copyOf(allColumns, allColumns.length);
                }
            }
            return subset == null ? allColumns : Arrays.copyOf(subset, count);
        }

        void bind(StatementBatch batch, Row row, int[] indexes) {
            for (int index : indexes) {
                batch.bind(columns[index], row.get(index));
            }
        }

        /** Whether {@code identifying} (from {@link #identifying}) is a key, which matches at most one row. */
        boolean isKey(int[] identifying) {
            return key != null && identifying == key;
        }

        /** The key columns when the image has them all and none is NULL, else every present column. */
        int[] identifying(Row row) {
            if (key == null) {
                return present(row, null);
            }
            for (int index : key) {
                if (!row.isPresent(index) || (nullableKey && row.get(index) == null)) {
                    return present(row, null);
                }
            }
            return key;
        }

        /**
         * @param assigned the columns set (INSERT, REPLACE, UPDATE), else null
         * @param identifying the columns matched (UPDATE, DELETE), else null
         */
        String text(Kind kind, int[] assigned, int[] identifying) {
            // matched by anything but the key, several rows may match: LIMIT 1 (by reference: the key's values may equal another shape's)
            boolean limited = identifying != null && !isKey(identifying);
            boolean full = (assigned == null || assigned == allColumns) && (identifying == null || identifying == fullIdentifying);
            if (full) {
                String text = fullShape[kind.ordinal()];
                if (text == null) {
                    text = build(kind, assigned, identifying, limited);
                    fullShape[kind.ordinal()] = text;
                }
                return text;
            }
            Shape shape = new Shape(kind, assigned, identifying, limited);
            String text = otherShapes.get(shape);
            if (text == null) {
                if (otherShapes.size() >= MAX_OTHER_SHAPES) {
                    otherShapes.clear();
                }
                text = build(kind, assigned, identifying, limited);
                otherShapes.put(shape, text);
            }
            return text;
        }

        private String build(Kind kind, int[] assigned, int[] identifying, boolean limited) {
            String limit = limited ? " LIMIT 1" : "";
            return switch (kind) {
                case INSERT, REPLACE -> {
                    StringJoiner names = new StringJoiner(", ");
                    StringJoiner marks = new StringJoiner(", ");
                    for (int index : assigned) {
                        names.add(quotedNames[index]);
                        marks.add("?");
                    }
                    yield (kind == Kind.REPLACE ? "REPLACE INTO " : "INSERT INTO ") + quotedTarget + " (" + names + ") VALUES (" + marks + ")";
                }
                case UPDATE -> {
                    StringJoiner assignments = new StringJoiner(", ");
                    for (int index : assigned) {
                        assignments.add(quotedNames[index] + " = ?");
                    }
                    yield "UPDATE " + quotedTarget + " SET " + assignments + " WHERE " + where(identifying) + limit;
                }
                case DELETE -> "DELETE FROM " + quotedTarget + " WHERE " + where(identifying) + limit;
            };
        }

        private String where(int[] identifying) {
            StringJoiner conditions = new StringJoiner(" AND ");
            for (int index : identifying) {
                conditions.add(quotedNames[index] + " <=> ?");
            }
            return conditions.toString();
        }

        private static List<String> keyColumns(TableSchema schema) {
            if (!schema.primaryKey().isEmpty()) {
                return schema.primaryKey();
            }
            for (List<String> unique : schema.uniqueKeys()) {
                if (unique.stream().noneMatch(name -> schema.column(name).map(Column::nullable).orElse(true))) {
                    return unique;
                }
            }
            return schema.uniqueKeys().isEmpty() ? List.of() : schema.uniqueKeys().getFirst();
        }
    }

    /** A statement shape other than the full one; arrays compared by content. */
    private record Shape(Kind kind, int[] assigned, int[] identifying, boolean limited) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Shape other && kind == other.kind && Arrays.equals(assigned, other.assigned)
                    && Arrays.equals(identifying, other.identifying) && limited == other.limited;
        }

        @Override
        public int hashCode() {
            return ((kind.hashCode() * 31 + Arrays.hashCode(assigned)) * 31 + Arrays.hashCode(identifying)) * 31 + Boolean.hashCode(limited);
        }
    }
}
