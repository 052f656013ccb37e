package io.sluice.mysql.predicate;

import com.alibaba.druid.sql.ast.SQLDataType;
import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLExprImpl;
import com.alibaba.druid.sql.ast.expr.SQLBetweenExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOpExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOperator;
import com.alibaba.druid.sql.ast.expr.SQLBooleanExpr;
import com.alibaba.druid.sql.ast.expr.SQLCastExpr;
import com.alibaba.druid.sql.ast.expr.SQLCharExpr;
import com.alibaba.druid.sql.ast.expr.SQLDateExpr;
import com.alibaba.druid.sql.ast.expr.SQLHexExpr;
import com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr;
import com.alibaba.druid.sql.ast.expr.SQLInListExpr;
import com.alibaba.druid.sql.ast.expr.SQLIntegerExpr;
import com.alibaba.druid.sql.ast.expr.SQLIntervalExpr;
import com.alibaba.druid.sql.ast.expr.SQLMethodInvokeExpr;
import com.alibaba.druid.sql.ast.expr.SQLNotExpr;
import com.alibaba.druid.sql.ast.expr.SQLNullExpr;
import com.alibaba.druid.sql.ast.expr.SQLNumberExpr;
import com.alibaba.druid.sql.ast.expr.SQLQueryExpr;
import com.alibaba.druid.sql.ast.expr.SQLTimeExpr;
import com.alibaba.druid.sql.ast.expr.SQLTimestampExpr;
import com.alibaba.druid.sql.ast.expr.SQLUnaryExpr;
import com.alibaba.druid.sql.ast.expr.SQLVariantRefExpr;
import com.alibaba.druid.sql.ast.statement.SQLCharacterDataType;
import io.sluice.mysql.predicate.Node.ArithmeticOp;
import io.sluice.mysql.predicate.Node.Cast.CastTarget;
import io.sluice.mysql.predicate.Node.CompareOp;
import io.sluice.mysql.predicate.Node.IsTest;
import io.sluice.mysql.predicate.Node.LogicalOp;
import io.sluice.mysql.predicate.Node.TemporalKind;
import io.sluice.mysql.predicate.Node.TrimMode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns Druid's MySQL expression AST into a {@link Node} tree, rejecting every construct row
 * predicates do not evaluate. Children are visited in source order so that the hex literals can be
 * matched with what {@link SourceScan} saw in the text. Where Druid's operator precedence differs
 * from MySQL's (a comparison directly inside IN, BETWEEN or another comparison), the expression is
 * rejected unless the user wrote parentheses.
 */
final class DruidTranslation {
    /** Canonical name of each supported function (aliases map to one name) and its accepted argument counts. */
    private static final Map<String, String> FUNCTIONS = Map.ofEntries(
            Map.entry("IFNULL", "IFNULL"), Map.entry("COALESCE", "COALESCE"), Map.entry("IF", "IF"), Map.entry("ISNULL", "ISNULL"),
            Map.entry("ABS", "ABS"), Map.entry("LENGTH", "LENGTH"), Map.entry("OCTET_LENGTH", "LENGTH"),
            Map.entry("CHAR_LENGTH", "CHAR_LENGTH"), Map.entry("CHARACTER_LENGTH", "CHAR_LENGTH"),
            Map.entry("LOWER", "LOWER"), Map.entry("LCASE", "LOWER"), Map.entry("UPPER", "UPPER"), Map.entry("UCASE", "UPPER"),
            Map.entry("CONCAT", "CONCAT"), Map.entry("SUBSTRING", "SUBSTRING"), Map.entry("SUBSTR", "SUBSTRING"), Map.entry("MID", "SUBSTRING"),
            Map.entry("LEFT", "LEFT"), Map.entry("RIGHT", "RIGHT"), Map.entry("LTRIM", "LTRIM"), Map.entry("RTRIM", "RTRIM"),
            Map.entry("FLOOR", "FLOOR"), Map.entry("CEIL", "CEILING"), Map.entry("CEILING", "CEILING"), Map.entry("ROUND", "ROUND"),
            Map.entry("YEAR", "YEAR"), Map.entry("MONTH", "MONTH"), Map.entry("DAY", "DAYOFMONTH"), Map.entry("DAYOFMONTH", "DAYOFMONTH"),
            Map.entry("DATE", "DATE"), Map.entry("MOD", "MOD"), Map.entry("HOUR", "HOUR"), Map.entry("MINUTE", "MINUTE"),
            Map.entry("SECOND", "SECOND"), Map.entry("DATEDIFF", "DATEDIFF"), Map.entry("DATE_FORMAT", "DATE_FORMAT"));

