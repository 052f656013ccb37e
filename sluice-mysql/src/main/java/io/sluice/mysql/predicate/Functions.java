package io.sluice.mysql.predicate;

import static java.util.Objects.requireNonNull;

import io.sluice.core.event.Row;
import io.sluice.core.value.MysqlDate;
import io.sluice.core.value.MysqlDateTime;
import io.sluice.mysql.predicate.Node.TrimMode;
import io.sluice.mysql.predicate.SqlType.Kind;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The supported SQL functions, each with the result type and NULL behaviour MariaDB gives it.
 * String functions count characters (bytes for binary strings) and keep the argument's collation;
 * date functions take DATE/DATETIME operands or date string constants.
 */
final class Functions {
    private static final double[] POWERS_OF_TEN = powersOfTen();

    private Functions() {}

    /** IFNULL, COALESCE, IF: the branches converted to their common result type (aggregate_for_result). */
    static SqlType resultType(List<Eval> branches) {
        if (branches.stream().anyMatch(b -> b instanceof HexHybrid)) {
            throw new IllegalArgumentException("0x literals are numbers or strings depending on context; in IFNULL, COALESCE and IF "
                    + "write a number or X'...'");
        }
        List<SqlType> types = branches.stream().map(Eval::type).filter(t -> !t.isNull()).toList();
        if (types.isEmpty()) {
            return SqlType.NULL;
        }
        if (types.stream().anyMatch(SqlType::isString)) {
            // a string among the branches makes the result a string; the others convert to text
            return Strings.aggregateForResult(branches.stream().filter(b -> !b.type().isNull())
                    .map(b -> Strings.toText(b).type()).toList());
        }
        if (types.stream().allMatch(t -> t.kind() == Kind.INT)) {
            boolean unsigned = types.getFirst().unsigned();
            if (types.stream().allMatch(t -> t.unsigned() == unsigned)) {
                return SqlType.integer(unsigned);
            }
            // signed and unsigned together keep every value: DECIMAL
            return SqlType.decimal(0);
        }
        if (types.stream().allMatch(t -> t.kind() == Kind.INT || t.kind() == Kind.DECIMAL)) {
            return SqlType.decimal(types.stream().mapToInt(t -> t.kind() == Kind.DECIMAL ? t.scale() : 0).max().orElse(0));
        }
        if (types.stream().allMatch(SqlType::isNumeric)) {
            return SqlType.real(types.stream().mapToInt(SqlType::realDecimals).max().orElse(SqlType.NOT_FIXED));
        }
        if (types.stream().allMatch(t -> t.kind() == Kind.DATE)) {
            return SqlType.DATE;
        }
        int fsp = types.stream().mapToInt(SqlType::scale).max().orElse(0);
        if (types.stream().allMatch(t -> t.kind() == Kind.DATE || t.kind() == Kind.DATETIME)) {
            return SqlType.datetime(fsp);
        }
        if (types.stream().allMatch(t -> t.kind() == Kind.TIME)) {
            return SqlType.time(fsp);
        }
        throw new IllegalArgumentException("the branches have incompatible types (" + String.join(", ",
                types.stream().map(SqlType::describe).toList()) + "); convert them with CAST");
    }

    /** A branch converted to the result type of its function. */
    static Eval toResultType(Eval e, SqlType type) {
        if (e.type().isNull()) {
            return new Constant(type, null);
        }
        return switch (type.kind()) {
            case NULL -> e;
            case INT -> e;
            case DECIMAL -> Conversions.toDecimal(e);
            case DOUBLE -> Conversions.toDouble(e);
            case STRING -> Strings.convert(Strings.toText(e), type.collation());
            case DATETIME -> e.type().kind() == Kind.DATE ? Conversions.map(e, type, Temporals::toDateTime) : e;
            case DATE, TIME -> e;
        };
    }

    static Eval ifNull(List<Eval> arguments) {
        return coalesce(arguments);
    }

