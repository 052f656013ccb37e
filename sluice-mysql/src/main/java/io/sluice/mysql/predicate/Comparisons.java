package io.sluice.mysql.predicate;

import static java.util.Objects.requireNonNull;

import io.sluice.core.event.Row;
import io.sluice.core.schema.ColumnType;
import io.sluice.core.value.MysqlDateTime;
import io.sluice.mysql.predicate.Node.CompareOp;
import io.sluice.mysql.predicate.SqlType.Kind;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Comparison, IN and BETWEEN with MariaDB's rules for choosing how two values compare
 * (Type_handler_hybrid_field_type::aggregate_for_comparison): two integers exactly (signed and
 * unsigned mixed correctly), integers with DECIMALs or strings as DECIMAL (so {@code '12abc' = 12}),
 * strings with strings under the aggregated collation, anything temporal chronologically,
 * everything else as DOUBLE. A BIGINT column compared with a constant string or number is
 * compared as an integer when the constant converts to one without loss, as the server's
 * {@code convert_const_to_int} does.
 */
final class Comparisons {
    private Comparisons() {}

    /** How a pair of values is compared. */
    enum Mode { NULL, INT, DECIMAL, DOUBLE, STRING, DATETIME, TIME }

    @FunctionalInterface
    interface ValueComparator {
        int compare(Object a, Object b);
    }

    /** Two operands converted to one comparable representation, and how to order them. */
    record Prepared(Eval left, Eval right, ValueComparator comparator) {
        Prepared {
            requireNonNull(left, "left is null");
            requireNonNull(right, "right is null");
            requireNonNull(comparator, "comparator is null");
        }
    }

    static Condition compare(CompareOp op, Eval left, Eval right) {
        Eval[] operands = {numericIfHybrid(left, right), numericIfHybrid(right, left)};
        convertConstantsComparedWithBigint(operands);
        Mode mode = mode(operands[0].type(), operands[1].type());
        if (mode == Mode.DOUBLE && (decimalAgainstStringConstant(operands[0], operands[1]) || decimalAgainstStringConstant(operands[1], operands[0]))) {
            // Arg_comparator: a non-constant DECIMAL and a constant string compare as DECIMAL, "not to lose precision"
            mode = Mode.DECIMAL;
        }
        Prepared prepared = prepare(mode, operands[0], operands[1], List.of(operands[0].type(), operands[1].type()), true);
        return new Compare(op, prepared);
    }

    static Condition in(Eval operand, List<Eval> hybridValues, boolean negated) {
        List<Eval> values = hybridValues.stream().map(v -> numericIfHybrid(v, operand)).toList();
        checkYearConstants(operand, values);
        List<Mode> modes = new ArrayList<>();
        List<SqlType> stringTypes = new ArrayList<>(List.of(operand.type()));
        for (Eval value : values) {
            if ((operand.type().kind() == Kind.DECIMAL && value.type().isString()) || (operand.type().isString() && value.type().kind() == Kind.DECIMAL)) {
                // MariaDB compares these as DOUBLE in a SELECT list but as DECIMAL in WHERE, and not always the same way
                throw new IllegalArgumentException("IN cannot mix a DECIMAL value with strings; compare it with numbers");
            }
            Mode mode = mode(operand.type(), value.type());
            modes.add(mode);
            stringTypes.add(value.type());
        }
        List<Eval> converted = new ArrayList<>(values);
        boolean compatible = modes.stream().filter(m -> m != Mode.NULL).distinct().count() <= 1;
        if (compatible && isBigintColumn(operand) && values.stream().allMatch(Eval::isConstant)) {
            boolean allConverted = true;
            for (int i = 0; i < converted.size(); i++) {
                if (converted.get(i).type().isNull()) {
                    continue;
                }
                Eval replacement = bigintConstant((ColumnValue) operand, converted.get(i));
                if (replacement == null) {
                    allConverted = false;
                }
                else {
                    converted.set(i, replacement);
                }
            }
            if (allConverted) {
                for (int i = 0; i < modes.size(); i++) {
                    if (modes.get(i) != Mode.NULL) {
                        modes.set(i, Mode.INT);
                    }
                }
            }
        }
        // the collation of string comparisons is aggregated over all arguments of IN
        boolean anyString = modes.contains(Mode.STRING);
        List<SqlType> collationScope = anyString ? stringTypes.stream().filter(t -> t.isString() || t.isNull()).toList() : List.of();
        List<Prepared> pairs = new ArrayList<>();
        for (int i = 0; i < converted.size(); i++) {
            pairs.add(prepare(modes.get(i), operand, converted.get(i), collationScope.isEmpty()
                    ? List.of(operand.type(), converted.get(i).type()) : collationScope, false));
        }
        Condition in = new InList(pairs);
        return negated ? Logic.not(in) : in;
    }

