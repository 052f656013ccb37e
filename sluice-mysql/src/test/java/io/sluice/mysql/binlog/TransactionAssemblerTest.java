package io.sluice.mysql.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MySqlGtid;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.XidEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.ChangeStream;
import io.sluice.core.event.DdlEvent;
import io.sluice.core.event.RowChange;
import io.sluice.core.event.Transaction;
import io.sluice.core.position.BinlogOffsetId;
import io.sluice.core.position.FilePosition;
import io.sluice.core.position.MySqlGtidSet;
import io.sluice.core.schema.Column;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;
import io.sluice.mysql.schema.TableSchemaProvider;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;

/**
 * MySQL-flavoured event sequences (GTID + BEGIN + rows + XID, GTID + DDL, no GTIDs) that the
 * MariaDB integration tests cannot produce, laid out as MySQL 8.0 writes them.
 */
class TransactionAssemblerTest {
    private static final UUID SOURCE = UUID.fromString("3e11fa47-71ca-11e1-9e33-c80aa9429562");
    private static final TableSchema ORDERS = new TableSchema(new TableId("shop", "orders"),
            List.of(Column.of("id", io.sluice.core.schema.ColumnType.BIGINT),
                    new Column("id2", io.sluice.core.schema.ColumnType.INT, true, 0, 0, 0, 0, null, null, List.of(), false)),
            List.of("id"), List.of());

    private final List<Transaction> delivered = new ArrayList<>();
    private final List<DdlEvent> ddls = new ArrayList<>();
    private final TableSchemaProvider schemas = new TableSchemaProvider() {
        @Override
        public TableSchema schemaOf(TableId table, com.github.shyiko.mysql.binlog.event.TableMapEventData tableMap) {
            return ORDERS;
        }

        @Override
        public void onDdl(DdlEvent ddl) {
            ddls.add(ddl);
        }
    };

    @Test
    void mysqlGtidTransactionWithBeginAndXid() throws Exception {
        TransactionAssembler assembler = new TransactionAssembler("binlog.000007", MySqlGtidSet.parse(SOURCE + ":1-10"), schemas, ChangeStream.collecting(delivered::add));
        assembler.accept(event(EventType.ROTATE, 0, 0, rotate("binlog.000007", 4)));
        assembler.accept(event(EventType.GTID, 200, 279, gtid(11)));
        assembler.accept(event(EventType.QUERY, 279, 360, query("", "BEGIN")));
        assembler.accept(event(EventType.TABLE_MAP, 360, 420, tableMap(42)));
        assembler.accept(event(EventType.EXT_WRITE_ROWS, 420, 480, writeRows(42, new Serializable[] {5L, -1})));
        assertThat(delivered).isEmpty();
        assertThat(assembler.inTransaction()).isTrue();
        assembler.accept(event(EventType.XID, 480, 511, new XidEventData()));

        Transaction transaction = delivered.getFirst();
        assertThat(transaction.id().toString()).isEqualTo(SOURCE + ":11");
        assertThat(transaction.start()).isEqualTo(new FilePosition("binlog.000007", 200));
        assertThat(transaction.resumeAfter().file()).isEqualTo(new FilePosition("binlog.000007", 511));
        assertThat(transaction.resumeAfter().gtid().toString()).isEqualTo(SOURCE + ":1-11");
        RowChange insert = (RowChange) transaction.events().getFirst();
        assertThat(insert.after().get("id")).isEqualTo(5L);
        // INT UNSIGNED from the two's complement the binlog carries
        assertThat(insert.after().get("id2")).isEqualTo(4294967295L);
        assertThat(assembler.lastCommitted()).isEqualTo(transaction.resumeAfter());
    }

    @Test
    void mysqlGtidFollowedByDdlIsAStandaloneTransaction() throws Exception {
        TransactionAssembler assembler = new TransactionAssembler("binlog.000007", MySqlGtidSet.parse(SOURCE + ":1-10"), schemas, ChangeStream.collecting(delivered::add));
        assembler.accept(event(EventType.GTID, 200, 279, gtid(11)));
        assembler.accept(event(EventType.QUERY, 279, 400, query("shop", "ALTER TABLE orders ADD COLUMN note TEXT")));
        assertThat(delivered).singleElement().satisfies(t -> {
            assertThat(t.isDdl()).isTrue();
            assertThat(((DdlEvent) t.events().getFirst()).database()).isEqualTo("shop");
            assertThat(t.resumeAfter().file().position()).isEqualTo(400);
        });
        assertThat(ddls).hasSize(1);
    }