    static Eval coalesce(List<Eval> arguments) {
        SqlType type = resultType(arguments);
        List<Eval> branches = arguments.stream().map(a -> toResultType(a, type)).toList();
        return textOnly(arguments, new Computed(type, branches) {
            @Override
            Object compute(Row row) {
                for (Eval branch : branches) {
                    Object value = branch.eval(row);
                    if (value != null) {
                        return value;
                    }
                }
                return null;
            }
        });
    }

    /**
     * IFNULL/COALESCE/IF of strings and non-strings are strings, but in numeric contexts MariaDB reads
     * the chosen branch's own number ({@code val_real} of the argument), not the string: such results
     * may only be used as strings.
     */
    private static Eval textOnly(List<Eval> branches, Eval result) {
        boolean mixed = branches.stream().anyMatch(b -> b.type().isString())
                && branches.stream().anyMatch(b -> !b.type().isString() && !b.type().isNull());
        return mixed ? new TextOnly(result) : result;
    }

    /** A string whose numeric value is not its text's; see {@link #textOnly}. */
    static final class TextOnly implements Eval {
        private final Eval value;

        TextOnly(Eval value) {
            this.value = requireNonNull(value, "value is null");
        }

        @Override
        public SqlType type() {
            return value.type();
        }

        @Override
        public Object eval(Row row) {
            return value.eval(row);
        }

        @Override
        public boolean isConstant() {
            return value.isConstant();
        }

        @Override
        public boolean nullable() {
            return value.nullable();
        }
    }

    static Eval ifThenElse(Condition condition, Eval then, Eval otherwise) {
        SqlType type = resultType(List.of(then, otherwise));
        Eval a = toResultType(then, type);
        Eval b = toResultType(otherwise, type);
        return textOnly(List.of(then, otherwise), new Computed(type, List.of(condition, a, b)) {
            @Override
            Object compute(Row row) {
                return condition.test(row) == Truth.TRUE ? a.eval(row) : b.eval(row);
            }
        });
    }

    /** LENGTH (bytes in the value's character set) and CHAR_LENGTH (characters). */
    static Eval length(Eval argument, boolean characters) {
        Eval text = Strings.toText(argument);
        TextCharset charset = text.type().collation().charset();
        return Conversions.map(text, SqlType.SIGNED, characters
                ? v -> (long) ((String) v).codePointCount(0, ((String) v).length())
                : v -> charset.byteLength((String) v));
    }

    static Eval changeCase(Eval argument, boolean upper) {
        Eval text = Strings.toText(argument);
        SqlType type = Strings.aggregateForResult(List.of(text.type()));
        Eval converted = Strings.convert(retype(text, type), type.collation());
        Collation collation = type.collation();
        return Conversions.map(converted, type, upper ? v -> collation.upper((String) v) : v -> collation.lower((String) v));
    }

    static Eval concat(List<Eval> arguments) {
        List<Eval> texts = arguments.stream().map(Strings::toText).toList();
        SqlType type = Strings.aggregateForResult(texts.stream().map(Eval::type).toList());
        List<Eval> parts = texts.stream().map(t -> Strings.convert(t, type.collation())).toList();
        return new Computed(type, parts) {
            @Override
            Object compute(Row row) {
                StringBuilder out = new StringBuilder();
                for (Eval part : parts) {
                    Object value = part.eval(row);
                    if (value == null) {
                        return null;
                    }
                    out.append((String) value);
                }
                return out.toString();
            }
        };
    }

    /** SUBSTRING(s, pos[, len]): 1-based, negative positions count from the end, position 0 gives ''. */
    static Eval substring(Eval source, Eval position, Eval length) {
        Eval text = stringResult(source);
        Eval pos = integerArgument(position, "SUBSTRING");
        Eval len = length == null ? null : integerArgument(length, "SUBSTRING");
        boolean lengthUnsigned = length != null && len.type().unsigned();
        List<Eval> inputs = new ArrayList<>(List.of(text, pos));
        if (len != null) {
            inputs.add(len);
        }
        return new Computed(text.type(), inputs) {
            @Override
            Object compute(Row row) {
                String s = (String) text.eval(row);
                Long p = (Long) pos.eval(row);
                Long n = len == null ? Long.valueOf(Integer.MAX_VALUE) : (Long) len.eval(row);
                if (s == null || p == null || n == null) {
                    return null;
                }
                if (len != null && n <= 0 && (n == 0 || !lengthUnsigned)) {
                    return "";
                }
                long count = n <= 0 || n > Integer.MAX_VALUE ? Integer.MAX_VALUE : n;
                if ((!pos.type().unsigned() && (p < Integer.MIN_VALUE || p > Integer.MAX_VALUE))
                        || (pos.type().unsigned() && Long.compareUnsigned(p, Integer.MAX_VALUE) > 0)) {
                    return "";
                }
                int chars = s.codePointCount(0, s.length());
                long start = p < 0 ? chars + p : p - 1;
                if (start < 0 || start >= chars) {
                    return "";
                }
                long end = Math.min(chars, start + count);
                return s.substring(s.offsetByCodePoints(0, (int) start), s.offsetByCodePoints(0, (int) end));
            }
        };
    }

