package io.sluice.mysql.predicate;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The parsed row predicate, independent of Druid: a small immutable tree of the constructs row
 * predicates support. {@link #render} writes it back as fully parenthesised MySQL, so the text
 * pushed to the source means exactly the tree that is evaluated, whatever the server's
 * {@code sql_mode} does to operator precedence, {@code ||} or double quotes.
 */
sealed interface Node {
    /** Appends this node as SQL; {@code columns} maps a column name as written to the SQL that reads it. */
    void render(StringBuilder out, Function<String, String> columns);

    /** Visits the column names in source order. */
    default void collectColumns(List<String> names) {
        for (Node child : children()) {
            child.collectColumns(names);
        }
    }

    List<Node> children();

    enum ArithmeticOp {
        ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), INTEGER_DIVIDE("DIV"), MODULO("%");

        final String sql;

        ArithmeticOp(String sql) {
            this.sql = sql;
        }
    }

    enum CompareOp {
        EQUAL("="), NULL_SAFE_EQUAL("<=>"), NOT_EQUAL("<>"), LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">=");

        final String sql;

        CompareOp(String sql) {
            this.sql = sql;
        }

        boolean holds(int comparison) {
            return switch (this) {
                case EQUAL, NULL_SAFE_EQUAL -> comparison == 0;
                case NOT_EQUAL -> comparison != 0;
                case LESS -> comparison < 0;
                case LESS_OR_EQUAL -> comparison <= 0;
                case GREATER -> comparison > 0;
                case GREATER_OR_EQUAL -> comparison >= 0;
            };
        }
    }

    enum LogicalOp { AND, OR, XOR }

    enum IsTest { NULL, TRUE, FALSE, UNKNOWN }

    enum TemporalKind { DATE, TIME, TIMESTAMP }

    enum TrimMode { BOTH, LEADING, TRAILING }

    record NullLiteral() implements Node {
        @Override
        public void render(StringBuilder out, Function<String, String> columns) {
            out.append("NULL");
        }

        @Override
        public List<Node> children() {
            return List.of();
        }
    }

    record BooleanLiteral(boolean value) implements Node {
        @Override
        public void render(StringBuilder out, Function<String, String> columns) {
            out.append(value ? "TRUE" : "FALSE");
        }

        @Override
        public List<Node> children() {
            return List.of();
        }
    }

    /** An integer literal of any size: INT when it fits 64 bits (signed, else unsigned), DECIMAL beyond. */
    record IntegerLiteral(BigInteger value) implements Node {
        public IntegerLiteral {
            requireNonNull(value, "value is null");
        }

        @Override
        public void render(StringBuilder out, Function<String, String> columns) {
            out.append(value);
        }

        @Override
        public List<Node> children() {
            return List.of();
        }
    }

    /** An exact literal with a point, {@code 1.50}: DECIMAL with the written scale. */
    record DecimalLiteral(BigDecimal value) implements Node {
        public DecimalLiteral {
            requireNonNull(value, "value is null");
        }

        @Override
        public void render(StringBuilder out, Function<String, String> columns) {
            out.append(value.toPlainString());
        }

        @Override
        public List<Node> children() {
            return List.of();
        }
    }

    /** An approximate literal with an exponent, {@code 1e3}: DOUBLE. */
    record DoubleLiteral(double value) implements Node {
        @Override
        public void render(StringBuilder out, Function<String, String> columns) {
            // Java's shortest round-trip text; an exponent keeps it a DOUBLE literal in MySQL
            String text = Double.toString(value);
            out.append(text.contains("E") ? text : text + "E0");
        }

        @Override
        public List<Node> children() {
            return List.of();
        }
    }

    record StringLiteral(String value) implements Node {
        public StringLiteral {
            requireNonNull(value, "value is null");
        }

        @Override
        public void render(StringBuilder out, Function<String, String> columns) {
            out.append('\'');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                // control characters stay raw: only quote, backslash and NUL need escaping
                switch (c) {
                    case '\'' -> out.append("''");
                    case '\\' -> out.append("\\\\");
                    case '\0' -> out.append("\\0");
                    default -> out.append(c);
                }
            }
            out.append('\'');
        }

        @Override
        public List<Node> children() {
            return List.of();
        }
    }

    /**
     * {@code X'..'} is a binary string; {@code 0x..} ({@code hybrid}) is a binary string in string
     * contexts and an unsigned integer in numeric ones.
     */
    record HexLiteral(byte[] bytes, boolean hybrid) implements Node {
        public HexLiteral {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public void render(StringBuilder out, Function<String, String> columns) {
            String hex = HexFormat.of().withUpperCase().formatHex(bytes);
            if (hybrid) {
                out.append("0x").append(hex);
            }
            else {
                out.append("X'").append(hex).append('\'');
            }
        }

        @Override
        public List<Node> children() {
            return List.of();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof HexLiteral other && hybrid == other.hybrid && java.util.Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes) * 31 + Boolean.hashCode(hybrid);
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            render(out, Function.identity());
            return out.toString();
        }
    }

    /** {@code DATE '2024-01-01'}, {@code TIME '10:00:00'}, {@code TIMESTAMP '2024-01-01 10:00:00'}. */
    record TemporalLiteral(TemporalKind kind, String text) implements Node {
        public TemporalLiteral {
            requireNonNull(kind, "kind is null");
            requireNonNull(text, "text is null");
        }

        @Override
        public void render(StringBuilder out, Function<String, String> columns) {
            out.append(kind).append(' ');
            new StringLiteral(text).render(out, columns);
        }

        @Override
        public List<Node> children() {
            return List.of();
        }
    }

    /** A column of the table, by the name as written (without backquotes). */
    record ColumnRef(String name) implements Node {
        public ColumnRef {
            requireNonNull(name, "name is null");
        }

        @Override
        public void render(StringBuilder out, Function<String, String> columns) {
            out.append(columns.apply(name));
        }

        @Override
        public void collectColumns(List<String> names) {
            names.add(name);
        }

        @Override
        public List<Node> children() {
            return List.of();
        }
    }

    record Negate(Node operand) implements Node {
        public Negate {
            requireNonNull(operand, "operand is null");
        }

        @Override
        public void render(StringBuilder out, Function<String, String> columns) {
            out.append("(-");
            operand.render(out, columns);
            out.append(')');
        }

        @Override
        public List<Node> children() {
            return List.of(operand);
        }
    }

    record Arithmetic(ArithmeticOp op, Node left, Node right) implements Node {
        public Arithmetic {
            requireNonNull(op, "op is null");
            requireNonNull(left, "left is null");
            requireNonNull(right, "right is null");
        }

        @Override
        public void render(StringBuilder out, Function<String, String> columns) {
            out.append('(');
            left.render(out, columns);
            out.append(' ').append(op.sql).append(' ');
            right.render(out, columns);
            out.append(')');
        }

        @Override
        public List<Node> children() {
            return List.of(left, right);
        }
    }

    record Comparison(CompareOp op, Node left, Node right) implements Node {
        public Comparison {
            requireNonNull(op, "op is null");
            requireNonNull(left, "left is null");
            requireNonNull(right, "right is null");
        }

        @Override
        public void render(StringBuilder out, Function<String, String> columns) {
            out.append('(');
            left.render(out, columns);
            out.append(' ').append(op.sql).append(' ');
            right.render(out, columns);
            out.append(')');
        }

        @Override
        public List<Node> children() {
            return List.of(left, right);
        }
    }

    record Logical(LogicalOp op, Node left, Node right) implements Node {
        public Logical {
            requireNonNull(op, "op is null");
            requireNonNull(left, "left is null");
            requireNonNull(right, "right is null");
        }

        @Override
        public void render(StringBuilder out, Function<String, String> columns) {
            out.append('(');
            left.render(out, columns);
            out.append(' ').append(op).append(' ');
            right.render(out, columns);
            out.append(')');
        }

        @Override
        public List<Node> children() {
            return List.of(left, right);
        }
    }

    record Not(Node operand) implements Node {
        public Not {
            requireNonNull(operand, "operand is null");
        }

        @Override
        public void render(StringBuilder out, Function<String, String> columns) {
            out.append("(NOT ");
            operand.render(out, columns);
            out.append(')');
        }

        @Override
        public List<Node> children() {
            return List.of(operand);
        }
    }

    record Is(Node operand, IsTest test, boolean negated) implements Node {
        public Is {
            requireNonNull(operand, "operand is null");
            requireNonNull(test, "test is null");
        }

        @Override
        public void render(StringBuilder out, Function<String, String> columns) {
            out.append('(');
            operand.render(out, columns);
            out.append(negated ? " IS NOT " : " IS ").append(test).append(')');
        }

        @Override
        public List<Node> children() {
            return List.of(operand);
        }
    }

    record In(Node operand, List<Node> values, boolean negated) implements Node {
        public In {
            requireNonNull(operand, "operand is null");
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("IN needs at least one value");
            }
        }

        @Override
        public void render(StringBuilder out, Function<String, String> columns) {
            out.append('(');
            operand.render(out, columns);
            out.append(negated ? " NOT IN (" : " IN (");
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                values.get(i).render(out, columns);
            }
            out.append("))");
        }

        @Override
        public List<Node> children() {
            return java.util.stream.Stream.concat(java.util.stream.Stream.of(operand), values.stream()).toList();
        }
    }

    record Between(Node operand, Node low, Node high, boolean negated) implements Node {
        public Between {
            requireNonNull(operand, "operand is null");
            requireNonNull(low, "low is null");
            requireNonNull(high, "high is null");
        }

        @Override
        public void render(StringBuilder out, Function<String, String> columns) {
            out.append('(');
            operand.render(out, columns);
            out.append(negated ? " NOT BETWEEN " : " BETWEEN ");
            low.render(out, columns);
            out.append(" AND ");
            high.render(out, columns);
            out.append(')');
        }

        @Override
        public List<Node> children() {
            return List.of(operand, low, high);
        }
    }

    record Like(Node operand, Node pattern, Optional<Node> escape, boolean negated) implements Node {
        public Like {
            requireNonNull(operand, "operand is null");
            requireNonNull(pattern, "pattern is null");
            requireNonNull(escape, "escape is null");
        }

        @Override
        public void render(StringBuilder out, Function<String, String> columns) {
            out.append('(');
            operand.render(out, columns);
            out.append(negated ? " NOT LIKE " : " LIKE ");
            pattern.render(out, columns);
            if (escape.isPresent()) {
                out.append(" ESCAPE ");
                escape.get().render(out, columns);
            }
            out.append(')');
        }

        @Override
        public List<Node> children() {
            return escape.isPresent() ? List.of(operand, pattern, escape.get()) : List.of(operand, pattern);
        }
    }

    /** {@code operand [NOT] REGEXP pattern}; RLIKE is the same operator. The pattern is a string literal or NULL. */
    record Regexp(Node operand, Node pattern, boolean negated) implements Node {
        public Regexp {
            requireNonNull(operand, "operand is null");
            requireNonNull(pattern, "pattern is null");
        }

        @Override
        public void render(StringBuilder out, Function<String, String> columns) {
            out.append('(');
            operand.render(out, columns);
            out.append(negated ? " NOT REGEXP " : " REGEXP ");
            pattern.render(out, columns);
            out.append(')');
        }

        @Override
        public List<Node> children() {
            return List.of(operand, pattern);
        }
    }

    /** A function call by its canonical (upper-case, de-aliased) name. */
    record Call(String function, List<Node> arguments) implements Node {
        public Call {
            requireNonNull(function, "function is null");
            arguments = List.copyOf(arguments);
        }

        @Override
        public void render(StringBuilder out, Function<String, String> columns) {
            out.append(function).append('(');
            for (int i = 0; i < arguments.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                arguments.get(i).render(out, columns);
            }
            out.append(')');
        }

        @Override
        public List<Node> children() {
            return arguments;
        }
    }

    /** {@code operand + INTERVAL amount unit}; a subtraction is a negated amount. */
    record AddInterval(Node operand, long amount, DateFunctions.Unit unit) implements Node {
        public AddInterval {
            requireNonNull(operand, "operand is null");
            requireNonNull(unit, "unit is null");
        }

        @Override
        public void render(StringBuilder out, Function<String, String> columns) {
            out.append('(');
            operand.render(out, columns);
            out.append(" + INTERVAL ").append(amount).append(' ').append(unit).append(')');
        }

        @Override
        public List<Node> children() {
            return List.of(operand);
        }
    }

    record Trim(TrimMode mode, Optional<Node> remove, Node source) implements Node {
        public Trim {
            requireNonNull(mode, "mode is null");
            requireNonNull(remove, "remove is null");
            requireNonNull(source, "source is null");
        }

        @Override
        public void render(StringBuilder out, Function<String, String> columns) {
            out.append("TRIM(").append(mode).append(' ');
            if (remove.isPresent()) {
                remove.get().render(out, columns);
                out.append(' ');
            }
            out.append("FROM ");
            source.render(out, columns);
            out.append(')');
        }

        @Override
        public List<Node> children() {
            return remove.isPresent() ? List.of(remove.get(), source) : List.of(source);
        }
    }

    /** {@code CAST(x AS target)}; {@code length} is CHAR(n) or the DECIMAL precision, {@code scale} the DECIMAL scale or DATETIME fsp. */
    record Cast(Node operand, CastTarget target, int length, int scale) implements Node {
        enum CastTarget { SIGNED, UNSIGNED, CHAR, DECIMAL, DATE, DATETIME }

        public Cast {
            requireNonNull(operand, "operand is null");
            requireNonNull(target, "target is null");
        }

        @Override
        public void render(StringBuilder out, Function<String, String> columns) {
            out.append("CAST(");
            operand.render(out, columns);
            out.append(" AS ").append(target);
            switch (target) {
                case CHAR -> {
                    if (length >= 0) {
                        out.append('(').append(length).append(')');
                    }
                }
                case DECIMAL -> out.append('(').append(length).append(',').append(scale).append(')');
                case DATETIME -> {
                    if (scale > 0) {
                        out.append('(').append(scale).append(')');
                    }
                }
                default -> { }
            }
            out.append(')');
        }

        @Override
        public List<Node> children() {
            return List.of(operand);
        }
    }
}
