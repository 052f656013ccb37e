package io.sluice.core.schema;

import java.util.Locale;

/**
 * The SQL data type of a column as MySQL and MariaDB name it in {@code information_schema.COLUMNS.DATA_TYPE}.
 * The {@link Category} tells how values of the type are represented in a {@code Row}.
 */
public enum ColumnType {
    TINYINT(Category.INTEGER),
    SMALLINT(Category.INTEGER),
    MEDIUMINT(Category.INTEGER),
    INT(Category.INTEGER),
    BIGINT(Category.INTEGER),
    DECIMAL(Category.DECIMAL),
    FLOAT(Category.FLOAT),
    DOUBLE(Category.DOUBLE),
    BIT(Category.BIT),
    DATE(Category.DATE),
    TIME(Category.TIME),
    DATETIME(Category.DATETIME),
    TIMESTAMP(Category.TIMESTAMP),
    YEAR(Category.YEAR),
    CHAR(Category.TEXT),
    VARCHAR(Category.TEXT),
    TINYTEXT(Category.TEXT),
    TEXT(Category.TEXT),
    MEDIUMTEXT(Category.TEXT),
    LONGTEXT(Category.TEXT),
    BINARY(Category.BINARY),
    VARBINARY(Category.BINARY),
    TINYBLOB(Category.BINARY),
    BLOB(Category.BINARY),
    MEDIUMBLOB(Category.BINARY),
    LONGBLOB(Category.BINARY),
    /** MariaDB's UUID: 16 bytes in the order of its text (the binlog's and {@code CAST(v AS BINARY(16))}'s form). */
    UUID(Category.BINARY, 16),
    /** MariaDB's INET6: the 16 bytes of the IPv6 address in network order. */
    INET6(Category.BINARY, 16),
    /** MariaDB's INET4: the 4 bytes of the IPv4 address in network order. */
    INET4(Category.BINARY, 4),
    ENUM(Category.ENUM),
    SET(Category.SET),
    JSON(Category.JSON),
    GEOMETRY(Category.GEOMETRY),
    POINT(Category.GEOMETRY),
    LINESTRING(Category.GEOMETRY),
    POLYGON(Category.GEOMETRY),
    MULTIPOINT(Category.GEOMETRY),
    MULTILINESTRING(Category.GEOMETRY),
    MULTIPOLYGON(Category.GEOMETRY),
    GEOMETRYCOLLECTION(Category.GEOMETRY);

    /**
     * How a value is held in memory. Integers are {@code Integer} up to signed INT and unsigned
     * MEDIUMINT, {@code Long} for unsigned INT and signed BIGINT, {@code BigInteger} for unsigned
     * BIGINT; BIT is a {@code Long} holding the bits; TEXT is a {@code String} unless the column's
     * charset is {@code binary}, then {@code byte[]}; BINARY, GEOMETRY are {@code byte[]}; JSON is
     * the JSON text; ENUM and SET are the member text as MySQL prints it; temporal types use the
     * {@code io.sluice.core.value} types that can represent zero dates and negative times.
     */
    public enum Category {
        INTEGER, DECIMAL, FLOAT, DOUBLE, BIT, DATE, TIME, DATETIME, TIMESTAMP, YEAR,
        TEXT, BINARY, ENUM, SET, JSON, GEOMETRY
    }

    private final Category category;
    private final int fixedBinaryLength;

    ColumnType(Category category) {
        this(category, 0);
    }

    ColumnType(Category category, int fixedBinaryLength) {
        this.category = category;
        this.fixedBinaryLength = fixedBinaryLength;
    }

    public Category category() {
        return category;
    }

    /**
     * The number of bytes of every value of MariaDB's UUID (16), INET6 (16) and INET4 (4), 0 for
     * every other type. Their values are those bytes ({@code byte[]}), which the server accepts
     * bound as binary and returns for {@code CAST(v AS BINARY(n))}; the binlog strips their
     * trailing zero bytes, as it does BINARY(n)'s, and their text form is what {@code SELECT}
     * shows ({@code io.sluice.core.value.MysqlValueText} renders it).
     */
    public int fixedBinaryLength() {
        return fixedBinaryLength;
    }

    public boolean hasCharset() {
        return category == Category.TEXT || category == Category.ENUM || category == Category.SET;
    }

    /**
     * Parses a DATA_TYPE such as {@code varchar}, {@code bigint} or {@code uuid}; MariaDB reports
     * JSON columns as {@code longtext}.
     */
    public static ColumnType fromDataType(String dataType) {
        String normalized = dataType.trim().toUpperCase(Locale.ROOT);
        return switch (normalized) {
            case "INTEGER" -> INT;
            case "BOOL", "BOOLEAN" -> TINYINT;
            case "DEC", "NUMERIC", "FIXED" -> DECIMAL;
            case "REAL", "DOUBLE PRECISION" -> DOUBLE;
            default -> {
                try {
                    yield valueOf(normalized);
                }
                catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Unsupported column data type '" + dataType + "'", e);
                }
            }
        };
    }
}
