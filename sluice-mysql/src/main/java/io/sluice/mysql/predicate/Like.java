package io.sluice.mysql.predicate;

import static java.util.Objects.requireNonNull;

import io.sluice.core.event.Row;

/** {@code s LIKE pattern}: the pattern is compiled once when it is a constant, else for each row. */
final class Like extends Condition {
    private final Eval subject;
    private final Eval pattern;
    private final int escape;
    private final Collation collation;
    private final LikeMatcher compiled;

    private Like(Eval subject, Eval pattern, int escape, Collation collation) {
        this.subject = requireNonNull(subject, "subject is null");
        this.pattern = requireNonNull(pattern, "pattern is null");
        this.escape = escape;
        this.collation = requireNonNull(collation, "collation is null");
        Object constant = pattern.isConstant() ? pattern.eval(null) : null;
        this.compiled = constant == null ? null : LikeMatcher.compile((String) constant, escape, collation);
    }

    static Condition of(Eval subject, Eval pattern, int escape, Collation collation) {
        if (pattern.isConstant() && pattern.eval(null) == null) {
            return Condition.constant(Truth.UNKNOWN);
        }
        return new Like(subject, pattern, escape, collation);
    }

    @Override
    Truth test(Row row) {
        Object text = subject.eval(row);
        if (text == null) {
            return Truth.UNKNOWN;
        }
        LikeMatcher matcher = compiled;
        if (matcher == null) {
            Object wild = pattern.eval(row);
            if (wild == null) {
                return Truth.UNKNOWN;
            }
            matcher = LikeMatcher.compile((String) wild, escape, collation);
        }
        return Truth.of(matcher.matches((String) text));
    }

    @Override
    public boolean isConstant() {
        return subject.isConstant() && pattern.isConstant();
    }
}
