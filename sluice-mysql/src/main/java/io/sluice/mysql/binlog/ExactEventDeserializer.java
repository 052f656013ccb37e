package io.sluice.mysql.binlog;

import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.LRUCache;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.AnnotateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.BinlogCheckpointEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.event.deserialization.DeleteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventHeaderV4Deserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.FormatDescriptionEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.GtidEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.MariadbGtidEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.MariadbGtidListEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.NullEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.PreviousGtidSetDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.RotateEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.UpdateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.WriteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.XAPrepareEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.XidEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;

import java.io.IOException;
import java.io.Serializable;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Builds the binlog library's {@link EventDeserializer} with Sluice's exact cell decoding
 * ({@link BinlogCells}) for every rows event type, and only the event types Sluice reads;
 * everything else is skipped without decoding.
 */
final class ExactEventDeserializer {
    private ExactEventDeserializer() {}

    static EventDeserializer create() {
        // every rows event is preceded by its table map in the same transaction, so evicting old ids
        // is safe; the bound is far above the library's default of 100 only to avoid churn
        Map<Long, TableMapEventData> tableMaps = new LRUCache<>(256, 0.75f, 65_536);
        Map<EventType, EventDataDeserializer> deserializers = new IdentityHashMap<>();
        deserializers.put(EventType.FORMAT_DESCRIPTION, new FormatDescriptionEventDataDeserializer());
        deserializers.put(EventType.ROTATE, new RotateEventDataDeserializer());
        deserializers.put(EventType.QUERY, new SessionQueryEventData.Deserializer());
        deserializers.put(EventType.TABLE_MAP, new ExactTableMap.Deserializer());
        deserializers.put(EventType.XID, new XidEventDataDeserializer());
        deserializers.put(EventType.XA_PREPARE, new XAPrepareEventDataDeserializer());
        deserializers.put(EventType.GTID, new GtidEventDataDeserializer());
        deserializers.put(EventType.PREVIOUS_GTIDS, new PreviousGtidSetDeserializer());
        deserializers.put(EventType.MARIADB_GTID, new MariadbGtidEventDataDeserializer());
        deserializers.put(EventType.MARIADB_GTID_LIST, new MariadbGtidListEventDataDeserializer());
        deserializers.put(EventType.BINLOG_CHECKPOINT, new BinlogCheckpointEventDataDeserializer());
        deserializers.put(EventType.ANNOTATE_ROWS, new AnnotateRowsEventDataDeserializer());
        deserializers.put(EventType.WRITE_ROWS, new ExactWriteRows(tableMaps));
        deserializers.put(EventType.EXT_WRITE_ROWS, new ExactWriteRows(tableMaps).setMayContainExtraInformation(true));
        deserializers.put(EventType.UPDATE_ROWS, new ExactUpdateRows(tableMaps));
        deserializers.put(EventType.EXT_UPDATE_ROWS, new ExactUpdateRows(tableMaps).setMayContainExtraInformation(true));
        deserializers.put(EventType.DELETE_ROWS, new ExactDeleteRows(tableMaps));
        deserializers.put(EventType.EXT_DELETE_ROWS, new ExactDeleteRows(tableMaps).setMayContainExtraInformation(true));
        return new EventDeserializer(new EventHeaderV4Deserializer(), new NullEventDataDeserializer(), deserializers, tableMaps);
    }

    private static final class ExactWriteRows extends WriteRowsEventDataDeserializer {
        ExactWriteRows(Map<Long, TableMapEventData> tableMaps) {
            super(tableMaps);
        }

        @Override
        protected Serializable deserializeCell(ColumnType type, int meta, int length, ByteArrayInputStream in) throws IOException {
            return BinlogCells.decode(type, meta, length, in);
        }
    }

    private static final class ExactUpdateRows extends UpdateRowsEventDataDeserializer {
        ExactUpdateRows(Map<Long, TableMapEventData> tableMaps) {
            super(tableMaps);
        }

        @Override
        protected Serializable deserializeCell(ColumnType type, int meta, int length, ByteArrayInputStream in) throws IOException {
            return BinlogCells.decode(type, meta, length, in);
        }
    }

    private static final class ExactDeleteRows extends DeleteRowsEventDataDeserializer {
        ExactDeleteRows(Map<Long, TableMapEventData> tableMaps) {
            super(tableMaps);
        }

        @Override
        protected Serializable deserializeCell(ColumnType type, int meta, int length, ByteArrayInputStream in) throws IOException {
            return BinlogCells.decode(type, meta, length, in);
        }
    }
}
