package io.sluice.mysql.predicate;

import static java.util.Objects.requireNonNull;

/**
 * The static type of an expression as MariaDB fixes it when it prepares a statement: the kind,
 * INT signedness, the DECIMAL scale ({@code decimals}) or fractional-second digits, and for strings
 * the collation and how strongly it binds (the derivation). These decide how values are compared,
 * exactly as the server decides before it reads any row.
 *
 * <p>Runtime values: INT a {@code Long} (the 64 bits; {@link #unsigned} says how to read them),
 * DECIMAL a {@code BigDecimal} (possibly with more digits than {@link #scale}, as MariaDB keeps
 * them), DOUBLE a {@code Double}, STRING a {@code String} (binary strings one char per byte), DATE,
 * DATETIME and TIME the {@code io.sluice.core.value} types; SQL NULL is {@code null}.
 */
record SqlType(Kind kind, boolean unsigned, int scale, Collation collation, Derivation derivation, boolean ascii) {
    static final SqlType NULL = new SqlType(Kind.NULL, false, 0, null, Derivation.IGNORABLE, true);
    static final SqlType SIGNED = new SqlType(Kind.INT, false, 0, null, Derivation.NUMERIC, true);
    static final SqlType UNSIGNED = new SqlType(Kind.INT, true, 0, null, Derivation.NUMERIC, true);
    /** MySQL's NOT_FIXED_DEC: a DOUBLE whose decimals are not fixed (columns, 1e3 literals, most arithmetic). */
    static final int NOT_FIXED = 39;
    static final SqlType DOUBLE = new SqlType(Kind.DOUBLE, false, NOT_FIXED, null, Derivation.NUMERIC, true);
    static final SqlType DATE = new SqlType(Kind.DATE, false, 0, null, Derivation.NUMERIC, true);

    enum Kind { NULL, INT, DECIMAL, DOUBLE, STRING, DATE, DATETIME, TIME }

    /** How strongly a string's collation binds (DTCollation derivation); lower wins. */
    enum Derivation { EXPLICIT, NONE, IMPLICIT, SYSCONST, COERCIBLE, NUMERIC, IGNORABLE }

    SqlType {
        requireNonNull(kind, "kind is null");
        requireNonNull(derivation, "derivation is null");
        if (kind == Kind.STRING) {
            requireNonNull(collation, "collation is null");
        }
    }

    static SqlType integer(boolean unsigned) {
        return unsigned ? UNSIGNED : SIGNED;
    }

    static SqlType decimal(int scale) {
        return new SqlType(Kind.DECIMAL, false, scale, null, Derivation.NUMERIC, true);
    }

    /** A DOUBLE with fixed decimals (ROUND(x, 2), FLOOR(x)); comparisons of two such values allow half a unit of error. */
    static SqlType real(int decimals) {
        return decimals >= NOT_FIXED ? DOUBLE : new SqlType(Kind.DOUBLE, false, decimals, null, Derivation.NUMERIC, true);
    }

    /** The decimals MySQL attributes to a value in a DOUBLE comparison ({@code Item::decimals}). */
    int realDecimals() {
        return switch (kind) {
            case INT -> 0;
            case DECIMAL, DOUBLE -> scale;
            default -> NOT_FIXED;
        };
    }

    static SqlType string(Collation collation, Derivation derivation, boolean ascii) {
        return new SqlType(Kind.STRING, false, 0, collation, derivation, ascii);
    }

    static SqlType datetime(int fsp) {
        return new SqlType(Kind.DATETIME, false, fsp, null, Derivation.NUMERIC, true);
    }

    static SqlType time(int fsp) {
        return new SqlType(Kind.TIME, false, fsp, null, Derivation.NUMERIC, true);
    }

    boolean isNumeric() {
        return kind == Kind.INT || kind == Kind.DECIMAL || kind == Kind.DOUBLE;
    }

    boolean isTemporal() {
        return kind == Kind.DATE || kind == Kind.DATETIME || kind == Kind.TIME;
    }

    boolean isString() {
        return kind == Kind.STRING;
    }

    boolean isNull() {
        return kind == Kind.NULL;
    }

    /** A user-facing name of the type, for messages. */
    String describe() {
        return switch (kind) {
            case NULL -> "NULL";
            case INT -> unsigned ? "BIGINT UNSIGNED" : "BIGINT";
            case DECIMAL -> "DECIMAL";
            case DOUBLE -> "DOUBLE";
            case STRING -> collation == Collation.BINARY ? "binary string" : "string (" + collation.name() + ")";
            case DATE -> "DATE";
            case DATETIME -> "DATETIME";
            case TIME -> "TIME";
        };
    }
}
