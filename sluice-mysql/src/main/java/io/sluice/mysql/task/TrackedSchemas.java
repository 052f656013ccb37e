package io.sluice.mysql.task;

import static java.util.Objects.requireNonNull;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.DdlEvent;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;
import io.sluice.mysql.schema.TableSchemaProvider;
import io.sluice.mysql.schema.tracker.SchemaTracker;

/**
 * The schemas sync decodes with: the schema tracker's (the schema as of the binlog position, from
 * DDL replayed in order), falling back to another provider for a table the tracker does not know.
 * The sync stream feeds DDL to the tracker itself, as each DDL event arrives, so that the tracker's
 * state can be saved with the checkpoint of the transaction that contains it and restored when a
 * partial transaction is read again; the reader's own end-of-transaction notification only reaches
 * the fallback's caches.
 */
final class TrackedSchemas implements TableSchemaProvider {
    private final TableSchemaProvider fallback;
    private SchemaTracker tracker;

    TrackedSchemas(SchemaTracker tracker, TableSchemaProvider fallback) {
        this.tracker = requireNonNull(tracker, "tracker is null");
        this.fallback = requireNonNull(fallback, "fallback is null");
    }

    SchemaTracker tracker() {
        return tracker;
    }

    /** Puts back a saved tracker, e.g. the state before a transaction that is read again. */
    void replace(SchemaTracker restored) {
        this.tracker = requireNonNull(restored, "restored is null");
    }

    @Override
    public TableSchema schemaOf(TableId table, TableMapEventData tableMap) {
        try {
            return tracker.schemaOf(table, tableMap);
        }
        catch (SluiceException e) {
            if (e.errorCode() != ErrorCode.SCHEMA_UNKNOWN_TABLE) {
                throw e;
            }
            return fallback.schemaOf(table, tableMap);
        }
    }

    @Override
    public void onDdl(DdlEvent ddl) {
        fallback.onDdl(ddl);
    }
}
