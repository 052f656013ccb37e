package io.sluice.core.rule;

import java.util.Optional;

/**
 * Checks the syntax of a row predicate ({@code Where}, {@code expression-filter}) when a task file
 * is read, so that a typo is reported with its file position before anything starts. The MySQL
 * module provides the real check; {@link #UNCHECKED} defers it to task start.
 */
@FunctionalInterface
public interface ExpressionSyntax
{
    ExpressionSyntax UNCHECKED = expression -> Optional.empty();

    /** The problem with the expression, phrased for a user, or empty when it is valid. */
    Optional<String> problem(String expression);
}
