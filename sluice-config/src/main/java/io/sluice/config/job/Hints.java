package io.sluice.config.job;

import io.sluice.core.error.Suggestions;

import java.util.Collection;
import java.util.Optional;

/**
 * "Did you mean" hints for misspelt keys and names: the known name within two edits of the input,
 * by optimal string alignment distance (a swap of neighbouring characters is one edit). Letter
 * case differences count as edits, except that a name differing from the input only in case is
 * always suggested, since dtle's keys are case-sensitive and {@code gtid} for {@code Gtid} is a
 * common slip.
 */
final class Hints
{
    private Hints() {}

    /** A candidate equal to the input but for case, else the closest within {@link Suggestions#MAX_DISTANCE} edits. */
    static Optional<String> closest(String input, Collection<String> candidates)
    {
        for (String candidate : candidates) {
            if (candidate.equalsIgnoreCase(input)) {
                return Optional.of(candidate);
            }
        }
        return Suggestions.closest(input, candidates);
    }

    /** The "; did you mean 'x'?" suffix for a message, or "" when nothing is close. */
    static String didYouMean(String input, Collection<String> candidates)
    {
        return closest(input, candidates).map(candidate -> "; did you mean '" + candidate + "'?").orElse("");
    }
}