    private static final Set<String> NON_DETERMINISTIC = Set.of("NOW", "SYSDATE", "CURDATE", "CURRENT_DATE", "CURTIME", "CURRENT_TIME",
            "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP", "UTC_DATE", "UTC_TIME", "UTC_TIMESTAMP", "UNIX_TIMESTAMP", "RAND",
            "UUID", "UUID_SHORT", "SYS_GUID", "CONNECTION_ID", "LAST_INSERT_ID", "USER", "CURRENT_USER", "SESSION_USER", "SYSTEM_USER",
            "DATABASE", "SCHEMA", "VERSION", "FOUND_ROWS", "ROW_COUNT", "SLEEP", "BENCHMARK", "GET_LOCK", "RELEASE_LOCK",
            "IS_FREE_LOCK", "IS_USED_LOCK", "NEXTVAL", "LASTVAL", "SETVAL", "CURRENT_ROLE", "LAST_VALUE");

    static final String SUPPORTED = "literals (numbers, 'strings', NULL, TRUE, FALSE, X'hex', 0xhex, DATE/TIME/TIMESTAMP '...'), "
            + "column names, + - * / DIV % MOD, = <=> <> != < <= > >=, AND OR XOR NOT (&& || !), IS [NOT] NULL/TRUE/FALSE/UNKNOWN, "
            + "[NOT] IN (...), [NOT] BETWEEN ... AND ..., [NOT] LIKE ... [ESCAPE '.'], [NOT] REGEXP/RLIKE '...', CAST(x AS SIGNED/UNSIGNED/CHAR/DECIMAL(p,s)/DATE/DATETIME) "
            + "and the functions " + String.join(", ", FUNCTIONS.keySet().stream().sorted().toList());

    private final List<SourceScan.Hex> hexLiterals;
    private int nextHex;

    private DruidTranslation(List<SourceScan.Hex> hexLiterals) {
        this.hexLiterals = hexLiterals;
    }

    static Node translate(SQLExpr expr, List<SourceScan.Hex> hexLiterals) {
        DruidTranslation translation = new DruidTranslation(hexLiterals);
        Node node = translation.node(expr);
        if (translation.nextHex != hexLiterals.size()) {
            throw new ExpressionProblem("cannot match the hex literals of the expression");
        }
        return node;
    }

    private Node node(SQLExpr expr) {
        return switch (expr) {
            case SQLBinaryOpExpr binary -> binary(binary);
            case SQLUnaryExpr unary -> unary(unary);
            case SQLNotExpr not -> new Node.Not(node(not.getExpr()));
            case SQLInListExpr in -> in(in);
            case SQLBetweenExpr between -> between(between);
            case SQLMethodInvokeExpr call -> call(call);
            case SQLCastExpr cast -> cast(cast);
            case SQLIntegerExpr integer -> new Node.IntegerLiteral(new BigInteger(integer.getNumber().toString()));
            case SQLNumberExpr number -> number(number);
            case SQLCharExpr text -> text(text);
            case SQLHexExpr hex -> hex(hex.getHex(), false);
            case SQLNullExpr ignored -> new Node.NullLiteral();
            case SQLBooleanExpr bool -> new Node.BooleanLiteral(bool.getBooleanValue());
            case SQLIdentifierExpr identifier -> identifier(identifier);
            case SQLDateExpr date -> new Node.TemporalLiteral(TemporalKind.DATE, date.getValue());
            case SQLTimeExpr time -> new Node.TemporalLiteral(TemporalKind.TIME, time.getValue());
            case SQLTimestampExpr timestamp -> new Node.TemporalLiteral(TemporalKind.TIMESTAMP, timestamp.getValue());
            case SQLQueryExpr ignored -> throw unsupported("subqueries are not supported", expr);
            case SQLVariantRefExpr ignored -> throw unsupported("variables and placeholders are not supported", expr);
            default -> {
                if (expr.getClass().getSimpleName().contains("Current")) {
                    // CURRENT_DATE, CURRENT_TIMESTAMP, CURRENT_USER without parentheses
                    throw new ExpressionProblem(render(expr).toUpperCase(Locale.ROOT) + " is not allowed: its value depends on when "
                            + "and where it is evaluated, so the snapshot and the binlog reader would select different rows");
                }
                throw unsupported(describe(expr) + " is not supported", expr);
            }
        };
    }

