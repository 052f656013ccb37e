package io.sluice.mysql.rule;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.DdlEvent;
import io.sluice.core.event.RowChange;
import io.sluice.core.rule.ColumnMapRule;
import io.sluice.core.rule.EventFilters;
import io.sluice.core.rule.EventType;
import io.sluice.core.rule.InstanceRules;
import io.sluice.core.rule.PartitionIdRule;
import io.sluice.core.rule.RouteRule;
import io.sluice.core.schema.Column;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One source's rules, applied: the table selection, the binlog event filters, and a
 * {@link TablePlan} per source table (route, column map, partition id, row predicates), built once
 * per table schema and shared by the snapshot and sync. Errors in rules that depend on a table's
 * columns (an unknown column in a predicate or map) surface when the table is first planned, with
 * the rule's origin in the task file.
 */
public final class TableRules {
    private static final Set<EventType> INSERT = Set.of(EventType.INSERT);
    private static final Set<EventType> UPDATE = Set.of(EventType.UPDATE);
    private static final Set<EventType> DELETE = Set.of(EventType.DELETE);

    private final InstanceRules rules;
    private final boolean shardMode;
    private final Map<TableSchema, TablePlan> plans = new ConcurrentHashMap<>();
    // sync asks for the same schema instance row after row: an identity check spares hashing the schema each time
    private volatile Planned last;

    /**
     * @param shardMode the task declares that upstream shards merge into shared tables ({@code shard-mode}),
     *     so every routed or same-named table may be shared
     */
    public TableRules(InstanceRules rules, boolean shardMode) {
        this.rules = requireNonNull(rules, "rules is null");
        this.shardMode = shardMode;
    }

    public InstanceRules rules() {
        return rules;
    }

    public boolean allowsDatabase(String database) {
        return rules.selector().allowsDatabase(database);
    }

    public boolean allowsTable(String database, String table) {
        return rules.selector().allowsTable(database, table);
    }

    public boolean allowsTable(TableId table) {
        return allowsTable(table.database(), table.table());
    }

    /** The event filters' verdict on a row change. */
    public EventFilters.Decision decide(RowChange change) {
        TableId table = change.table().id();
        Set<EventType> type = switch (change.operation()) {
            case INSERT -> INSERT;
            case UPDATE -> UPDATE;
            case DELETE -> DELETE;
        };
        return rules.eventFilters().decide(table.database(), table.table(), type, null);
    }

    /** The event filters' verdict on a DDL of the given kinds on a table (or, with a null table, on a database). */
    public EventFilters.Decision decide(DdlEvent ddl, String database, String table, Set<EventType> kinds) {
        return rules.eventFilters().decide(database, table, kinds, ddl.sql());
    }

    public TableId route(TableId source) {
        return rules.routes().route(source);
    }

    public String routeDatabase(String database) {
        return rules.routes().routeDatabase(database);
    }

    /** Whether a source table's target may also receive other source tables' rows. */
    public boolean merged(TableId source) {
        return shardMode || rules.routes().ruleFor(source).map(RouteRule::mayMerge).orElse(false);
    }

    /** Whether a database's tables may share their target database's tables with other sources (DROP DATABASE is then not replicated). */
    public boolean mergedDatabase(String database) {
        return shardMode || rules.routes().rules().stream()
                .anyMatch(rule -> rule.matcher().isSchemaLevel() && rule.matcher().matchesSchema(database) && rule.mayMerge());
    }

    /** Whether a column map chooses the target's columns for this table. */
    public boolean columnMapped(TableId source) {
        return columnMap(source).isPresent();
    }

    /**
     * The plan for a source table at this schema.
     *
     * @param targetColumns the target table's column names in order, or an empty list when it does
     *     not exist (consulted only for tables with a column map, whose target columns are positional)
     */
    public TablePlan plan(TableSchema source, Function<TableId, List<String>> targetColumns) {
        Planned recent = last;
        if (recent != null && recent.schema() == source) {
            return recent.plan();
        }
        TablePlan plan = plans.get(source);
        if (plan == null) {
            plan = build(source, targetColumns);
            if (plans.size() > 10_000) {
                // schemas change with DDL; old versions are not needed again
                plans.clear();
            }
            plans.put(source, plan);
        }
        last = new Planned(source, plan);
        return plan;
    }

    private record Planned(TableSchema schema, TablePlan plan) {
    }

