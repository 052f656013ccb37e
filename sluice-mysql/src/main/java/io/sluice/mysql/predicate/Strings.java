package io.sluice.mysql.predicate;

import io.sluice.core.schema.ColumnType;
import io.sluice.mysql.predicate.SqlType.Derivation;

import java.math.BigDecimal;
import java.util.List;

/**
 * Strings in expressions: {@code val_str} of every operand type, and MariaDB's collation
 * aggregation (DTCollation::aggregate), which decides the collation a comparison, LIKE or string
 * function uses from its operands' collations and derivations: a column's collation beats a
 * literal's, a Unicode charset absorbs latin1, {@code _bin} wins over {@code _ci} of the same
 * charset, and anything else is MySQL's "Illegal mix of collations" error.
 */
final class Strings {
    private Strings() {}

    /** val_str: the operand as a string; numbers and temporal values get MySQL's numeric collation. */
    static Eval toText(Eval e) {
        SqlType numeric = SqlType.string(Collation.NUMERIC, Derivation.NUMERIC, true);
        return switch (e.type().kind()) {
            case STRING -> e;
            case NULL -> new Constant(SqlType.string(Collation.BINARY, Derivation.IGNORABLE, true), null);
            case INT -> {
                if (e instanceof ColumnValue column && column.column().type().category() == ColumnType.Category.BIT) {
                    throw new IllegalArgumentException("BIT column " + column.column().name() + " is a binary string in string "
                            + "contexts; compare it with numbers instead");
                }
                if (e instanceof ColumnValue column && column.column().type().category() == ColumnType.Category.YEAR) {
                    yield Conversions.map(e, numeric, v -> String.format(java.util.Locale.ROOT, "%04d", (Long) v));
                }
                boolean unsigned = e.type().unsigned();
                yield Conversions.map(e, numeric, v -> Conversions.integerText((Long) v, unsigned));
            }
            case DECIMAL -> {
                int scale = e.type().scale();
                // MySQL prints a DECIMAL with exactly its decimals, rounding or padding the value it holds
                yield Conversions.map(e, numeric, v -> Decimals.text((BigDecimal) v, scale));
            }
            case DOUBLE -> throw new IllegalArgumentException("FLOAT and DOUBLE values have no exact text form; "
                    + "use them in numeric comparisons only");
            case DATE, DATETIME, TIME -> {
                int fsp = e.type().scale();
                yield Conversions.map(e, numeric, v -> Temporals.text(v, fsp));
            }
        };
    }

    /** Aggregates collations for a comparison or LIKE (no numeric-to-connection reset). */
    static SqlType aggregateForComparison(List<SqlType> types) {
        SqlType result = null;
        for (SqlType type : types) {
            if (type.isNull()) {
                continue;
            }
            SqlType text = textType(type);
            result = result == null ? text : aggregate(result, text);
        }
        return result == null ? SqlType.string(Collation.BINARY, Derivation.IGNORABLE, true) : result;
    }

    /** Aggregates collations for a function returning a string: all-numeric arguments give the connection collation. */
    static SqlType aggregateForResult(List<SqlType> types) {
        SqlType result = aggregateForComparison(types);
        if (result.derivation() == Derivation.NUMERIC) {
            return SqlType.string(Collation.CONNECTION, Derivation.COERCIBLE, true);
        }
        return result;
    }

    private static SqlType textType(SqlType type) {
        return type.isString() ? type : SqlType.string(Collation.NUMERIC, Derivation.NUMERIC, true);
    }

