package io.sluice.mysql.rule;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.Row;
import io.sluice.core.event.RowChange;
import io.sluice.core.schema.Column;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How one source table (at one schema version) reaches the target: the target table, which source
 * column feeds each target column, the partition id applied to a column, and the row predicates.
 * {@link #map} turns a source row change into the change the target gets (or none); the snapshot
 * asks the same plan for its SELECT list and WHERE condition, so both paths agree. Immutable and
 * safe to share between threads.
 */
public final class TablePlan {
    private final TableSchema source;
    private final TableSchema target;
    // source column index per target column
    private final int[] sourceIndex;
    // per target column, or null
    private final PartitionId[] partitionIds;
    private final RowSelection selection;
    private final boolean merged;
    private final boolean columnMapped;
    private final boolean identity;
    // the plan only filters rows: kept changes reach the target as they are
    private final boolean passThrough;

    TablePlan(TableSchema source, TableId targetId, List<String> targetNames, List<String> sourceColumns, List<PartitionId> partitionIds,
            Optional<RowSelection> selection, boolean merged, boolean columnMapped) {
        this.source = requireNonNull(source, "source is null");
        requireNonNull(targetId, "targetId is null");
        this.sourceIndex = new int[sourceColumns.size()];
        List<Column> columns = new ArrayList<>(sourceColumns.size());
        for (int i = 0; i < sourceColumns.size(); i++) {
            int index = source.indexOf(sourceColumns.get(i));
            sourceIndex[i] = index;
            Column column = source.columns().get(index);
            columns.add(new Column(targetNames.get(i), column.type(), column.unsigned(), column.length(), column.precision(), column.scale(),
                    column.fsp(), column.charset(), column.collation(), column.members(), column.nullable()));
        }
        this.partitionIds = new PartitionId[columns.size()];
        for (PartitionId partitionId : partitionIds) {
            int sourceColumn = source.indexOf(partitionId.column());
            for (int i = 0; i < sourceIndex.length; i++) {
                if (sourceIndex[i] == sourceColumn) {
                    this.partitionIds[i] = partitionId;
                }
            }
        }
        TableSchema mapped = new TableSchema(targetId, columns, mapKey(source.primaryKey(), sourceColumns, targetNames),
                source.uniqueKeys().stream().map(key -> mapKey(key, sourceColumns, targetNames)).filter(key -> !key.isEmpty()).toList());
        // share the source's instance when they are equal, so that changes of an unchanged table need no copy
        this.target = mapped.equals(source) ? source : mapped;
        this.selection = requireNonNull(selection, "selection is null").orElse(null);
        this.merged = merged;
        this.columnMapped = columnMapped;
        boolean sameColumns = sourceIndex.length == source.columnCount() && partitionIds.isEmpty();
        for (int i = 0; sameColumns && i < sourceIndex.length; i++) {
            sameColumns = sourceIndex[i] == i && targetNames.get(i).equals(source.columns().get(i).name());
        }
        this.identity = sameColumns && targetId.equals(source.id()) && this.selection == null;
        this.passThrough = sameColumns && this.target == source;
    }

    public TableSchema source() {
        return source;
    }

    /** The target table's id and the columns Sluice writes, in target order, typed as the source's. */
    public TableSchema target() {
        return target;
    }

    /** Whether other source tables (other shards) may write to the same target table. */
    public boolean merged() {
        return merged;
    }

    /** Whether the target's columns are chosen by a column map ({@code ColumnMapFrom}), so the source's DDL does not describe it. */
    public boolean columnMapped() {
        return columnMapped;
    }

    /** Whether the change reaches the target unchanged (same table, all columns, no predicate). */
    public boolean isIdentity() {
        return identity;
    }

    /**
     * The change the target gets for a source change, or null when the predicates drop it. With a
     * {@code Where} predicate an UPDATE whose row enters the predicate becomes an INSERT, and one
     * whose row leaves it a DELETE, so the target holds exactly the rows inside the predicate.
     */
    public RowChange map(RowChange change) {
        if (identity) {
            return change;
        }
        if (selection != null) {
            switch (change.operation()) {
                case INSERT -> {
                    if (!selection.keeps(change.after()) || selection.ignoresInsert(change.after())) {
                        return null;
                    }
                }
                case DELETE -> {
                    if (!selection.keeps(change.before()) || selection.ignoresDelete(change.before())) {
                        return null;
                    }
                }
                case UPDATE -> {
                    if (selection.ignoresUpdate(change.before(), change.after())) {
                        return null;
                    }
                    boolean before = selection.keeps(change.before());
                    boolean after = selection.keeps(change.after());
                    if (before && !after) {
                        return RowChange.delete(target, project(change.before()));
                    }
                    if (!before && after) {
                        return RowChange.insert(target, project(change.after()));
                    }
                    if (!before) {
                        return null;
                    }
                }
            }
        }
        if (passThrough) {
            return change;
        }
        return new RowChange(change.operation(), target, change.before() == null ? null : project(change.before()),
                change.after() == null ? null : project(change.after()));
    }

    private Row project(Row row) {
        if (passThrough) {
            // the projection would copy the row value for value into the same schema
            return row;
        }
        Object[] values = new Object[sourceIndex.length];
        BitSet present = row.isComplete() ? null : new BitSet(sourceIndex.length);
        for (int i = 0; i < sourceIndex.length; i++) {
            int from = sourceIndex[i];
            if (!row.isPresent(from)) {
                continue;
            }
            Object value = row.get(from);
            values[i] = partitionIds[i] == null ? value : partitionIds[i].apply(value);
            if (present != null) {
                present.set(i);
            }
        }
        return new Row(target, values, present);
    }

    /** The source columns the snapshot reads for each target column, in target order. */
    public List<Column> sourceColumns() {
        List<Column> columns = new ArrayList<>(sourceIndex.length);
        for (int index : sourceIndex) {
            columns.add(source.columns().get(index));
        }
        return columns;
    }

    /** The copied value of a target column: the source text, or its partition id. */
    public String snapshotValue(int targetColumn, String sourceText) {
        PartitionId partitionId = partitionIds[targetColumn];
        return partitionId == null || sourceText == null ? sourceText : partitionId.applyText(sourceText);
    }

    /** Whether a target column's copied value is transformed (so it must be read as text). */
    public boolean transforms(int targetColumn) {
        return partitionIds[targetColumn] != null;
    }

    /** The condition copied rows must meet, as SQL over the source table's columns, or null for every row. */
    public String snapshotWhere() {
        return selection == null ? null : selection.snapshotWhere();
    }

    private static List<String> mapKey(List<String> key, List<String> sourceColumns, List<String> targetNames) {
        List<String> mapped = new ArrayList<>(key.size());
        for (String column : key) {
            int index = indexIgnoreCase(sourceColumns, column);
            if (index < 0) {
                // a key column the map leaves out: the key does not exist on the target
                return List.of();
            }
            mapped.add(targetNames.get(index));
        }
        return mapped;
    }

    static int indexIgnoreCase(List<String> names, String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).toLowerCase(Locale.ROOT).equals(wanted)) {
                return i;
            }
        }
        return -1;
    }

    static SluiceException invalid(String message, String fix) {
        return new SluiceException(ErrorCode.RULE_INVALID, message, fix);
    }
}
