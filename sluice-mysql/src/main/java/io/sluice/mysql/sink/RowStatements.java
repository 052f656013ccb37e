package io.sluice.mysql.sink;

import static java.util.Objects.requireNonNull;

import io.sluice.core.event.Row;
import io.sluice.core.event.RowChange;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Predicate;

/**
 * Turns one row change into SQL on the target table, added to the transaction's {@link StatementBatch}. Rows are identified by the primary key, else
 * the first unique key, else all columns (keyless tables: {@code LIMIT 1}, NULL-safe {@code <=>}).
 * In idempotent mode an insert is a {@code REPLACE}, an update with a complete after image a
 * delete of the old key plus a {@code REPLACE}, so that applying a change the target already has
 * converges instead of failing.
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
        TableSchema schema = change.table();
        switch (change.operation()) {
            case INSERT -> insert(batch, target, change.after(), idempotent, targetHasColumn);
            case DELETE -> delete(batch, target, schema, change.before());
            case UPDATE -> {
                if (idempotent && change.after().isComplete()) {
                    if (!sameKey(schema, change.before(), change.after())) {
                        delete(batch, target, schema, change.before());
                    }
                    insert(batch, target, change.after(), true, targetHasColumn);
                }
                else {
                    update(batch, target, schema, change.before(), change.after(), targetHasColumn);
                }
            }
        }
    }

    private static void insert(StatementBatch batch, TableId target, Row row, boolean replace, Predicate<String> targetHasColumn) {
        List<Integer> columns = present(row, targetHasColumn);
        StringJoiner names = new StringJoiner(", ");
        StringJoiner marks = new StringJoiner(", ");
        for (int index : columns) {
            names.add(TableId.quote(row.column(index).name()));
            marks.add("?");
        }
        batch.add((replace ? "REPLACE INTO " : "INSERT INTO ") + target.quoted() + " (" + names + ") VALUES (" + marks + ")");
        for (int index : columns) {
            batch.bind(row.column(index), row.get(index));
        }
    }

    private static void update(StatementBatch batch, TableId target, TableSchema schema, Row before, Row after,
            Predicate<String> targetHasColumn) {
        List<Integer> columns = present(after, targetHasColumn);
        StringJoiner assignments = new StringJoiner(", ");
        for (int index : columns) {
            assignments.add(TableId.quote(after.column(index).name()) + " = ?");
        }
        List<Integer> key = identifying(schema, before);
        batch.add("UPDATE " + target.quoted() + " SET " + assignments + " WHERE " + where(before, key) + limit(schema));
        for (int index : columns) {
            batch.bind(after.column(index), after.get(index));
        }
        bindKey(batch, before, key);
    }

    private static void delete(StatementBatch batch, TableId target, TableSchema schema, Row before) {
        List<Integer> key = identifying(schema, before);
        batch.add("DELETE FROM " + target.quoted() + " WHERE " + where(before, key) + limit(schema));
        bindKey(batch, before, key);
    }

    private static String where(Row row, List<Integer> key) {
        StringJoiner conditions = new StringJoiner(" AND ");
        for (int index : key) {
            conditions.add(TableId.quote(row.column(index).name()) + " <=> ?");
        }
        return conditions.toString();
    }

    private static void bindKey(StatementBatch batch, Row row, List<Integer> key) {
        for (int index : key) {
            batch.bind(row.column(index), row.get(index));
        }
    }

    private static String limit(TableSchema schema) {
        return keyColumns(schema).isEmpty() ? " LIMIT 1" : "";
    }

    /** The key columns present in the image, or every present column for a keyless table. */
    private static List<Integer> identifying(TableSchema schema, Row row) {
        List<String> key = keyColumns(schema);
        List<Integer> result = new ArrayList<>();
        if (key.isEmpty()) {
            return present(row);
        }
        for (String column : key) {
            int index = schema.indexOf(column);
            if (!row.isPresent(index)) {
                return present(row);
            }
            result.add(index);
        }
        return result;
    }

    private static List<String> keyColumns(TableSchema schema) {
        if (!schema.primaryKey().isEmpty()) {
            return schema.primaryKey();
        }
        return schema.uniqueKeys().isEmpty() ? List.of() : schema.uniqueKeys().getFirst();
    }

    private static boolean sameKey(TableSchema schema, Row before, Row after) {
        for (int index : identifying(schema, before)) {
            if (!after.isPresent(index) || !java.util.Objects.deepEquals(before.get(index), after.get(index))) {
                return false;
            }
        }
        return true;
    }

    private static List<Integer> present(Row row) {
        return present(row, column -> true);
    }

    private static List<Integer> present(Row row, Predicate<String> targetHasColumn) {
        List<Integer> columns = new ArrayList<>(row.size());
        for (int i = 0; i < row.size(); i++) {
            if (row.isPresent(i) && targetHasColumn.test(row.column(i).name())) {
                columns.add(i);
            }
        }
        return columns;
    }
}
