package io.sluice.config;

import io.sluice.core.error.Suggestions;
import io.sluice.config.YamlNode.Entry;
import io.sluice.core.task.LoadOptions;
import io.sluice.core.task.SyncOptions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Map.entry;

/**
 * Reads DM's unit settings, {@code mydumpers}, {@code loaders} and {@code syncers} (named at the
 * top level, or inline in a {@code mysql-instances} entry, with the {@code *-thread} shortcuts),
 * and turns them into Sluice's task-wide {@link LoadOptions} and {@link SyncOptions}.
 *
 * <p>DM runs one dump, load and sync unit per source; Sluice applies one setting per task. Thread
 * counts are capacities, so the task takes the largest any entry asks for (the copy threads from
 * mydumper {@code threads} and loader {@code pool-size}, the sync workers from
 * {@code worker-count}). Settings that change what a transaction or a chunk holds, or how changes
 * are applied ({@code rows}, {@code batch}, {@code safe-mode}), must be the same wherever they are
 * set. Knobs that mean nothing to Sluice (dump files, TiDB's physical import, queue sizes) are
 * checked and accepted with no effect, as docs/tasks.md lists; knobs whose meaning Sluice cannot
 * honour ({@code where}, {@code on-duplicate: replace}...) are rejected.
 */
final class UnitSettings
{
    private static final List<String> MYDUMPER_KEYS = List.of(
            "threads", "rows", "chunk-filesize", "statement-size", "skip-tz-utc", "extra-args", "mydumper-path", "where");
    private static final List<String> LOADER_KEYS = List.of(
            "pool-size", "dir", "import-mode", "on-duplicate", "on-duplicate-logical", "on-duplicate-physical", "sorting-dir-physical",
            "disk-quota-physical", "checksum-physical", "analyze", "range-concurrency", "compress-kv-pairs", "pd-addr");
    private static final List<String> SYNCER_KEYS = List.of(
            "worker-count", "batch", "safe-mode", "safe-mode-duration", "queue-size", "checkpoint-flush-interval", "compact",
            "multiple-rows", "max-retry", "enable-ansi-quotes", "auto-fix-gtid", "enable-gtid", "disable-detect", "meta-file");

    // dumpling options that choose which rows or tables are copied, or skip rows or schemas: Sluice
    // copies what the block-allow list selects, so ignoring them would copy something else.
    private static final Set<String> SELECTING_LONG_OPTIONS = Set.of(
            "--where", "--database", "--tables-list", "--filter", "--sql", "--no-data", "--no-schema");
    private static final Set<String> SELECTING_SHORT_OPTIONS = Set.of("-B", "-T", "-f", "-S", "-d", "-m");

    private static final Pattern GO_DURATION = Pattern.compile("[-+]?((?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:ns|us|\u00b5s|\u03bcs|ms|s|m|h))+");
    private static final Pattern GO_DURATION_PART = Pattern.compile("([0-9]*\\.?[0-9]*)(?:ns|us|\u00b5s|\u03bcs|ms|s|m|h)");

    private UnitSettings() {}

    /** A setting as written, with where it is, for messages that compare the settings of several entries. */
    record Setting<T>(T value, Mark mark, String path) {}

    /** The mydumper settings Sluice uses; empty means DM's default. */
    record Dump(Optional<Setting<Integer>> threads, Optional<Setting<Integer>> rows)
    {
        static final Dump DEFAULTS = new Dump(Optional.empty(), Optional.empty());
    }

    /** The loader settings Sluice uses. */
    record Load(Optional<Setting<Integer>> poolSize)
    {
        static final Load DEFAULTS = new Load(Optional.empty());
    }

