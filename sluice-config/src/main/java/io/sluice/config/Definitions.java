package io.sluice.config;

import io.sluice.core.error.Suggestions;
import io.sluice.config.YamlNode.Entry;
import io.sluice.config.YamlNode.Scalar;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The named rules of one top-level block of a task file ({@code routes}, {@code filters},
 * {@code mydumpers}...), as {@code mysql-instances} entries refer to them by name. It resolves
 * references with a "did you mean" for a misspelt name and remembers which rules were used, because
 * DM rejects a task that defines a rule no instance uses (a route defined but never referenced is
 * usually a forgotten reference, and replicating without it writes to the wrong place).
 */
final class Definitions<T>
{
    /** Reads one rule; {@code origin} is {@code file:line:column section.name}, for runtime errors. */
    @FunctionalInterface
    interface RuleReader<T>
    {
        T read(Section rule, String origin);
    }

    private final String block;
    private final String kind;
    private final String referenceKey;
    private final Map<String, T> rules;
    private final Map<String, Entry> entries;
    private final Set<String> used = new HashSet<>();

    private Definitions(String block, String kind, String referenceKey, Map<String, T> rules, Map<String, Entry> entries)
    {
        this.block = block;
        this.kind = kind;
        this.referenceKey = referenceKey;
        this.rules = rules;
        this.entries = entries;
    }

    /**
     * Reads every rule of the top-level block {@code block}; an absent block defines none. A rule
     * written without a value gets {@code emptyRule} when there is one (DM's defaults for
     * {@code mydumpers} and the like), otherwise it is read as an empty block and reports what is missing.
     *
     * @param kind how messages name one rule, e.g. {@code route rule}
     * @param referenceKey the key of a {@code mysql-instances} entry that names these rules
     */
    static <T> Definitions<T> read(Section root, String block, String kind, String referenceKey, RuleReader<T> reader, Optional<T> emptyRule)
    {
        Map<String, T> rules = new LinkedHashMap<>();
        Map<String, Entry> entries = new LinkedHashMap<>();
        Optional<Section> section = root.optionalSection(block);
        if (section.isPresent()) {
            for (Entry entry : section.get().entries()) {
                entries.put(entry.key(), entry);
                if (emptyRule.isPresent() && entry.value() instanceof Scalar scalar && scalar.isNull()) {
                    rules.put(entry.key(), emptyRule.get());
                    continue;
                }
                String origin = "%s:%s %s.%s".formatted(root.file().name(), entry.keyMark(), block, entry.key());
                try {
                    rules.put(entry.key(), reader.read(section.get().section(entry), origin));
                }
                catch (IllegalArgumentException e) {
                    // The readers check every value with its position; this is a safety net for the model's own checks.
                    throw root.file().error(entry.keyMark(), "invalid %s '%s': %s".formatted(kind, entry.key(), e.getMessage()), "Correct the rule.");
                }
            }
        }
        return new Definitions<>(block, kind, referenceKey, Collections.unmodifiableMap(rules), Collections.unmodifiableMap(entries));
    }

    /** Resolves one name written at {@code node}, marking the rule used. */
    T resolve(Section instance, YamlNode node, String name)
    {
        T rule = rules.get(name);
        if (rule == null) {
            throw instance.file().error(node.mark(),
                    "%s '%s' is not defined%s".formatted(kind, name, Suggestions.didYouMean(name, rules.keySet())),
                    rules.isEmpty()
                            ? "Define '%s' under a top-level '%s' block, or remove the reference.".formatted(name, block)
                            : "Define '%s' under the top-level '%s', or use one of: %s.".formatted(name, block, String.join(", ", rules.keySet())));
        }
        used.add(name);
        return rule;
    }

    /**
     * Resolves the list of rule names under {@code key} of an instance ({@code route-rules} and the
     * like), in order; a name listed twice is an error, as in DM.
     */
    List<T> resolveList(Section instance, String key)
    {
        List<T> resolved = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<YamlNode> items = instance.list(key);
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            String path = instance.itemPath(key, i);
            String name = instance.scalarText(item, "'" + path + "'");
            Integer previous = seen.putIfAbsent(name, i);
            if (previous != null) {
                throw instance.file().error(item.mark(),
                        "%s '%s' is listed twice in '%s' (items %d and %d)".formatted(kind, name, instance.path(key), previous, i),
                        "List each rule once.");
            }
            resolved.add(resolve(instance, item, name));
        }
        return resolved;
    }

    /** The first rule, in file order, that no instance used. */
    Optional<Entry> firstUnused()
    {
        return entries.values().stream().filter(entry -> !used.contains(entry.key())).findFirst();
    }

    /**
     * Fails on the first rule, in file order over all the given blocks, that no instance used.
     */
    static void checkAllUsed(ConfigFile file, List<Definitions<?>> all)
    {
        Definitions<?> unusedIn = null;
        Entry unused = null;
        for (Definitions<?> definitions : all) {
            Optional<Entry> entry = definitions.firstUnused();
            if (entry.isPresent() && (unused == null || before(entry.get().keyMark(), unused.keyMark()))) {
                unused = entry.get();
                unusedIn = definitions;
            }
        }
        if (unused != null) {
            requireNonNull(unusedIn);
            throw file.error(unused.keyMark(),
                    "%s '%s' is defined in '%s' but no entry of 'mysql-instances' uses it".formatted(unusedIn.kind, unused.key(), unusedIn.block),
                    "Name it in '%s' of the mysql-instances entries it is meant for, or remove it; DM rejects unused rules too.".formatted(unusedIn.referenceKey));
        }
    }

    private static boolean before(Mark a, Mark b)
    {
        return a.line() < b.line() || (a.line() == b.line() && a.column() < b.column());
    }
}
