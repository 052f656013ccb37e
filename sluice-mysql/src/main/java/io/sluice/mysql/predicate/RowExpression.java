package io.sluice.mysql.predicate;

import static java.util.Objects.requireNonNull;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.dialect.mysql.parser.MySqlExprParser;
import com.alibaba.druid.sql.parser.Token;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.rule.ExpressionSyntax;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A row predicate as the user wrote it (dtle's {@code Where}, DM's {@code expression-filter}): a
 * MySQL boolean expression over a table's columns, parsed with Druid's MySQL parser into Sluice's
 * own expression tree. Parsing checks syntax and that every construct is one Sluice evaluates
 * exactly as MariaDB does; {@link #bind} resolves the columns of a concrete table and fixes the
 * types, after which the expression can be evaluated on binlog rows and pushed down to the source
 * as the same condition.
 */
public final class RowExpression {
    private static final String FIX = "Write a MySQL condition over the table's columns, e.g. a < 5 AND b IS NOT NULL. Supported: "
            + DruidTranslation.SUPPORTED + ".";
    private static final Pattern DRUID_POSITION = Pattern.compile("pos (\\d+)");

    private final String text;
    private final Node root;
    private final Set<String> columns;

    private RowExpression(String text, Node root) {
        this.text = requireNonNull(text, "text is null");
        this.root = requireNonNull(root, "root is null");
        List<String> names = new ArrayList<>();
        root.collectColumns(names);
        this.columns = Collections.unmodifiableSet(new LinkedHashSet<>(names));
    }

    /**
     * Parses and validates syntax and supported constructs.
     *
     * @throws SluiceException RULE_INVALID naming the problem and, when known, its position
     */
    public static RowExpression parse(String expression) {
        requireNonNull(expression, "expression is null");
        try {
            return new RowExpression(expression, parseTree(expression));
        }
        catch (ExpressionProblem problem) {
            throw new SluiceException(ErrorCode.RULE_INVALID, "Invalid row predicate \"" + expression + "\": " + problem.detail() + ".", FIX);
        }
    }

    /** The syntax problem as a user-facing sentence, or empty when the expression can be used. */
    public static Optional<String> problem(String expression) {
        try {
            parse(expression);
            return Optional.empty();
        }
        catch (SluiceException e) {
            return Optional.of(e.reason());
        }
    }

    /** {@link #problem} as the core's {@link ExpressionSyntax}, for checking task files when they are read. */
    public static ExpressionSyntax syntax() {
        return RowExpression::problem;
    }

    /** The original text. */
    public String text() {
        return text;
    }

    /** The referenced column names, as written (without backquotes), in order of first appearance. */
    public Set<String> columns() {
        return columns;
    }

    /**
     * Resolves the column names (case-insensitively, as MySQL) against the table and types the
     * expression.
     *
     * @throws SluiceException RULE_INVALID for an unknown column (naming the table, its columns and a
     * close match) or a construct that cannot be evaluated exactly on this table's types
     */
    public BoundExpression bind(TableSchema table) {
        requireNonNull(table, "table is null");
        try {
            Condition condition = new Binder(table).bindCondition(root);
            StringBuilder sql = new StringBuilder();
            root.render(sql, name -> TableId.quote(table.columns().get(table.indexOf(name)).name()));
            return new BoundExpression(text, table.id(), condition, parenthesised(sql.toString()));
        }
        catch (Binder.UnknownColumn unknown) {
            throw new SluiceException(ErrorCode.RULE_INVALID,
                    "Row predicate \"" + text + "\" refers to column `" + unknown.name() + "`, which table " + table.id()
                            + " does not have" + unknown.suggestion().map(s -> " (did you mean `" + s + "`?)").orElse("")
                            + "; its columns are: " + String.join(", ", unknown.columns()) + ".",
                    "Use one of the table's column names in the predicate, or apply the rule only to tables that have the column.");
        }
        catch (ExpressionProblem problem) {
            throw new SluiceException(ErrorCode.RULE_INVALID,
                    "Row predicate \"" + text + "\" cannot be evaluated on " + table.id() + ": " + problem.detail() + ".",
                    "Rewrite the predicate so that it compares values of matching types, e.g. numbers with numbers and dates with "
                            + "'YYYY-MM-DD' strings.");
        }
    }

    /** Wraps the rendered condition in parentheses unless it already is one parenthesised whole. */
    private static String parenthesised(String sql) {
        if (sql.startsWith("(")) {
            int depth = 0;
            char quote = 0;
            for (int i = 0; i < sql.length(); i++) {
                char c = sql.charAt(i);
                if (quote != 0) {
                    if (c == '\\' && quote == '\'') {
                        i++;
                    }
                    else if (c == quote) {
                        quote = 0;
                    }
                }
                else if (c == '\'' || c == '`') {
                    quote = c;
                }
                else if (c == '(') {
                    depth++;
                }
                else if (c == ')' && --depth == 0) {
                    if (i == sql.length() - 1) {
                        return sql;
                    }
                    break;
                }
            }
        }
        return "(" + sql + ")";
    }

    private static Node parseTree(String expression) {
        if (expression.isBlank()) {
            throw new ExpressionProblem("the expression is empty");
        }
        List<SourceScan.Hex> hexLiterals = SourceScan.scan(expression);
        SQLExpr parsed;
        MySqlExprParser parser;
        try {
            parser = new MySqlExprParser(expression);
            parsed = parser.expr();
        }
        catch (RuntimeException e) {
            // Druid reports syntax errors as ParserException, and some malformed input as other runtime exceptions
            throw new ExpressionProblem(syntaxError(expression, e));
        }
        if (parser.getLexer().token() != Token.EOF) {
            int position = parser.getLexer().pos();
            String rest = expression.substring(Math.min(lastTokenStart(expression, position), expression.length())).strip();
            throw new ExpressionProblem("syntax error: unexpected '" + rest + "' after a complete expression (at position "
                    + (expression.length() - rest.length() + 1 - trailingBlanks(expression)) + ")");
        }
        Node root = DruidTranslation.translate(parsed, hexLiterals);
        checkLiterals(root);
        return root;
    }

    /** Date and time literals are checked when the expression is read, not only when it is bound. */
    private static void checkLiterals(Node node) {
        if (node instanceof Node.TemporalLiteral literal) {
            try {
                Binder.temporal(literal);
            }
            catch (IllegalArgumentException e) {
                throw new ExpressionProblem(e.getMessage());
            }
        }
        for (Node child : node.children()) {
            checkLiterals(child);
        }
    }

    private static String syntaxError(String expression, RuntimeException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.startsWith("EOF") || message.contains("actual EOF")) {
            return "syntax error: the expression ends too early";
        }
        Matcher position = DRUID_POSITION.matcher(message);
        if (position.find()) {
            int pos = Math.min(Integer.parseInt(position.group(1)), expression.length());
            int start = lastTokenStart(expression, pos);
            String near = expression.substring(start, Math.min(expression.length(), start + 20)).strip();
            return "syntax error near '" + near + "' (at position " + (start + 1) + ")";
        }
        return "syntax error (" + message + ")";
    }

    /** Druid reports the position after the offending token; step back to its start. */
    private static int lastTokenStart(String expression, int end) {
        int i = Math.min(end, expression.length());
        while (i > 0 && Character.isWhitespace(expression.charAt(i - 1))) {
            i--;
        }
        int tokenEnd = i;
        while (i > 0 && !Character.isWhitespace(expression.charAt(i - 1)) && isTokenChar(expression.charAt(i - 1))
                == isTokenChar(expression.charAt(tokenEnd - 1))) {
            i--;
        }
        return i;
    }

    private static boolean isTokenChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '`' || c == '\'' || c == '"';
    }

    private static int trailingBlanks(String expression) {
        int n = 0;
        for (int i = expression.length() - 1; i >= 0 && Character.isWhitespace(expression.charAt(i)); i--) {
            n++;
        }
        return n;
    }

    @Override
    public String toString() {
        return text;
    }
}