    private Node binary(SQLBinaryOpExpr expr) {
        SQLBinaryOperator op = expr.getOperator();
        if (op == SQLBinaryOperator.Escape) {
            if (!(expr.getLeft() instanceof SQLBinaryOpExpr like && isLike(like.getOperator()))) {
                throw unsupported("ESCAPE must follow LIKE", expr);
            }
            return like(like, Optional.of(expr.getRight()));
        }
        if (isLike(op)) {
            return like(expr, Optional.empty());
        }
        if (isRegexp(op)) {
            return regexp(expr);
        }
        ArithmeticOp arithmetic = switch (op) {
            case Add -> ArithmeticOp.ADD;
            case Subtract -> ArithmeticOp.SUBTRACT;
            case Multiply -> ArithmeticOp.MULTIPLY;
            case Divide -> ArithmeticOp.DIVIDE;
            case DIV -> ArithmeticOp.INTEGER_DIVIDE;
            case Modulus, Mod -> ArithmeticOp.MODULO;
            default -> null;
        };
        if ((op == SQLBinaryOperator.Add || op == SQLBinaryOperator.Subtract) && expr.getRight() instanceof SQLIntervalExpr interval) {
            return addInterval(node(expr.getLeft()), interval, op == SQLBinaryOperator.Subtract);
        }
        if (expr.getLeft() instanceof SQLIntervalExpr || expr.getRight() instanceof SQLIntervalExpr) {
            // MySQL reads INTERVAL 1 DAY + d > x as INTERVAL 1 DAY + (d > x); Druid does not, so the form is refused
            throw unsupported("write an INTERVAL after a date: d + INTERVAL n unit or d - INTERVAL n unit", expr);
        }
        if (arithmetic != null) {
            Node left = node(expr.getLeft());
            return new Node.Arithmetic(arithmetic, left, node(expr.getRight()));
        }
        CompareOp compare = switch (op) {
            case Equality -> CompareOp.EQUAL;
            case LessThanOrEqualOrGreaterThan -> CompareOp.NULL_SAFE_EQUAL;
            case NotEqual, LessThanOrGreater -> CompareOp.NOT_EQUAL;
            case LessThan -> CompareOp.LESS;
            case LessThanOrEqual -> CompareOp.LESS_OR_EQUAL;
            case GreaterThan -> CompareOp.GREATER;
            case GreaterThanOrEqual -> CompareOp.GREATER_OR_EQUAL;
            default -> null;
        };
        if (compare != null) {
            requireUnambiguous(expr.getLeft(), expr);
            requireUnambiguous(expr.getRight(), expr);
            Node left = node(expr.getLeft());
            return new Node.Comparison(compare, left, node(expr.getRight()));
        }
        LogicalOp logical = switch (op) {
            case BooleanAnd -> LogicalOp.AND;
            case BooleanOr -> LogicalOp.OR;
            case BooleanXor -> LogicalOp.XOR;
            default -> null;
        };
        if (logical != null) {
            Node left = node(expr.getLeft());
            return new Node.Logical(logical, left, node(expr.getRight()));
        }
        if (op == SQLBinaryOperator.Is || op == SQLBinaryOperator.IsNot) {
            Node operand = node(expr.getLeft());
            IsTest test = switch (expr.getRight()) {
                case SQLNullExpr ignored -> IsTest.NULL;
                case SQLBooleanExpr bool -> bool.getBooleanValue() ? IsTest.TRUE : IsTest.FALSE;
                case SQLIdentifierExpr id when id.getName().equalsIgnoreCase("unknown") -> IsTest.UNKNOWN;
                default -> throw unsupported("IS must be followed by NULL, TRUE, FALSE or UNKNOWN", expr);
            };
            return new Node.Is(operand, test, op == SQLBinaryOperator.IsNot);
        }
        throw unsupported("the operator " + op.name + " is not supported", expr);
    }

