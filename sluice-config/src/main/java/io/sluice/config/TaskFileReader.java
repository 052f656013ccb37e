package io.sluice.config;

import io.sluice.config.YamlNode.Entry;
import io.sluice.config.YamlNode.Scalar;
import io.sluice.core.task.BlockAllowList;
import io.sluice.core.task.Endpoint;
import io.sluice.core.task.InstanceConfig;
import io.sluice.core.task.LoadOptions;
import io.sluice.core.task.NamePattern;
import io.sluice.core.task.StartMeta;
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
 * Reads a DM {@code task.yaml} into a {@link TaskConfig}. It accepts the subset of DM's keys that
 * Sluice implements plus Sluice's own {@code loader} block, rejects the other keys DM knows as not
 * supported yet, and rejects anything else as unknown, so that no setting is silently ignored.
 */
final class TaskFileReader
{
    private static final String NO_HINT = "";
    private static final String LOADER_HINT = " Sluice's own load settings go in the top-level 'loader' block.";

    private static final List<String> KEYS = List.of(
            "name", "task-mode", "meta-schema", "target-database", "mysql-instances", "block-allow-list", "black-white-list", "loader");
    private static final Map<String, String> UNSUPPORTED = Map.ofEntries(
            entry("shard-mode", NO_HINT),
            entry("is-sharding", NO_HINT),
            entry("strict-optimistic-shard-mode", NO_HINT),
            entry("case-sensitive", " Sluice matches names without case, as DM does by default."),
            entry("collation_compatible", NO_HINT),
            entry("routes", NO_HINT),
            entry("filters", NO_HINT),
            entry("column-mappings", NO_HINT),
            entry("expression-filter", NO_HINT),
            entry("mydumpers", LOADER_HINT),
            entry("loaders", LOADER_HINT),
            entry("syncers", NO_HINT),
            entry("validators", NO_HINT),
            entry("online-ddl", NO_HINT),
            entry("online-ddl-scheme", NO_HINT),
            entry("shadow-table-rules", NO_HINT),
            entry("trash-table-rules", NO_HINT),
            entry("clean-dump-file", " Sluice copies rows directly and writes no dump files."),
            entry("timezone", NO_HINT),
            entry("ignore-checking-items", NO_HINT),
            entry("enable-heartbeat", NO_HINT),
            entry("heartbeat-update-interval", NO_HINT),
            entry("heartbeat-report-interval", NO_HINT),
            entry("remove-meta", NO_HINT),
            entry("enable-ansi-quotes", NO_HINT));

    private static final List<String> INSTANCE_KEYS = List.of("source-id", "meta", "block-allow-list", "black-white-list");
    private static final Map<String, String> UNSUPPORTED_INSTANCE_KEYS = Map.ofEntries(
            entry("route-rules", NO_HINT),
            entry("filter-rules", NO_HINT),
            entry("column-mapping-rules", NO_HINT),
            entry("expression-filters", NO_HINT),
            entry("mydumper-config-name", LOADER_HINT),
            entry("mydumper", LOADER_HINT),
            entry("mydumper-thread", LOADER_HINT),
            entry("loader-config-name", LOADER_HINT),
            entry("loader", LOADER_HINT),
            entry("loader-thread", LOADER_HINT),
            entry("syncer-config-name", NO_HINT),
            entry("syncer", NO_HINT),
            entry("syncer-thread", NO_HINT),
            entry("validator-config-name", NO_HINT));

    private static final List<String> META_KEYS = List.of("binlog-name", "binlog-pos", "binlog-gtid");
    private static final List<String> RULE_KEYS = List.of("do-dbs", "ignore-dbs", "do-tables", "ignore-tables");
    private static final List<String> TABLE_KEYS = List.of("db-name", "tbl-name");
    private static final List<String> LOADER_KEYS = List.of("drop-table-if-exists", "skip-create-table", "chunk-rows", "copy-threads");

    private static final String BLOCK_ALLOW_LIST = "block-allow-list";
    // DM's name for block-allow-list up to v2.0.0-beta.2, still accepted by DM.
    private static final String BLACK_WHITE_LIST = "black-white-list";
    // MySQL and MariaDB refuse longer schema names.
    private static final int MAX_SCHEMA_NAME_LENGTH = 64;

    private TaskFileReader() {}

