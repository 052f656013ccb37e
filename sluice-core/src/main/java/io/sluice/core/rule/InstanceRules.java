package io.sluice.core.rule;

import io.sluice.core.task.BlockAllowList;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Every rule that shapes what one source sends to the target, in the order the pipeline applies
 * them: the table selection, binlog event filters, row predicates, column mappings, then routes.
 * The snapshot applies the same rules to copied rows (a copied row is an insert), so a table's
 * target content is the same whichever way a row arrived.
 */
public record InstanceRules(TableSelector selector, EventFilters eventFilters, List<RowPredicateRule> rowPredicates,
        List<ColumnMapRule> columnMaps, List<PartitionIdRule> partitionIds, TableRoutes routes)
{
    private static final InstanceRules ALLOW_ALL = of(BlockAllowList.allowAll());

    public InstanceRules
    {
        requireNonNull(selector, "selector is null");
        requireNonNull(eventFilters, "eventFilters is null");
        rowPredicates = List.copyOf(requireNonNull(rowPredicates, "rowPredicates is null"));
        columnMaps = List.copyOf(requireNonNull(columnMaps, "columnMaps is null"));
        partitionIds = List.copyOf(requireNonNull(partitionIds, "partitionIds is null"));
        requireNonNull(routes, "routes is null");
    }

    /** Only a table selection: every selected table replicated whole, under its own name. */
    public static InstanceRules of(TableSelector selector)
    {
        return new InstanceRules(selector, EventFilters.none(), List.of(), List.of(), List.of(), TableRoutes.none());
    }

    public static InstanceRules allowAll()
    {
        return ALLOW_ALL;
    }
}
