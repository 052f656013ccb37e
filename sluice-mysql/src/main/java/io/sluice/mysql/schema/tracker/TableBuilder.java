package io.sluice.mysql.schema.tracker;

import io.sluice.core.schema.TableId;

import java.util.ArrayList;
import java.util.List;

/**
 * A table being created or altered. Column names and index names match without case; key
 * columns are kept under the column's own spelling, as {@code information_schema} shows them.
 */
final class TableBuilder {
    private final TableId id;
    private DefaultCharset defaultCharset;
    private final List<TrackedColumn> columns;
    private final List<TrackedIndex> indexes;
    private final boolean lenient;

    /**
     * @param lenient the statement had IF [NOT] EXISTS clauses: adding what exists or dropping
     *        what does not is then skipped rather than reported, since the statement succeeded on the source
     */
    TableBuilder(TableId id, DefaultCharset defaultCharset, boolean lenient) {
        this(id, defaultCharset, List.of(), List.of(), lenient);
    }

    private TableBuilder(TableId id, DefaultCharset defaultCharset, List<TrackedColumn> columns, List<TrackedIndex> indexes, boolean lenient) {
        this.id = id;
        this.defaultCharset = defaultCharset;
        this.columns = new ArrayList<>(columns);
        this.indexes = new ArrayList<>(indexes);
        this.lenient = lenient;
    }

    static TableBuilder of(TrackedTable table, boolean lenient) {
        return new TableBuilder(table.id(), new DefaultCharset(table.charset(), table.collation()), table.columns(), table.indexes(), lenient);
    }

    TableId id() {
        return id;
    }

    DefaultCharset defaultCharset() {
        return defaultCharset;
    }

    void defaultCharset(DefaultCharset value) {
        defaultCharset = value;
    }

    List<TrackedColumn> columns() {
        return columns;
    }

