package io.sluice.core.rule;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * dtle's {@code ColumnMapFrom}: the target table's columns, in their order, take their values from
 * these source columns; source columns not listed are not replicated. When Sluice creates the target
 * table it creates exactly these columns, in this order, with their source definitions.
 */
public record ColumnMapRule(TableMatcher matcher, List<String> sourceColumns, String origin)
{
    public ColumnMapRule
    {
        requireNonNull(matcher, "matcher is null");
        sourceColumns = List.copyOf(requireNonNull(sourceColumns, "sourceColumns is null"));
        requireNonNull(origin, "origin is null");
        if (sourceColumns.isEmpty()) {
            throw new IllegalArgumentException("ColumnMapFrom is empty: it must list at least one source column");
        }
        Set<String> seen = new HashSet<>();
        for (String column : sourceColumns) {
            if (column == null || column.isBlank()) {
                throw new IllegalArgumentException("ColumnMapFrom has an empty column name");
            }
            if (!seen.add(column.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("ColumnMapFrom lists column '" + column + "' twice");
            }
        }
    }
}
