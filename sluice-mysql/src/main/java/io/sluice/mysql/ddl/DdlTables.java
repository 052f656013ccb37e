package io.sluice.mysql.ddl;

import static java.util.Objects.requireNonNull;

import io.sluice.core.event.DdlEvent;
import io.sluice.core.schema.TableId;
import io.sluice.mysql.ddl.DdlSyntax.Names;
import io.sluice.mysql.ddl.DdlSyntax.Rename;
import io.sluice.mysql.ddl.DdlSyntax.TableName;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.BiPredicate;

/**
 * Narrows a statement about several tables ({@code DROP TABLE a, b}, {@code RENAME TABLE a TO b,
 * c TO d}) to the tables a task replicates. The target only has the selected tables, so the
 * statement as the source logged it can fail there ({@code DROP TABLE app.a, other.b}: unknown
 * table {@code other.b}), and judging it by its first table alone skips or runs it whole.
 *
 * <p>A RENAME is followed table by table through its pairs (a swap {@code a TO tmp, b TO a, tmp TO b}
 * moves two tables through a third name): the pairs that move a table which starts and ends
 * selected are kept, with their intermediate names. A table that leaves the selection is not
 * renamed on the target, which keeps it as it was (the target's data is never dropped unless the
 * task says so); one that enters it cannot be created on the target, since Sluice has neither its
 * rows nor its definition (the schema tracker names it when its rows arrive). {@code ALTER TABLE a
 * RENAME TO b} is followed the same way.
 */
public final class DdlTables {
    private DdlTables() {}

    /** What a statement becomes on the target: unchanged, narrowed, or nothing of it. */
    public record Selected(Optional<DdlEvent> ddl, List<TableId> leaving, List<TableId> entering) {
        public Selected {
            requireNonNull(ddl, "ddl is null");
            leaving = List.copyOf(leaving);
            entering = List.copyOf(entering);
        }
    }

    /**
     * The part of {@code ddl} about tables {@code selected} accepts (database, table): {@code ddl}
     * itself when it drops one table, names only selected ones, or is not a DROP TABLE, RENAME TABLE or
     * ALTER TABLE ... RENAME;
     * empty when it names none of them; otherwise the statement rewritten with only theirs, every
     * name qualified.
     */
    public static Selected select(DdlEvent ddl, BiPredicate<String, String> selected) {
        requireNonNull(ddl, "ddl is null");
        requireNonNull(selected, "selected is null");
        DdlSyntax syntax = DdlSyntax.read(ddl.sql());
        if (syntax.temporary() || syntax.names().isEmpty()) {
            return unchanged(ddl);
        }
        Names names = syntax.names().get();
        if (syntax.statement() == DdlSyntax.Statement.ALTER_TABLE && !names.renames().isEmpty()) {
            return alterRename(ddl, names, selected);
        }
        if (syntax.statement() != DdlSyntax.Statement.DROP_TABLE && syntax.statement() != DdlSyntax.Statement.RENAME_TABLE) {
            return unchanged(ddl);
        }
        List<TableId> tables = new ArrayList<>();
        for (TableName name : names.tables()) {
            String database = name.database() != null ? name.database() : ddl.database();
            if (database.isEmpty()) {
                // no default database: the server refused it anyway
                return unchanged(ddl);
            }
            tables.add(new TableId(database, name.table()));
        }
        if (tables.size() < 2) {
            return unchanged(ddl);
        }
        return syntax.statement() == DdlSyntax.Statement.DROP_TABLE
                ? drop(ddl, names, tables, selected)
                : rename(ddl, names, tables, selected);
    }

    /**
     * The tables the statement creates, changes, renames or drops, qualified with its default
     * database (not those a foreign key or a query only reads); empty when the names cannot be read.
     */
    public static List<TableId> named(DdlEvent ddl) {
        requireNonNull(ddl, "ddl is null");
        DdlSyntax syntax = DdlSyntax.read(ddl.sql());
        if (syntax.names().isEmpty()) {
            return List.of();
        }
        List<TableId> tables = new ArrayList<>();
        for (TableName name : syntax.names().get().tables()) {
            String database = name.database() != null ? name.database() : ddl.database();
            if (database.isEmpty()) {
                return List.of();
            }
            if (!name.foreignKey()) {
                tables.add(new TableId(database, name.table()));
            }
        }
        return List.copyOf(tables);
    }

    /**
     * What a statement does to the tables it names (qualified with its default database): the
     * names it brings into existence ({@code CREATE TABLE}'s table, the destinations of a rename)
     * and the tables whose definition or existence it changes (the sources of a rename, the table
     * an ALTER, DROP or TRUNCATE names). Tables it only reads ({@code LIKE}, a query, a foreign
     * key) are in neither. Empty when the names cannot be read.
     */
    public static Optional<Effect> effect(DdlEvent ddl) {
        requireNonNull(ddl, "ddl is null");
        DdlSyntax syntax = DdlSyntax.read(ddl.sql());
        if (syntax.names().isEmpty()) {
            return Optional.empty();
        }
        if (syntax.temporary()) {
            return Optional.of(new Effect(List.of(), List.of()));
        }
        Names names = syntax.names().get();
        List<TableId> tables = new ArrayList<>();
        for (TableName name : names.tables()) {
            TableId table = qualified(ddl, name);
            if (table == null) {
                return Optional.empty();
            }
            tables.add(table);
        }
        if (tables.isEmpty()) {
            return Optional.of(new Effect(List.of(), List.of()));
        }
        List<TableId> creates = new ArrayList<>();
        List<TableId> changes = new ArrayList<>();
        if (syntax.statement() == DdlSyntax.Statement.CREATE_TABLE) {
            creates.add(tables.getFirst());
        }
        else if (!names.renames().isEmpty()) {
            for (Rename rename : names.renames()) {
                changes.add(tables.get(rename.from()));
                creates.add(tables.get(rename.to()));
            }
        }
        else {
            for (int i = 0; i < tables.size(); i++) {
                if (!names.tables().get(i).foreignKey()) {
                    changes.add(tables.get(i));
                }
            }
        }
        return Optional.of(new Effect(creates, changes));
    }