    /** {@code x ± INTERVAL n unit} with an integer literal n and a simple unit. */
    private Node addInterval(Node operand, SQLIntervalExpr interval, boolean subtract) {
        Node amount = node(interval.getValue());
        BigInteger value = switch (amount) {
            case Node.IntegerLiteral integer -> integer.value();
            case Node.Negate negate when negate.operand() instanceof Node.IntegerLiteral integer -> integer.value().negate();
            default -> throw unsupported("the amount of an INTERVAL must be an integer literal", interval);
        };
        if (interval.getUnit() == null) {
            throw unsupported("INTERVAL needs a unit", interval);
        }
        DateFunctions.Unit unit = DateFunctions.unit(interval.getUnit().name());
        if (subtract) {
            value = value.negate();
        }
        if (value.bitLength() > 40) {
            throw unsupported("the INTERVAL amount " + value + " is out of range", interval);
        }
        return new Node.AddInterval(operand, value.longValue(), unit);
    }

    private static boolean isLike(SQLBinaryOperator op) {
        return op == SQLBinaryOperator.Like || op == SQLBinaryOperator.NotLike;
    }

    private static boolean isRegexp(SQLBinaryOperator op) {
        return op == SQLBinaryOperator.RegExp || op == SQLBinaryOperator.NotRegExp || op == SQLBinaryOperator.RLike
                || op == SQLBinaryOperator.NotRLike;
    }

    private Node regexp(SQLBinaryOpExpr regexp) {
        requireUnambiguous(regexp.getLeft(), regexp);
        requireUnambiguous(regexp.getRight(), regexp);
        Node operand = node(regexp.getLeft());
        Node pattern = node(regexp.getRight());
        // a constant pattern is translated and checked when the predicate is read; one computed per row could not be
        if (!(pattern instanceof Node.StringLiteral) && !(pattern instanceof Node.NullLiteral)) {
            throw unsupported("the pattern of REGEXP must be a string literal", regexp.getRight());
        }
        if (pattern instanceof Node.StringLiteral literal) {
            // the syntax does not depend on the column, so a mistake is reported where the file is read
            try {
                PcrePattern.compile(literal.value(), Collation.CONNECTION);
            }
            catch (IllegalArgumentException e) {
                throw new ExpressionProblem(e.getMessage());
            }
        }
        boolean negated = regexp.getOperator() == SQLBinaryOperator.NotRegExp || regexp.getOperator() == SQLBinaryOperator.NotRLike;
        return new Node.Regexp(operand, pattern, negated);
    }

    private Node like(SQLBinaryOpExpr like, Optional<SQLExpr> escape) {
        requireUnambiguous(like.getLeft(), like);
        requireUnambiguous(like.getRight(), like);
        Node operand = node(like.getLeft());
        Node pattern = node(like.getRight());
        Optional<Node> escapeNode = escape.map(this::node);
        if (escapeNode.isPresent() && !(escapeNode.get() instanceof Node.StringLiteral literal && literal.value().length() <= 1)) {
            throw unsupported("ESCAPE must be a string literal of one character", escape.get());
        }
        return new Node.Like(operand, pattern, escapeNode, like.getOperator() == SQLBinaryOperator.NotLike);
    }

