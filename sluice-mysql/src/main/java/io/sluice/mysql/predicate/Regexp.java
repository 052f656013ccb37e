package io.sluice.mysql.predicate;

import static java.util.Objects.requireNonNull;

import io.sluice.core.event.Row;

import java.util.regex.Pattern;

/**
 * {@code s REGEXP 'pattern'} (also {@code RLIKE}): TRUE when the pattern is found anywhere in the
 * text, UNKNOWN when the text is NULL. The pattern is a constant, translated by {@link PcrePattern}
 * and compiled once, when the predicate is bound, so that a pattern Java would read differently
 * from MariaDB is rejected before the task starts.
 */
final class Regexp extends Condition {
    private final Eval subject;
    private final Pattern pattern;

    private Regexp(Eval subject, Pattern pattern) {
        this.subject = requireNonNull(subject, "subject is null");
        this.pattern = requireNonNull(pattern, "pattern is null");
    }

    /**
     * @param regexp the pattern's text, or null for a NULL pattern
     * @throws IllegalArgumentException if the pattern is not supported or not valid
     */
    static Condition of(Eval subject, String regexp, Collation collation) {
        if (regexp == null) {
            return Condition.constant(Truth.UNKNOWN);
        }
        return new Regexp(subject, PcrePattern.compile(regexp, collation));
    }

    @Override
    Truth test(Row row) {
        Object text = subject.eval(row);
        if (text == null) {
            return Truth.UNKNOWN;
        }
        return Truth.of(pattern.matcher((String) text).find());
    }

    @Override
    public boolean isConstant() {
        return subject.isConstant();
    }
}