    /** LEFT(s, n) and RIGHT(s, n): n characters from one end; n <= 0 gives ''. */
    static Eval leftOrRight(Eval source, Eval count, boolean left) {
        Eval text = stringResult(source);
        Eval n = integerArgument(count, left ? "LEFT" : "RIGHT");
        boolean unsigned = n.type().unsigned();
        return new Computed(text.type(), List.of(text, n)) {
            @Override
            Object compute(Row row) {
                String s = (String) text.eval(row);
                Long k = (Long) n.eval(row);
                if (s == null || k == null) {
                    return null;
                }
                if (k <= 0 && !unsigned) {
                    return "";
                }
                int chars = s.codePointCount(0, s.length());
                if (unsigned && k < 0 || k >= chars) {
                    return s;
                }
                return left ? s.substring(0, s.offsetByCodePoints(0, k.intValue()))
                        : s.substring(s.offsetByCodePoints(0, chars - k.intValue()));
            }
        };
    }

    /** TRIM: removes whole repetitions of the remove string (compared exactly, not by collation). */
    static Eval trim(TrimMode mode, Eval remove, Eval source) {
        Eval text = Strings.toText(source);
        Eval removeText = remove == null ? new Constant(SqlType.string(Collation.CONNECTION, SqlType.Derivation.COERCIBLE, true), " ")
                : Strings.toText(remove);
        SqlType type = remove == null ? Strings.aggregateForResult(List.of(text.type()))
                : Strings.aggregateForResult(List.of(text.type(), removeText.type()));
        Eval s = Strings.convert(retype(text, type), type.collation());
        Eval r = remove == null ? new Constant(type, " ") : Strings.convert(removeText, type.collation());
        return new Computed(type, List.of(s, r)) {
            @Override
            Object compute(Row row) {
                String value = (String) s.eval(row);
                String cut = (String) r.eval(row);
                if (value == null || cut == null) {
                    return null;
                }
                if (cut.isEmpty()) {
                    return value;
                }
                int start = 0;
                int end = value.length();
                if (mode != TrimMode.TRAILING) {
                    while (value.startsWith(cut, start)) {
                        start += cut.length();
                    }
                }
                if (mode != TrimMode.LEADING) {
                    while (end - start >= cut.length() && value.startsWith(cut, end - cut.length())) {
                        end -= cut.length();
                    }
                }
                return value.substring(start, end);
            }
        };
    }

    /**
     * FLOOR and CEILING: integers unchanged; a DECIMAL becomes an integer when its whole part (one
     * digit more if it has a fraction) has at most 18 digits, else a whole DECIMAL; DOUBLE and strings
     * stay DOUBLE.
     */
    static Eval floorOrCeiling(Eval argument, boolean floor) {
        Eval e = memberNumber(argument);
        return switch (e.type().kind()) {
            case INT -> Conversions.asFunctionResult(e);
            case NULL -> new Constant(SqlType.SIGNED, null);
            case DECIMAL -> {
                Eval whole = Conversions.map(e, SqlType.decimal(0),
                        v -> Decimals.normalized(((BigDecimal) v).setScale(0, floor ? RoundingMode.FLOOR : RoundingMode.CEILING)));
                int digits = decimalIntegerDigits(e) + (e.type().scale() > 0 ? 1 : 0);
                yield digits <= 18 ? Conversions.toInteger(whole, e instanceof ColumnValue column && column.column().unsigned()) : whole;
            }
            case DOUBLE, STRING -> Conversions.map(Conversions.toDouble(e), SqlType.real(0),
                    v -> floor ? Math.floor((Double) v) : Math.ceil((Double) v));
            default -> throw new IllegalArgumentException((floor ? "FLOOR" : "CEILING") + " of " + e.type().describe() + " is not supported");
        };
    }