    int indexOfColumn(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private TableProblem problem(String reason) {
        return new TableProblem(id, reason);
    }

    // ---------------------------------------------------------------- columns

    /** Adds a column at the end, first, or after another one. */
    void addColumn(TrackedColumn column, boolean first, String after) {
        if (indexOfColumn(column.name()) >= 0) {
            if (lenient) {
                return;
            }
            throw problem("column " + column.name() + " already exists");
        }
        columns.add(position(first, after), column);
    }

    /** MODIFY or CHANGE: replaces a column, renaming it in the indexes; false when it was skipped. */
    boolean replaceColumn(String oldName, TrackedColumn column, boolean first, String after) {
        int index = indexOfColumn(oldName);
        if (index < 0) {
            if (lenient) {
                return false;
            }
            throw problem("column " + oldName + " does not exist");
        }
        int clash = indexOfColumn(column.name());
        if (clash >= 0 && clash != index) {
            throw problem("column " + column.name() + " already exists");
        }
        String previous = columns.get(index).name();
        if (first || after != null) {
            columns.remove(index);
            columns.add(position(first, after), column);
        }
        else {
            columns.set(index, column);
        }
        renameInIndexes(previous, column.name());
        return true;
    }

    void renameColumn(String oldName, String newName) {
        int index = indexOfColumn(oldName);
        if (index < 0) {
            if (lenient) {
                return;
            }
            throw problem("column " + oldName + " does not exist");
        }
        int clash = indexOfColumn(newName);
        if (clash >= 0 && clash != index) {
            throw problem("column " + newName + " already exists");
        }
        String previous = columns.get(index).name();
        columns.set(index, columns.get(index).withName(newName));
        renameInIndexes(previous, newName);
    }

    void dropColumn(String name) {
        int index = indexOfColumn(name);
        if (index < 0) {
            if (lenient) {
                return;
            }
            throw problem("column " + name + " does not exist");
        }
        columns.remove(index);
        List<TrackedIndex> kept = new ArrayList<>();
        for (TrackedIndex trackedIndex : indexes) {
            List<String> remaining = trackedIndex.columns().stream().filter(column -> !column.equalsIgnoreCase(name)).toList();
            if (!remaining.isEmpty()) {
                kept.add(trackedIndex.withColumns(remaining));
            }
        }
        indexes.clear();
        indexes.addAll(kept);
    }

    private int position(boolean first, String after) {
        if (first) {
            return 0;
        }
        if (after != null) {
            int index = indexOfColumn(after);
            if (index < 0) {
                throw problem("column " + after + " (of AFTER) does not exist");
            }
            return index + 1;
        }
        return columns.size();
    }

    private void renameInIndexes(String oldName, String newName) {
        indexes.replaceAll(index -> index.withColumns(index.columns().stream()
                .map(column -> column.equalsIgnoreCase(oldName) ? newName : column)
                .toList()));
    }

    // ---------------------------------------------------------------- indexes

    private int indexOfIndex(String name) {
        for (int i = 0; i < indexes.size(); i++) {
            if (indexes.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Adds an index; an unnamed one is named as MariaDB names it: after its first column, with
     * {@code _2}, {@code _3}... appended while that name is taken.
     */
    void addIndex(TrackedIndex.Kind kind, String name, String type, List<String> columnNames) {
        if (columnNames.isEmpty()) {
            throw problem("an index without columns");
        }
        List<String> resolved = new ArrayList<>(columnNames.size());
        for (String columnName : columnNames) {
            if (columnName == null) {
                throw problem("an index on an expression");
            }
            int index = indexOfColumn(columnName);
            if (index < 0) {
                throw problem("index column " + columnName + " does not exist");
            }
            resolved.add(columns.get(index).name());
        }
        String indexName;
        if (kind == TrackedIndex.Kind.PRIMARY) {
            indexName = TrackedIndex.PRIMARY_NAME;
        }
        else if (name != null) {
            indexName = name;
        }
        else {
            indexName = generatedName(resolved.getFirst());
        }
        if (indexOfIndex(indexName) >= 0) {
            if (lenient) {
                return;
            }
            throw problem(kind == TrackedIndex.Kind.PRIMARY ? "the table already has a primary key" : "index " + indexName + " already exists");
        }
        indexes.add(new TrackedIndex(indexName, kind, type, resolved));
    }

    private String generatedName(String base) {
        if (indexOfIndex(base) < 0 && !base.equalsIgnoreCase(TrackedIndex.PRIMARY_NAME)) {
            return base;
        }
        for (int i = 2; i < 100; i++) {
            String candidate = base + "_" + i;
            if (indexOfIndex(candidate) < 0) {
                return candidate;
            }
        }
        throw problem("too many indexes named after column " + base);
    }

    void dropIndex(String name) {
        int index = indexOfIndex(name);
        if (index < 0) {
            if (lenient) {
                return;
            }
            throw problem("index " + name + " does not exist");
        }
        indexes.remove(index);
    }

    /** DROP CONSTRAINT: drops the index of that name, if any (else it names a CHECK or FOREIGN KEY). */
    void dropConstraint(String name) {
        int index = indexOfIndex(name);
        if (index >= 0) {
            indexes.remove(index);
        }
    }

    boolean hasIndex(String name) {
        return indexOfIndex(name) >= 0;
    }

    void renameIndex(String oldName, String newName) {
        int index = indexOfIndex(oldName);
        if (index < 0) {
            if (lenient) {
                return;
            }
            throw problem("index " + oldName + " does not exist");
        }
        int clash = indexOfIndex(newName);
        if (clash >= 0 && clash != index) {
            throw problem("index " + newName + " already exists");
        }
        indexes.set(index, indexes.get(index).withName(newName));
    }

    // ---------------------------------------------------------------- charset conversion

    /**
     * CONVERT TO CHARACTER SET: every text, ENUM and SET column takes the charset and collation;
     * TEXT types grow so that they still hold as many characters (TEXT latin1 -> MEDIUMTEXT utf8mb4),
     * and {@code binary} turns text types into binary ones.
     */
    void convertTo(DefaultCharset target, Charsets charsets) {
        int newMax = charsets.maxLength(target.charset());
        if (newMax == 0) {
            throw problem("unknown character set " + target.charset());
        }
        for (int i = 0; i < columns.size(); i++) {
            TrackedColumn column = columns.get(i);
            if (!column.hasCharset()) {
                continue;
            }
            String type = column.dataType();
            long length = column.length();
            if (TrackedColumn.TEXT_TYPES.contains(type)) {
                int oldMax = charsets.maxLength(column.charset());
                if (oldMax == 0) {
                    throw problem("column " + column.name() + " uses the unknown character set " + column.charset());
                }
                long characters = TrackedColumn.capacity(type) / oldMax;
                type = TrackedColumn.textTypeFor(characters * newMax);
                length = TrackedColumn.capacity(type);
            }
            TrackedColumn converted = column.withText(type, length, target.charset(), target.collation());
            columns.set(i, target.charset().equals("binary") ? ColumnDefinitions.toBinary(converted) : converted);
        }
        defaultCharset = target;
    }

    /** The table; primary key columns are NOT NULL. */
    TrackedTable build() {
        if (columns.isEmpty()) {
            throw problem("the table would have no columns");
        }
        for (TrackedIndex index : indexes) {
            if (index.kind() == TrackedIndex.Kind.PRIMARY) {
                for (String column : index.columns()) {
                    int position = indexOfColumn(column);
                    columns.set(position, columns.get(position).withNullable(false));
                }
            }
        }
        return new TrackedTable(id, defaultCharset.charset(), defaultCharset.collation(), columns, indexes);
    }
}