    static TaskConfig read(Optional<YamlNode> document, ConfigFile file)
    {
        Section root = Section.root(file, document).checkKeys(KEYS, UNSUPPORTED);
        String name = root.requiredString("name");
        TaskMode mode = taskMode(root);
        String metaSchema = metaSchema(root);
        Endpoint target = Endpoints.read(root.requiredSection("target-database"));
        Map<String, BlockAllowList> rules = rules(root);
        LoadOptions load = root.optionalSection("loader").map(TaskFileReader::loadOptions).orElseGet(LoadOptions::defaults);
        List<InstanceConfig> instances = instances(root, rules);
        try {
            return new TaskConfig(name, mode, metaSchema, target, instances, load);
        }
        catch (IllegalArgumentException e) {
            // Every rule of TaskConfig is checked above with a position; this is a safety net.
            throw file.error(root.mark(), "invalid task: " + e.getMessage(), "Correct the task file.");
        }
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

    private static Map<String, BlockAllowList> rules(Section root)
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
            result.put(rule.key(), blockAllowList(section.section(rule).checkKeys(RULE_KEYS, Map.of())));
        }
        return result;
    }

    private static BlockAllowList blockAllowList(Section rule)
    {
        List<String> doDbs = patterns(rule, "do-dbs");
        List<String> ignoreDbs = patterns(rule, "ignore-dbs");
        List<TableRef> doTables = tables(rule, "do-tables");
        List<TableRef> ignoreTables = tables(rule, "ignore-tables");
        try {
            return new BlockAllowList(doDbs, ignoreDbs, doTables, ignoreTables);
        }
        catch (IllegalArgumentException e) {
            // Each pattern was checked with its position above; this is a safety net.
            throw rule.file().error(rule.mark(), "invalid block-allow-list rule: " + e.getMessage(), "Correct the rule.");
        }
    }

    private static List<String> patterns(Section rule, String key)
    {
        List<String> patterns = new ArrayList<>();
        List<YamlNode> items = rule.list(key);
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            String path = rule.itemPath(key, i);
            patterns.add(checkPattern(rule.file(), item, path, rule.scalarText(item, "'" + path + "'")));
        }
        return patterns;
    }

    private static List<TableRef> tables(Section rule, String key)
    {
        List<TableRef> tables = new ArrayList<>();
        List<YamlNode> items = rule.list(key);
        for (int i = 0; i < items.size(); i++) {
            Section table = rule.item(key, i, items.get(i)).checkKeys(TABLE_KEYS, Map.of());
            String database = checkPattern(table, "db-name");
            String name = checkPattern(table, "tbl-name");
            tables.add(new TableRef(database, name));
        }
        return tables;
    }

    private static String checkPattern(Section table, String key)
    {
        String text = table.requiredString(key);
        return checkPattern(table.file(), table.requiredEntry(key).value(), table.path(key), text);
    }

    private static String checkPattern(ConfigFile file, YamlNode node, String path, String text)
    {
        try {
            NamePattern.parse(text);
            return text;
        }
        catch (IllegalArgumentException e) {
            throw file.error(node.mark(),
                    "invalid pattern in '%s': %s".formatted(path, e.getMessage()),
                    "Correct the pattern: text starting with '~' is a Java regular expression; otherwise '?', [a-z] and a final '*' are wildcards.");
        }
    }

    private static LoadOptions loadOptions(Section loader)
    {
        loader.checkKeys(LOADER_KEYS, Map.of());
        return new LoadOptions(
                loader.bool("drop-table-if-exists", false),
                loader.bool("skip-create-table", false),
                loader.integer("chunk-rows", LoadOptions.DEFAULT_CHUNK_ROWS, 1, Integer.MAX_VALUE),
                loader.integer("copy-threads", LoadOptions.DEFAULT_COPY_THREADS, 1, LoadOptions.MAX_COPY_THREADS));
    }

    private static List<InstanceConfig> instances(Section root, Map<String, BlockAllowList> rules)
    {
        Entry entry = root.requiredEntry("mysql-instances");
        List<YamlNode> items = root.list("mysql-instances");
        if (items.isEmpty()) {
            throw root.file().error(entry.keyMark(),
                    root.describe("mysql-instances") + " must list at least one source",
                    "Add an entry such as '- source-id: mysql-replica-01'.");
        }
        List<InstanceConfig> instances = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Section instance = root.item("mysql-instances", i, items.get(i)).checkKeys(INSTANCE_KEYS, UNSUPPORTED_INSTANCE_KEYS);
            String sourceId = instance.requiredString("source-id");
            Integer previous = seen.putIfAbsent(sourceId, i);
            if (previous != null) {
                // Checkpoints are kept per source, so two entries for one source would overwrite each other.
                throw root.file().error(instance.requiredEntry("source-id").value().mark(),
                        "duplicate source-id '%s'; %s at line %d already uses it".formatted(sourceId, root.itemPath("mysql-instances", previous), items.get(previous).mark().line()),
                        "List each source only once in 'mysql-instances'.");
            }
            StartMeta meta = instance.optionalSection("meta").map(TaskFileReader::startMeta).orElse(null);
            instances.add(new InstanceConfig(sourceId, meta, resolve(instance, rules)));
        }
        return instances;
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

    private static BlockAllowList resolve(Section instance, Map<String, BlockAllowList> rules)
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
