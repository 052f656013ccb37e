package io.sluice.config;

import io.sluice.core.error.Suggestions;
import io.sluice.config.YamlNode.Entry;
import io.sluice.config.YamlNode.Scalar;
import io.sluice.core.rule.EventFilterRule;
import io.sluice.core.rule.EventFilters;
import io.sluice.core.rule.ExpressionSyntax;
import io.sluice.core.rule.InstanceRules;
import io.sluice.core.rule.PartitionIdRule;
import io.sluice.core.rule.RouteRule;
import io.sluice.core.rule.RowPredicateRule;
import io.sluice.core.rule.TableRoutes;
import io.sluice.core.task.BlockAllowList;
import io.sluice.core.task.Endpoint;
import io.sluice.core.task.InstanceConfig;
import io.sluice.core.task.LoadOptions;
import io.sluice.core.task.NamePattern;
import io.sluice.core.task.ShardMode;
import io.sluice.core.task.StartMeta;
import io.sluice.core.task.SyncOptions;
import io.sluice.core.task.TableRef;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Map.entry;

/**
 * Reads a DM {@code task.yaml} into a {@link TaskConfig}: DM's keys with their DM meaning, plus
 * Sluice's own {@code loader} block. DM keys Sluice cannot honour are rejected as not supported
 * yet, DM knobs that mean nothing to Sluice are checked and accepted with no effect (docs/tasks.md
 * lists both), and anything else is rejected as unknown, so that no setting is silently ignored.
 * Rules are defined once at the top level and resolved into each {@code mysql-instances} entry;
 * a rule no entry uses is an error, as in DM.
 */
final class TaskFileReader
{
    private static final String NO_HINT = "";

    private static final List<String> KEYS = List.of(
            "name", "task-mode", "shard-mode", "is-sharding", "strict-optimistic-shard-mode", "meta-schema", "case-sensitive",
            "ignore-checking-items", "target-database", "mysql-instances", "block-allow-list", "black-white-list", "routes", "filters",
            "column-mappings", "expression-filter", "mydumpers", "loaders", "syncers", "loader", "online-ddl", "clean-dump-file",
            "enable-heartbeat", "heartbeat-update-interval", "heartbeat-report-interval");
    private static final Map<String, String> UNSUPPORTED = Map.ofEntries(
            entry("collation_compatible", " Sluice creates target tables with the source's SHOW CREATE TABLE, collations included."),
            entry("online-ddl-scheme", " Sluice does not handle gh-ost or pt-online-schema-change migrations specially yet."),
            entry("shadow-table-rules", " Sluice does not handle gh-ost or pt-online-schema-change migrations specially yet."),
            entry("trash-table-rules", " Sluice does not handle gh-ost or pt-online-schema-change migrations specially yet."),
            entry("validators", " Sluice has no continuous data validation yet."),
            entry("timezone", " Sluice exchanges TIMESTAMP values in UTC, which needs no time zone setting."),
            entry("remove-meta", " To start over, drop the task's checkpoint tables in the meta schema."),
            entry("enable-ansi-quotes", " Sluice parses DDL with MySQL's default quoting."),
            entry("ansi-quotes", " Sluice parses DDL with MySQL's default quoting."),
            entry("mariadb2tidb", " Sluice writes to MySQL and MariaDB, not TiDB, and converts no schema."),
            entry("experimental", NO_HINT));

    private static final List<String> INSTANCE_KEYS = List.of(
            "source-id", "meta", "block-allow-list", "black-white-list", "route-rules", "filter-rules", "column-mapping-rules",
            "expression-filters", "mydumper-config-name", "mydumper", "mydumper-thread", "loader-config-name", "loader", "loader-thread",
            "syncer-config-name", "syncer", "syncer-thread");
    private static final Map<String, String> UNSUPPORTED_INSTANCE_KEYS = Map.of(
            "validator-config-name", " Sluice has no continuous data validation yet.");

    private static final List<String> META_KEYS = List.of("binlog-name", "binlog-pos", "binlog-gtid");
    private static final List<String> RULE_KEYS = List.of("do-dbs", "ignore-dbs", "do-tables", "ignore-tables");
    private static final List<String> TABLE_KEYS = List.of("db-name", "tbl-name");
    private static final List<String> LOADER_KEYS = List.of("drop-table-if-exists", "skip-create-table", "chunk-rows", "copy-threads", "load-method");

