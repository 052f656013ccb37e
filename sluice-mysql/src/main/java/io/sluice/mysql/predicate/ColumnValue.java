package io.sluice.mysql.predicate;

import static java.util.Objects.requireNonNull;

import io.sluice.core.event.Row;
import io.sluice.core.schema.Column;
import io.sluice.core.value.MysqlDateTime;
import io.sluice.core.value.MysqlTimestamp;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;

/**
 * Reads one column of a row image and turns the decoded value into the evaluation representation
 * of its {@link SqlType} (integers as 64-bit {@code Long}, FLOAT widened to double as MySQL does,
 * TIMESTAMP as the UTC DATETIME that Sluice's UTC source sessions see, binary as one char per byte).
 */
final class ColumnValue implements Eval {
    private final int index;
    private final Column column;
    private final SqlType type;
    private final UnaryOperator<Object> reader;

    private ColumnValue(int index, Column column, SqlType type, UnaryOperator<Object> reader) {
        this.index = index;
        this.column = requireNonNull(column, "column is null");
        this.type = requireNonNull(type, "type is null");
        this.reader = requireNonNull(reader, "reader is null");
    }

    /**
     * The column as an expression operand.
     *
     * @throws IllegalArgumentException naming what is not supported, when the column's type or collation cannot be evaluated
     */
    static ColumnValue of(int index, Column column) {
        return switch (column.type().category()) {
            case INTEGER -> new ColumnValue(index, column, SqlType.integer(column.unsigned()), value -> ((Number) value).longValue());
            case YEAR, BIT -> new ColumnValue(index, column, SqlType.UNSIGNED, value -> ((Number) value).longValue());
            case DECIMAL -> new ColumnValue(index, column, SqlType.decimal(column.scale()), UnaryOperator.identity());
            case FLOAT -> new ColumnValue(index, column, SqlType.DOUBLE, value -> ((Float) value).doubleValue());
            case DOUBLE -> new ColumnValue(index, column, SqlType.DOUBLE, UnaryOperator.identity());
            case DATE -> new ColumnValue(index, column, SqlType.DATE, UnaryOperator.identity());
            case DATETIME -> new ColumnValue(index, column, SqlType.datetime(column.fsp()), UnaryOperator.identity());
            case TIMESTAMP -> new ColumnValue(index, column, SqlType.datetime(column.fsp()), value -> utc((MysqlTimestamp) value));
            case TIME -> new ColumnValue(index, column, SqlType.time(column.fsp()), UnaryOperator.identity());
            case TEXT, ENUM, SET -> {
                Collation collation = collation(column);
                SqlType type = SqlType.string(collation, SqlType.Derivation.IMPLICIT, collation.charset() == TextCharset.ASCII);
                yield collation == Collation.BINARY
                        ? new ColumnValue(index, column, type, ColumnValue::bytes)
                        : new ColumnValue(index, column, type, value -> value instanceof byte[] raw ? text(raw, collation.charset()) : value);
            }
            case BINARY -> {
                if (column.type().fixedBinaryLength() > 0) {
                    // the server compares these as their type (a text literal is parsed as an address or UUID)
                    throw new IllegalArgumentException(column.type() + " columns compare with rules that row predicates do not "
                            + "reproduce; only IS NULL and IS NOT NULL are supported on them");
                }
                yield new ColumnValue(index, column, SqlType.string(Collation.BINARY, SqlType.Derivation.IMPLICIT, false), ColumnValue::bytes);
            }
            case JSON -> throw new IllegalArgumentException("JSON columns compare with JSON rules that row predicates do not reproduce; "
                    + "only IS NULL and IS NOT NULL are supported on them");
            case GEOMETRY -> throw new IllegalArgumentException("spatial columns can only be tested with IS NULL or IS NOT NULL");
        };
    }

    private static Collation collation(Column column) {
        String name = column.collation() != null ? column.collation() : defaultCollation(column.charset());
        return Collation.forName(name).orElseThrow(() -> new IllegalArgumentException("its collation " + name
                + " is not supported in row predicates (supported: " + String.join(", ", Collation.supportedNames()) + ")"));
    }

    private static String defaultCollation(String charset) {
        return switch (charset) {
            case "binary" -> "binary";
            case "latin1" -> "latin1_swedish_ci";
            default -> charset + "_general_ci";
        };
    }

    /**
     * A text value the decoder kept as bytes because utf8mb4 cannot carry it exactly (an ascii byte
     * over 0x7F; the other charsets predicates support always decode to text): read as the
     * server's conversion to utf8mb4 reads it, such a byte as '?'.
     */
    private static String text(byte[] raw, TextCharset charset) {
        if (charset != TextCharset.ASCII) {
            return charset.fromBinary(new String(raw, StandardCharsets.ISO_8859_1)).orElseGet(() -> new String(raw, StandardCharsets.UTF_8));
        }
        char[] chars = new char[raw.length];
        for (int i = 0; i < raw.length; i++) {
            chars[i] = raw[i] >= 0 ? (char) raw[i] : '?';
        }
        return new String(chars);
    }

    private static Object bytes(Object value) {
        return new String((byte[]) value, StandardCharsets.ISO_8859_1);
    }

    private static MysqlDateTime utc(MysqlTimestamp timestamp) {
        if (timestamp.isZero()) {
            return new MysqlDateTime(0, 0, 0, 0, 0, 0, 0);
        }
        LocalDateTime local = LocalDateTime.ofEpochSecond(timestamp.epochSecond(), 0, ZoneOffset.UTC);
        return new MysqlDateTime(local.getYear(), local.getMonthValue(), local.getDayOfMonth(),
                local.getHour(), local.getMinute(), local.getSecond(), timestamp.micros());
    }

    Column column() {
        return column;
    }

    int index() {
        return index;
    }

    @Override
    public SqlType type() {
        return type;
    }

    @Override
    public Object eval(Row row) {
        if (!row.isPresent(index)) {
            throw new AbsentColumn(column.name());
        }
        Object value = row.get(index);
        return value == null ? null : reader.apply(value);
    }

    @Override
    public boolean isConstant() {
        return false;
    }

    @Override
    public boolean nullable() {
        return column.nullable();
    }

    /** Thrown when the row image does not contain a column the expression reads (MINIMAL or NOBLOB images). */
    static final class AbsentColumn extends RuntimeException {
        private final String column;

        AbsentColumn(String column) {
            super(column, null, false, false);
            this.column = column;
        }

        String column() {
            return column;
        }
    }
}