    private static SqlType aggregate(SqlType a, SqlType b) {
        Collation ca = a.collation();
        Collation cb = b.collation();
        boolean ascii = a.ascii() && b.ascii();
        SqlType winner;
        if (ca.charset() != cb.charset()) {
            if (ca == Collation.BINARY) {
                winner = a.derivation().compareTo(b.derivation()) <= 0 ? a : b;
            }
            else if (cb == Collation.BINARY) {
                winner = b.derivation().compareTo(a.derivation()) <= 0 ? b : a;
            }
            else if (leftIsSuperset(a, b)) {
                winner = a;
            }
            else if (leftIsSuperset(b, a)) {
                winner = b;
            }
            else if (a.derivation().compareTo(b.derivation()) < 0 && b.derivation().compareTo(Derivation.SYSCONST) >= 0) {
                winner = a;
            }
            else if (b.derivation().compareTo(a.derivation()) < 0 && a.derivation().compareTo(Derivation.SYSCONST) >= 0) {
                winner = b;
            }
            else {
                throw illegalMix(a, b);
            }
        }
        else if (a.derivation() != b.derivation()) {
            winner = a.derivation().compareTo(b.derivation()) < 0 ? a : b;
        }
        else if (ca == cb) {
            winner = a;
        }
        else if (ca.isBinarySort() && !cb.isBinarySort()) {
            winner = a;
        }
        else if (cb.isBinarySort() && !ca.isBinarySort()) {
            winner = b;
        }
        else {
            throw illegalMix(a, b);
        }
        return SqlType.string(winner.collation(), winner.derivation(), ascii);
    }

    /** left_is_superset(): conversion into a Unicode charset, or from pure ASCII text, is allowed. */
    private static boolean leftIsSuperset(SqlType left, SqlType right) {
        TextCharset l = left.collation().charset();
        TextCharset r = right.collation().charset();
        int order = left.derivation().compareTo(right.derivation());
        if (l.isUnicode() && (order < 0 || (order == 0 && (!r.isUnicode() || (l.hasSupplementary() && !r.hasSupplementary()))))) {
            return true;
        }
        return right.ascii() && (order < 0 || (order == 0 && !left.ascii()));
    }

    private static IllegalArgumentException illegalMix(SqlType a, SqlType b) {
        return new IllegalArgumentException("Illegal mix of collations (" + a.collation().name() + "," + a.derivation()
                + ") and (" + b.collation().name() + "," + b.derivation() + "): MariaDB refuses to compare them");
    }

    /**
     * The operand's strings in the charset of {@code target}. Text to binary is encoding; binary or
     * text constants converted into another charset are checked now, as MySQL refuses a constant it
     * cannot convert ("Illegal mix of collations").
     */
    static Eval convert(Eval text, Collation target) {
        if (text.type().isNull()) {
            return text;
        }
        Collation source = text.type().collation();
        if (source.charset() == target.charset()) {
            return text;
        }
        if (target.charset() == TextCharset.BINARY) {
            TextCharset charset = source.charset();
            return Conversions.map(text, SqlType.string(target, text.type().derivation(), false), v -> charset.toBinary((String) v));
        }
        if (text.isConstant()) {
            String value = (String) text.eval(null);
            if (value == null) {
                return text;
            }
            String converted = source.charset() == TextCharset.BINARY ? target.charset().fromBinary(value).orElse(null)
                    : target.charset().canEncode(value) ? value : null;
            if (converted == null) {
                throw new IllegalArgumentException("Illegal mix of collations: the constant '" + value + "' cannot be converted to "
                        + target.charset().mysqlName());
            }
            return new Constant(SqlType.string(target, text.type().derivation(), text.type().ascii()), converted);
        }
        if (source.charset() == TextCharset.BINARY) {
            throw new IllegalArgumentException("a binary expression would be converted to " + target.charset().mysqlName()
                    + " per row; compare it with binary strings or use a column of the same character set");
        }
        if (!target.charset().isUnicode() && !text.type().ascii()) {
            // Item_func_conv_charset is only "safe" into Unicode or from pure ASCII text
            throw new IllegalArgumentException("Illegal mix of collations (" + source.name() + "," + text.type().derivation()
                    + ") and (" + target.name() + "): MariaDB refuses to convert this expression to " + target.charset().mysqlName());
        }
        // Unicode text in Java strings already; characters the target lacks weigh as '?', as MySQL converts them
        return text;
    }
}