    private TablePlan build(TableSchema source, Function<TableId, List<String>> targetColumns) {
        TableId id = source.id();
        TableId target = route(id);
        Optional<ColumnMapRule> map = columnMap(id);
        List<String> sourceColumns;
        List<String> targetNames;
        if (map.isPresent()) {
            sourceColumns = new ArrayList<>();
            for (String column : map.get().sourceColumns()) {
                int index = source.indexOf(column);
                if (index < 0) {
                    throw new SluiceException(ErrorCode.RULE_INVALID,
                            "Column map " + map.get().origin() + " names column '" + column + "', which " + id + " does not have (its columns: "
                                    + String.join(", ", source.columns().stream().map(Column::name).toList()) + ").",
                            "Correct ColumnMapFrom to list columns of " + id + ".");
                }
                sourceColumns.add(source.columns().get(index).name());
            }
            requireKey(source, sourceColumns, map.get());
            List<String> existing = targetColumns.apply(target);
            if (existing.isEmpty()) {
                targetNames = sourceColumns;
            }
            else if (existing.size() != sourceColumns.size()) {
                throw new SluiceException(ErrorCode.RULE_INVALID,
                        "Column map " + map.get().origin() + " lists " + sourceColumns.size() + " columns for " + id + ", but the target table " + target
                                + " has " + existing.size() + " (" + String.join(", ", existing) + ").",
                        "ColumnMapFrom gives the source column of each target column, in order: list exactly one per target column.");
            }
            else {
                targetNames = existing;
            }
        }
        else {
            sourceColumns = source.columns().stream().map(Column::name).toList();
            targetNames = sourceColumns;
        }
        List<PartitionId> partitionIds = new ArrayList<>();
        for (PartitionIdRule rule : rules.partitionIds()) {
            if (rule.matcher().matches(id.database(), id.table())) {
                Optional<Column> column = source.column(rule.column());
                if (column.isEmpty()) {
                    throw new SluiceException(ErrorCode.RULE_INVALID,
                            "Column mapping " + rule.origin() + " names source column '" + rule.column() + "', which " + id + " does not have.",
                            "Correct source-column, or narrow the rule's patterns so that it does not match " + id + ".");
                }
                if (column.get().type() != io.sluice.core.schema.ColumnType.BIGINT) {
                    throw new SluiceException(ErrorCode.RULE_INVALID,
                            "Column mapping " + rule.origin() + ": partition id needs a BIGINT column, but " + id + "." + column.get().name() + " is " + column.get().type() + ".",
                            "Change the column to BIGINT on the source, or remove the rule.");
                }
                partitionIds.add(new PartitionId(rule, id));
            }
        }
        if (partitionIds.size() > 1) {
            throw new SluiceException(ErrorCode.RULE_INVALID,
                    "More than one partition id mapping matches " + id + ".",
                    "Narrow the column-mappings patterns so that each table matches one, as DM requires.");
        }
        return new TablePlan(source, target, targetNames, sourceColumns, partitionIds, RowSelection.of(rules.rowPredicates(), source),
                merged(id), map.isPresent());
    }

    private Optional<ColumnMapRule> columnMap(TableId id) {
        List<ColumnMapRule> matching = rules.columnMaps().stream().filter(rule -> rule.matcher().matches(id.database(), id.table())).toList();
        if (matching.size() > 1) {
            throw new SluiceException(ErrorCode.RULE_INVALID,
                    "Column maps " + matching.get(0).origin() + " and " + matching.get(1).origin() + " both match " + id + ".",
                    "Give each table one ColumnMapFrom.");
        }
        return matching.stream().findFirst();
    }

    private static void requireKey(TableSchema source, List<String> mapped, ColumnMapRule rule) {
        List<List<String>> keys = new ArrayList<>();
        if (!source.primaryKey().isEmpty()) {
            keys.add(source.primaryKey());
        }
        keys.addAll(source.uniqueKeys());
        if (keys.isEmpty()) {
            return;
        }
        for (List<String> key : keys) {
            if (key.stream().allMatch(column -> TablePlan.indexIgnoreCase(mapped, column) >= 0)) {
                return;
            }
        }
        throw new SluiceException(ErrorCode.RULE_INVALID,
                "Column map " + rule.origin() + " leaves out the key of " + source.id() + " (" + String.join(", ", keys.getFirst())
                        + "): updates and deletes could not find their rows on the target.",
                "Add the primary key columns to ColumnMapFrom.");
    }
}
