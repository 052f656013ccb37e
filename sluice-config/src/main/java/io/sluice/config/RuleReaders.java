package io.sluice.config;

import io.sluice.core.error.Suggestions;
import io.sluice.config.YamlNode.Entry;
import io.sluice.core.rule.EventFilterRule;
import io.sluice.core.rule.EventType;
import io.sluice.core.rule.ExpressionSyntax;
import io.sluice.core.rule.PartitionIdRule;
import io.sluice.core.rule.RouteRule;
import io.sluice.core.rule.RowPredicateRule;
import io.sluice.core.rule.TableMatcher;
import io.sluice.core.task.NamePattern;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

import static java.util.Map.entry;
import static java.util.Objects.requireNonNull;

/**
 * Reads the rules of DM's top-level {@code routes}, {@code filters}, {@code column-mappings} and
 * {@code expression-filter} blocks into Sluice's rule model. Every pattern, event name, regular
 * expression and row expression is checked here, with its position, so a task never starts with a
 * rule that cannot work; names compare with or without case as the task's {@code case-sensitive} says.
 */
final class RuleReaders
{
    private static final List<String> ROUTE_KEYS = List.of("schema-pattern", "table-pattern", "target-schema", "target-table");
    private static final String EXTRACT_HINT = " Sluice cannot add the source's table, schema or id as a column yet; "
            + "remove it, or add and fill the column on the target yourself.";
    private static final Map<String, String> UNSUPPORTED_ROUTE_KEYS = Map.of(
            "extract-table", EXTRACT_HINT,
            "extract-schema", EXTRACT_HINT,
            "extract-source", EXTRACT_HINT);

    private static final List<String> FILTER_KEYS = List.of("schema-pattern", "table-pattern", "events", "sql-pattern", "action");

    private static final List<String> COLUMN_MAPPING_KEYS = List.of("schema-pattern", "table-pattern", "source-column", "target-column", "expression", "arguments");
    private static final Map<String, String> UNSUPPORTED_COLUMN_MAPPING_KEYS = Map.of(
            "create-table-query", " Sluice creates target tables from the source's SHOW CREATE TABLE.");
    static final String PARTITION_ID = "partition id";
    private static final List<String> EXPRESSIONS = List.of(PARTITION_ID, "add prefix", "add suffix");

    private static final String INSERT = "insert-value-expr";
    private static final String UPDATE_OLD = "update-old-value-expr";
    private static final String UPDATE_NEW = "update-new-value-expr";
    private static final String DELETE = "delete-value-expr";
    private static final List<String> EXPRESSION_FILTER_KEYS = List.of("schema", "table", INSERT, UPDATE_OLD, UPDATE_NEW, DELETE);

    private static final Map<String, EventFilterRule.Action> ACTIONS = Map.ofEntries(
            entry("do", EventFilterRule.Action.DO),
            entry("ignore", EventFilterRule.Action.IGNORE),
            entry("error", EventFilterRule.Action.ERROR));

    private final boolean caseSensitive;
    private final ExpressionSyntax expressionSyntax;

    RuleReaders(boolean caseSensitive, ExpressionSyntax expressionSyntax)
    {
        this.caseSensitive = caseSensitive;
        this.expressionSyntax = requireNonNull(expressionSyntax, "expressionSyntax is null");
    }

    /** DM's table route: tables matching the patterns go to {@code target-schema} (and {@code target-table}). */
    RouteRule route(Section rule, String origin)
    {
        rule.checkKeys(ROUTE_KEYS, UNSUPPORTED_ROUTE_KEYS);
        TableMatcher matcher = matcher(rule);
        String targetSchema = rule.requiredString("target-schema");
        Optional<String> targetTable = rule.optionalString("target-table");
        if (targetTable.isPresent() && matcher.isSchemaLevel()) {
            throw rule.file().error(rule.keyMark("target-table"),
                    "%s needs a 'table-pattern': a route without one moves whole schemas and keeps table names".formatted(rule.describe("target-table")),
                    "Add 'table-pattern' for the tables to rename, or remove 'target-table'.");
        }
        return new RouteRule(matcher, Optional.of(targetSchema), targetTable, origin);
    }