    static Condition between(Eval value, Eval lowValue, Eval highValue, boolean negated) {
        if (lowValue.type().isNull() || highValue.type().isNull()) {
            // MariaDB then compares with the other bound in a type that depends on the operand's origin
            throw new IllegalArgumentException("a NULL bound makes BETWEEN NULL or FALSE; write the remaining comparison explicitly");
        }
        Eval operand = numericIfHybrid(numericIfHybrid(value, lowValue), highValue);
        Eval low = numericIfHybrid(lowValue, operand);
        Eval high = numericIfHybrid(highValue, operand);
        checkYearConstants(operand, List.of(low, high));
        Mode mode = aggregateMode(List.of(operand.type(), low.type(), high.type()));
        Eval lowConverted = low;
        Eval highConverted = high;
        if (isBigintColumn(operand) && mode != Mode.NULL) {
            Eval a = bigintConstant((ColumnValue) operand, low);
            Eval b = bigintConstant((ColumnValue) operand, high);
            if (a != null && b != null) {
                mode = Mode.INT;
                lowConverted = a;
                highConverted = b;
            }
        }
        List<SqlType> all = List.of(operand.type(), lowConverted.type(), highConverted.type());
        Prepared lower = prepare(mode, operand, lowConverted, all, false);
        Prepared upper = prepare(mode, operand, highConverted, all, false);
        return new Between(lower, upper, negated);
    }

    private static boolean decimalAgainstStringConstant(Eval decimal, Eval string) {
        return decimal.type().kind() == Kind.DECIMAL && !decimal.isConstant() && string.type().isString() && string.isConstant();
    }

    /** A 0x literal compared with a number is a number. */
    private static Eval numericIfHybrid(Eval e, Eval other) {
        return e instanceof HexHybrid hex && other.type().isNumeric() ? hex.asNumber() : e;
    }

    /** aggregate_for_comparison over several operands (BETWEEN), pair by pair. */
    private static Mode aggregateMode(List<SqlType> types) {
        List<SqlType> present = types.stream().filter(t -> !t.isNull()).toList();
        if (present.size() < types.size()) {
            // a NULL bound makes the result depend on the other bound only; compare the rest normally
            if (present.size() < 2) {
                return Mode.NULL;
            }
        }
        Mode mode = null;
        SqlType first = present.getFirst();
        for (SqlType type : present.subList(1, present.size())) {
            Mode pair = mode(first, type);
            mode = mode == null ? pair : combine(mode, pair);
        }
        if (present.stream().anyMatch(SqlType::isTemporal)) {
            // every operand must be usable in the temporal comparison
            for (int i = 0; i < present.size(); i++) {
                for (int j = i + 1; j < present.size(); j++) {
                    if (present.get(i).isTemporal() || present.get(j).isTemporal()) {
                        mode(present.get(i), present.get(j));
                    }
                }
            }
        }
        return mode;
    }

    private static Mode combine(Mode a, Mode b) {
        if (a == b) {
            return a;
        }
        if (a == Mode.DATETIME || b == Mode.DATETIME || a == Mode.TIME || b == Mode.TIME) {
            if ((a == Mode.TIME && b == Mode.DATETIME) || (a == Mode.DATETIME && b == Mode.TIME)) {
                throw new IllegalArgumentException("TIME and DATE/DATETIME values cannot be compared: MySQL would use the current date");
            }
            return a == Mode.DATETIME || b == Mode.DATETIME ? Mode.DATETIME : Mode.TIME;
        }
        if ((a == Mode.INT || a == Mode.DECIMAL) && (b == Mode.INT || b == Mode.DECIMAL)) {
            return Mode.DECIMAL;
        }
        return Mode.DOUBLE;
    }