    private Node unary(SQLUnaryExpr expr) {
        return switch (expr.getOperator()) {
            case Negative -> new Node.Negate(node(expr.getExpr()));
            case Plus -> node(expr.getExpr());
            case Not, NOT -> new Node.Not(node(expr.getExpr()));
            default -> throw unsupported("the operator " + expr.getOperator() + " is not supported", expr);
        };
    }

    private Node in(SQLInListExpr expr) {
        requireUnambiguous(expr.getExpr(), expr);
        if (expr.getTargetList().isEmpty()) {
            throw unsupported("IN needs at least one value", expr);
        }
        Node operand = node(expr.getExpr());
        List<Node> values = new ArrayList<>();
        for (SQLExpr value : expr.getTargetList()) {
            values.add(node(value));
        }
        return new Node.In(operand, values, expr.isNot());
    }

    private Node between(SQLBetweenExpr expr) {
        requireUnambiguous(expr.getTestExpr(), expr);
        requireUnambiguous(expr.getBeginExpr(), expr);
        requireUnambiguous(expr.getEndExpr(), expr);
        Node operand = node(expr.getTestExpr());
        Node low = node(expr.getBeginExpr());
        return new Node.Between(operand, low, node(expr.getEndExpr()), expr.isNot());
    }

    private Node call(SQLMethodInvokeExpr call) {
        String name = call.getMethodName().toUpperCase(Locale.ROOT);
        if (call.getOwner() != null) {
            throw unsupported("qualified function names are not supported", call);
        }
        if (NON_DETERMINISTIC.contains(name)) {
            throw new ExpressionProblem(name + "() is not allowed: its value depends on when and where it is evaluated, so the snapshot "
                    + "and the binlog reader would select different rows");
        }
        if (name.equals("TRIM")) {
            return trim(call);
        }
        String function = FUNCTIONS.get(name);
        if (function == null) {
            throw new ExpressionProblem("the function " + name + "() is not supported");
        }
        List<Node> arguments = new ArrayList<>();
        for (SQLExpr argument : call.getArguments()) {
            arguments.add(node(argument));
        }
        if (function.equals("SUBSTRING") && call.getFrom() != null) {
            arguments.add(node(call.getFrom()));
            if (call.getFor() != null) {
                arguments.add(node(call.getFor()));
            }
        }
        else if (call.getFrom() != null || call.getFor() != null || call.getTrimOption() != null) {
            throw unsupported("FROM/FOR are only supported in SUBSTRING and TRIM", call);
        }
        if (!arityMatches(function, arguments.size())) {
            throw unsupported(function + "() does not take " + arguments.size() + " argument" + (arguments.size() == 1 ? "" : "s"), call);
        }
        if (function.equals("ROUND") && arguments.size() == 2 && !(arguments.get(1) instanceof Node.IntegerLiteral
                || arguments.get(1) instanceof Node.Negate negate && negate.operand() instanceof Node.IntegerLiteral)) {
            throw unsupported("the number of digits of ROUND must be an integer literal", call);
        }
        if (function.equals("DATE_FORMAT") && !(arguments.get(1) instanceof Node.StringLiteral)) {
            throw unsupported("the format of DATE_FORMAT must be a string literal", call);
        }
        if (function.equals("MOD")) {
            return new Node.Arithmetic(ArithmeticOp.MODULO, arguments.get(0), arguments.get(1));
        }
        return new Node.Call(function, arguments);
    }

    private static boolean arityMatches(String function, int count) {
        return switch (function) {
            case "COALESCE", "CONCAT" -> count >= 1;
            case "IFNULL", "LEFT", "RIGHT", "MOD" -> count == 2;
            case "IF" -> count == 3;
            case "SUBSTRING" -> count == 2 || count == 3;
            case "ROUND" -> count == 1 || count == 2;
            case "DATEDIFF", "DATE_FORMAT" -> count == 2;
            default -> count == 1;
        };
    }

