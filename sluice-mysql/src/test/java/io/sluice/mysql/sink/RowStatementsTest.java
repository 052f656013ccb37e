package io.sluice.mysql.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.event.Row;
import io.sluice.core.event.RowChange;
import io.sluice.core.schema.Column;
import io.sluice.core.schema.ColumnType;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;
import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.List;

class RowStatementsTest {
    private static final TableId TABLE = new TableId("app", "t");
    private static final Column A = Column.of("a", ColumnType.INT);
    private static final Column B = Column.of("b", ColumnType.INT);
    private static final Column C = Column.of("c", ColumnType.INT);

    @Test
    void aUniqueKeyWithANullDoesNotIdentifyTheRow() {
        // UNIQUE (a, b) over nullable columns: (1, NULL) may exist any number of times
        TableSchema schema = new TableSchema(TABLE, List.of(A, B, C), List.of(), List.of(List.of("a", "b")));
        assertThat(sql(schema, RowChange.delete(schema, row(schema, 1, null, 5))))
                .isEqualTo("DELETE FROM `app`.`t` WHERE `a` <=> ? AND `b` <=> ? AND `c` <=> ? LIMIT 1");
        assertThat(sql(schema, RowChange.update(schema, row(schema, 1, null, 5), row(schema, 1, null, 6))))
                .isEqualTo("UPDATE `app`.`t` SET `a` = ?, `b` = ?, `c` = ? WHERE `a` <=> ? AND `b` <=> ? AND `c` <=> ? LIMIT 1");
        // without a NULL the key identifies it
        assertThat(sql(schema, RowChange.delete(schema, row(schema, 1, 2, 5))))
                .isEqualTo("DELETE FROM `app`.`t` WHERE `a` <=> ? AND `b` <=> ?");
        // idempotent: the row matched by its values is deleted before the REPLACE, which would not replace it
        assertThat(idempotentSql(schema, RowChange.update(schema, row(schema, 1, null, 5), row(schema, 1, null, 5))))
                .isEqualTo("DELETE FROM `app`.`t` WHERE `a` <=> ? AND `b` <=> ? AND `c` <=> ? LIMIT 1;\nREPLACE INTO `app`.`t` (`a`, `b`, `c`) VALUES (?, ?, ?)");
    }

    @Test
    void aUniqueKeyOfNotNullColumnsIsPreferred() {
        Column notNullC = new Column("c", ColumnType.INT, false, 0, 0, 0, 0, null, null, List.of(), false);
        TableSchema schema = new TableSchema(TABLE, List.of(A, B, notNullC), List.of(), List.of(List.of("a"), List.of("c")));
        assertThat(sql(schema, RowChange.delete(schema, row(schema, null, 2, 5))))
                .isEqualTo("DELETE FROM `app`.`t` WHERE `c` <=> ?");
    }

    @Test
    void keylessRowsAreMatchedByAllColumnsOneAtATime() {
        TableSchema schema = new TableSchema(TABLE, List.of(A, B), List.of(), List.of());
        assertThat(sql(schema, RowChange.delete(schema, row(schema, 1, 1))))
                .isEqualTo("DELETE FROM `app`.`t` WHERE `a` <=> ? AND `b` <=> ? LIMIT 1");
    }

    private static String sql(TableSchema schema, RowChange change) {
        StatementBatch batch = new StatementBatch();
        RowStatements.add(batch, TABLE, change, false, column -> true);
        return batch.text();
    }

    private static String idempotentSql(TableSchema schema, RowChange change) {
        StatementBatch batch = new StatementBatch();
        RowStatements.add(batch, TABLE, change, true, column -> true);
        return batch.text();
    }

    private static Row row(TableSchema schema, Object... values) {
        BitSet present = new BitSet();
        present.set(0, values.length);
        return new Row(schema, values, present);
    }
}
