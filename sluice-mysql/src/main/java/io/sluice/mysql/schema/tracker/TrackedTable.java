package io.sluice.mysql.schema.tracker;

import static java.util.Objects.requireNonNull;

import io.sluice.core.schema.Column;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A tracked table: its default charset and collation (used for columns added later), its columns
 * in order and all its indexes in the order they were defined.
 */
record TrackedTable(TableId id, String charset, String collation, List<TrackedColumn> columns, List<TrackedIndex> indexes) {
    /**
     * Index names in the order {@code ORDER BY INDEX_NAME} gives in {@code information_schema}, whose
     * collation, utf8mb3_general_ci, compares letters without case and accents (underscores sort
     * after letters). Exact for ASCII names; for others an approximation (general_ci has a few
     * special weights, such as for ß).
     */
    static final Comparator<String> INDEX_NAME_ORDER = Comparator.comparing(TrackedTable::generalCiKey)
            .thenComparing(Comparator.naturalOrder());

    private static String generalCiKey(String name) {
        String folded = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return folded.toUpperCase(Locale.ROOT);
    }

    TrackedTable {
        requireNonNull(id, "id is null");
        requireNonNull(charset, "charset is null");
        requireNonNull(collation, "collation is null");
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
    }

    TrackedTable withId(TableId newId) {
        return new TrackedTable(newId, charset, collation, columns, indexes);
    }

    /** The schema as {@code InformationSchemaLoader} reports it. */
    TableSchema toTableSchema() {
        List<Column> schemaColumns = new ArrayList<>(columns.size());
        for (TrackedColumn column : columns) {
            schemaColumns.add(column.toColumn(id));
        }
        List<String> primaryKey = List.of();
        List<TrackedIndex> unique = new ArrayList<>();
        for (TrackedIndex index : indexes) {
            if (index.kind() == TrackedIndex.Kind.PRIMARY) {
                primaryKey = index.columns();
            }
            else if (index.kind() == TrackedIndex.Kind.UNIQUE) {
                unique.add(index);
            }
        }
        unique.sort(Comparator.comparing(TrackedIndex::name, INDEX_NAME_ORDER));
        return new TableSchema(id, schemaColumns, primaryKey, unique.stream().map(TrackedIndex::columns).toList());
    }

    /** A CREATE TABLE statement that recreates exactly this table in the tracker. */
    String render() {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(id.quoted()).append(" (\n");
        List<String> parts = new ArrayList<>();
        columns.forEach(column -> parts.add(column.render()));
        indexes.forEach(index -> parts.add(index.render()));
        sql.append("  ").append(String.join(",\n  ", parts));
        sql.append("\n) CHARACTER SET = ").append(charset).append(" COLLATE = ").append(collation);
        return sql.toString();
    }
}