    private Node trim(SQLMethodInvokeExpr call) {
        TrimMode mode = TrimMode.BOTH;
        if (call.getTrimOption() != null) {
            mode = switch (call.getTrimOption().toUpperCase(Locale.ROOT)) {
                case "BOTH" -> TrimMode.BOTH;
                case "LEADING" -> TrimMode.LEADING;
                case "TRAILING" -> TrimMode.TRAILING;
                default -> throw unsupported("unknown TRIM option " + call.getTrimOption(), call);
            };
        }
        List<SQLExpr> arguments = call.getArguments();
        if (call.getFrom() == null) {
            if (arguments.size() != 1 || call.getTrimOption() != null) {
                throw unsupported("write TRIM(s) or TRIM([BOTH|LEADING|TRAILING] [remove] FROM s)", call);
            }
            return new Node.Trim(mode, Optional.empty(), node(arguments.getFirst()));
        }
        if (arguments.size() > 1) {
            throw unsupported("write TRIM([BOTH|LEADING|TRAILING] [remove] FROM s)", call);
        }
        Optional<Node> remove = arguments.isEmpty() ? Optional.empty() : Optional.of(node(arguments.getFirst()));
        return new Node.Trim(mode, remove, node(call.getFrom()));
    }

    private Node cast(SQLCastExpr cast) {
        Node operand = node(cast.getExpr());
        SQLDataType type = cast.getDataType();
        String name = type.getName().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        List<Integer> args = new ArrayList<>();
        for (SQLExpr argument : type.getArguments()) {
            if (!(argument instanceof SQLIntegerExpr integer)) {
                throw unsupported("type arguments must be integers", cast);
            }
            args.add(integer.getNumber().intValue());
        }
        return switch (name) {
            case "signed", "signed int", "signed integer" -> new Node.Cast(operand, CastTarget.SIGNED, -1, 0);
            case "unsigned", "unsigned int", "unsigned integer" -> new Node.Cast(operand, CastTarget.UNSIGNED, -1, 0);
            case "char" -> {
                if (type instanceof SQLCharacterDataType character && (character.getCharSetName() != null || character.getCollate() != null)) {
                    throw unsupported("CAST(... AS CHAR CHARACTER SET ...) is not supported; the result is utf8mb4", cast);
                }
                if (args.size() > 1) {
                    throw unsupported("CHAR takes one length", cast);
                }
                yield new Node.Cast(operand, CastTarget.CHAR, args.isEmpty() ? -1 : args.getFirst(), 0);
            }
            case "decimal", "dec", "numeric", "fixed" -> {
                int precision = args.isEmpty() ? 10 : args.get(0);
                int scale = args.size() > 1 ? args.get(1) : 0;
                if (args.size() > 2 || precision < 1 || precision > 65 || scale < 0 || scale > 38 || scale > precision) {
                    throw unsupported("DECIMAL(p,s) needs 1 <= p <= 65 and 0 <= s <= min(p, 38)", cast);
                }
                yield new Node.Cast(operand, CastTarget.DECIMAL, precision, scale);
            }
            case "date" -> {
                if (!args.isEmpty()) {
                    throw unsupported("DATE takes no arguments", cast);
                }
                yield new Node.Cast(operand, CastTarget.DATE, -1, 0);
            }
            case "datetime" -> {
                int fsp = args.isEmpty() ? 0 : args.getFirst();
                if (args.size() > 1 || fsp < 0 || fsp > 6) {
                    throw unsupported("DATETIME(fsp) needs 0 <= fsp <= 6", cast);
                }
                yield new Node.Cast(operand, CastTarget.DATETIME, -1, fsp);
            }
            default -> throw unsupported("CAST to " + type.getName() + " is not supported (supported: SIGNED, UNSIGNED, CHAR, DECIMAL, DATE, DATETIME)", cast);
        };
    }

    private Node number(SQLNumberExpr number) {
        Number value = number.getNumber();
        if (value instanceof BigDecimal decimal) {
            if (decimal.precision() > 65) {
                throw unsupported("the literal has more than 65 digits", number);
            }
            return new Node.DecimalLiteral(decimal);
        }
        double approximate = value.doubleValue();
        if (Double.isInfinite(approximate) || Double.isNaN(approximate)) {
            throw unsupported("the literal is out of the DOUBLE range", number);
        }
        return new Node.DoubleLiteral(approximate);
    }

