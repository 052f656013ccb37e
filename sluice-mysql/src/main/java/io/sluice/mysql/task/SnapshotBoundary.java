package io.sluice.mysql.task;

import static java.util.Objects.requireNonNull;

import io.sluice.core.event.ChangeEvent;
import io.sluice.core.event.DdlEvent;
import io.sluice.core.event.RowChange;
import io.sluice.core.position.FilePosition;
import io.sluice.core.schema.TableId;
import io.sluice.mysql.ddl.DdlTarget;
import io.sluice.mysql.sink.MetaStore.TableProgress;

import java.util.Map;

/**
 * Decides, for each change sync reads after a snapshot, whether the copied rows already hold it.
 * A table copied from one snapshot at position P holds every change up to P and none after:
 * changes up to P are skipped, later ones applied normally (this is what keeps keyless tables
 * exact). A table copied over several runs holds changes up to its first snapshot in all rows and
 * those between its first and last snapshot in some rows: those are applied idempotently. Tables
 * the snapshot did not copy are applied idempotently up to the latest snapshot position of the load.
 */
final class SnapshotBoundary {
    private final Map<TableId, TableProgress> tables;
    private final FilePosition loadSafeUntil;

    SnapshotBoundary(Map<TableId, TableProgress> tables, FilePosition loadSafeUntil) {
        this.tables = Map.copyOf(requireNonNull(tables, "tables is null"));
        this.loadSafeUntil = loadSafeUntil;
    }

    enum Mode { SKIP, IDEMPOTENT, NORMAL }

    /**
     * How to apply a change of the transaction starting at {@code start}. Snapshot positions are
     * transaction boundaries, so a transaction ends at or before P exactly when it starts before P:
     * the decision can be made while the transaction streams, before its end is known.
     */
    Mode decide(ChangeEvent event, FilePosition start) {
        if (tables.isEmpty() && (loadSafeUntil == null || start.compareTo(loadSafeUntil) >= 0)) {
            return Mode.NORMAL;
        }
        return switch (event) {
            case RowChange change -> mode(change.table().id(), start);
            case DdlEvent ddl -> {
                Mode mode = DdlTarget.of(ddl)
                        .filter(target -> target.kind() == DdlTarget.Kind.TABLE)
                        .map(target -> mode(new TableId(target.database(), target.table()), start))
                        .orElse(windowMode(start));
                // a DDL during the copy can also concern tables copied after it (the other side of a RENAME):
                // within the load window it is applied tolerantly
                yield mode == Mode.NORMAL && windowMode(start) == Mode.IDEMPOTENT ? Mode.IDEMPOTENT : mode;
            }
        };
    }

    private Mode mode(TableId table, FilePosition start) {
        TableProgress progress = tables.get(table);
        if (progress == null) {
            return windowMode(start);
        }
        if (start.compareTo(progress.firstSnapshot()) < 0) {
            return Mode.SKIP;
        }
        return start.compareTo(progress.lastSnapshot()) < 0 ? Mode.IDEMPOTENT : Mode.NORMAL;
    }

    private Mode windowMode(FilePosition start) {
        return loadSafeUntil != null && start.compareTo(loadSafeUntil) < 0 ? Mode.IDEMPOTENT : Mode.NORMAL;
    }
}
