package io.sluice.mysql.schema;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import io.sluice.core.event.DdlEvent;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;

/**
 * Supplies the schema a table had when the binlog event being decoded was written. The binlog
 * reader asks for it on the first rows event of each table and after every DDL.
 * Implementations are called from the reader's thread only.
 */
public interface TableSchemaProvider {
    /**
     * The table's schema; a {@link io.sluice.core.error.SluiceException} with SCHEMA_UNKNOWN_TABLE
     * when the table is unknown.
     *
     * @param tableMap the binlog's table map event for the rows being decoded, whose metadata some
     *        providers use; null when the schema is asked for outside the binlog
     */
    TableSchema schemaOf(TableId table, TableMapEventData tableMap);

    /** Tells the provider that a DDL statement passed in the binlog, so cached schemas may be stale. */
    void onDdl(DdlEvent ddl);
}
