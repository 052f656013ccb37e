package io.sluice.core.rule;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.schema.TableId;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where each source table goes on the target. As in DM, a rule with a table pattern takes
 * precedence over a schema-only rule; two rules of the same kind matching one table are a conflict
 * (the target would depend on rule order), reported when the table is first routed. Tables no rule
 * matches keep their names.
 */
public record TableRoutes(List<RouteRule> rules)
{
    private static final TableRoutes NONE = new TableRoutes(List.of());

    public TableRoutes
    {
        rules = List.copyOf(requireNonNull(rules, "rules is null"));
    }

    public static TableRoutes none()
    {
        return NONE;
    }

    public boolean isEmpty()
    {
        return rules.isEmpty();
    }

    /** The target table of a source table. */
    public TableId route(TableId source)
    {
        return ruleFor(source).map(rule -> rule.apply(source)).orElse(source);
    }

    /** The rule that routes a source table, if any. */
    public Optional<RouteRule> ruleFor(TableId source)
    {
        requireNonNull(source, "source is null");
        RouteRule rule = only(source.toString(), rules.stream().filter(r -> !r.matcher().isSchemaLevel() && r.matches(source)).toList());
        if (rule == null) {
            rule = only(source.toString(), rules.stream().filter(r -> r.matcher().isSchemaLevel() && r.matches(source)).toList());
        }
        return Optional.ofNullable(rule);
    }

    /** The target name of a database, for statements on the database itself: the schema-only rule matching it. */
    public String routeDatabase(String database)
    {
        requireNonNull(database, "database is null");
        RouteRule rule = only(database, rules.stream().filter(r -> r.matcher().isSchemaLevel() && r.matcher().matchesSchema(database)).toList());
        return rule == null ? database : rule.renameSchema(database);
    }

    /** Whether any rule may send a table of this database elsewhere. */
    public boolean touchesDatabase(String database)
    {
        for (RouteRule rule : rules) {
            if (rule.matcher().matchesSchema(database)) {
                return true;
            }
        }
        return false;
    }

    private static RouteRule only(String name, List<RouteRule> matching)
    {
        if (matching.size() > 1) {
            List<String> origins = new ArrayList<>();
            for (RouteRule rule : matching) {
                origins.add(rule.origin() + " (" + rule.matcher() + ")");
            }
            throw new SluiceException(ErrorCode.INVALID_CONFIG,
                    "Routes conflict: " + name + " matches " + String.join(" and ", origins) + ".",
                    "Narrow the patterns so that each table matches one route of each kind.");
        }
        return matching.isEmpty() ? null : matching.getFirst();
    }
}
