package io.sluice.core.schema;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A table's columns in definition order and its keys. Column names are matched case-insensitively,
 * as MySQL does. The primary key is empty when the table has none; unique keys list only keys
 * whose columns are all NOT NULL or not, exactly as defined (callers decide what identifies a row).
 */
public record TableSchema(TableId id, List<Column> columns, List<String> primaryKey, List<List<String>> uniqueKeys) {
    public TableSchema {
        requireNonNull(id, "id is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        primaryKey = List.copyOf(requireNonNull(primaryKey, "primaryKey is null"));
        uniqueKeys = requireNonNull(uniqueKeys, "uniqueKeys is null").stream().map(List::copyOf).toList();
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("table " + id + " has no columns");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            if (seen.put(key(columns.get(i).name()), i) != null) {
                throw new IllegalArgumentException("table " + id + " has duplicate column " + columns.get(i).name());
            }
        }
        for (String column : primaryKey) {
            if (!seen.containsKey(key(column))) {
                throw new IllegalArgumentException("table " + id + ": primary key column " + column + " does not exist");
            }
        }
        for (List<String> uniqueKey : uniqueKeys) {
            if (uniqueKey.isEmpty()) {
                throw new IllegalArgumentException("table " + id + " has an empty unique key");
            }
            for (String column : uniqueKey) {
                if (!seen.containsKey(key(column))) {
                    throw new IllegalArgumentException("table " + id + ": unique key column " + column + " does not exist");
                }
            }
        }
    }

    /** The position of a column, or -1 when the table has no such column. */
    public int indexOf(String columnName) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(columnName)) {
                return i;
            }
        }
        return -1;
    }

    public Optional<Column> column(String columnName) {
        int index = indexOf(columnName);
        return index < 0 ? Optional.empty() : Optional.of(columns.get(index));
    }

    public int columnCount() {
        return columns.size();
    }

    private static String key(String columnName) {
        return columnName.toLowerCase(Locale.ROOT);
    }
}