    /** The syncer settings Sluice uses. */
    record Sync(Optional<Setting<Integer>> workerCount, Optional<Setting<Integer>> batch, Optional<Setting<Boolean>> safeMode)
    {
        static final Sync DEFAULTS = new Sync(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** What one {@code mysql-instances} entry asks of the units, after names and shortcuts are resolved. */
    record Instance(Dump dump, Load load, Sync sync) {}

    static Definitions<Dump> mydumpers(Section root)
    {
        return Definitions.read(root, "mydumpers", "mydumper config", "mydumper-config-name", (rule, origin) -> dump(rule), Optional.of(Dump.DEFAULTS));
    }

    static Definitions<Load> loaders(Section root)
    {
        return Definitions.read(root, "loaders", "loader config", "loader-config-name", (rule, origin) -> load(rule), Optional.of(Load.DEFAULTS));
    }

    static Definitions<Sync> syncers(Section root)
    {
        return Definitions.read(root, "syncers", "syncer config", "syncer-config-name", (rule, origin) -> sync(rule), Optional.of(Sync.DEFAULTS));
    }

    static Dump dump(Section mydumper)
    {
        mydumper.checkKeys(MYDUMPER_KEYS, Map.of());
        Optional<Setting<Integer>> threads = setting(mydumper, "threads", 1, LoadOptions.MAX_COPY_THREADS);
        // DM's rows 0 means "do not split tables by rows", which is no setting for Sluice.
        Optional<Setting<Integer>> rows = setting(mydumper, "rows", 0, Integer.MAX_VALUE).filter(setting -> setting.value() > 0);
        mydumper.optionalLong("statement-size", 0, Long.MAX_VALUE);
        mydumper.optionalBool("skip-tz-utc");
        mydumper.optionalString("mydumper-path");
        mydumper.entry("chunk-filesize").ifPresent(entry -> mydumper.scalarText(entry.value(), mydumper.describe("chunk-filesize")));
        if (mydumper.optionalString("where").isPresent()) {
            throw mydumper.file().error(mydumper.valueMark("where"),
                    "%s is not supported yet by Sluice: it would copy only some rows".formatted(mydumper.describe("where")),
                    "Remove 'where'; to leave rows out of the copy and the sync alike, use an expression-filter with insert-value-expr.");
        }
        mydumper.optionalString("extra-args").ifPresent(arguments -> checkExtraArgs(mydumper, arguments));
        return new Dump(threads, rows);
    }

    static Load load(Section loader)
    {
        loader.checkKeys(LOADER_KEYS, Map.of());
        Optional<Setting<Integer>> poolSize = setting(loader, "pool-size", 1, LoadOptions.MAX_COPY_THREADS);
        loader.optionalString("dir");
        loader.optionalString("sorting-dir-physical");
        loader.optionalString("compress-kv-pairs");
        loader.optionalString("pd-addr");
        loader.optionalLong("range-concurrency", 0, Long.MAX_VALUE);
        loader.entry("disk-quota-physical").ifPresent(entry -> loader.scalarText(entry.value(), loader.describe("disk-quota-physical")));
        String mode = choice(loader, "import-mode", List.of("logical", "sql", "loader", "physical")).orElse("logical");
        if (mode.equals("physical")) {
            throw loader.file().error(loader.valueMark("import-mode"),
                    "'import-mode: physical' %s is not supported by Sluice: it imports sorted files into TiDB's storage".formatted(loader.where()),
                    "Remove 'import-mode' or set it to logical; Sluice writes rows with SQL, which works with any MySQL-compatible target.");
        }
        for (String key : List.of("on-duplicate", "on-duplicate-logical")) {
            Optional<String> resolution = choice(loader, key, List.of("replace", "error", "ignore"));
            if (resolution.isPresent() && !resolution.get().equals("error")) {
                throw loader.file().error(loader.valueMark(key),
                        "'%s: %s' %s is not supported by Sluice: the copy stops when a target table already holds a row with the same key".formatted(key, resolution.get(), loader.where()),
                        "Remove '%s' or set it to error; empty the target tables (or set the Sluice loader's drop-table-if-exists) before the copy.".formatted(key));
            }
        }
        choice(loader, "on-duplicate-physical", List.of("none", "manual"));
        choice(loader, "checksum-physical", List.of("required", "optional", "off"));
        choice(loader, "analyze", List.of("required", "optional", "off"));
        return new Load(poolSize);
    }

    static Sync sync(Section syncer)
    {
        syncer.checkKeys(SYNCER_KEYS, Map.of());
        Optional<Setting<Integer>> workerCount = setting(syncer, "worker-count", 1, SyncOptions.MAX_WORKERS);
        Optional<Setting<Integer>> batch = setting(syncer, "batch", 1, Integer.MAX_VALUE);
        Optional<Setting<Boolean>> safeMode = syncer.optionalBool("safe-mode").map(value -> new Setting<>(value, syncer.valueMark("safe-mode"), syncer.path("safe-mode")));
        for (String key : List.of("queue-size", "checkpoint-flush-interval", "max-retry")) {
            syncer.optionalLong(key, 0, Integer.MAX_VALUE);
        }
        for (String key : List.of("compact", "multiple-rows", "auto-fix-gtid", "enable-gtid", "disable-detect")) {
            syncer.optionalBool(key);
        }
        syncer.optionalString("meta-file");
        if (syncer.optionalBool("enable-ansi-quotes").orElse(false)) {
            throw syncer.file().error(syncer.valueMark("enable-ansi-quotes"),
                    "'enable-ansi-quotes: true' %s is not supported yet by Sluice: it parses DDL with MySQL's default quoting".formatted(syncer.where()),
                    "Remove 'enable-ansi-quotes'; the source's DDL must not rely on ANSI_QUOTES.");
        }
        Optional<String> duration = syncer.optionalString("safe-mode-duration");
        if (duration.isPresent()) {
            String text = duration.get().trim();
            if (!text.equals("0") && !GO_DURATION.matcher(text).matches()) {
                throw syncer.file().error(syncer.valueMark("safe-mode-duration"),
                        "%s must be a duration such as 60s or 1m30s, but is '%s'".formatted(syncer.describe("safe-mode-duration"), duration.get()),
                        "Write a number followed by a unit: ns, us, ms, s, m or h.");
            }
            if (safeMode.map(Setting::value).orElse(false) && isZero(text)) {
                throw syncer.file().error(syncer.valueMark("safe-mode-duration"),
                        "%s is zero, which contradicts 'safe-mode: true'".formatted(syncer.describe("safe-mode-duration")),
                        "Remove 'safe-mode-duration' or give it a non-zero duration, as DM requires.");
            }
        }
        return new Sync(workerCount, batch, safeMode);
    }

    /** Resolves an entry's named or inline configs and the {@code *-thread} shortcuts, which win over the configs' thread counts as in DM. */
    static Instance instance(Section instance, Definitions<Dump> mydumpers, Definitions<Load> loaders, Definitions<Sync> syncers)
    {
        Dump dump = unit(instance, "mydumper-config-name", "mydumper", mydumpers, UnitSettings::dump, Dump.DEFAULTS);
        Optional<Setting<Integer>> mydumperThread = shortcut(instance, "mydumper-thread", LoadOptions.MAX_COPY_THREADS);
        if (mydumperThread.isPresent()) {
            dump = new Dump(mydumperThread, dump.rows());
        }
        Load load = unit(instance, "loader-config-name", "loader", loaders, UnitSettings::load, Load.DEFAULTS);
        Optional<Setting<Integer>> loaderThread = shortcut(instance, "loader-thread", LoadOptions.MAX_COPY_THREADS);
        if (loaderThread.isPresent()) {
            load = new Load(loaderThread);
        }
        Sync sync = unit(instance, "syncer-config-name", "syncer", syncers, UnitSettings::sync, Sync.DEFAULTS);
        Optional<Setting<Integer>> syncerThread = shortcut(instance, "syncer-thread", SyncOptions.MAX_WORKERS);
        if (syncerThread.isPresent()) {
            sync = new Sync(syncerThread, sync.batch(), sync.safeMode());
        }
        return new Instance(dump, load, sync);
    }

    /**
     * The task's load options: Sluice's own {@code loader} block, the largest thread count and the
     * common {@code rows} of the entries' DM settings. A value set both ways is an error, since
     * neither can silently win.
     */
    static LoadOptions loadOptions(ConfigFile file, List<Instance> instances, Optional<Section> sluiceLoader, List<String> sluiceLoaderKeys)
    {
        Optional<Section> loader = sluiceLoader.map(section -> section.checkKeys(sluiceLoaderKeys, Map.of()));
        List<Setting<Integer>> threads = new ArrayList<>();
        List<Setting<Integer>> rows = new ArrayList<>();
        for (Instance instance : instances) {
            instance.dump().threads().ifPresent(threads::add);
            instance.load().poolSize().ifPresent(threads::add);
            instance.dump().rows().ifPresent(rows::add);
        }
        Optional<Integer> copyThreads = loader.flatMap(section -> sluiceSetting(section, "copy-threads", 1, LoadOptions.MAX_COPY_THREADS, threads,
                "how many tables are copied at once"));
        Optional<Integer> chunkRows = loader.flatMap(section -> sluiceSetting(section, "chunk-rows", 1, Integer.MAX_VALUE, rows,
                "how many rows a chunk holds"));
        List<String> methods = java.util.Arrays.stream(LoadOptions.LoadMethod.values()).map(LoadOptions.LoadMethod::text).toList();
        LoadOptions.LoadMethod loadMethod = loader.flatMap(section -> choice(section, "load-method", methods))
                .flatMap(LoadOptions.LoadMethod::fromText).orElse(LoadOptions.DEFAULT_LOAD_METHOD);
        return new LoadOptions(
                loader.flatMap(section -> section.optionalBool("drop-table-if-exists")).orElse(false),
                loader.flatMap(section -> section.optionalBool("skip-create-table")).orElse(false),
                chunkRows.or(() -> same(file, rows, "chunk size")).orElse(LoadOptions.DEFAULT_CHUNK_ROWS),
                copyThreads.or(() -> largest(threads)).orElse(LoadOptions.DEFAULT_COPY_THREADS),
                loadMethod);
    }

    /** The task's sync options: the largest worker count, and the common batch and safe mode of the entries' DM settings. */
    static SyncOptions syncOptions(ConfigFile file, List<Instance> instances)
    {
        List<Setting<Integer>> workers = new ArrayList<>();
        List<Setting<Integer>> batches = new ArrayList<>();
        List<Setting<Boolean>> safeModes = new ArrayList<>();
        for (Instance instance : instances) {
            instance.sync().workerCount().ifPresent(workers::add);
            instance.sync().batch().ifPresent(batches::add);
            instance.sync().safeMode().ifPresent(safeModes::add);
        }
        return new SyncOptions(
                largest(workers).orElse(SyncOptions.DEFAULT_WORKERS),
                same(file, batches, "batch size").orElse(SyncOptions.DEFAULT_GROUP_TRANSACTIONS),
                SyncOptions.DEFAULT_GROUP_AGE,
                same(file, safeModes, "safe mode").orElse(false));
    }

    private static <T> T unit(Section instance, String nameKey, String inlineKey, Definitions<T> named, Function<Section, T> reader, T defaults)
    {
        Optional<Entry> name = instance.entry(nameKey);
        Optional<Entry> inline = instance.entry(inlineKey);
        if (name.isPresent() && inline.isPresent()) {
            Entry later = name.get().keyMark().line() > inline.get().keyMark().line() ? name.get() : inline.get();
            throw instance.file().error(later.keyMark(),
                    "'%s' and '%s' cannot both be set in '%s'".formatted(nameKey, inlineKey, instance.path()),
                    "Keep either '%s' (a name from the top-level '%ss') or the inline '%s' block.".formatted(nameKey, inlineKey, inlineKey));
        }
        if (name.isPresent()) {
            YamlNode node = name.get().value();
            return named.resolve(instance, node, instance.scalarText(node, instance.describe(nameKey)));
        }
        return inline.map(entry -> reader.apply(instance.section(entry))).orElse(defaults);
    }

    /** A {@code *-thread} shortcut; 0 means not set, as in DM. */
    private static Optional<Setting<Integer>> shortcut(Section instance, String key, int max)
    {
        return setting(instance, key, 0, max).filter(setting -> setting.value() > 0);
    }

    private static Optional<Setting<Integer>> setting(Section section, String key, int min, int max)
    {
        return section.optionalInteger(key, min, max).map(value -> new Setting<>(value, section.valueMark(key), section.path(key)));
    }

    private static Optional<Integer> sluiceSetting(Section loader, String key, int min, int max, List<Setting<Integer>> dmSettings, String what)
    {
        Optional<Integer> value = loader.optionalInteger(key, min, max);
        if (value.isPresent() && !dmSettings.isEmpty()) {
            Setting<Integer> dm = dmSettings.getFirst();
            throw loader.file().error(loader.keyMark(key),
                    "%s and '%s' at line %d both set %s".formatted(loader.describe(key), dm.path(), dm.mark().line(), what),
                    "Set it in one place: either '%s' in Sluice's 'loader' block or DM's mydumper and loader settings.".formatted(key));
        }
        return value;
    }

    private static Optional<Integer> largest(List<Setting<Integer>> settings)
    {
        return settings.stream().map(Setting::value).max(Comparator.naturalOrder());
    }

    /** The value every setting agrees on; two different values are an error at the later one. */
    private static <T> Optional<T> same(ConfigFile file, List<Setting<T>> settings, String what)
    {
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        Setting<T> first = settings.getFirst();
        for (Setting<T> setting : settings) {
            if (!setting.value().equals(first.value())) {
                Setting<T> later = setting.mark().line() > first.mark().line() ? setting : first;
                Setting<T> earlier = later == setting ? first : setting;
                throw file.error(later.mark(),
                        "'%s' is %s, but '%s' at line %d is %s; Sluice applies one %s to all sources of a task"
                                .formatted(later.path(), later.value(), earlier.path(), earlier.mark().line(), earlier.value(), what),
                        "Use the same value for every mysql-instances entry, for example by naming one shared config.");
            }
        }
        return Optional.of(first.value());
    }

    private static Optional<String> choice(Section section, String key, List<String> choices)
    {
        Optional<String> value = section.optionalString(key).map(text -> text.trim().toLowerCase(Locale.ROOT));
        if (value.isPresent() && !choices.contains(value.get())) {
            throw section.file().error(section.valueMark(key),
                    "%s must be one of %s, but is '%s'%s".formatted(section.describe(key), String.join(", ", choices), section.optionalString(key).orElseThrow(),
                            Suggestions.didYouMean(value.get(), choices)),
                    "Set '%s' to one of %s.".formatted(key, String.join(", ", choices)));
        }
        return value;
    }

    private static void checkExtraArgs(Section mydumper, String arguments)
    {
        for (String argument : arguments.trim().split("\\s+")) {
            String option = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
            boolean selecting = option.startsWith("--")
                    ? SELECTING_LONG_OPTIONS.contains(option)
                    : option.length() >= 2 && SELECTING_SHORT_OPTIONS.contains(option.substring(0, 2));
            if (selecting) {
                throw mydumper.file().error(mydumper.valueMark("extra-args"),
                        "%s passes '%s', which chooses what is copied; Sluice does not run dumpling and copies what the block-allow list selects".formatted(mydumper.describe("extra-args"), option),
                        "Remove '%s' from 'extra-args'; select tables with a block-allow list and rows with an expression-filter.".formatted(option));
            }
        }
    }

    private static boolean isZero(String duration)
    {
        Matcher part = GO_DURATION_PART.matcher(duration);
        while (part.find()) {
            String number = part.group(1);
            if (!number.isEmpty() && !number.equals(".") && Double.parseDouble(number) != 0) {
                return false;
            }
        }
        return true;
    }
}
