package io.sluice.jmh;

import io.sluice.core.event.Row;
import io.sluice.core.event.RowChange;
import io.sluice.core.schema.Column;
import io.sluice.core.schema.ColumnType;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;

import java.util.List;
import java.util.SplittableRandom;

/**
 * sysbench's {@code sbtest} table and the row changes its {@code oltp_write_only} workload makes,
 * built in memory so that the benchmarks need no server. The shape matters more than the values:
 * two INTs and two CHARs of ASCII digit groups, the table {@code bench/run} loads and replicates.
 *
 * <pre>
 * CREATE TABLE sbtest1 (id INT NOT NULL AUTO_INCREMENT, k INT NOT NULL DEFAULT 0,
 *     c CHAR(120) NOT NULL DEFAULT '', pad CHAR(60) NOT NULL DEFAULT '', PRIMARY KEY (id), KEY k_1 (k))
 *     DEFAULT CHARSET=utf8mb4
 * </pre>
 */
public final class Sbtest {
    public static final TableId ID = new TableId("sbtest", "sbtest1");
    /** {@code bench/run --quick} loads 250,000 rows per table; ids and k are drawn from that range. */
    public static final int TABLE_SIZE = 250_000;
    public static final TableSchema SCHEMA = new TableSchema(ID, List.of(
            new Column("id", ColumnType.INT, false, 0, 0, 0, 0, null, null, List.of(), false),
            new Column("k", ColumnType.INT, false, 0, 0, 0, 0, null, null, List.of(), false),
            text("c", 120),
            text("pad", 60)),
            List.of("id"), List.of());

    private Sbtest() {}

    private static Column text(String name, int length) {
        return new Column(name, ColumnType.CHAR, false, length, 0, 0, 0, "utf8mb4", "utf8mb4_general_ci", List.of(), false);
    }

    /** sysbench's {@code c}: ten groups of eleven random digits joined by '-' (119 characters). */
    public static String c(SplittableRandom random) {
        return digitGroups(random, 10);
    }

    /** sysbench's {@code pad}: five groups of eleven random digits joined by '-' (59 characters). */
    public static String pad(SplittableRandom random) {
        return digitGroups(random, 5);
    }

    private static String digitGroups(SplittableRandom random, int groups) {
        StringBuilder text = new StringBuilder(groups * 12);
        for (int group = 0; group < groups; group++) {
            if (group > 0) {
                text.append('-');
            }
            for (int digit = 0; digit < 11; digit++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
        }
        return text.toString();
    }

    /** One row's values as {@code RowDecoder} produces them: Integer, Integer, String, String. */
    public static Object[] values(SplittableRandom random, int id) {
        return new Object[] {id, 1 + random.nextInt(TABLE_SIZE), c(random), pad(random)};
    }

    public static Row row(Object[] values) {
        return new Row(SCHEMA, values, null);
    }

    /**
     * The row changes of {@code transactions} oltp_write_only transactions, in order: UPDATE k = k + 1,
     * UPDATE c, DELETE, INSERT of the deleted id with new values (4 changes per transaction).
     */
    public static RowChange[] writeOnly(SplittableRandom random, int transactions) {
        RowChange[] changes = new RowChange[transactions * 4];
        for (int t = 0; t < transactions; t++) {
            Object[] values = values(random, 1 + random.nextInt(TABLE_SIZE));
            Row before = row(values);
            Object[] incremented = values.clone();
            incremented[1] = (Integer) values[1] + 1;
            changes[t * 4] = RowChange.update(SCHEMA, before, row(incremented));

            Object[] other = values(random, 1 + random.nextInt(TABLE_SIZE));
            Object[] newC = other.clone();
            newC[2] = c(random);
            changes[t * 4 + 1] = RowChange.update(SCHEMA, row(other), row(newC));

            Object[] deleted = values(random, 1 + random.nextInt(TABLE_SIZE));
            changes[t * 4 + 2] = RowChange.delete(SCHEMA, row(deleted));
            Object[] inserted = values(random, (Integer) deleted[0]);
            changes[t * 4 + 3] = RowChange.insert(SCHEMA, row(inserted));
        }
        return changes;
    }
}
