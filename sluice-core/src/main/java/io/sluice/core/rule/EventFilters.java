package io.sluice.core.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Decides, for each binlog event, whether the task's event filters let it through. As in DM,
 * an event is dropped when it matches an {@code Ignore} rule for its table, or when {@code Do}
 * rules exist for its table and it matches none of them: Ignore wins over Do. An {@code Error}
 * rule that matches pauses the task instead, whatever the other rules say. Statements on a
 * database (no table) are judged by the rules without a table pattern. Immutable; patterns are
 * compiled once.
 */
public final class EventFilters
{
    private static final EventFilters NONE = new EventFilters(List.of());

    private final List<EventFilterRule> rules;
    private final List<List<Pattern>> compiled;

    public EventFilters(List<EventFilterRule> rules)
    {
        this.rules = List.copyOf(requireNonNull(rules, "rules is null"));
        List<List<Pattern>> patterns = new ArrayList<>();
        for (EventFilterRule rule : this.rules) {
            patterns.add(rule.sqlPatterns().stream().map(EventFilterRule::compile).toList());
        }
        this.compiled = List.copyOf(patterns);
    }

    public static EventFilters none()
    {
        return NONE;
    }

    public List<EventFilterRule> rules()
    {
        return rules;
    }

    public boolean isEmpty()
    {
        return rules.isEmpty();
    }

    /** What to do with an event of the given kinds on a table ({@code table} null for a database statement); {@code sql} is null for rows. */
    public Decision decide(String database, String table, Set<EventType> types, String sql)
    {
        requireNonNull(database, "database is null");
        requireNonNull(types, "types is null");
        if (rules.isEmpty()) {
            return Decision.APPLY;
        }
        boolean doRuleApplies = false;
        boolean doMatched = false;
        EventFilterRule ignored = null;
        for (int i = 0; i < rules.size(); i++) {
            EventFilterRule rule = rules.get(i);
            boolean applies = table == null
                    ? rule.matcher().isSchemaLevel() && rule.matcher().matchesSchema(database)
                    : rule.matcher().matches(database, table);
            if (!applies) {
                continue;
            }
            boolean matched = matchesType(rule, types) || (sql != null && matchesSql(compiled.get(i), sql));
            switch (rule.action()) {
                case ERROR -> {
                    if (matched) {
                        return new Decision(Verdict.ERROR, rule);
                    }
                }
                case IGNORE -> {
                    if (matched && ignored == null) {
                        ignored = rule;
                    }
                }
                case DO -> {
                    doRuleApplies = true;
                    doMatched |= matched;
                }
            }
        }
        if (ignored != null) {
            return new Decision(Verdict.IGNORE, ignored);
        }
        return doRuleApplies && !doMatched ? new Decision(Verdict.IGNORE, null) : Decision.APPLY;
    }

    private static boolean matchesType(EventFilterRule rule, Set<EventType> types)
    {
        for (EventType type : types) {
            if (rule.events().contains(type)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesSql(List<Pattern> patterns, String sql)
    {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(sql).find()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o)
    {
        return o instanceof EventFilters other && rules.equals(other.rules);
    }

    @Override
    public int hashCode()
    {
        return rules.hashCode();
    }

    @Override
    public String toString()
    {
        return "EventFilters" + rules;
    }

    public enum Verdict
    {
        APPLY, IGNORE, ERROR
    }

    /** The verdict and the rule that decided it (null when no single rule did). */
    public record Decision(Verdict verdict, EventFilterRule rule)
    {
        static final Decision APPLY = new Decision(Verdict.APPLY, null);

        public Decision
        {
            requireNonNull(verdict, "verdict is null");
        }
    }
}
