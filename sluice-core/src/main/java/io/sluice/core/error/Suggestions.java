package io.sluice.core.error;

import java.util.Collection;
import java.util.Optional;

/**
 * Finds the known name closest to a misspelt one, for "did you mean" hints. It uses the optimal
 * string alignment distance, in which swapping two neighbouring characters costs one edit, since
 * transpositions such as {@code nmae} are the most common typing mistake. Shared by every reader
 * and validator that names what the user probably meant.
 */
public final class Suggestions
{
    public static final int MAX_DISTANCE = 2;

    private Suggestions() {}

    /** The candidate within {@link #MAX_DISTANCE} edits of the input, the first of the closest on ties. */
    public static Optional<String> closest(String input, Collection<String> candidates)
    {
        String best = null;
        int bestDistance = MAX_DISTANCE + 1;
        for (String candidate : candidates) {
            int distance = distance(input, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The " did you mean 'x'?" suffix for a message, or "" when nothing is close. */
    public static String didYouMean(String input, Collection<String> candidates)
    {
        return closest(input, candidates).map(candidate -> "; did you mean '" + candidate + "'?").orElse("");
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost one edit each. */
    public static int distance(String a, String b)
    {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
