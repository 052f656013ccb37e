package io.sluice.config.job;

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
    static final int MAX_DISTANCE = 2;

    private Hints() {}

    static Optional<String> closest(String input, Collection<String> candidates)
    {
        String best = null;
        int bestDistance = MAX_DISTANCE + 1;
        for (String candidate : candidates) {
            if (candidate.equalsIgnoreCase(input)) {
                return Optional.of(candidate);
            }
            int distance = distance(input, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The "; did you mean 'x'?" suffix for a message, or "" when nothing is close. */
    static String didYouMean(String input, Collection<String> candidates)
    {
        return closest(input, candidates).map(candidate -> "; did you mean '" + candidate + "'?").orElse("");
    }

    static int distance(String a, String b)
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
