package io.sluice.mysql.task;

import static java.util.Objects.requireNonNull;

import io.sluice.core.event.ChangeEvent;
import io.sluice.core.event.DdlEvent;
import io.sluice.core.event.RowChange;
import io.sluice.core.event.Transaction;
import io.sluice.core.position.FilePosition;
import io.sluice.core.schema.TableId;
import io.sluice.mysql.ddl.DdlTarget;
import io.sluice.mysql.sink.MetaStore.TableProgress;

import java.util.ArrayList;
import java.util.List;
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

    /** The transaction without the changes the target already holds, and whether the rest needs idempotent apply. */
    Decision decide(Transaction transaction) {
        FilePosition end = transaction.resumeAfter().file();
        if (tables.isEmpty() && (loadSafeUntil == null || end.compareTo(loadSafeUntil) > 0)) {
            return new Decision(transaction, false);
        }
        List<ChangeEvent> kept = new ArrayList<>(transaction.events().size());
        boolean idempotent = false;
        for (ChangeEvent event : transaction.events()) {
            Mode mode = switch (event) {
                case RowChange change -> mode(change.table().id(), end);
                case DdlEvent ddl -> DdlTarget.of(ddl)
                        .filter(target -> target.kind() == DdlTarget.Kind.TABLE)
                        .map(target -> mode(new TableId(target.database(), target.table()), end))
                        .orElse(windowMode(end));
            };
            if (mode != Mode.SKIP) {
                kept.add(event);
                idempotent |= mode == Mode.IDEMPOTENT;
            }
        }
        Transaction result = kept.size() == transaction.events().size() ? transaction
                : new Transaction(transaction.id(), transaction.serverId(), transaction.commitTimestamp(), transaction.start(),
                        transaction.resumeAfter(), kept);
        return new Decision(result, idempotent);
    }

    private Mode mode(TableId table, FilePosition end) {
        TableProgress progress = tables.get(table);
        if (progress == null) {
            return windowMode(end);
        }
        if (end.compareTo(progress.firstSnapshot()) <= 0) {
            return Mode.SKIP;
        }
        return end.compareTo(progress.lastSnapshot()) <= 0 ? Mode.IDEMPOTENT : Mode.NORMAL;
    }

    private Mode windowMode(FilePosition end) {
        return loadSafeUntil != null && end.compareTo(loadSafeUntil) <= 0 ? Mode.IDEMPOTENT : Mode.NORMAL;
    }

    record Decision(Transaction transaction, boolean idempotent) {}
}
