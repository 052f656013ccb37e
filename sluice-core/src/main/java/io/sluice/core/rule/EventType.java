package io.sluice.core.rule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The kinds of binlog events a filter can name: DM's binlog event filter names ({@code insert},
 * {@code truncate table}...) plus the column-level ALTER TABLE kinds dtle's {@code SqlFilter} can
 * skip. A DDL statement has every kind that describes it: {@code ALTER TABLE t ADD COLUMN c INT} is
 * both {@link #ALTER_TABLE} and {@link #ADD_COLUMN}.
 */
public enum EventType
{
    INSERT("insert", true, false),
    UPDATE("update", true, false),
    DELETE("delete", true, false),
    CREATE_DATABASE("create database", false, false),
    DROP_DATABASE("drop database", false, true),
    ALTER_DATABASE("alter database", false, false),
    CREATE_TABLE("create table", false, false),
    DROP_TABLE("drop table", false, true),
    TRUNCATE_TABLE("truncate table", false, true),
    RENAME_TABLE("rename table", false, true),
    ALTER_TABLE("alter table", false, false),
    CREATE_INDEX("create index", false, false),
    DROP_INDEX("drop index", false, true),
    CREATE_VIEW("create view", false, false),
    DROP_VIEW("drop view", false, false),
    ADD_COLUMN("add column", false, false),
    DROP_COLUMN("drop column", false, true),
    MODIFY_COLUMN("modify column", false, true),
    CHANGE_COLUMN("change column", false, true),
    ALTER_COLUMN("alter column", false, false);

    private static final Map<String, Set<EventType>> BY_NAME = names();

    private final String dmName;
    private final boolean dml;
    private final boolean incompatible;

    EventType(String dmName, boolean dml, boolean incompatible)
    {
        this.dmName = dmName;
        this.dml = dml;
        this.incompatible = incompatible;
    }

    /** The name in DM's {@code events} lists. */
    public String dmName()
    {
        return dmName;
    }

    public boolean isDml()
    {
        return dml;
    }

    /**
     * The kinds a name in a DM {@code events} list stands for: one kind, or a group ({@code all},
     * {@code all dml}, {@code all ddl}, {@code incompatible ddl changes}; {@code none},
     * {@code none dml} and {@code none ddl} stand for no kind). Names compare without case and with
     * runs of spaces as one.
     *
     * @throws IllegalArgumentException naming the accepted names
     */
    public static Set<EventType> parse(String name)
    {
        Set<EventType> types = BY_NAME.get(normalize(name));
        if (types == null) {
            throw new IllegalArgumentException("unknown binlog event '" + name + "'; known events: " + String.join(", ", names().keySet()));
        }
        return types;
    }

    /** Every name {@link #parse} accepts, for suggestions. */
    public static List<String> knownNames()
    {
        return new ArrayList<>(BY_NAME.keySet());
    }

    private static String normalize(String name)
    {
        return name.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static Map<String, Set<EventType>> names()
    {
        Map<String, Set<EventType>> names = new TreeMap<>();
        EnumSet<EventType> dmlTypes = EnumSet.noneOf(EventType.class);
        EnumSet<EventType> ddlTypes = EnumSet.noneOf(EventType.class);
        EnumSet<EventType> incompatibleTypes = EnumSet.noneOf(EventType.class);
        for (EventType type : values()) {
            names.put(type.dmName, Collections.unmodifiableSet(EnumSet.of(type)));
            (type.dml ? dmlTypes : ddlTypes).add(type);
            if (type.incompatible) {
                incompatibleTypes.add(type);
            }
        }
        names.put("all", Collections.unmodifiableSet(EnumSet.allOf(EventType.class)));
        names.put("all dml", Collections.unmodifiableSet(dmlTypes));
        names.put("all ddl", Collections.unmodifiableSet(ddlTypes));
        names.put("incompatible ddl changes", Collections.unmodifiableSet(incompatibleTypes));
        names.put("none", Set.of());
        names.put("none dml", Set.of());
        names.put("none ddl", Set.of());
        return Collections.unmodifiableMap(names);
    }
}