    /** See {@link #effect}. */
    public record Effect(List<TableId> creates, List<TableId> changes) {
        public Effect {
            creates = List.copyOf(creates);
            changes = List.copyOf(changes);
        }
    }

    private static Selected drop(DdlEvent ddl, Names names, List<TableId> tables, BiPredicate<String, String> selected) {
        List<TableId> kept = tables.stream().filter(table -> selected.test(table.database(), table.table())).toList();
        if (kept.size() == tables.size()) {
            return unchanged(ddl);
        }
        if (kept.isEmpty()) {
            return new Selected(Optional.empty(), List.of(), List.of());
        }
        StringJoiner list = new StringJoiner(", ");
        kept.forEach(table -> list.add(table.quoted()));
        return new Selected(Optional.of(rewritten(ddl, names, list.toString())), List.of(), List.of());
    }

    private static Selected rename(DdlEvent ddl, Names names, List<TableId> tables, BiPredicate<String, String> selected) {
        List<Rename> pairs = names.renames();
        // follow each table through the pairs: where it started (origin) and which pairs moved it
        Map<TableId, Integer> tableAt = new HashMap<>();
        List<TableId> origins = new ArrayList<>();
        List<TableId> locations = new ArrayList<>();
        int[] movedTable = new int[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            TableId from = tables.get(pairs.get(i).from());
            TableId to = tables.get(pairs.get(i).to());
            Integer table = tableAt.remove(from);
            if (table == null) {
                table = origins.size();
                origins.add(from);
                locations.add(from);
            }
            locations.set(table, to);
            tableAt.put(to, table);
            movedTable[i] = table;
        }
        List<TableId> leaving = new ArrayList<>();
        List<TableId> entering = new ArrayList<>();
        boolean[] keep = new boolean[origins.size()];
        for (int table = 0; table < origins.size(); table++) {
            boolean startsSelected = selected.test(origins.get(table).database(), origins.get(table).table());
            boolean endsSelected = selected.test(locations.get(table).database(), locations.get(table).table());
            keep[table] = startsSelected && endsSelected;
            if (startsSelected && !endsSelected) {
                leaving.add(origins.get(table));
            }
            else if (!startsSelected && endsSelected) {
                entering.add(locations.get(table));
            }
        }
        StringJoiner list = new StringJoiner(", ");
        int kept = 0;
        for (int i = 0; i < pairs.size(); i++) {
            if (keep[movedTable[i]]) {
                list.add(tables.get(pairs.get(i).from()).quoted() + " TO " + tables.get(pairs.get(i).to()).quoted());
                kept++;
            }
        }
        if (kept == pairs.size()) {
            return unchanged(ddl);
        }
        Optional<DdlEvent> narrowed = kept == 0 ? Optional.empty() : Optional.of(rewritten(ddl, names, list.toString()));
        return new Selected(narrowed, leaving, entering);
    }

    /**
     * {@code ALTER TABLE a ... RENAME TO b} moves one table like {@code RENAME TABLE a TO b}: kept when
     * it starts and ends selected; otherwise the target does not run it (a table leaving the selection
     * stays on the target as it was, with its other changes of this statement not applied, since its
     * later rows are not replicated either; one entering it is not on the target to alter).
     */
    private static Selected alterRename(DdlEvent ddl, Names names, BiPredicate<String, String> selected) {
        TableId origin = qualified(ddl, names.tables().getFirst());
        TableId destination = qualified(ddl, names.tables().get(names.renames().getLast().to()));
        if (origin == null || destination == null) {
            return unchanged(ddl);
        }
        boolean startsSelected = selected.test(origin.database(), origin.table());
        boolean endsSelected = selected.test(destination.database(), destination.table());
        if (startsSelected == endsSelected) {
            // both selected: the mapper routes it; neither: the filter drops it
            return unchanged(ddl);
        }
        return startsSelected
                ? new Selected(Optional.empty(), List.of(origin), List.of())
                : new Selected(Optional.empty(), List.of(), List.of(destination));
    }

    /** The name with the statement's default database when it has none; null when there is neither. */
    private static TableId qualified(DdlEvent ddl, TableName name) {
        String database = name.database() != null ? name.database() : ddl.database();
        return database.isEmpty() ? null : new TableId(database, name.table());
    }

    /** The statement with the text from its first table name to its last replaced by {@code list}. */
    private static DdlEvent rewritten(DdlEvent ddl, Names names, String list) {
        String sql = ddl.sql();
        int start = names.tables().getFirst().start();
        int end = names.tables().getLast().end();
        return new DdlEvent(ddl.database(), sql.substring(0, start) + list + sql.substring(end));
    }

    private static Selected unchanged(DdlEvent ddl) {
        return new Selected(Optional.of(ddl), List.of(), List.of());
    }
}
