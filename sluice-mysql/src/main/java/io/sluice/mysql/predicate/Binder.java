package io.sluice.mysql.predicate;

import static java.util.Objects.requireNonNull;

import io.sluice.core.event.Row;
import io.sluice.core.error.Suggestions;
import io.sluice.core.schema.Column;
import io.sluice.core.schema.TableSchema;
import io.sluice.core.value.MysqlDate;
import io.sluice.core.value.MysqlDateTime;
import io.sluice.mysql.predicate.Node.IsTest;
import io.sluice.mysql.predicate.SqlType.Derivation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves a parsed {@link Node} tree against a table and types it bottom-up, as MariaDB does when
 * it prepares {@code SELECT ... WHERE expr}: columns get their types and collations, literals
 * theirs, and every operator picks its comparison or arithmetic mode from its operands' types.
 * Constant subexpressions are computed once here. Anything whose result row predicates cannot
 * reproduce exactly is refused with an {@link ExpressionProblem}.
 */
final class Binder {
    private static final BigInteger UNSIGNED_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final TableSchema table;

    Binder(TableSchema table) {
        this.table = requireNonNull(table, "table is null");
    }

    /** The expression as a condition (its value read as a boolean, as WHERE does). */
    Condition bindCondition(Node root) {
        if (root instanceof Node.Logical logical && logical.op() != Node.LogicalOp.XOR) {
            // the WHERE clause's own AND/OR tree, which the optimizer simplifies around constants
            Condition left = bindCondition(logical.left());
            Condition right = bindCondition(logical.right());
            Condition combined = logical.op() == Node.LogicalOp.AND ? Logic.and(left, right, true) : Logic.or(left, right, true);
            return (Condition) Binder.<Eval>guarded(root, () -> fold(combined));
        }
        Eval value = bind(root);
        Condition condition = Binder.<Condition>guarded(root, () -> Logic.truth(value));
        return (Condition) Binder.<Eval>guarded(root, () -> fold(condition));
    }

    Eval bind(Node node) {
        return switch (node) {
            case Node.NullLiteral ignored -> new Constant(SqlType.NULL, null);
            case Node.BooleanLiteral bool -> new Constant(SqlType.SIGNED, bool.value() ? 1L : 0L);
            case Node.IntegerLiteral integer -> integer(integer.value());
            case Node.DecimalLiteral decimal -> new Constant(SqlType.decimal(Math.max(decimal.value().scale(), 0)), decimal.value());
            case Node.DoubleLiteral approximate -> new Constant(SqlType.DOUBLE, approximate.value());
            case Node.StringLiteral text -> new Constant(SqlType.string(Collation.CONNECTION, Derivation.COERCIBLE, isAscii(text.value())), text.value());
            case Node.HexLiteral hex -> hex(hex);
            case Node.TemporalLiteral temporal -> Binder.<Eval>guarded(node, () -> temporal(temporal));
            case Node.ColumnRef column -> column(column.name());
            default -> {
                Eval composite = Binder.<Eval>guarded(node, () -> composite(node));
                yield Binder.<Eval>guarded(node, () -> fold(composite));
            }
        };
    }

    private Eval composite(Node node) {
        String sql = sql(node);
        return switch (node) {
            case Node.Negate negate -> Arithmetic.negate(bind(negate.operand()), sql);
            case Node.Arithmetic arithmetic -> Arithmetic.of(arithmetic.op(), bind(arithmetic.left()), bind(arithmetic.right()), sql);
            case Node.Comparison comparison -> Comparisons.compare(comparison.op(), bind(comparison.left()), bind(comparison.right()));
            case Node.Logical logical -> switch (logical.op()) {
                case AND -> Logic.and(Logic.truth(bind(logical.left())), Logic.truth(bind(logical.right())), false);
                case OR -> Logic.or(Logic.truth(bind(logical.left())), Logic.truth(bind(logical.right())), false);
                case XOR -> Logic.xor(Logic.truth(bind(logical.left())), Logic.truth(bind(logical.right())));
            };
            // MySQL's parser turns NOT (x IS NULL) into x IS NOT NULL
            case Node.Not not when isNullTest(not.operand()) -> Logic.isNull(nullTestOperand(not.operand()), true);
            case Node.Not not -> Logic.not(Logic.truth(bind(not.operand())));
            case Node.Is is -> is(is);
            // MySQL's parser turns IN with one value into = (and NOT IN into <>)
            case Node.In in when in.values().size() == 1 -> Comparisons.compare(in.negated() ? Node.CompareOp.NOT_EQUAL : Node.CompareOp.EQUAL,
                    bind(in.operand()), bind(in.values().getFirst()));
            case Node.In in -> Comparisons.in(bind(in.operand()), in.values().stream().map(this::bind).toList(), in.negated());
            case Node.Between between -> Comparisons.between(bind(between.operand()), bind(between.low()), bind(between.high()), between.negated());
            case Node.Like like -> like(like);
            case Node.Regexp regexp -> regexp(regexp);
            case Node.Call call -> call(call);
            case Node.AddInterval interval -> DateFunctions.addInterval(bind(interval.operand()), interval.amount(), interval.unit());
            case Node.Trim trim -> Functions.trim(trim.mode(), trim.remove().map(this::bind).orElse(null), bind(trim.source()));
            case Node.Cast cast -> Casts.cast(bind(cast.operand()), cast.target(), cast.length(), cast.scale());
            default -> throw new IllegalStateException("not a composite node: " + node);
        };
    }