    /** DM's binlog event filter. */
    EventFilterRule filter(Section rule, String origin)
    {
        rule.checkKeys(FILTER_KEYS, Map.of());
        TableMatcher matcher = matcher(rule);
        Set<EventType> events = EnumSet.noneOf(EventType.class);
        List<YamlNode> names = rule.list("events");
        for (int i = 0; i < names.size(); i++) {
            YamlNode node = names.get(i);
            String path = rule.itemPath("events", i);
            String name = rule.scalarText(node, "'" + path + "'");
            try {
                events.addAll(EventType.parse(name));
            }
            catch (IllegalArgumentException e) {
                String normalized = name.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
                throw rule.file().error(node.mark(),
                        "unknown binlog event '%s' in '%s'%s".formatted(name, path, Suggestions.didYouMean(normalized, EventType.knownNames())),
                        "Use one of: %s.".formatted(String.join(", ", EventType.knownNames())));
            }
        }
        List<String> sqlPatterns = new ArrayList<>();
        List<YamlNode> patterns = rule.list("sql-pattern");
        for (int i = 0; i < patterns.size(); i++) {
            YamlNode node = patterns.get(i);
            String path = rule.itemPath("sql-pattern", i);
            String pattern = rule.scalarText(node, "'" + path + "'");
            try {
                EventFilterRule.compile(pattern);
            }
            catch (IllegalArgumentException e) {
                String problem = e.getCause() instanceof PatternSyntaxException syntax
                        ? "%s at index %d".formatted(syntax.getDescription(), syntax.getIndex())
                        : e.getMessage();
                throw rule.file().error(node.mark(),
                        "invalid sql-pattern in '%s': %s".formatted(path, problem),
                        "Correct the regular expression; it is found anywhere in the statement, letters compared without case.");
            }
            sqlPatterns.add(pattern);
        }
        return new EventFilterRule(matcher, events, sqlPatterns, action(rule), origin);
    }

    private static EventFilterRule.Action action(Section rule)
    {
        String text = rule.requiredString("action");
        EventFilterRule.Action action = ACTIONS.get(text.trim().toLowerCase(Locale.ROOT));
        if (action == null) {
            throw rule.file().error(rule.valueMark("action"),
                    "%s must be Do, Ignore or Error, but is '%s'".formatted(rule.describe("action"), text),
                    "Set 'action' to Ignore (drop matching events), Do (keep only matching events) or Error (stop the task on them).");
        }
        return action;
    }