    /** The comparison of two operand types. */
    static Mode mode(SqlType a, SqlType b) {
        if (a.isNull() || b.isNull()) {
            return Mode.NULL;
        }
        if (a.isTemporal() || b.isTemporal()) {
            if (a.isTemporal() && b.isTemporal()) {
                if ((a.kind() == Kind.TIME) != (b.kind() == Kind.TIME)) {
                    throw new IllegalArgumentException("TIME and DATE/DATETIME values cannot be compared: MySQL would use the current date");
                }
                return a.kind() == Kind.TIME ? Mode.TIME : Mode.DATETIME;
            }
            SqlType temporal = a.isTemporal() ? a : b;
            SqlType other = a.isTemporal() ? b : a;
            if (!other.isString()) {
                throw new IllegalArgumentException(temporal.describe() + " values can only be compared with other dates and times or "
                        + "with string constants like '2024-01-31' (not with " + other.describe() + ")");
            }
            return temporal.kind() == Kind.TIME ? Mode.TIME : Mode.DATETIME;
        }
        if (a.isString() && b.isString()) {
            return Mode.STRING;
        }
        if (a.kind() == Kind.INT && b.kind() == Kind.INT) {
            return Mode.INT;
        }
        if ((a.kind() == Kind.INT || a.kind() == Kind.DECIMAL) && (b.kind() == Kind.INT || b.kind() == Kind.DECIMAL)) {
            return Mode.DECIMAL;
        }
        if ((a.kind() == Kind.INT && b.isString()) || (a.isString() && b.kind() == Kind.INT)) {
            // MariaDB 10.11 compares strings with integers exactly: '9007199254740993' = 9007199254740992 is false
            return Mode.DECIMAL;
        }
        return Mode.DOUBLE;
    }

    /**
     * Converts both operands into the representation of {@code mode}; {@code collationScope} are the
     * types whose collations aggregate. A {@code comparator} (=, <, ... as opposed to IN and BETWEEN)
     * rounds DECIMALs to their decimals and compares DOUBLEs with fixed decimals within half a unit of
     * the last one, as MariaDB's Arg_comparator does.
     */
    static Prepared prepare(Mode mode, Eval left, Eval right, List<SqlType> collationScope, boolean comparator) {
        return switch (mode) {
            case NULL -> new Prepared(left, right, (a, b) -> 0);
            case INT -> {
                boolean ua = left.type().unsigned();
                boolean ub = right.type().unsigned();
                yield new Prepared(left, right, (a, b) -> compareIntegers((Long) a, ua, (Long) b, ub));
            }
            case DECIMAL -> {
                if (!comparator) {
                    yield new Prepared(Conversions.toDecimal(left), Conversions.toDecimal(right),
                            (a, b) -> Decimals.compare((BigDecimal) a, (BigDecimal) b));
                }
                int sa = left.type().kind() == Kind.DECIMAL ? left.type().scale() : left.type().isString() ? SqlType.NOT_FIXED : 0;
                int sb = right.type().kind() == Kind.DECIMAL ? right.type().scale() : right.type().isString() ? SqlType.NOT_FIXED : 0;
                // MariaDB rounds each side to its decimals before comparing: 1/3 = 0.3333 is true
                yield new Prepared(Conversions.toDecimal(left), Conversions.toDecimal(right),
                        (a, b) -> Decimals.compare(Conversions.atScale((BigDecimal) a, sa), Conversions.atScale((BigDecimal) b, sb)));
            }
            case DOUBLE -> {
                int decimals = Math.max(left.type().realDecimals(), right.type().realDecimals());
                double precision = comparator && decimals < SqlType.NOT_FIXED ? 5 / Double.parseDouble("1e" + (decimals + 1)) : 0;
                yield new Prepared(Conversions.toDouble(left), Conversions.toDouble(right), (a, b) -> {
                    double x = (Double) a;
                    double y = (Double) b;
                    if (x == y || Math.abs(x - y) < precision) {
                        return 0;
                    }
                    return x < y ? -1 : 1;
                });
            }
            case STRING -> {
                SqlType common = Strings.aggregateForComparison(collationScope);
                Collation collation = common.collation();
                yield new Prepared(Strings.convert(left, collation), Strings.convert(right, collation),
                        (a, b) -> collation.compare((String) a, (String) b));
            }
            case DATETIME, TIME -> new Prepared(temporal(left, mode), temporal(right, mode),
                    (a, b) -> Long.compare(Temporals.key(a), Temporals.key(b)));
        };
    }