    /** ROUND(x, d) with a constant d: DECIMAL half away from zero, DOUBLE half to even (rint), integers by tens when d < 0. */
    static Eval round(Eval argument, long digits) {
        Eval e = memberNumber(argument);
        return switch (e.type().kind()) {
            case INT -> {
                if (digits >= 0) {
                    yield Conversions.asFunctionResult(e);
                }
                // to tens, hundreds...: the result may need one more digit, so MariaDB makes it DECIMAL
                // when the operand is as wide as a BIGINT (ROUND(18446744073709551615, -1) is ...620)
                int scale = (int) Math.max(digits, -80);
                Eval rounded = Conversions.map(Conversions.toDecimal(e), SqlType.decimal(0),
                        v -> ((BigDecimal) v).setScale(scale, RoundingMode.HALF_UP).setScale(0, RoundingMode.UNNECESSARY));
                yield integerWidth(argument) + 1 >= 20 ? rounded : Conversions.toInteger(rounded, e.type().unsigned());
            }
            case NULL -> new Constant(SqlType.SIGNED, null);
            case DECIMAL -> {
                int scale = (int) Math.max(0, Math.min(digits, 38));
                int to = (int) Math.max(Math.min(digits, 38), -80);
                yield Conversions.map(e, SqlType.decimal(scale), v -> {
                    BigDecimal value = (BigDecimal) v;
                    if (to >= value.scale()) {
                        return value;
                    }
                    BigDecimal rounded = value.setScale(to, RoundingMode.HALF_UP);
                    return rounded.scale() < 0 ? rounded.setScale(0, RoundingMode.UNNECESSARY) : rounded;
                });
            }
            case DOUBLE, STRING -> Conversions.map(Conversions.toDouble(e), SqlType.real(digits < 0 ? 0 : digits > 30 ? SqlType.NOT_FIXED : (int) digits),
                    v -> roundDouble((Double) v, digits));
            default -> throw new IllegalArgumentException("ROUND of " + e.type().describe() + " is not supported");
        };
    }

    /** The operand as a number; ROUND, FLOOR and CEILING read ENUM and SET as unsigned, unlike arithmetic. */
    private static Eval memberNumber(Eval argument) {
        Eval number = Conversions.numericOperand(argument);
        return number != argument && !(argument instanceof HexHybrid) ? Conversions.toInteger(number, true) : number;
    }

    /** The digits before the point of a DECIMAL operand (decimal_int_part); unknown expressions count as the maximum. */
    private static int decimalIntegerDigits(Eval e) {
        if (e instanceof ColumnValue column) {
            return column.column().precision() - column.column().scale();
        }
        if (e instanceof Constant constant && constant.value() instanceof BigDecimal value) {
            return Math.max(1, value.precision() - value.scale());
        }
        return 65;
    }

    /** The display width MySQL gives an integer operand (max_length); unknown expressions count as BIGINT. */
    private static int integerWidth(Eval e) {
        if (e instanceof HexHybrid hex) {
            return hex.number() == null ? 20 : Long.toUnsignedString(hex.number()).length();
        }
        if (e instanceof Constant constant && constant.value() != null) {
            return Conversions.integerText((Long) constant.value(), constant.type().unsigned()).length();
        }
        if (e instanceof ColumnValue column) {
            boolean unsigned = column.column().unsigned();
            return switch (column.column().type()) {
                case TINYINT -> unsigned ? 3 : 4;
                case SMALLINT -> unsigned ? 5 : 6;
                case MEDIUMINT -> unsigned ? 8 : 9;
                case INT -> unsigned ? 10 : 11;
                case YEAR -> 4;
                case BIT -> (int) (column.column().length() + 2) / 3;
                case ENUM -> 5;
                case SET -> column.column().members().size() <= 32 ? 10 : 20;
                default -> 20;
            };
        }
        return 20;
    }

