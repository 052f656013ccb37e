package io.sluice.mysql.binlog;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.event.deserialization.WriteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import io.sluice.core.event.Row;
import io.sluice.core.schema.Column;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;
import io.sluice.core.value.MysqlDateTime;
import io.sluice.core.value.MysqlTimestamp;
import io.sluice.jmh.Sbtest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The reader's per-row work, in the two steps it takes: the binlog library walks a WRITE_ROWS
 * event and calls {@link BinlogCells} for every cell ({@link #cells}, as {@code ExactEventDeserializer}
 * wires it), then {@link RowDecoder} types the raw cells into a {@link Row} ({@link #rows}). The event
 * bytes are laid out as MariaDB writes them: 40 rows per event, about what fits the server's
 * 8 KB rows-event limit for sbtest.
 *
 * <p>{@code sbtest} is sysbench's table (INT, INT, CHAR(120), CHAR(60) utf8mb4); {@code typed}
 * covers the cell decoders sbtest does not reach: BIGINT UNSIGNED, DECIMAL(12,2), DATETIME(6),
 * TIMESTAMP, ENUM and VARCHAR.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RowDecodingBenchmark {
    static final int ROWS = 40;
    private static final long TABLE_ID = 42;

    @Param({"sbtest", "typed"})
    public String table;

    private WriteRowsEventDataDeserializer deserializer;
    private byte[] event;
    private List<Serializable[]> cells;
    private BitSet included;
    private RowDecoder decoder;

    @Setup
    public void setup() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        Fixture fixture = table.equals("sbtest") ? sbtest(random) : typed(random);
        TableMapEventData tableMap = new TableMapEventData();
        tableMap.setTableId(TABLE_ID);
        tableMap.setDatabase(fixture.schema.id().database());
        tableMap.setTable(fixture.schema.id().table());
        tableMap.setColumnTypes(fixture.types);
        tableMap.setColumnMetadata(fixture.metadata);
        // binlog_row_metadata=FULL, as bench/run's servers log it: RowDecoder cross-checks the names
        TableMapEventMetadata metadata = new TableMapEventMetadata();
        metadata.setColumnNames(fixture.schema.columns().stream().map(Column::name).toList());
        tableMap.setEventMetadata(metadata);

        Map<Long, TableMapEventData> tableMaps = new HashMap<>();
        tableMaps.put(TABLE_ID, tableMap);
        deserializer = new ExactWriteRows(tableMaps);
        event = fixture.event;
        WriteRowsEventData data = deserializer.deserialize(new ByteArrayInputStream(event));
        cells = new ArrayList<>(data.getRows());
        included = data.getIncludedColumns();
        decoder = RowDecoder.create(tableMap, fixture.schema, "bench");

        if (cells.size() != ROWS) {
            throw new IllegalStateException("expected " + ROWS + " rows, decoded " + cells.size());
        }
        for (int i = 0; i < ROWS; i++) {
            Row row = decoder.decode(cells.get(i), included);
            if (!Arrays.deepEquals(values(row), fixture.rows.get(i))) {
                throw new IllegalStateException("row " + i + " decodes as " + row + ", expected " + Arrays.deepToString(fixture.rows.get(i)));
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public List<Serializable[]> cells() throws IOException {
        return deserializer.deserialize(new ByteArrayInputStream(event)).getRows();
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void rows(Blackhole blackhole) {
        for (Serializable[] row : cells) {
            blackhole.consume(decoder.decode(row, included));
        }
    }

    private static Object[] values(Row row) {
        Object[] values = new Object[row.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(i);
        }
        return values;
    }

    /** The same subclass {@code ExactEventDeserializer} registers: the library's framing, Sluice's cells. */
    private static final class ExactWriteRows extends WriteRowsEventDataDeserializer {
        ExactWriteRows(Map<Long, TableMapEventData> tableMaps) {
            super(tableMaps);
        }

        @Override
        protected Serializable deserializeCell(ColumnType type, int meta, int length, ByteArrayInputStream in) throws IOException {
            return BinlogCells.decode(type, meta, length, in);
        }
    }

    private record Fixture(TableSchema schema, byte[] types, int[] metadata, byte[] event, List<Object[]> rows) {}

    private static Fixture sbtest(SplittableRandom random) {
        // CHAR(120) utf8mb4 is up to 480 bytes: its metadata carries the high length bits in the type byte
        byte[] types = {code(ColumnType.LONG), code(ColumnType.LONG), code(ColumnType.STRING), code(ColumnType.STRING)};
        int[] metadata = {0, 0, charMetadata(120 * 4), charMetadata(60 * 4)};
        EventWriter writer = new EventWriter(types.length);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            Object[] values = Sbtest.values(random, 1 + random.nextInt(Sbtest.TABLE_SIZE));
            rows.add(values);
            writer.row();
            writer.littleEndian((Integer) values[0], 4);
            writer.littleEndian((Integer) values[1], 4);
            writer.lengthPrefixed(((String) values[2]).getBytes(StandardCharsets.UTF_8), 2);
            writer.lengthPrefixed(((String) values[3]).getBytes(StandardCharsets.UTF_8), 1);
        }
        return new Fixture(Sbtest.SCHEMA, types, metadata, writer.bytes(), rows);
    }

    private static Fixture typed(SplittableRandom random) {
        List<String> statuses = List.of("new", "paid", "shipped", "cancelled");
        TableSchema schema = new TableSchema(new TableId("shop", "orders"), List.of(
                new Column("id", io.sluice.core.schema.ColumnType.BIGINT, true, 0, 0, 0, 0, null, null, List.of(), false),
                new Column("amount", io.sluice.core.schema.ColumnType.DECIMAL, false, 0, 12, 2, 0, null, null, List.of(), false),
                new Column("created", io.sluice.core.schema.ColumnType.DATETIME, false, 0, 0, 0, 6, null, null, List.of(), false),
                new Column("updated", io.sluice.core.schema.ColumnType.TIMESTAMP, false, 0, 0, 0, 0, null, null, List.of(), false),
                new Column("status", io.sluice.core.schema.ColumnType.ENUM, false, 0, 0, 0, 0, "utf8mb4", "utf8mb4_general_ci", statuses, false),
                new Column("note", io.sluice.core.schema.ColumnType.VARCHAR, false, 64, 0, 0, 0, "utf8mb4", "utf8mb4_general_ci", List.of(), true)),
                List.of("id"), List.of());
        byte[] types = {code(ColumnType.LONGLONG), code(ColumnType.NEWDECIMAL), code(ColumnType.DATETIME_V2), code(ColumnType.TIMESTAMP_V2),
                code(ColumnType.STRING), code(ColumnType.VARCHAR)};
        int[] metadata = {0, 12 | 2 << 8, 6, 0, ColumnType.ENUM.getCode() << 8 | 1, 64 * 4};
        EventWriter writer = new EventWriter(types.length);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            long id = 1_000_000_000L + random.nextInt(1_000_000);
            BigDecimal amount = BigDecimal.valueOf(random.nextLong(-10_000_000L, 100_000_000L), 2);
            MysqlDateTime created = new MysqlDateTime(2020 + random.nextInt(6), 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(1_000_000));
            long updated = 1_600_000_000L + random.nextInt(200_000_000);
            int status = random.nextInt(statuses.size());
            String note = i % 4 == 0 ? null : "order note " + random.nextInt(1_000_000) + " – ok";
            rows.add(new Object[] {BigInteger.valueOf(id), amount, created, new MysqlTimestamp(updated, 0), statuses.get(status), note});

            writer.row(note == null ? 5 : -1);
            writer.littleEndian(id, 8);
            writer.raw(decimal(amount, 12, 2));
            long packed = ((long) (created.year() * 13 + created.month()) << 22 | (long) created.day() << 17 | (long) created.hour() << 12
                    | (long) created.minute() << 6 | created.second()) + 0x80_0000_0000L;
            writer.bigEndian(packed, 5);
            writer.bigEndian(created.micros(), 3);
            writer.bigEndian(updated, 4);
            writer.littleEndian(status + 1, 1);
            if (note != null) {
                writer.lengthPrefixed(note.getBytes(StandardCharsets.UTF_8), 2);
            }
        }
        return new Fixture(schema, types, metadata, writer.bytes(), rows);
    }

    private static byte code(ColumnType type) {
        return (byte) type.getCode();
    }

    /** CHAR metadata as the server writes it: real type with bits 8-9 of the byte length folded in, then the low byte. */
    private static int charMetadata(int bytes) {
        return (ColumnType.STRING.getCode() ^ ((bytes & 0x300) >> 4)) << 8 | (bytes & 0xFF);
    }

    private static final int[] BYTES_FOR_DIGITS = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};

    /** MySQL's decimal2bin: groups of nine digits in four bytes, big-endian, negatives inverted, sign bit flipped. */
    private static byte[] decimal(BigDecimal value, int precision, int scale) {
        String digits = value.setScale(scale).unscaledValue().abs().toString();
        digits = "0".repeat(precision - digits.length()) + digits;
        int integerDigits = precision - scale;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String integer = digits.substring(0, integerDigits);
        int leading = integerDigits % 9;
        writeGroup(out, integer.substring(0, leading), BYTES_FOR_DIGITS[leading]);
        for (int i = leading; i < integerDigits; i += 9) {
            writeGroup(out, integer.substring(i, i + 9), 4);
        }
        String fraction = digits.substring(integerDigits);
        int full = scale / 9 * 9;
        for (int i = 0; i < full; i += 9) {
            writeGroup(out, fraction.substring(i, i + 9), 4);
        }
        writeGroup(out, fraction.substring(full), BYTES_FOR_DIGITS[scale - full]);
        byte[] bytes = out.toByteArray();
        if (value.signum() < 0) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] ^= (byte) 0xFF;
            }
        }
        bytes[0] ^= (byte) 0x80;
        return bytes;
    }

    private static void writeGroup(ByteArrayOutputStream out, String digits, int width) {
        long group = digits.isEmpty() ? 0 : Long.parseLong(digits);
        for (int i = width - 1; i >= 0; i--) {
            out.write((int) (group >>> (i * 8)));
        }
    }

    /** A WRITE_ROWS (v1) event body: table id, flags, column count, included columns, then the rows. */
    private static final class EventWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final int columns;

        EventWriter(int columns) {
            this.columns = columns;
            littleEndian(TABLE_ID, 6);
            littleEndian(0, 2);
            out.write(columns);
            raw(allColumns());
        }

        /** Starts a row with no NULL column. */
        void row() {
            row(-1);
        }

        /** Starts a row whose column {@code nullColumn} is NULL (-1: none). */
        void row(int nullColumn) {
            raw(nullColumn < 0 ? new byte[(columns + 7) / 8] : bitmapOf(nullColumn));
        }

        private byte[] allColumns() {
            byte[] bits = new byte[(columns + 7) / 8];
            for (int i = 0; i < columns; i++) {
                bits[i / 8] |= (byte) (1 << (i % 8));
            }
            return bits;
        }

        private byte[] bitmapOf(int column) {
            byte[] bits = new byte[(columns + 7) / 8];
            bits[column / 8] |= (byte) (1 << (column % 8));
            return bits;
        }

        void littleEndian(long value, int width) {
            for (int i = 0; i < width; i++) {
                out.write((int) (value >>> (i * 8)));
            }
        }

        void bigEndian(long value, int width) {
            for (int i = width - 1; i >= 0; i--) {
                out.write((int) (value >>> (i * 8)));
            }
        }

        void lengthPrefixed(byte[] bytes, int lengthWidth) {
            littleEndian(bytes.length, lengthWidth);
            raw(bytes);
        }

        void raw(byte[] bytes) {
            out.write(bytes, 0, bytes.length);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