    /** DM's precheck items (tiflow dm/config/checking_item.go), for {@code ignore-checking-items}. */
    static final List<String> CHECKING_ITEMS = List.of(
            "all", "dump_privilege", "replication_privilege", "version", "server_id", "binlog_enable", "binlog_format",
            "binlog_row_image", "table_schema", "schema_of_shard_tables", "auto_increment_ID", "online_ddl", "binlog_db", "gtid",
            "meta_position", "conn_number", "target_privilege", "empty_region", "region_distribution", "downstream_version",
            "free_space", "downstream_mutex_features");

    private static final String BLOCK_ALLOW_LIST = "block-allow-list";
    // DM's name for block-allow-list up to v2.0.0-beta.2, still accepted by DM.
    private static final String BLACK_WHITE_LIST = "black-white-list";
    // MySQL and MariaDB refuse longer schema names.
    private static final int MAX_SCHEMA_NAME_LENGTH = 64;

    private TaskFileReader() {}

    static TaskConfig read(Optional<YamlNode> document, ConfigFile file, ExpressionSyntax expressionSyntax)
    {
        Section root = Section.root(file, document).checkKeys(KEYS, UNSUPPORTED);
        String name = root.requiredString("name");
        TaskMode mode = taskMode(root);
        String metaSchema = metaSchema(root);
        boolean caseSensitive = root.bool("case-sensitive", false);
        Optional<ShardMode> shardMode = shardMode(root);
        List<String> ignoreCheckingItems = ignoreCheckingItems(root);
        acceptWithoutEffect(root);
        Endpoint target = Endpoints.readTarget(root.requiredSection("target-database"));

        Map<String, BlockAllowList> blockAllowLists = blockAllowLists(root, caseSensitive);
        RuleReaders readers = new RuleReaders(caseSensitive, expressionSyntax);
        Definitions<RouteRule> routes = Definitions.read(root, "routes", "route rule", "route-rules", readers::route, Optional.empty());
        Definitions<EventFilterRule> filters = Definitions.read(root, "filters", "filter rule", "filter-rules", readers::filter, Optional.empty());
        Definitions<PartitionIdRule> columnMappings = Definitions.read(root, "column-mappings", "column mapping rule", "column-mapping-rules",
                readers::columnMapping, Optional.empty());
        Definitions<RowPredicateRule> expressionFilters = Definitions.read(root, "expression-filter", "expression filter", "expression-filters",
                readers::expressionFilter, Optional.empty());
        Definitions<UnitSettings.Dump> mydumpers = UnitSettings.mydumpers(root);
        Definitions<UnitSettings.Load> loaders = UnitSettings.loaders(root);
        Definitions<UnitSettings.Sync> syncers = UnitSettings.syncers(root);

        Entry instancesEntry = root.requiredEntry("mysql-instances");
        List<YamlNode> items = root.list("mysql-instances");
        if (items.isEmpty()) {
            throw file.error(instancesEntry.keyMark(),
                    root.describe("mysql-instances") + " must list at least one source",
                    "Add an entry such as '- source-id: mysql-replica-01'.");
        }
        List<InstanceConfig> instances = new ArrayList<>();
        List<UnitSettings.Instance> units = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Section instance = root.item("mysql-instances", i, items.get(i)).checkKeys(INSTANCE_KEYS, UNSUPPORTED_INSTANCE_KEYS);
            String sourceId = instance.requiredString("source-id");
            Integer previous = seen.putIfAbsent(sourceId, i);
            if (previous != null) {
                // Checkpoints are kept per source, so two entries for one source would overwrite each other.
                throw file.error(instance.requiredEntry("source-id").value().mark(),
                        "duplicate source-id '%s'; %s at line %d already uses it".formatted(sourceId, root.itemPath("mysql-instances", previous), items.get(previous).mark().line()),
                        "List each source only once in 'mysql-instances'.");
            }
            StartMeta meta = instance.optionalSection("meta").map(TaskFileReader::startMeta).orElse(null);
            InstanceRules rules = new InstanceRules(
                    resolveBlockAllowList(instance, blockAllowLists),
                    new EventFilters(filters.resolveList(instance, "filter-rules")),
                    expressionFilters.resolveList(instance, "expression-filters"),
                    List.of(),
                    columnMappings.resolveList(instance, "column-mapping-rules"),
                    new TableRoutes(routesWithoutConflict(instance, routes.resolveList(instance, "route-rules"), caseSensitive)));
            units.add(UnitSettings.instance(instance, mydumpers, loaders, syncers));
            instances.add(new InstanceConfig(sourceId, meta, rules));
        }
        Definitions.checkAllUsed(file, List.of(routes, filters, columnMappings, expressionFilters, mydumpers, loaders, syncers));