    /**
     * DM's column mapping; only {@code partition id} exists in Sluice. Its {@code arguments} are
     * tidb-tools' {@code [instance id, schema prefix, table prefix, separator]}, the separator
     * optional; an empty argument leaves that part out of the id.
     */
    PartitionIdRule columnMapping(Section rule, String origin)
    {
        rule.checkKeys(COLUMN_MAPPING_KEYS, UNSUPPORTED_COLUMN_MAPPING_KEYS);
        TableMatcher matcher = matcher(rule);
        String expression = rule.requiredString("expression");
        if (!expression.equals(PARTITION_ID)) {
            boolean known = EXPRESSIONS.contains(expression);
            throw rule.file().error(rule.valueMark("expression"),
                    known
                            ? "column mapping expression '%s' in '%s' is not supported yet by Sluice".formatted(expression, rule.path())
                            : "unknown column mapping expression '%s' in '%s'%s".formatted(expression, rule.path(), Suggestions.didYouMean(expression, EXPRESSIONS)),
                    known
                            ? "Use 'partition id', or change the column's values on the target yourself."
                            : "Use 'partition id'; DM also knows 'add prefix' and 'add suffix', which Sluice does not support yet.");
        }
        String column = rule.requiredString("target-column");
        Optional<String> sourceColumn = rule.optionalString("source-column");
        if (sourceColumn.isPresent() && !sourceColumn.get().equalsIgnoreCase(column)) {
            throw rule.file().error(rule.valueMark("source-column"),
                    "%s is '%s' but 'target-column' is '%s'; partition id rewrites the value of one column in place".formatted(rule.describe("source-column"), sourceColumn.get(), column),
                    "Set 'source-column' to the same column as 'target-column', or remove it.");
        }
        List<YamlNode> arguments = rule.list("arguments");
        if (arguments.size() != 3 && arguments.size() != 4) {
            throw rule.file().error(rule.has("arguments") ? rule.keyMark("arguments") : rule.mark(),
                    "'%s' must list 3 or 4 arguments for partition id, but lists %d".formatted(rule.path("arguments"), arguments.size()),
                    "Write arguments: [instance id, schema prefix, table prefix, separator], e.g. [\"1\", \"shard\", \"t\", \"_\"]; leave an argument \"\" to leave that part out.");
        }
        List<Optional<String>> values = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String text = rule.scalarText(arguments.get(i), "'" + rule.itemPath("arguments", i) + "'");
            values.add(text.isEmpty() ? Optional.empty() : Optional.of(text));
        }
        Optional<Integer> instanceId = values.get(0).map(text -> instanceId(rule, arguments.get(0), text));
        Optional<String> separator = values.size() == 4 ? values.get(3) : Optional.empty();
        return new PartitionIdRule(matcher, column, instanceId, values.get(1), values.get(2), separator, origin);
    }

    private static int instanceId(Section rule, YamlNode node, String text)
    {
        int max = (1 << PartitionIdRule.INSTANCE_BITS) - 1;
        if (text.matches("[0-9]{1,3}") && Integer.parseInt(text) <= max) {
            return Integer.parseInt(text);
        }
        throw rule.file().error(node.mark(),
                "the instance id '%s' in '%s' must be a whole number between 0 and %d, as it has %d bits".formatted(text, rule.itemPath("arguments", 0), max, PartitionIdRule.INSTANCE_BITS),
                "Give each upstream instance its own number between 0 and %d, or \"\" to leave the instance out of the id.".formatted(max));
    }

    /**
     * DM's expression filter: rows of one table (exact names) whose values make the expression TRUE
     * are not replicated. As in DM, a rule sets the insert expression, the update expressions, or
     * the delete expression, never two of these.
     */
    RowPredicateRule expressionFilter(Section rule, String origin)
    {
        rule.checkKeys(EXPRESSION_FILTER_KEYS, Map.of());
        String schema = rule.requiredString("schema");
        String table = rule.requiredString("table");
        Optional<String> insert = expression(rule, INSERT);
        Optional<String> updateOld = expression(rule, UPDATE_OLD);
        Optional<String> updateNew = expression(rule, UPDATE_NEW);
        Optional<String> delete = expression(rule, DELETE);
        String first = null;
        for (Entry entry : rule.entries()) {
            String key = entry.key();
            if (!key.endsWith("-value-expr") || rule.optionalString(key).isEmpty()) {
                continue;
            }
            if (first == null) {
                first = key;
            }
            else if (group(first) != group(key)) {
                throw rule.file().error(entry.keyMark(),
                        "'%s' and '%s' cannot both be set in '%s': a rule filters inserts, updates or deletes".formatted(first, key, rule.path()),
                        "Move '%s' into a rule of its own and list both rules in the instance's expression-filters.".formatted(key));
            }
        }
        if (first == null) {
            throw rule.file().error(rule.mark(),
                    "'%s' sets no expression".formatted(rule.path()),
                    "Set one of %s, or both update expressions.".formatted(String.join(", ", List.of(INSERT, UPDATE_OLD, UPDATE_NEW, DELETE))));
        }
        TableMatcher matcher = TableMatcher.of(NamePattern.exact(schema, caseSensitive), NamePattern.exact(table, caseSensitive));
        return new RowPredicateRule(matcher, Optional.empty(), insert, updateOld, updateNew, delete, origin);
    }

    private static int group(String expressionKey)
    {
        return switch (expressionKey) {
            case INSERT -> 0;
            case DELETE -> 2;
            default -> 1;
        };
    }

    private Optional<String> expression(Section rule, String key)
    {
        Optional<String> expression = rule.optionalString(key);
        expression.ifPresent(text -> expressionSyntax.problem(text).ifPresent(problem -> {
            throw rule.file().error(rule.valueMark(key),
                    "invalid expression '%s' in '%s': %s".formatted(text, rule.path(key), problem),
                    "Write a MySQL boolean expression over the table's columns, such as 'c % 2 = 0'; it is checked as 'SELECT <expression>'.");
        }));
        return expression;
    }

    /** The {@code schema-pattern} (required) and {@code table-pattern} (optional) of a rule. */
    private TableMatcher matcher(Section rule)
    {
        NamePattern schema = pattern(rule, "schema-pattern", rule.requiredString("schema-pattern"));
        Optional<NamePattern> table = rule.optionalString("table-pattern").map(text -> pattern(rule, "table-pattern", text));
        return new TableMatcher(schema, table);
    }

    private NamePattern pattern(Section rule, String key, String text)
    {
        if (text.startsWith("~")) {
            // DM matches these patterns with wildcards only, and a regular expression would make the
            // targets rename templates, which is dtle's meaning, not DM's.
            throw rule.file().error(rule.valueMark(key),
                    "%s is a regular expression, but DM's routes, filters and column mappings take wildcards only".formatted(rule.describe(key)),
                    "Use a name or a wildcard: '?', [a-z] and a final '*'.");
        }
        try {
            return NamePattern.parse(text, caseSensitive);
        }
        catch (IllegalArgumentException e) {
            throw rule.file().error(rule.valueMark(key),
                    "invalid pattern in '%s': %s".formatted(rule.path(key), e.getMessage()),
                    "Correct the pattern: '?', [a-z] and a final '*' are wildcards.");
        }
    }
}