    /** my_double_round without truncation. */
    static double roundDouble(double value, long digits) {
        boolean negative = digits < 0;
        long abs = negative ? -digits : digits;
        double tmp = abs < POWERS_OF_TEN.length ? POWERS_OF_TEN[(int) abs] : Math.pow(10.0, abs);
        double divided = value / tmp;
        double multiplied = value * tmp;
        if (negative && Double.isInfinite(tmp)) {
            return 0.0;
        }
        if (!negative && Double.isInfinite(multiplied)) {
            return value;
        }
        return negative ? Math.rint(divided) * tmp : Math.rint(multiplied) / tmp;
    }

    private static double[] powersOfTen() {
        double[] powers = new double[309];
        for (int i = 0; i < powers.length; i++) {
            powers[i] = Double.parseDouble("1e" + i);
        }
        return powers;
    }

    /** YEAR, MONTH, DAYOFMONTH of a DATE or DATETIME (zero parts give 0, as MariaDB does without NO_ZERO_DATE). */
    static Eval datePart(Eval argument, Function<MysqlDate, Integer> part, String name) {
        Eval date = dateArgument(argument, name);
        return Conversions.map(date, SqlType.SIGNED, v -> (long) part.apply(Temporals.toDate(v)));
    }

    static Eval date(Eval argument) {
        Eval date = dateArgument(argument, "DATE");
        return Conversions.map(date, SqlType.DATE, Temporals::toDate);
    }

    static Eval dateArgument(Eval argument, String name) {
        Kind kind = argument.type().kind();
        if (kind == Kind.DATE || kind == Kind.DATETIME || kind == Kind.NULL) {
            return argument;
        }
        if (argument.type().isString() && argument.isConstant()) {
            String text = (String) argument.eval(null);
            MysqlDateTime value = Temporals.parseDateTime(text).orElseThrow(() -> new IllegalArgumentException(
                    "'" + text + "' is not a date; write 'YYYY-MM-DD' or 'YYYY-MM-DD hh:mm:ss'"));
            return new Constant(SqlType.datetime(Temporals.fractionDigits(text)), value);
        }
        throw new IllegalArgumentException(name + "() needs a DATE, DATETIME or TIMESTAMP column or a date string constant, not "
                + argument.type().describe());
    }

    /** The string operand of a function that returns a substring of it (same collation; numbers use the connection's). */
    private static Eval stringResult(Eval source) {
        Eval text = Strings.toText(source);
        SqlType type = Strings.aggregateForResult(List.of(text.type()));
        return Strings.convert(retype(text, type), type.collation());
    }

    private static Eval integerArgument(Eval argument, String function) {
        Eval e = Conversions.numericOperand(argument);
        if (e.type().kind() != Kind.INT && !e.type().isNull()) {
            throw new IllegalArgumentException(function + "() positions and lengths must be integers, not " + e.type().describe());
        }
        return e.type().isNull() ? new Constant(SqlType.SIGNED, null) : e;
    }

    /** Keeps a text operand's values but gives it another string type (numbers turned into connection-collation text). */
    private static Eval retype(Eval text, SqlType type) {
        if (text.type().equals(type) || text.type().collation() == Collation.BINARY || type.collation() == Collation.BINARY) {
            return text;
        }
        return Conversions.map(text, type, Function.identity());
    }

    /** A function of several inputs whose result is computed from the row. */
    private abstract static class Computed implements Eval {
        private final SqlType type;
        private final List<Eval> inputs;

        Computed(SqlType type, List<? extends Eval> inputs) {
            this.type = requireNonNull(type, "type is null");
            this.inputs = List.copyOf(inputs);
        }

        abstract Object compute(Row row);

        @Override
        public SqlType type() {
            return type;
        }

        @Override
        public Object eval(Row row) {
            return compute(row);
        }

        @Override
        public boolean isConstant() {
            return inputs.stream().allMatch(Eval::isConstant);
        }
    }
}
