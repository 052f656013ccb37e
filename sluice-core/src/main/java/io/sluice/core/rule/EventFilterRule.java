package io.sluice.core.rule;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static java.util.Objects.requireNonNull;

/**
 * One binlog event filter (DM's {@code filters} entry, or one name of dtle's {@code SqlFilter}):
 * for tables matching {@code matcher}, an event matches when its kind is in {@code events} or, for
 * DDL, its statement matches one of {@code sqlPatterns}. {@code Do} keeps only matching events,
 * {@code Ignore} drops them, {@code Error} pauses the task on them.
 */
public record EventFilterRule(TableMatcher matcher, Set<EventType> events, List<String> sqlPatterns, Action action, String origin)
{
    public enum Action
    {
        DO, IGNORE, ERROR
    }

    public EventFilterRule
    {
        requireNonNull(matcher, "matcher is null");
        events = events.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(requireNonNull(events, "events is null")));
        sqlPatterns = List.copyOf(requireNonNull(sqlPatterns, "sqlPatterns is null"));
        requireNonNull(action, "action is null");
        requireNonNull(origin, "origin is null");
        for (String pattern : sqlPatterns) {
            compile(pattern);
        }
    }

    /**
     * Compiles an {@code sql-pattern} as DM does (a regular expression found anywhere in the
     * statement, letters compared without case).
     *
     * @throws IllegalArgumentException with the regular expression's problem
     */
    public static Pattern compile(String sqlPattern)
    {
        try {
            return Pattern.compile(sqlPattern, Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
        }
        catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid sql-pattern '%s': %s at index %d".formatted(sqlPattern, e.getDescription(), e.getIndex()), e);
        }
    }
}