    private Node text(SQLCharExpr text) {
        if (text.getClass() != SQLCharExpr.class) {
            throw unsupported("character set introducers and N'...' literals are not supported", text);
        }
        if (text.getCollate() != null) {
            throw unsupported("COLLATE is not supported", text);
        }
        return new Node.StringLiteral(text.getText());
    }

    private Node identifier(SQLIdentifierExpr identifier) {
        if (identifier.getCollate() != null) {
            throw unsupported("COLLATE is not supported", identifier);
        }
        String name = identifier.getName();
        if (name.matches("0x[0-9a-fA-F]+")) {
            // Druid reads odd-length 0x literals as names
            return hex(name.substring(2), true);
        }
        if (name.startsWith("`")) {
            return new Node.ColumnRef(name.substring(1, name.length() - 1).replace("``", "`"));
        }
        String upper = name.toUpperCase(Locale.ROOT);
        if (NON_DETERMINISTIC.contains(upper)) {
            throw new ExpressionProblem(upper + " is not allowed: its value depends on when and where it is evaluated, so the snapshot "
                    + "and the binlog reader would select different rows");
        }
        if (upper.equals("UNKNOWN")) {
            throw new ExpressionProblem("UNKNOWN is only allowed after IS; write the column name in backquotes if it is called unknown");
        }
        return new Node.ColumnRef(name);
    }

    private Node hex(String digits, boolean fromIdentifier) {
        if (nextHex >= hexLiterals.size()) {
            throw new ExpressionProblem("cannot match the hex literal " + digits);
        }
        SourceScan.Hex source = hexLiterals.get(nextHex++);
        if (!source.digits().equalsIgnoreCase(digits) || (fromIdentifier && !source.hybrid())) {
            throw new ExpressionProblem("cannot match the hex literal " + digits + " (at position " + (source.position() + 1) + ")");
        }
        String padded = digits.length() % 2 == 0 ? digits : "0" + digits;
        return new Node.HexLiteral(HexFormat.of().parseHex(padded), source.hybrid());
    }

    /**
     * Druid binds IN, BETWEEN and comparisons differently from MySQL when one is the direct operand of
     * another ({@code a = b IN (...)}, {@code a BETWEEN b AND c = d}); such expressions need parentheses.
     */
    private static void requireUnambiguous(SQLExpr operand, SQLExpr parent) {
        if (operand instanceof SQLExprImpl impl && impl.isParenthesized()) {
            return;
        }
        boolean predicate = operand instanceof SQLInListExpr || operand instanceof SQLBetweenExpr
                || (operand instanceof SQLBinaryOpExpr binary && (binary.getOperator().isRelational()
                        || binary.getOperator() == SQLBinaryOperator.LessThanOrEqualOrGreaterThan
                        || isLike(binary.getOperator()) || isRegexp(binary.getOperator()) || binary.getOperator() == SQLBinaryOperator.Escape
                        || binary.getOperator() == SQLBinaryOperator.Is || binary.getOperator() == SQLBinaryOperator.IsNot));
        if (predicate) {
            throw new ExpressionProblem("add parentheses to '" + render(parent) + "': MySQL versions differ in how they group "
                    + "comparisons, IN, BETWEEN and LIKE written next to each other");
        }
    }

    private static ExpressionProblem unsupported(String detail, SQLExpr expr) {
        return new ExpressionProblem(detail + " (in '" + render(expr) + "')");
    }

    private static String render(SQLExpr expr) {
        return expr.toString().replaceAll("\\s+", " ").trim();
    }

    private static String describe(SQLExpr expr) {
        String simple = expr.getClass().getSimpleName().replaceFirst("^(SQL|MySql)", "").replaceFirst("Expr$", "");
        return simple.isEmpty() ? "this construct" : simple;
    }
}
