package io.sluice.core.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One column of a table with the full type information needed to decode and re-encode its values
 * exactly: signedness, length, precision and scale, fractional-second precision, character set
 * and collation, and the members of an ENUM or SET.
 *
 * @param length character length for CHAR/VARCHAR/TEXT, byte length for BINARY/VARBINARY/BLOB and UUID/INET6/INET4, bits for BIT; 0 when not applicable
 * @param precision digits for DECIMAL; 0 otherwise
 * @param scale digits after the point for DECIMAL; 0 otherwise
 * @param fsp fractional-second digits (0..6) for TIME, DATETIME, TIMESTAMP; 0 otherwise
 * @param charset MySQL character set name ({@code utf8mb4}, {@code latin1}, {@code binary}...) for text, ENUM and SET; null otherwise
 * @param collation MySQL collation name; null when there is no charset
 * @param members ENUM or SET members in definition order; empty otherwise
 */
public record Column(
        String name,
        ColumnType type,
        boolean unsigned,
        long length,
        int precision,
        int scale,
        int fsp,
        String charset,
        String collation,
        List<String> members,
        boolean nullable) {
    public Column {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        members = List.copyOf(requireNonNull(members, "members is null"));
        if (type.fixedBinaryLength() > 0) {
            // UUID/INET6/INET4 have one width whatever a caller read (information_schema reports no length for them)
            length = type.fixedBinaryLength();
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("column name is empty");
        }
        if (length < 0 || precision < 0 || scale < 0) {
            throw new IllegalArgumentException("column " + name + ": length, precision and scale must be >= 0");
        }
        if (precision > 65 || scale > 38 || scale > precision) {
            throw new IllegalArgumentException("column " + name + ": invalid DECIMAL(" + precision + "," + scale + ")");
        }
        if (fsp < 0 || fsp > 6) {
            throw new IllegalArgumentException("column " + name + ": fractional-second precision must be 0..6, was " + fsp);
        }
        if (type.hasCharset() && charset == null) {
            throw new IllegalArgumentException("column " + name + " of type " + type + " needs a charset");
        }
        if ((type == ColumnType.ENUM || type == ColumnType.SET) && members.isEmpty()) {
            throw new IllegalArgumentException("column " + name + " of type " + type + " needs its members");
        }
        if (unsigned && type.category() != ColumnType.Category.INTEGER
                && type.category() != ColumnType.Category.DECIMAL
                && type.category() != ColumnType.Category.FLOAT
                && type.category() != ColumnType.Category.DOUBLE) {
            throw new IllegalArgumentException("column " + name + ": type " + type + " cannot be unsigned");
        }
    }

    /** A column without length, precision, charset or members; convenient for numeric and temporal types in tests. */
    public static Column of(String name, ColumnType type) {
        return new Column(name, type, false, 0, 0, 0, 0, null, null, List.of(), true);
    }

    /** True for text columns whose values are bytes, not characters ({@code CHARACTER SET binary}). */
    public boolean isBinaryText() {
        return type.category() == ColumnType.Category.TEXT && "binary".equals(charset);
    }
}