    private static boolean isNullTest(Node node) {
        return (node instanceof Node.Is is && !is.negated() && (is.test() == IsTest.NULL || is.test() == IsTest.UNKNOWN))
                || (node instanceof Node.Call call && call.function().equals("ISNULL"));
    }

    private Eval nullTestOperand(Node test) {
        Node operand = test instanceof Node.Is is ? is.operand() : ((Node.Call) test).arguments().getFirst();
        return operand instanceof Node.ColumnRef column ? anyColumn(column.name()) : bind(operand);
    }

    private Eval is(Node.Is is) {
        if (is.test() == IsTest.NULL || is.test() == IsTest.UNKNOWN) {
            Eval operand = is.operand() instanceof Node.ColumnRef column ? anyColumn(column.name()) : bind(is.operand());
            return Logic.isNull(operand, is.negated());
        }
        return Logic.is(Logic.truth(bind(is.operand())), is.test(), is.negated());
    }

    private Eval like(Node.Like like) {
        Eval operand = Strings.toText(bind(like.operand()));
        Eval pattern = Strings.toText(bind(like.pattern()));
        SqlType common = Strings.aggregateForComparison(List.of(operand.type(), pattern.type()));
        Collation collation = common.collation();
        Eval subject = Strings.convert(operand, collation);
        Eval wild = Strings.convert(pattern, collation);
        int escape = '\\';
        if (like.escape().isPresent()) {
            String text = ((Node.StringLiteral) like.escape().get()).value();
            if (!text.isEmpty()) {
                escape = collation.charset() == TextCharset.BINARY ? TextCharset.UTF8MB4.toBinary(text).codePointAt(0) : text.codePointAt(0);
            }
        }
        Condition match = Like.of(subject, wild, escape, collation);
        return like.negated() ? Logic.not(match) : match;
    }

    private Eval regexp(Node.Regexp regexp) {
        Eval operand = Strings.toText(bind(regexp.operand()));
        Eval pattern = Strings.toText(bind(regexp.pattern()));
        // MariaDB matches under the collation the two aggregate to, as for LIKE
        Collation collation = Strings.aggregateForComparison(List.of(operand.type(), pattern.type())).collation();
        Eval subject = Strings.convert(operand, collation);
        Condition match = Regexp.of(subject, (String) pattern.eval(null), collation);
        return regexp.negated() ? Logic.not(match) : match;
    }

