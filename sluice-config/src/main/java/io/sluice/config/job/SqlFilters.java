package io.sluice.config.job;

import io.sluice.core.rule.EventType;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * dtle's {@code SqlFilter} names and the binlog event kinds each one skips. A skipped ALTER TABLE
 * kind skips the whole statement, as in dtle.
 */
final class SqlFilters
{
    static final Map<String, Set<EventType>> BY_NAME = names();

    private SqlFilters() {}

    private static Map<String, Set<EventType>> names()
    {
        Map<String, Set<EventType>> names = new LinkedHashMap<>();
        names.put("NoDML", EventType.parse("all dml"));
        names.put("NoDMLDelete", Set.of(EventType.DELETE));
        names.put("NoDMLInsert", Set.of(EventType.INSERT));
        names.put("NoDMLUpdate", Set.of(EventType.UPDATE));
        names.put("NoDDL", EventType.parse("all ddl"));
        names.put("NoDDLAlterTableAddColumn", Set.of(EventType.ADD_COLUMN));
        names.put("NoDDLAlterTableDropColumn", Set.of(EventType.DROP_COLUMN));
        names.put("NoDDLAlterTableModifyColumn", Set.of(EventType.MODIFY_COLUMN));
        names.put("NoDDLAlterTableChangeColumn", Set.of(EventType.CHANGE_COLUMN));
        names.put("NoDDLAlterTableAlterColumn", Set.of(EventType.ALTER_COLUMN));
        names.replaceAll((name, types) -> Set.copyOf(EnumSet.copyOf(types)));
        return Collections.unmodifiableMap(names);
    }
}