    @Test
    void withoutGtidsTransactionsAreIdentifiedByFileAndOffset() throws Exception {
        TransactionAssembler assembler = new TransactionAssembler("mysql-bin.000003", null, schemas, ChangeStream.collecting(delivered::add));
        assembler.accept(event(EventType.QUERY, 120, 200, query("", "BEGIN")));
        assembler.accept(event(EventType.TABLE_MAP, 200, 260, tableMap(42)));
        assembler.accept(event(EventType.WRITE_ROWS, 260, 300, writeRows(42, new Serializable[] {1L, 1})));
        assembler.accept(event(EventType.QUERY, 300, 350, query("", "COMMIT")));
        assembler.accept(event(EventType.QUERY, 350, 420, query("shop", "DROP TABLE old")));
        assertThat(delivered).hasSize(2);
        assertThat(delivered.get(0).id()).isEqualTo(new BinlogOffsetId(3, 120));
        assertThat(delivered.get(0).resumeAfter().gtid()).isNull();
        assertThat(delivered.get(1).id()).isEqualTo(new BinlogOffsetId(3, 350));
    }

    @Test
    void statementBasedDmlIsRejectedNotSkipped() throws Exception {
        TransactionAssembler assembler = new TransactionAssembler("mysql-bin.000003", null, schemas, ChangeStream.collecting(delivered::add));
        assembler.accept(event(EventType.QUERY, 120, 200, query("", "BEGIN")));
        assertThatThrownBy(() -> assembler.accept(event(EventType.QUERY, 200, 300, query("shop", "INSERT INTO orders VALUES (1, 1)"))))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.BINLOG_FORMAT_UNSUPPORTED);
                    assertThat(e.fix()).contains("binlog_format=ROW");
                });
    }

    @Test
    void rowsWithoutTableMapMeanTheStartWasInsideATransaction() {
        TransactionAssembler assembler = new TransactionAssembler("mysql-bin.000003", null, schemas, ChangeStream.collecting(delivered::add));
        assertThatThrownBy(() -> assembler.accept(event(EventType.WRITE_ROWS, 260, 300, writeRows(42, new Serializable[] {1L, 1}))))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BINLOG_EVENT_UNDECODABLE));
    }

    @Test
    void compressedTransactionPayloadIsUnsupported() {
        TransactionAssembler assembler = new TransactionAssembler("binlog.000001", null, schemas, ChangeStream.collecting(delivered::add));
        assertThatThrownBy(() -> assembler.accept(event(EventType.TRANSACTION_PAYLOAD, 4, 100, null)))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BINLOG_EVENT_UNSUPPORTED));
    }

    @Test
    void aPartialTransactionCutByReconnectIsDiscarded() throws Exception {
        TransactionAssembler assembler = new TransactionAssembler("binlog.000007", MySqlGtidSet.parse(SOURCE + ":1-10"), schemas, ChangeStream.collecting(delivered::add));
        assembler.accept(event(EventType.GTID, 200, 279, gtid(11)));
        assembler.accept(event(EventType.QUERY, 279, 360, query("", "BEGIN")));
        assembler.discardPartialTransaction();
        assertThat(assembler.inTransaction()).isFalse();
        assembler.accept(event(EventType.GTID, 200, 279, gtid(11)));
        assembler.accept(event(EventType.QUERY, 279, 360, query("", "BEGIN")));
        assembler.accept(event(EventType.TABLE_MAP, 360, 420, tableMap(42)));
        assembler.accept(event(EventType.EXT_WRITE_ROWS, 420, 480, writeRows(42, new Serializable[] {5L, 1})));
        assembler.accept(event(EventType.XID, 480, 511, new XidEventData()));
        assertThat(delivered).singleElement().satisfies(t -> assertThat(t.events()).hasSize(1));
    }

    private static Event event(EventType type, long position, long next, EventData data) {
        EventHeaderV4 header = new EventHeaderV4();
        header.setEventType(type);
        header.setTimestamp(1_700_000_000_000L);
        header.setServerId(1);
        header.setEventLength(next - position);
        header.setNextPosition(next);
        return new Event(header, data);
    }

    private static RotateEventData rotate(String file, long position) {
        RotateEventData data = new RotateEventData();
        data.setBinlogFilename(file);
        data.setBinlogPosition(position);
        return data;
    }

    private static GtidEventData gtid(long transaction) {
        return new GtidEventData(new MySqlGtid(SOURCE, transaction), (byte) 1, 0, 0, 0, 0, 0, 0, 0);
    }

    private static QueryEventData query(String database, String sql) {
        QueryEventData data = new QueryEventData();
        data.setDatabase(database);
        data.setSql(sql);
        return data;
    }

    private static TableMapEventData tableMap(long tableId) {
        TableMapEventData data = new TableMapEventData();
        data.setTableId(tableId);
        data.setDatabase("shop");
        data.setTable("orders");
        data.setColumnTypes(new byte[] {(byte) ColumnType.LONGLONG.getCode(), (byte) ColumnType.LONG.getCode()});
        data.setColumnMetadata(new int[] {0, 0});
        data.setColumnNullability(new BitSet());
        return data;
    }

    private static WriteRowsEventData writeRows(long tableId, Serializable[] row) {
        WriteRowsEventData data = new WriteRowsEventData();
        data.setTableId(tableId);
        BitSet included = new BitSet();
        included.set(0, row.length);
        data.setIncludedColumns(included);
        data.setRows(java.util.Collections.singletonList(row));
        return data;
    }
}
