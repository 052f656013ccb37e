package io.sluice.core.schema;

import io.sluice.core.schema.ColumnType.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.EnumSet;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnTypeTest
{
    @ParameterizedTest
    @EnumSource(ColumnType.class)
    void testEveryTypeParsesFromItsLowerCaseName(ColumnType type)
    {
        assertThat(ColumnType.fromDataType(type.name().toLowerCase(Locale.ROOT))).isSameAs(type);
        assertThat(ColumnType.fromDataType(type.name())).isSameAs(type);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            integer             | INT
            INTEGER             | INT
            bool                | TINYINT
            boolean             | TINYINT
            dec                 | DECIMAL
            numeric             | DECIMAL
            fixed               | DECIMAL
            real                | DOUBLE
            double precision    | DOUBLE
            DOUBLE PRECISION    | DOUBLE
            "  VarChar  "       | VARCHAR
            "\\tbigint\\n"      | BIGINT
            LongText            | LONGTEXT
            geometrycollection  | GEOMETRYCOLLECTION
            """)
    void testAliasesCaseAndWhitespace(String dataType, ColumnType expected)
    {
        assertThat(ColumnType.fromDataType(dataType.translateEscapes())).isSameAs(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            " ",
            "varchar2",
            "nvarchar",
            "int unsigned",
            "tinyint(1)",
            "decimal(10,2)",
            "double  precision",
            "character varying",
            "serial",
            "vector",
            "int4",
            "category",
            "text[]",
            "in t",
    })
    void testUnsupportedDataTypesRejected(String dataType)
    {
        assertThatThrownBy(() -> ColumnType.fromDataType(dataType))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unsupported column data type '" + dataType + "'")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void testNullDataTypeRejected()
    {
        assertThatThrownBy(() -> ColumnType.fromDataType(null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void testParsingDoesNotDependOnDefaultLocale()
    {
        Locale original = Locale.getDefault();
        try {
            // Turkish upper-cases 'i' to a dotted capital I, which would break "int" -> "INT".
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertThat(ColumnType.fromDataType("int")).isSameAs(ColumnType.INT);
            assertThat(ColumnType.fromDataType("bigint")).isSameAs(ColumnType.BIGINT);
            assertThat(ColumnType.fromDataType("integer")).isSameAs(ColumnType.INT);
        }
        finally {
            Locale.setDefault(original);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            TINYINT            | INTEGER
            SMALLINT           | INTEGER
            MEDIUMINT          | INTEGER
            INT                | INTEGER
            BIGINT             | INTEGER
            DECIMAL            | DECIMAL
            FLOAT              | FLOAT
            DOUBLE             | DOUBLE
            BIT                | BIT
            DATE               | DATE
            TIME               | TIME
            DATETIME           | DATETIME
            TIMESTAMP          | TIMESTAMP
            YEAR               | YEAR
            CHAR               | TEXT
            VARCHAR            | TEXT
            TINYTEXT           | TEXT
            TEXT               | TEXT
            MEDIUMTEXT         | TEXT
            LONGTEXT           | TEXT
            BINARY             | BINARY
            VARBINARY          | BINARY
            TINYBLOB           | BINARY
            BLOB               | BINARY
            MEDIUMBLOB         | BINARY
            LONGBLOB           | BINARY
            UUID               | BINARY
            INET6              | BINARY
            INET4              | BINARY
            ENUM               | ENUM
            SET                | SET
            JSON               | JSON
            GEOMETRY           | GEOMETRY
            POINT              | GEOMETRY
            LINESTRING         | GEOMETRY
            POLYGON            | GEOMETRY
            MULTIPOINT         | GEOMETRY
            MULTILINESTRING    | GEOMETRY
            MULTIPOLYGON       | GEOMETRY
            GEOMETRYCOLLECTION | GEOMETRY
            """)
    void testCategory(ColumnType type, Category category)
    {
        assertThat(type.category()).isSameAs(category);
    }

    @ParameterizedTest
    @EnumSource(ColumnType.class)
    void testHasCharsetExactlyForTextEnumAndSet(ColumnType type)
    {
        boolean expected = EnumSet.of(Category.TEXT, Category.ENUM, Category.SET).contains(type.category());
        assertThat(type.hasCharset()).isEqualTo(expected);
    }

    @Test
    void testBinaryAndJsonHaveNoCharset()
    {
        assertThat(ColumnType.BLOB.hasCharset()).isFalse();
        assertThat(ColumnType.VARBINARY.hasCharset()).isFalse();
        assertThat(ColumnType.JSON.hasCharset()).isFalse();
        assertThat(ColumnType.GEOMETRY.hasCharset()).isFalse();
    }

    @Test
    void testFixedBinaryLengthOfMariaDbTypes()
    {
        assertThat(ColumnType.fromDataType("uuid").fixedBinaryLength()).isEqualTo(16);
        assertThat(ColumnType.fromDataType("INET6").fixedBinaryLength()).isEqualTo(16);
        assertThat(ColumnType.fromDataType("inet4").fixedBinaryLength()).isEqualTo(4);
        assertThat(ColumnType.BINARY.fixedBinaryLength()).isZero();
        assertThat(Column.of("u", ColumnType.UUID).length()).isEqualTo(16);
        assertThat(new Column("u", ColumnType.INET4, false, 0, 0, 0, 0, null, null, java.util.List.of(), true).length()).isEqualTo(4);
    }
}