    private Eval call(Node.Call call) {
        List<Node> args = call.arguments();
        return switch (call.function()) {
            case "IFNULL" -> Functions.ifNull(bindAll(args));
            case "COALESCE" -> Functions.coalesce(bindAll(args));
            case "IF" -> Functions.ifThenElse(Logic.truth(bind(args.get(0))), bind(args.get(1)), bind(args.get(2)));
            case "ISNULL" -> Logic.isNull(args.getFirst() instanceof Node.ColumnRef column ? anyColumn(column.name()) : bind(args.getFirst()), false);
            case "ABS" -> Arithmetic.abs(bind(args.getFirst()), sql(call));
            case "LENGTH" -> Functions.length(bind(args.getFirst()), false);
            case "CHAR_LENGTH" -> Functions.length(bind(args.getFirst()), true);
            case "LOWER" -> Functions.changeCase(bind(args.getFirst()), false);
            case "UPPER" -> Functions.changeCase(bind(args.getFirst()), true);
            case "CONCAT" -> Functions.concat(bindAll(args));
            case "SUBSTRING" -> Functions.substring(bind(args.get(0)), bind(args.get(1)), args.size() > 2 ? bind(args.get(2)) : null);
            case "LEFT" -> Functions.leftOrRight(bind(args.get(0)), bind(args.get(1)), true);
            case "RIGHT" -> Functions.leftOrRight(bind(args.get(0)), bind(args.get(1)), false);
            case "LTRIM" -> Functions.trim(Node.TrimMode.LEADING, null, bind(args.getFirst()));
            case "RTRIM" -> Functions.trim(Node.TrimMode.TRAILING, null, bind(args.getFirst()));
            case "FLOOR" -> Functions.floorOrCeiling(bind(args.getFirst()), true);
            case "CEILING" -> Functions.floorOrCeiling(bind(args.getFirst()), false);
            case "ROUND" -> Functions.round(bind(args.getFirst()), args.size() > 1 ? roundDigits(args.get(1)) : 0);
            case "YEAR" -> Functions.datePart(bind(args.getFirst()), MysqlDate::year, "YEAR");
            case "MONTH" -> Functions.datePart(bind(args.getFirst()), MysqlDate::month, "MONTH");
            case "DAYOFMONTH" -> Functions.datePart(bind(args.getFirst()), MysqlDate::day, "DAYOFMONTH");
            case "DATE" -> Functions.date(bind(args.getFirst()));
            case "HOUR" -> DateFunctions.timePart(bind(args.getFirst()), DateFunctions.TimePart.HOUR);
            case "MINUTE" -> DateFunctions.timePart(bind(args.getFirst()), DateFunctions.TimePart.MINUTE);
            case "SECOND" -> DateFunctions.timePart(bind(args.getFirst()), DateFunctions.TimePart.SECOND);
            case "DATEDIFF" -> DateFunctions.dateDiff(bind(args.get(0)), bind(args.get(1)));
            case "DATE_FORMAT" -> DateFunctions.dateFormat(bind(args.get(0)), ((Node.StringLiteral) args.get(1)).value());
            default -> throw new IllegalStateException("unknown function " + call.function());
        };
    }

    private static long roundDigits(Node digits) {
        BigInteger value = switch (digits) {
            case Node.IntegerLiteral integer -> integer.value();
            case Node.Negate negate when negate.operand() instanceof Node.IntegerLiteral integer -> integer.value().negate();
            default -> throw new IllegalArgumentException("the digits of ROUND must be an integer literal");
        };
        return value.max(BigInteger.valueOf(-1000)).min(BigInteger.valueOf(1000)).longValue();
    }

    private List<Eval> bindAll(List<Node> nodes) {
        return nodes.stream().map(this::bind).toList();
    }

    private static Eval integer(BigInteger value) {
        if (value.bitLength() <= 63) {
            return new Constant(SqlType.SIGNED, value.longValue());
        }
        if (value.signum() > 0 && value.compareTo(UNSIGNED_MAX) <= 0) {
            return new Constant(SqlType.UNSIGNED, value.longValue());
        }
        if (value.abs().toString().length() > 65) {
            throw new ExpressionProblem("the literal " + value + " has more than 65 digits");
        }
        return new Constant(SqlType.decimal(0), new BigDecimal(value));
    }

    private static Eval hex(Node.HexLiteral hex) {
        String bytes = new String(hex.bytes(), StandardCharsets.ISO_8859_1);
        if (!hex.hybrid()) {
            return new Constant(SqlType.string(Collation.BINARY, Derivation.COERCIBLE, false), bytes);
        }
        Long number = hex.bytes().length <= 8 ? new BigInteger(1, hex.bytes()).longValue() : null;
        return new HexHybrid(bytes, number);
    }