        LoadOptions load = UnitSettings.loadOptions(file, units, root.optionalSection("loader"), LOADER_KEYS);
        SyncOptions sync = UnitSettings.syncOptions(file, units);
        try {
            return new TaskConfig(name, mode, metaSchema, target, instances, load, sync, shardMode, caseSensitive, ignoreCheckingItems);
        }
        catch (IllegalArgumentException e) {
            // Every rule of TaskConfig is checked above with a position; this is a safety net.
            throw file.error(root.mark(), "invalid task: " + e.getMessage(), "Correct the task file.");
        }
    }

    /**
     * DM's {@code shard-mode}; the legacy {@code is-sharding: true} means pessimistic when no mode
     * is given, and {@code strict-optimistic-shard-mode} needs the optimistic mode, as in DM.
     */
    private static Optional<ShardMode> shardMode(Section root)
    {
        Optional<ShardMode> mode = root.optionalString("shard-mode").map(text -> {
            try {
                return ShardMode.parse(text);
            }
            catch (IllegalArgumentException e) {
                throw root.file().error(root.valueMark("shard-mode"),
                        "%s must be pessimistic or optimistic, but is '%s'%s".formatted(root.describe("shard-mode"), text,
                                Suggestions.didYouMean(text, List.of("pessimistic", "optimistic"))),
                        "Set 'shard-mode' to pessimistic or optimistic, or remove it if the task merges no shards.");
            }
        });
        if (mode.isEmpty() && root.bool("is-sharding", false)) {
            mode = Optional.of(ShardMode.PESSIMISTIC);
        }
        if (root.bool("strict-optimistic-shard-mode", false) && mode.orElse(null) != ShardMode.OPTIMISTIC) {
            throw root.file().error(root.valueMark("strict-optimistic-shard-mode"),
                    "%s is true, which needs 'shard-mode: optimistic'".formatted(root.describe("strict-optimistic-shard-mode")),
                    "Set 'shard-mode: optimistic', or remove 'strict-optimistic-shard-mode'.");
        }
        return mode;
    }

    private static List<String> ignoreCheckingItems(Section root)
    {
        List<String> result = new ArrayList<>();
        List<YamlNode> items = root.list("ignore-checking-items");
        for (int i = 0; i < items.size(); i++) {
            String path = root.itemPath("ignore-checking-items", i);
            String item = root.scalarText(items.get(i), "'" + path + "'");
            if (!CHECKING_ITEMS.contains(item)) {
                throw root.file().error(items.get(i).mark(),
                        "unknown checking item '%s' in '%s'%s".formatted(item, path, Suggestions.didYouMean(item, CHECKING_ITEMS)),
                        "Use DM's item names: %s.".formatted(String.join(", ", CHECKING_ITEMS)));
            }
            result.add(item);
        }
        return result;
    }

    /**
     * DM keys that change nothing in Sluice: their values are still checked. {@code online-ddl}
     * is accepted only as false, since Sluice does not handle online schema change tools.
     */
    private static void acceptWithoutEffect(Section root)
    {
        if (root.bool("online-ddl", false)) {
            throw root.file().error(root.valueMark("online-ddl"),
                    "'online-ddl: true' %s is not supported yet by Sluice".formatted(root.where()),
                    "Remove 'online-ddl' or set it to false; Sluice does not handle gh-ost or pt-online-schema-change migrations specially yet.");
        }
        root.optionalBool("clean-dump-file");
        root.optionalBool("enable-heartbeat");
        root.optionalLong("heartbeat-update-interval", 0, Integer.MAX_VALUE);
        root.optionalLong("heartbeat-report-interval", 0, Integer.MAX_VALUE);
    }

    private static TaskMode taskMode(Section root)
    {
        Entry entry = root.requiredEntry("task-mode");
        String text = root.scalarText(entry.value(), root.describe("task-mode"));
        try {
            return TaskMode.parse(text);
        }
        catch (IllegalArgumentException e) {
            throw root.file().error(entry.value().mark(),
                    "%s must be one of all, full, incremental, but is '%s'".formatted(root.describe("task-mode"), text),
                    "Set 'task-mode' to all (copy existing rows, then replicate changes), full (copy only) or incremental (replicate changes only).");
        }
    }

    private static String metaSchema(Section root)
    {
        Optional<String> metaSchema = root.optionalString("meta-schema");
        if (metaSchema.isPresent() && metaSchema.get().length() > MAX_SCHEMA_NAME_LENGTH) {
            throw root.file().error(root.requiredEntry("meta-schema").value().mark(),
                    "%s must be at most %d characters long, as MySQL limits schema names".formatted(root.describe("meta-schema"), MAX_SCHEMA_NAME_LENGTH),
                    "Choose a shorter schema name.");
        }
        return metaSchema.orElse(TaskConfig.DEFAULT_META_SCHEMA);
    }

    private static Map<String, BlockAllowList> blockAllowLists(Section root, boolean caseSensitive)
    {
        Optional<Entry> rules = aliasedEntry(root);
        if (rules.isEmpty()) {
            return Map.of();
        }
        Section section = root.section(rules.get());
        Map<String, BlockAllowList> result = new LinkedHashMap<>();
        for (Entry rule : section.entries()) {
            // A rule with no settings lets every table through, as in DM.
            if (rule.value() instanceof Scalar scalar && scalar.isNull()) {
                result.put(rule.key(), BlockAllowList.allowAll());
                continue;
            }
            result.put(rule.key(), blockAllowList(section.section(rule).checkKeys(RULE_KEYS, Map.of()), caseSensitive));
        }
        return result;
    }

    private static BlockAllowList blockAllowList(Section rule, boolean caseSensitive)
    {
        List<String> doDbs = patterns(rule, "do-dbs", caseSensitive);
        List<String> ignoreDbs = patterns(rule, "ignore-dbs", caseSensitive);
        List<TableRef> doTables = tables(rule, "do-tables", caseSensitive);
        List<TableRef> ignoreTables = tables(rule, "ignore-tables", caseSensitive);
        try {
            return new BlockAllowList(doDbs, ignoreDbs, doTables, ignoreTables, caseSensitive);
        }
        catch (IllegalArgumentException e) {
            // Each pattern was checked with its position above; this is a safety net.
            throw rule.file().error(rule.mark(), "invalid block-allow-list rule: " + e.getMessage(), "Correct the rule.");
        }
    }

    private static List<String> patterns(Section rule, String key, boolean caseSensitive)
    {
        List<String> patterns = new ArrayList<>();
        List<YamlNode> items = rule.list(key);
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            String path = rule.itemPath(key, i);
            patterns.add(checkPattern(rule.file(), item, path, rule.scalarText(item, "'" + path + "'"), caseSensitive));
        }
        return patterns;
    }

    private static List<TableRef> tables(Section rule, String key, boolean caseSensitive)
    {
        List<TableRef> tables = new ArrayList<>();
        List<YamlNode> items = rule.list(key);
        for (int i = 0; i < items.size(); i++) {
            Section table = rule.item(key, i, items.get(i)).checkKeys(TABLE_KEYS, Map.of());
            String database = checkPattern(table, "db-name", caseSensitive);
            String name = checkPattern(table, "tbl-name", caseSensitive);
            tables.add(new TableRef(database, name));
        }
        return tables;
    }

    private static String checkPattern(Section table, String key, boolean caseSensitive)
    {
        String text = table.requiredString(key);
        return checkPattern(table.file(), table.requiredEntry(key).value(), table.path(key), text, caseSensitive);
    }

    private static String checkPattern(ConfigFile file, YamlNode node, String path, String text, boolean caseSensitive)
    {
        try {
            NamePattern.parse(text, caseSensitive);
            return text;
        }
        catch (IllegalArgumentException e) {
            throw file.error(node.mark(),
                    "invalid pattern in '%s': %s".formatted(path, e.getMessage()),
                    "Correct the pattern: text starting with '~' is a Java regular expression; otherwise '?', [a-z] and a final '*' are wildcards.");
        }
    }

    /**
     * Two routes of one instance with the same patterns and different targets would leave a table's
     * target to rule order; DM refuses to add the second, so this is an error at the second's list
     * item (overlapping but different patterns can only be judged against the source's tables and
     * are reported when a table matches both).
     */
    private static List<RouteRule> routesWithoutConflict(Section instance, List<RouteRule> rules, boolean caseSensitive)
    {
        List<YamlNode> items = instance.list("route-rules");
        for (int later = 1; later < rules.size(); later++) {
            for (int earlier = 0; earlier < later; earlier++) {
                RouteRule first = rules.get(earlier);
                RouteRule second = rules.get(later);
                if (samePatterns(first, second, caseSensitive) && !sameTarget(first, second)) {
                    String path = instance.path("route-rules");
                    throw instance.file().error(items.get(later).mark(),
                            "route rules '%s' and '%s' in '%s' both match %s but route it to %s and %s".formatted(
                                    instance.scalarText(items.get(earlier), path), instance.scalarText(items.get(later), path), path,
                                    first.matcher(), target(first), target(second)),
                            "Remove one of the two from '%s', or give them different patterns: each table may match one route with a table pattern and one without.".formatted(path));
                }
            }
        }
        return rules;
    }

    private static boolean samePatterns(RouteRule first, RouteRule second, boolean caseSensitive)
    {
        String a = first.matcher().toString();
        String b = second.matcher().toString();
        return first.matcher().isSchemaLevel() == second.matcher().isSchemaLevel() && (caseSensitive ? a.equals(b) : a.equalsIgnoreCase(b));
    }

    private static boolean sameTarget(RouteRule first, RouteRule second)
    {
        return first.targetSchema().equals(second.targetSchema()) && first.targetTable().equals(second.targetTable());
    }

    private static String target(RouteRule rule)
    {
        return rule.targetSchema().orElse("(same schema)") + rule.targetTable().map(table -> "." + table).orElse("");
    }

    private static StartMeta startMeta(Section meta)
    {
        meta.checkKeys(META_KEYS, Map.of());
        ConfigFile file = meta.file();
        Optional<String> name = meta.optionalString("binlog-name");
        Optional<Long> position = meta.optionalLong("binlog-pos", 0, Long.MAX_VALUE);
        Optional<String> gtid = meta.optionalString("binlog-gtid");
        if (position.isPresent() && name.isEmpty()) {
            throw file.error(meta.requiredEntry("binlog-pos").keyMark(),
                    meta.describe("binlog-pos") + " needs a 'binlog-name' for the file it is an offset in",
                    "Add 'binlog-name' with the binlog file name, or remove 'binlog-pos'.");
        }
        if (name.isEmpty() && gtid.isEmpty()) {
            throw file.error(meta.mark(),
                    "'%s' must set 'binlog-name' or 'binlog-gtid'".formatted(meta.path()),
                    "Set 'binlog-name' (and optionally 'binlog-pos') or 'binlog-gtid', or remove 'meta' to start from the current position.");
        }
        if (gtid.isPresent()) {
            try {
                new StartMeta(null, null, gtid.get());
            }
            catch (IllegalArgumentException e) {
                throw file.error(meta.requiredEntry("binlog-gtid").value().mark(),
                        "%s is not a valid GTID set: %s".formatted(meta.describe("binlog-gtid"), e.getMessage()),
                        "Use the server's gtid_executed (MySQL) or gtid_current_pos (MariaDB) format.");
            }
        }
        if (name.isPresent()) {
            try {
                new StartMeta(name.get(), position.orElse(null), null);
            }
            catch (IllegalArgumentException e) {
                throw file.error(meta.requiredEntry("binlog-name").value().mark(),
                        "%s is not a valid binlog file name: %s".formatted(meta.describe("binlog-name"), e.getMessage()),
                        "Use a file name as SHOW BINARY LOGS prints it, such as mysql-bin.000003.");
            }
        }
        return new StartMeta(name.orElse(null), position.orElse(null), gtid.orElse(null));
    }

    private static BlockAllowList resolveBlockAllowList(Section instance, Map<String, BlockAllowList> rules)
    {
        Optional<Entry> reference = aliasedEntry(instance);
        if (reference.isEmpty()) {
            return BlockAllowList.allowAll();
        }
        Entry entry = reference.get();
        String name = instance.scalarText(entry.value(), instance.describe(entry.key()));
        BlockAllowList rule = rules.get(name);
        if (rule == null) {
            throw instance.file().error(entry.value().mark(),
                    "block-allow-list rule '%s' is not defined%s".formatted(name, Suggestions.didYouMean(name, rules.keySet())),
                    rules.isEmpty()
                            ? "Define '%s' under a top-level 'block-allow-list' block, or remove the reference to replicate every table.".formatted(name)
                            : "Define '%s' under the top-level 'block-allow-list', or use one of: %s.".formatted(name, String.join(", ", rules.keySet())));
        }
        return rule;
    }

    /**
     * The block-allow-list entry of a block, under either its name or its old name
     * black-white-list; both at once is an error because it is unclear which one is meant.
     */
    private static Optional<Entry> aliasedEntry(Section section)
    {
        Entry found = null;
        for (Entry entry : section.entries()) {
            if (!entry.key().equals(BLOCK_ALLOW_LIST) && !entry.key().equals(BLACK_WHITE_LIST)) {
                continue;
            }
            if (found != null) {
                throw section.file().error(entry.keyMark(),
                        "'%s' and '%s' cannot both be set %s; '%s' is the old name of '%s'".formatted(found.key(), entry.key(), section.where(), BLACK_WHITE_LIST, BLOCK_ALLOW_LIST),
                        "Keep only '%s' and move all rules into it.".formatted(BLOCK_ALLOW_LIST));
            }
            found = entry;
        }
        return found == null ? Optional.empty() : section.entry(found.key());
    }
}
