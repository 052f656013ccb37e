package io.sluice.core.event;

import io.sluice.core.position.BinlogOffsetId;
import io.sluice.core.position.FilePosition;
import io.sluice.core.position.MySqlGtid;
import io.sluice.core.position.TransactionId;
import io.sluice.core.schema.Column;
import io.sluice.core.schema.ColumnType;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransactionTest
{
    private static final TransactionId ID = MySqlGtid.parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:23");
    private static final Instant COMMIT = Instant.parse("2024-05-01T12:00:00Z");
    private static final FilePosition START = new FilePosition("mysql-bin.000003", 4);
    private static final ResumePosition RESUME = new ResumePosition(new FilePosition("mysql-bin.000003", 500), null);

    private static final TableSchema TABLE = new TableSchema(new TableId("d", "t"), List.of(Column.of("id", ColumnType.INT)), List.of("id"), List.of());
    private static final RowChange INSERT = RowChange.insert(TABLE, new Row(TABLE, new Object[] {1}, null));
    private static final RowChange DELETE = RowChange.delete(TABLE, new Row(TABLE, new Object[] {2}, null));
    private static final DdlEvent DDL = new DdlEvent("d", "ALTER TABLE t ADD COLUMN c INT");

    private static Transaction transaction(long serverId, List<ChangeEvent> events)
    {
        return new Transaction(ID, serverId, COMMIT, START, RESUME, events);
    }

    @Test
    void testAccessors()
    {
        Transaction transaction = transaction(1, List.of(INSERT, DELETE));
        assertThat(transaction.id()).isEqualTo(ID);
        assertThat(transaction.serverId()).isEqualTo(1);
        assertThat(transaction.commitTimestamp()).isEqualTo(COMMIT);
        assertThat(transaction.start()).isEqualTo(START);
        assertThat(transaction.resumeAfter()).isEqualTo(RESUME);
        assertThat(transaction.events()).containsExactly(INSERT, DELETE);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 65535, 2147483647L, 2147483648L, 4294967295L})
    void testServerIdInRange(long serverId)
    {
        assertThat(transaction(serverId, List.of(INSERT)).serverId()).isEqualTo(serverId);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 4294967296L, Long.MIN_VALUE, Long.MAX_VALUE})
    void testServerIdOutOfRangeRejected(long serverId)
    {
        assertThatThrownBy(() -> transaction(serverId, List.of(INSERT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("server id out of range: " + serverId);
    }

    @Test
    void testIsDdl()
    {
        assertThat(transaction(1, List.of(DDL)).isDdl()).isTrue();
        assertThat(transaction(1, List.of(INSERT)).isDdl()).isFalse();
        assertThat(transaction(1, List.of()).isDdl()).isFalse();
        assertThat(transaction(1, List.of(DDL, DDL)).isDdl()).isFalse();
        assertThat(transaction(1, List.of(DDL, INSERT)).isDdl()).isFalse();
        assertThat(transaction(1, List.of(INSERT, DDL)).isDdl()).isFalse();
    }

    @Test
    void testRowCount()
    {
        assertThat(transaction(1, List.of()).rowCount()).isZero();
        assertThat(transaction(1, List.of(DDL)).rowCount()).isZero();
        assertThat(transaction(1, List.of(INSERT)).rowCount()).isEqualTo(1);
        assertThat(transaction(1, List.of(INSERT, DELETE, INSERT)).rowCount()).isEqualTo(3);
        assertThat(transaction(1, List.of(INSERT, DDL, DELETE)).rowCount()).isEqualTo(2);
    }

    @Test
    void testEventsAreCopiedAndImmutable()
    {
        List<ChangeEvent> events = new ArrayList<>(List.of(INSERT));
        Transaction transaction = transaction(1, events);
        events.add(DELETE);
        events.set(0, DDL);
        assertThat(transaction.events()).containsExactly(INSERT);
        assertThat(transaction.rowCount()).isEqualTo(1);
        assertThatThrownBy(() -> transaction.events().add(DELETE)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> transaction.events().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void testNullsRejected()
    {
        List<ChangeEvent> events = List.of(INSERT);
        assertThatThrownBy(() -> new Transaction(null, 1, COMMIT, START, RESUME, events))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("id is null");
        assertThatThrownBy(() -> new Transaction(ID, 1, null, START, RESUME, events))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("commitTimestamp is null");
        assertThatThrownBy(() -> new Transaction(ID, 1, COMMIT, null, RESUME, events))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("start is null");
        assertThatThrownBy(() -> new Transaction(ID, 1, COMMIT, START, null, events))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("resumeAfter is null");
        assertThatThrownBy(() -> new Transaction(ID, 1, COMMIT, START, RESUME, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("events is null");
        assertThatThrownBy(() -> new Transaction(ID, 1, COMMIT, START, RESUME, Arrays.asList(INSERT, null)))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void testBinlogOffsetIdentity()
    {
        Transaction transaction = new Transaction(new BinlogOffsetId(3, 4), 7, COMMIT, START, RESUME, List.of(DDL));
        assertThat(transaction.id()).isEqualTo(new BinlogOffsetId(3, 4));
        assertThat(transaction.isDdl()).isTrue();
    }

    @Test
    void testEquality()
    {
        assertThat(transaction(1, List.of(INSERT))).isEqualTo(transaction(1, new ArrayList<>(List.of(INSERT))));
        assertThat(transaction(1, List.of(INSERT))).hasSameHashCodeAs(transaction(1, List.of(INSERT)));
        assertThat(transaction(1, List.of(INSERT))).isNotEqualTo(transaction(2, List.of(INSERT)));
    }
}
