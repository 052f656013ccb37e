package io.sluice.core.task;

import io.sluice.core.rule.TableSelector;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Which databases and tables of a source a task replicates: DM's {@code block-allow-list} rule,
 * which follows MySQL's {@code replicate-do-db}/{@code replicate-ignore-db} and
 * {@code replicate-do-table}/{@code replicate-ignore-table} evaluation. A table passes when all
 * of these hold, checked in this order:
 * <ol>
 * <li>its database is not a system schema (mysql, information_schema, performance_schema, sys),
 * whatever the rules say, since replicating them would overwrite the target's own;</li>
 * <li>schema level: if {@code do-dbs} is not empty the database matches one of them and
 * {@code ignore-dbs} is not consulted at all; otherwise the database matches none of
 * {@code ignore-dbs};</li>
 * <li>table level: if the table matches one of {@code do-tables} it passes, even if it also
 * matches {@code ignore-tables}; otherwise it fails if it matches one of {@code ignore-tables}, and
 * also fails if {@code do-tables} is not empty.</li>
 * </ol>
 * So an ignore wins over a do only across levels (an ignored database hides its tables even when
 * {@code do-tables} names them), never within a level. Patterns are {@link NamePattern}s and
 * compare without case, as DM does by default, or with case when the task sets {@code case-sensitive}. The class is immutable and compiles its patterns
 * once, which is why it is not a record.
 */
public final class BlockAllowList
        implements TableSelector
{
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("mysql", "information_schema", "performance_schema", "sys");
    private static final BlockAllowList ALLOW_ALL = new BlockAllowList(List.of(), List.of(), List.of(), List.of());

    private final List<String> doDbs;
    private final List<String> ignoreDbs;
    private final List<TableRef> doTables;
    private final List<TableRef> ignoreTables;

    private final List<NamePattern> doDbPatterns;
    private final List<NamePattern> ignoreDbPatterns;
    private final List<TablePattern> doTablePatterns;
    private final List<TablePattern> ignoreTablePatterns;
    private final boolean caseSensitive;

    /**
     * @throws IllegalArgumentException if a pattern is invalid (see {@link NamePattern#parse})
     */
    public BlockAllowList(List<String> doDbs, List<String> ignoreDbs, List<TableRef> doTables, List<TableRef> ignoreTables)
    {
        this(doDbs, ignoreDbs, doTables, ignoreTables, false);
    }

    /**
     * @param caseSensitive compare names with case (DM's {@code case-sensitive: true})
     * @throws IllegalArgumentException if a pattern is invalid (see {@link NamePattern#parse})
     */
    public BlockAllowList(List<String> doDbs, List<String> ignoreDbs, List<TableRef> doTables, List<TableRef> ignoreTables, boolean caseSensitive)
    {
        this.doDbs = List.copyOf(requireNonNull(doDbs, "doDbs is null"));
        this.ignoreDbs = List.copyOf(requireNonNull(ignoreDbs, "ignoreDbs is null"));
        this.doTables = List.copyOf(requireNonNull(doTables, "doTables is null"));
        this.ignoreTables = List.copyOf(requireNonNull(ignoreTables, "ignoreTables is null"));
        this.doDbPatterns = compile("do-dbs", this.doDbs, text -> NamePattern.parse(text, caseSensitive));
        this.ignoreDbPatterns = compile("ignore-dbs", this.ignoreDbs, text -> NamePattern.parse(text, caseSensitive));
        this.doTablePatterns = compile("do-tables", this.doTables, ref -> TablePattern.of(ref, caseSensitive));
        this.ignoreTablePatterns = compile("ignore-tables", this.ignoreTables, ref -> TablePattern.of(ref, caseSensitive));
        this.caseSensitive = caseSensitive;
    }

    /** The rule of a task entry that names none: every non-system table passes. */
    public static BlockAllowList allowAll()
    {
        return ALLOW_ALL;
    }

    /** Whether the database is one of the server's own schemas, which are never replicated. */
    public static boolean isSystemSchema(String database)
    {
        requireNonNull(database, "database is null");
        return SYSTEM_SCHEMAS.contains(database.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether statements on the database itself (such as {@code CREATE DATABASE}) are replicated:
     * steps 1 and 2 of the class description. As in DM, a database can pass while none of its
     * tables do, e.g. when only {@code do-tables} is set.
     */
    @Override
    public boolean allowsDatabase(String database)
    {
        requireNonNull(database, "database is null");
        if (isSystemSchema(database)) {
            return false;
        }
        if (!doDbPatterns.isEmpty()) {
            return anyMatches(doDbPatterns, database);
        }
        return !anyMatches(ignoreDbPatterns, database);
    }

    /** Whether changes to the table are replicated: all three steps of the class description. */
    @Override
    public boolean allowsTable(String database, String table)
    {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
        if (!allowsDatabase(database)) {
            return false;
        }
        for (TablePattern pattern : doTablePatterns) {
            if (pattern.matches(database, table)) {
                return true;
            }
        }
        for (TablePattern pattern : ignoreTablePatterns) {
            if (pattern.matches(database, table)) {
                return false;
            }
        }
        return doTablePatterns.isEmpty();
    }

    public List<String> doDbs()
    {
        return doDbs;
    }

    public List<String> ignoreDbs()
    {
        return ignoreDbs;
    }

    public List<TableRef> doTables()
    {
        return doTables;
    }

    public List<TableRef> ignoreTables()
    {
        return ignoreTables;
    }

    @Override
    public boolean equals(Object o)
    {
        return o instanceof BlockAllowList other
                && doDbs.equals(other.doDbs)
                && ignoreDbs.equals(other.ignoreDbs)
                && doTables.equals(other.doTables)
                && ignoreTables.equals(other.ignoreTables)
                && caseSensitive == other.caseSensitive;
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(doDbs, ignoreDbs, doTables, ignoreTables);
    }

    @Override
    public String toString()
    {
        return "BlockAllowList[doDbs=%s, ignoreDbs=%s, doTables=%s, ignoreTables=%s]".formatted(doDbs, ignoreDbs, doTables, ignoreTables);
    }

    private static boolean anyMatches(List<NamePattern> patterns, String name)
    {
        for (NamePattern pattern : patterns) {
            if (pattern.matches(name)) {
                return true;
            }
        }
        return false;
    }

    private static <T, P> List<P> compile(String list, List<T> rules, Function<T, P> parser)
    {
        return rules.stream()
                .map(rule -> {
                    try {
                        return parser.apply(rule);
                    }
                    catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("Invalid pattern '%s' in %s: %s".formatted(rule, list, e.getMessage()), e);
                    }
                })
                .toList();
    }

    private record TablePattern(NamePattern database, NamePattern table)
    {
        static TablePattern of(TableRef ref, boolean caseSensitive)
        {
            return new TablePattern(NamePattern.parse(ref.database(), caseSensitive), NamePattern.parse(ref.table(), caseSensitive));
        }

        boolean matches(String databaseName, String tableName)
        {
            return database.matches(databaseName) && table.matches(tableName);
        }
    }
}
