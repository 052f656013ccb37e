package io.sluice.core.schema;

import io.sluice.core.schema.ColumnType.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnTest
{
    private static final EnumSet<Category> NUMERIC = EnumSet.of(Category.INTEGER, Category.DECIMAL, Category.FLOAT, Category.DOUBLE);

    /** A column of the given type with exactly what that type requires (charset, members). */
    private static Column minimal(ColumnType type, boolean unsigned)
    {
        String charset = type.hasCharset() ? "utf8mb4" : null;
        String collation = type.hasCharset() ? "utf8mb4_general_ci" : null;
        List<String> members = type == ColumnType.ENUM || type == ColumnType.SET ? List.of("a", "b") : List.of();
        return new Column("c", type, unsigned, 0, 0, 0, 0, charset, collation, members, true);
    }

    private static Column column(ColumnType type, long length, int precision, int scale, int fsp)
    {
        return new Column("c", type, false, length, precision, scale, fsp, null, null, List.of(), true);
    }

    @Test
    void testOf()
    {
        Column column = Column.of("id", ColumnType.BIGINT);
        assertThat(column.name()).isEqualTo("id");
        assertThat(column.type()).isSameAs(ColumnType.BIGINT);
        assertThat(column.unsigned()).isFalse();
        assertThat(column.length()).isZero();
        assertThat(column.precision()).isZero();
        assertThat(column.scale()).isZero();
        assertThat(column.fsp()).isZero();
        assertThat(column.charset()).isNull();
        assertThat(column.collation()).isNull();
        assertThat(column.members()).isEmpty();
        assertThat(column.nullable()).isTrue();
    }

    @Test
    void testFullyDescribedColumns()
    {
        Column varchar = new Column("name", ColumnType.VARCHAR, false, 255, 0, 0, 0, "utf8mb4", "utf8mb4_0900_ai_ci", List.of(), false);
        assertThat(varchar.length()).isEqualTo(255);
        assertThat(varchar.charset()).isEqualTo("utf8mb4");
        assertThat(varchar.collation()).isEqualTo("utf8mb4_0900_ai_ci");
        assertThat(varchar.nullable()).isFalse();

        Column decimal = new Column("price", ColumnType.DECIMAL, true, 0, 10, 2, 0, null, null, List.of(), true);
        assertThat(decimal.precision()).isEqualTo(10);
        assertThat(decimal.scale()).isEqualTo(2);
        assertThat(decimal.unsigned()).isTrue();

        Column enumColumn = new Column("color", ColumnType.ENUM, false, 0, 0, 0, 0, "latin1", "latin1_swedish_ci", List.of("red", "green", ""), true);
        assertThat(enumColumn.members()).containsExactly("red", "green", "");

        Column datetime = new Column("at", ColumnType.DATETIME, false, 0, 0, 0, 6, null, null, List.of(), true);
        assertThat(datetime.fsp()).isEqualTo(6);

        Column bit = new Column("flags", ColumnType.BIT, false, 64, 0, 0, 0, null, null, List.of(), true);
        assertThat(bit.length()).isEqualTo(64);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            0, 0
            1, 0
            10, 2
            65, 0
            65, 30
            65, 38
            38, 38
            """)
    void testValidDecimalPrecisionAndScale(int precision, int scale)
    {
        Column column = column(ColumnType.DECIMAL, 0, precision, scale, 0);
        assertThat(column.precision()).isEqualTo(precision);
        assertThat(column.scale()).isEqualTo(scale);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            66, 0
            66, 2
            100, 10
            65, 39
            40, 39
            2147483647, 0
            """)
    void testDecimalPrecisionAndScaleLimits(int precision, int scale)
    {
        assertThatThrownBy(() -> column(ColumnType.DECIMAL, 0, precision, scale, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column c: invalid DECIMAL(" + precision + "," + scale + ")");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            5, 10
            0, 1
            10, 11
            """)
    void testScaleAbovePrecisionRejected(int precision, int scale)
    {
        assertThatThrownBy(() -> column(ColumnType.DECIMAL, 0, precision, scale, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column c: invalid DECIMAL(" + precision + "," + scale + ")");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            -1, 0, 0
            0, -1, 0
            0, 0, -1
            -9223372036854775808, 0, 0
            0, -2147483648, 0
            0, 0, -2147483648
            """)
    void testNegativeLengthPrecisionOrScaleRejected(long length, int precision, int scale)
    {
        assertThatThrownBy(() -> column(ColumnType.DECIMAL, length, precision, scale, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column c: length, precision and scale must be >= 0");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            TIME, 0
            TIME, 3
            TIME, 6
            DATETIME, 1
            DATETIME, 2
            TIMESTAMP, 4
            TIMESTAMP, 5
            """)
    void testValidFsp(ColumnType type, int fsp)
    {
        assertThat(column(type, 0, 0, 0, fsp).fsp()).isEqualTo(fsp);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            TIME, -1
            DATETIME, 7
            TIMESTAMP, 10
            TIMESTAMP, -2147483648
            TIMESTAMP, 2147483647
            """)
    void testFspOutOfRangeRejected(ColumnType type, int fsp)
    {
        assertThatThrownBy(() -> column(type, 0, 0, 0, fsp))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column c: fractional-second precision must be 0..6, was " + fsp);
    }

    @ParameterizedTest
    @EnumSource(value = ColumnType.class, names = {"CHAR", "VARCHAR", "TINYTEXT", "TEXT", "MEDIUMTEXT", "LONGTEXT", "ENUM", "SET"})
    void testCharsetRequiredForTextEnumAndSet(ColumnType type)
    {
        assertThatThrownBy(() -> new Column("c", type, false, 10, 0, 0, 0, null, null, List.of("a"), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column c of type " + type + " needs a charset");
    }

    @ParameterizedTest
    @EnumSource(value = ColumnType.class, names = {"BINARY", "VARBINARY", "BLOB", "JSON", "GEOMETRY", "INT", "DATE", "BIT"})
    void testCharsetNotRequiredForOtherTypes(ColumnType type)
    {
        assertThatCode(() -> new Column("c", type, false, 10, 0, 0, 0, null, null, List.of(), true))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @EnumSource(value = ColumnType.class, names = {"ENUM", "SET"})
    void testMembersRequiredForEnumAndSet(ColumnType type)
    {
        assertThatThrownBy(() -> new Column("c", type, false, 0, 0, 0, 0, "utf8mb4", "utf8mb4_bin", List.of(), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column c of type " + type + " needs its members");
    }

    @ParameterizedTest
    @EnumSource(ColumnType.class)
    void testUnsignedOnlyOnNumericTypes(ColumnType type)
    {
        if (NUMERIC.contains(type.category())) {
            assertThat(minimal(type, true).unsigned()).isTrue();
        }
        else {
            assertThatThrownBy(() -> minimal(type, true))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("column c: type " + type + " cannot be unsigned");
        }
    }

    @ParameterizedTest
    @EnumSource(ColumnType.class)
    void testEveryTypeHasAValidSignedColumn(ColumnType type)
    {
        assertThat(minimal(type, false).type()).isSameAs(type);
    }

    @Test
    void testEmptyNameRejected()
    {
        assertThatThrownBy(() -> Column.of("", ColumnType.INT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column name is empty");
    }

    @Test
    void testNullsRejected()
    {
        assertThatThrownBy(() -> Column.of(null, ColumnType.INT))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("name is null");
        assertThatThrownBy(() -> Column.of("c", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("type is null");
        assertThatThrownBy(() -> new Column("c", ColumnType.INT, false, 0, 0, 0, 0, null, null, null, true))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("members is null");
        List<String> withNull = new ArrayList<>();
        withNull.add("a");
        withNull.add(null);
        assertThatThrownBy(() -> new Column("c", ColumnType.ENUM, false, 0, 0, 0, 0, "utf8mb4", null, withNull, true))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void testMembersAreCopiedAndImmutable()
    {
        List<String> members = new ArrayList<>(List.of("x", "y"));
        Column column = new Column("c", ColumnType.SET, false, 0, 0, 0, 0, "utf8mb4", "utf8mb4_bin", members, true);
        members.add("z");
        members.set(0, "changed");
        assertThat(column.members()).containsExactly("x", "y");
        assertThatThrownBy(() -> column.members().add("w")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void testIsBinaryText()
    {
        assertThat(new Column("c", ColumnType.VARCHAR, false, 10, 0, 0, 0, "binary", "binary", List.of(), true).isBinaryText()).isTrue();
        assertThat(new Column("c", ColumnType.LONGTEXT, false, 0, 0, 0, 0, "binary", null, List.of(), true).isBinaryText()).isTrue();
        // A binary collation does not make the values bytes; only the binary charset does.
        assertThat(new Column("c", ColumnType.VARCHAR, false, 10, 0, 0, 0, "utf8mb4", "utf8mb4_bin", List.of(), true).isBinaryText()).isFalse();
        assertThat(new Column("c", ColumnType.CHAR, false, 10, 0, 0, 0, "latin1", "latin1_bin", List.of(), true).isBinaryText()).isFalse();
        assertThat(new Column("c", ColumnType.VARBINARY, false, 10, 0, 0, 0, "binary", null, List.of(), true).isBinaryText()).isFalse();
        assertThat(new Column("c", ColumnType.ENUM, false, 0, 0, 0, 0, "binary", null, List.of("a"), true).isBinaryText()).isFalse();
        assertThat(Column.of("c", ColumnType.BLOB).isBinaryText()).isFalse();
    }

    @Test
    void testEquality()
    {
        assertThat(Column.of("a", ColumnType.INT)).isEqualTo(Column.of("a", ColumnType.INT));
        assertThat(Column.of("a", ColumnType.INT)).hasSameHashCodeAs(Column.of("a", ColumnType.INT));
        assertThat(Column.of("a", ColumnType.INT)).isNotEqualTo(Column.of("A", ColumnType.INT));
        assertThat(Column.of("a", ColumnType.INT)).isNotEqualTo(Column.of("a", ColumnType.BIGINT));
    }

    static Stream<Arguments> malformedColumns()
    {
        return Stream.of(
                Arguments.of("empty name", (Runnable) () -> new Column("", ColumnType.INT, false, 0, 0, 0, 0, null, null, List.of(), true), "column name is empty"),
                Arguments.of("negative length", (Runnable) () -> new Column("c", ColumnType.VARCHAR, false, -1, 0, 0, 0, "utf8mb4", null, List.of(), true), "must be >= 0"),
                Arguments.of("precision 66", (Runnable) () -> new Column("c", ColumnType.DECIMAL, false, 0, 66, 0, 0, null, null, List.of(), true), "invalid DECIMAL(66,0)"),
                Arguments.of("scale 39", (Runnable) () -> new Column("c", ColumnType.DECIMAL, false, 0, 65, 39, 0, null, null, List.of(), true), "invalid DECIMAL(65,39)"),
                Arguments.of("fsp 7", (Runnable) () -> new Column("c", ColumnType.TIME, false, 0, 0, 0, 7, null, null, List.of(), true), "0..6, was 7"),
                Arguments.of("varchar without charset", (Runnable) () -> new Column("c", ColumnType.VARCHAR, false, 5, 0, 0, 0, null, "utf8mb4_bin", List.of(), true), "needs a charset"),
                Arguments.of("enum without members", (Runnable) () -> new Column("c", ColumnType.ENUM, false, 0, 0, 0, 0, "utf8mb4", null, List.of(), true), "needs its members"),
                Arguments.of("unsigned varchar", (Runnable) () -> new Column("c", ColumnType.VARCHAR, true, 5, 0, 0, 0, "utf8mb4", null, List.of(), true), "cannot be unsigned"),
                Arguments.of("unsigned year", (Runnable) () -> new Column("c", ColumnType.YEAR, true, 0, 0, 0, 0, null, null, List.of(), true), "cannot be unsigned"),
                Arguments.of("unsigned bit", (Runnable) () -> new Column("c", ColumnType.BIT, true, 8, 0, 0, 0, null, null, List.of(), true), "cannot be unsigned"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedColumns")
    void testMalformedColumns(String description, Runnable construct, String message)
    {
        assertThatThrownBy(construct::run)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