    static Eval temporal(Node.TemporalLiteral literal) {
        String text = literal.text();
        return switch (literal.kind()) {
            case DATE -> {
                MysqlDateTime value = Temporals.parseDateTime(text).filter(v -> !text.contains(":"))
                        .orElseThrow(() -> new IllegalArgumentException("DATE '" + text + "' is not a date; write DATE 'YYYY-MM-DD'"));
                if (value.month() > 0 && value.day() > 0 && value.year() > 0 && !Temporals.isValidDate(value.year(), value.month(), value.day())) {
                    throw new IllegalArgumentException("DATE '" + text + "' does not exist");
                }
                yield new Constant(SqlType.DATE, new MysqlDate(value.year(), value.month(), value.day()));
            }
            case TIMESTAMP -> {
                MysqlDateTime value = Temporals.parseDateTime(text).filter(v -> text.contains(":"))
                        .orElseThrow(() -> new IllegalArgumentException("TIMESTAMP '" + text + "' is not a datetime; "
                                + "write TIMESTAMP 'YYYY-MM-DD hh:mm:ss[.ffffff]'"));
                yield new Constant(SqlType.datetime(Temporals.fractionDigits(text)), value);
            }
            case TIME -> new Constant(SqlType.time(Temporals.fractionDigits(text)), Temporals.parseTime(text)
                    .orElseThrow(() -> new IllegalArgumentException("TIME '" + text + "' is not a time; write TIME 'hh:mm:ss[.ffffff]'")));
        };
    }

    private Eval column(String name) {
        int index = resolve(name);
        Column column = table.columns().get(index);
        try {
            return ColumnValue.of(index, column);
        }
        catch (IllegalArgumentException e) {
            throw new ExpressionProblem("column `" + column.name() + "` cannot be used here: " + e.getMessage());
        }
    }

    /** A column only tested for NULL: any type works. */
    private Eval anyColumn(String name) {
        int index = resolve(name);
        Column column = table.columns().get(index);
        return new Eval() {
            @Override
            public SqlType type() {
                return SqlType.NULL;
            }

            @Override
            public Object eval(Row row) {
                if (!row.isPresent(index)) {
                    throw new ColumnValue.AbsentColumn(column.name());
                }
                return row.get(index);
            }

            @Override
            public boolean isConstant() {
                return false;
            }

            @Override
            public boolean nullable() {
                return column.nullable();
            }
        };
    }

    private int resolve(String name) {
        int index = table.indexOf(name);
        if (index >= 0) {
            return index;
        }
        List<String> names = table.columns().stream().map(Column::name).toList();
        Optional<String> suggestion = names.stream()
                .filter(candidate -> Suggestions.distance(candidate.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)) <= Math.max(1, name.length() / 3))
                .min(Comparator.comparingInt(candidate -> Suggestions.distance(candidate.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT))));
        throw new UnknownColumn(name, names, suggestion);
    }

    /** Computes a constant subexpression now; one that fails would fail the source's SELECT for every row. */
    private static Eval fold(Eval eval) {
        if (eval instanceof Constant constant) {
            // a function of constants that returned one of them (CEIL(5)) is still a computed, cached value
            return constant.computed() ? constant : new Constant(constant.type(), constant.value(), true);
        }
        if (!eval.isConstant() || eval instanceof HexHybrid) {
            return eval;
        }
        if (eval instanceof Condition condition) {
            return Condition.constant(condition.test(null));
        }
        Constant constant = new Constant(eval.type(), eval.eval(null), true);
        return eval instanceof Functions.TextOnly ? new Functions.TextOnly(constant) : constant;
    }

    private static <T> T guarded(Node node, java.util.function.Supplier<T> binding) {
        try {
            return binding.get();
        }
        catch (IllegalArgumentException e) {
            throw new ExpressionProblem(e.getMessage() + " (in " + sql(node) + ")");
        }
        catch (SqlError e) {
            throw new ExpressionProblem(e.getMessage() + ", a constant part of the expression, so the source would fail for every row");
        }
    }

    static String sql(Node node) {
        StringBuilder out = new StringBuilder();
        node.render(out, Function.identity());
        return out.toString();
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    /** A column name the table does not have. */
    static final class UnknownColumn extends RuntimeException {
        private final String name;
        private final List<String> columns;
        private final Optional<String> suggestion;

        UnknownColumn(String name, List<String> columns, Optional<String> suggestion) {
            super(name, null, false, false);
            this.name = name;
            this.columns = List.copyOf(columns);
            this.suggestion = suggestion;
        }

        String name() {
            return name;
        }

        List<String> columns() {
            return columns;
        }

        Optional<String> suggestion() {
            return suggestion;
        }
    }
}