    /** A temporal operand, or a constant string parsed into the temporal type of the comparison. */
    private static Eval temporal(Eval e, Mode mode) {
        if (e.type().isTemporal() || e.type().isNull()) {
            return e;
        }
        if (!e.isConstant()) {
            throw new IllegalArgumentException("a string expression is compared with a date or time; MySQL would parse it per row "
                    + "with lenient rules that row predicates do not reproduce: compare with a constant or CAST it");
        }
        String text = (String) e.eval(null);
        if (text == null) {
            return new Constant(SqlType.NULL, null);
        }
        if (mode == Mode.TIME) {
            return Temporals.parseTime(text).<Eval>map(t -> new Constant(SqlType.time(6), t))
                    .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a time; write 'hh:mm:ss[.ffffff]'"));
        }
        MysqlDateTime value = Temporals.parseDateTime(text)
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a date; write 'YYYY-MM-DD' or "
                        + "'YYYY-MM-DD hh:mm:ss[.ffffff]'"));
        return new Constant(SqlType.datetime(6), value);
    }

    /** Exact comparison of 64-bit integers that are each signed or unsigned. */
    static int compareIntegers(long a, boolean unsignedA, long b, boolean unsignedB) {
        if (unsignedA == unsignedB) {
            return unsignedA ? Long.compareUnsigned(a, b) : Long.compare(a, b);
        }
        if (unsignedA) {
            // a >= 2^63 or b < 0: a is larger
            return a < 0 || b < 0 ? 1 : Long.compare(a, b);
        }
        return a < 0 || b < 0 ? -1 : Long.compare(a, b);
    }

    private static void convertConstantsComparedWithBigint(Eval[] operands) {
        checkYearConstants(operands[0], List.of(operands[1]));
        checkYearConstants(operands[1], List.of(operands[0]));
        int field = operands[0] instanceof ColumnValue ? 0 : operands[1] instanceof ColumnValue ? 1 : -1;
        if (field < 0 || !isBigintColumn(operands[field])) {
            return;
        }
        Eval replacement = bigintConstant((ColumnValue) operands[field], operands[1 - field]);
        if (replacement != null) {
            operands[1 - field] = replacement;
        }
    }

    private static boolean isBigintColumn(Eval e) {
        return e instanceof ColumnValue column && column.column().type() == ColumnType.BIGINT;
    }

    /**
     * convert_const_to_int for a BIGINT column: the constant stored into the column's type, when
     * that loses nothing (the stored value compares equal to the constant in their common type);
     * null when there is no conversion.
     */
    private static Eval bigintConstant(ColumnValue column, Eval constant) {
        if (!constant.isConstant()) {
            return null;
        }
        if (constant.type().kind() == Kind.INT) {
            return constant;
        }
        Object value = constant.eval(null);
        if (value == null) {
            return null;
        }
        boolean unsigned = column.type().unsigned();
        long stored;
        switch (constant.type().kind()) {
            case STRING -> {
                java.math.BigInteger rounded = roundedIntegerPrefix((String) value);
                if (rounded == null || !fits(rounded, unsigned)) {
                    return null;
                }
                stored = rounded.longValue();
                double asDouble = unsigned ? Conversions.unsignedToDouble(stored) : (double) stored;
                if (asDouble != NumericText.toDouble((String) value)) {
                    return null;
                }
            }
            case DECIMAL -> {
                BigDecimal decimal = (BigDecimal) value;
                if (decimal.stripTrailingZeros().scale() > 0 || !fits(decimal.toBigInteger(), unsigned)) {
                    return null;
                }
                stored = decimal.toBigInteger().longValue();
            }
            case DOUBLE -> {
                double d = (Double) value;
                double rounded = Math.rint(d);
                if (!fits(new BigDecimal(rounded).toBigInteger(), unsigned) || rounded != d) {
                    return null;
                }
                stored = new BigDecimal(rounded).toBigInteger().longValue();
            }
            default -> {
                return null;
            }
        }
        return new Constant(SqlType.integer(unsigned), stored);
    }

    /** my_strntoull10rnd: the numeric prefix (with fraction and exponent) rounded half up to an integer, or null if there is none. */
    private static java.math.BigInteger roundedIntegerPrefix(String text) {
        String trimmed = text.stripLeading();
        BigDecimal prefix;
        try {
            prefix = NumericText.toDecimal(trimmed);
        }
        catch (NumberFormatException e) {
            return null;
        }
        return prefix.setScale(0, java.math.RoundingMode.HALF_UP).toBigIntegerExact();
    }

    private static boolean fits(java.math.BigInteger value, boolean unsigned) {
        if (unsigned) {
            return value.signum() >= 0 && value.bitLength() <= 64;
        }
        return value.bitLength() <= 63;
    }

    /**
     * MariaDB stores constants compared with a YEAR column into a YEAR first (24 becomes 2024, but
     * not inside IN); only constants that stay the same are accepted, so the rules do not matter.
     */
    private static void checkYearConstants(Eval operand, List<Eval> others) {
        if (!(operand instanceof ColumnValue column && column.column().type() == ColumnType.YEAR)) {
            return;
        }
        for (Eval other : others) {
            if (!other.isConstant() || other.type().isNull()) {
                continue;
            }
            Object value = other.eval(null);
            boolean plainYear = other.type().kind() == Kind.INT && value != null
                    && ((Long) value == 0 || (!other.type().unsigned() || (Long) value >= 0) && (Long) value >= 1901 && (Long) value <= 2155);
            if (!plainYear) {
                throw new IllegalArgumentException("YEAR column " + column.column().name() + " can only be compared with integer years "
                        + "1901..2155 or 0 (MySQL converts other constants with two-digit-year rules)");
            }
        }
    }

    private static final class Compare extends Condition {
        private final CompareOp op;
        private final Eval left;
        private final Eval right;
        private final ValueComparator comparator;

        Compare(CompareOp op, Prepared prepared) {
            this.op = requireNonNull(op, "op is null");
            this.left = prepared.left();
            this.right = prepared.right();
            this.comparator = prepared.comparator();
        }

        @Override
        Truth test(Row row) {
            Object a = left.eval(row);
            if (a == null && op != CompareOp.NULL_SAFE_EQUAL) {
                return Truth.UNKNOWN;
            }
            Object b = right.eval(row);
            if (a == null || b == null) {
                if (op == CompareOp.NULL_SAFE_EQUAL) {
                    return Truth.of(a == b);
                }
                return Truth.UNKNOWN;
            }
            return Truth.of(op.holds(comparator.compare(a, b)));
        }

        @Override
        public boolean isConstant() {
            return left.isConstant() && right.isConstant();
        }

        @Override
        public boolean nullable() {
            return op != CompareOp.NULL_SAFE_EQUAL && (left.nullable() || right.nullable());
        }
    }

    /** {@code x IN (v1, v2, ...)}: TRUE if one equals, else UNKNOWN if x or a value is NULL, else FALSE. */
    private static final class InList extends Condition {
        private final List<Prepared> pairs;

        InList(List<Prepared> pairs) {
            this.pairs = List.copyOf(pairs);
        }

        @Override
        Truth test(Row row) {
            Object operand = pairs.getFirst().left().eval(row);
            if (operand == null) {
                return Truth.UNKNOWN;
            }
            boolean unknown = false;
            for (Prepared pair : pairs) {
                Object a = pair.left() == pairs.getFirst().left() ? operand : pair.left().eval(row);
                Object b = pair.right().eval(row);
                if (a == null || b == null) {
                    unknown = true;
                }
                else if (pair.comparator().compare(a, b) == 0) {
                    return Truth.TRUE;
                }
            }
            return unknown ? Truth.UNKNOWN : Truth.FALSE;
        }

        @Override
        public boolean isConstant() {
            return pairs.stream().allMatch(p -> p.left().isConstant() && p.right().isConstant());
        }
    }

    /** {@code x [NOT] BETWEEN a AND b}, with Item_func_between's handling of NULL bounds. */
    private static final class Between extends Condition {
        private final Prepared lower;
        private final Prepared upper;
        private final boolean negated;

        Between(Prepared lower, Prepared upper, boolean negated) {
            this.lower = requireNonNull(lower, "lower is null");
            this.upper = requireNonNull(upper, "upper is null");
            this.negated = negated;
        }

        @Override
        Truth test(Row row) {
            Object value = lower.left().eval(row);
            if (value == null) {
                return Truth.UNKNOWN;
            }
            Object upperValue = upper.left() == lower.left() ? value : upper.left().eval(row);
            Object a = lower.right().eval(row);
            Object b = upper.right().eval(row);
            Truth aboveLow = a == null ? Truth.UNKNOWN : Truth.of(lower.comparator().compare(value, a) >= 0);
            Truth belowHigh = b == null ? Truth.UNKNOWN : Truth.of(upper.comparator().compare(upperValue, b) <= 0);
            Truth within = aboveLow.and(belowHigh);
            return negated ? within.not() : within;
        }

        @Override
        public boolean isConstant() {
            return lower.left().isConstant() && lower.right().isConstant() && upper.right().isConstant();
        }
    }
}
