package io.sluice.config;

import io.sluice.core.error.Suggestions;
import io.sluice.config.YamlNode.Entry;
import io.sluice.config.YamlNode.Mapping;
import io.sluice.config.YamlNode.Scalar;
import io.sluice.config.YamlNode.Sequence;
import io.sluice.core.config.Secret;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One mapping of a configuration file, read with the checks every block needs: keys are
 * checked against the ones the block supports, and each typed getter reports a missing key, a
 * wrong type or an out-of-range value at the right {@code file:line:column}. Values of keys that
 * hold secrets are never quoted in a message.
 */
final class Section
{
    private final ConfigFile file;
    private final Mapping mapping;
    private final String path;
    private final Mark mark;

    /**
     * @param path where the block sits, e.g. {@code mysql-instances[0].meta}; empty for the root
     * @param mark where a missing key is reported: the key that introduced the block, or the
     * list item
     */
    private Section(ConfigFile file, Mapping mapping, String path, Mark mark)
    {
        this.file = requireNonNull(file, "file is null");
        this.mapping = requireNonNull(mapping, "mapping is null");
        this.path = requireNonNull(path, "path is null");
        this.mark = requireNonNull(mark, "mark is null");
    }

    /** The root of a file, which must be a mapping. */
    static Section root(ConfigFile file, Optional<YamlNode> root)
    {
        YamlNode node = root.orElseThrow(() -> file.error(Mark.START,
                "the %s is empty".formatted(file.kind()),
                "Write the %s as a YAML mapping of keys to values.".formatted(file.kind())));
        if (!(node instanceof Mapping mapping)) {
            throw file.error(node.mark(),
                    "the %s must be a YAML mapping of keys to values, but is %s".formatted(file.kind(), node.describe()),
                    "Write the %s as 'key: value' lines.".formatted(file.kind()));
        }
        return new Section(file, mapping, "", mapping.mark());
    }

    ConfigFile file()
    {
        return file;
    }

    Mark mark()
    {
        return mark;
    }

    /** Where the block sits, e.g. {@code mysql-instances[0].meta}; empty for the root. */
    String path()
    {
        return path;
    }

    List<Entry> entries()
    {
        return mapping.entries();
    }

    /**
     * Rejects every key that is neither supported nor known-but-unsupported, in file order.
     * Unsupported keys map to a hint appended to the fix ("" for none).
     */
    Section checkKeys(List<String> supported, Map<String, String> unsupported)
    {
        for (Entry entry : mapping.entries()) {
            String key = entry.key();
            if (supported.contains(key)) {
                continue;
            }
            if (unsupported.containsKey(key)) {
                // Running a task without the routes or filters it names would write data the user
                // asked to transform or skip, so unsupported settings fail instead of being ignored.
                throw file.error(entry.keyMark(),
                        "'%s' is not supported yet by Sluice".formatted(key),
                        "Remove '%s' from the %s; Sluice rejects settings it cannot apply rather than replicate without them.%s"
                                .formatted(key, file.kind(), unsupported.get(key)));
            }
            throw file.error(entry.keyMark(),
                    "unknown key '%s' %s%s".formatted(key, where(), Suggestions.didYouMean(key, supported)),
                    "Correct or remove the key. Keys allowed here: %s.".formatted(String.join(", ", supported)));
        }
        return this;
    }

    /** The entry for the key, unless it is absent or has no value (null and absent mean the same, as in DM). */
    Optional<Entry> entry(String key)
    {
        return mapping.entry(key).filter(entry -> !(entry.value() instanceof Scalar scalar && scalar.isNull()));
    }

    Entry requiredEntry(String key)
    {
        Optional<Entry> present = mapping.entry(key);
        return entry(key).orElseThrow(() -> file.error(
                present.map(Entry::keyMark).orElse(mark),
                present.isPresent() ? describe(key) + " has no value" : "missing required key '%s' %s".formatted(key, where()),
                present.isPresent() ? "Give '%s' a value.".formatted(key) : "Add '%s: <value>' %s.".formatted(key, where())));
    }

    /** A non-blank string; any scalar counts, as YAML may read names like {@code 01} as numbers. */
    String requiredString(String key)
    {
        Entry entry = requiredEntry(key);
        String text = scalarText(entry.value(), describe(key));
        if (text.isBlank()) {
            throw file.error(entry.value().mark(),
                    describe(key) + " must not be empty",
                    "Set '%s' to a non-empty value.".formatted(key));
        }
        return text;
    }

    /** A string, or empty when absent or blank, which DM treats as not set. */
    Optional<String> optionalString(String key)
    {
        return entry(key)
                .map(entry -> scalarText(entry.value(), describe(key)))
                .filter(text -> !text.isBlank());
    }

    /** A secret read exactly as written, empty when absent; its value never appears in an error. */
    Secret secret(String key)
    {
        return entry(key)
                .map(entry -> new Secret(scalarText(entry.value(), describe(key))))
                .orElseGet(() -> new Secret(""));
    }

    int integer(String key, int defaultValue, int min, int max)
    {
        return entry(key).map(entry -> (int) integerValue(entry.value(), describe(key), min, max)).orElse(defaultValue);
    }

    Optional<Long> optionalLong(String key, long min, long max)
    {
        return entry(key).map(entry -> integerValue(entry.value(), describe(key), min, max));
    }

    boolean bool(String key, boolean defaultValue)
    {
        return entry(key).map(entry -> {
            if (entry.value() instanceof Scalar scalar && scalar.type() == Scalar.Type.BOOLEAN) {
                return (Boolean) scalar.value();
            }
            throw typeError(entry.value(), describe(key), "true or false");
        }).orElse(defaultValue);
    }

    /** A boolean, or empty when absent. */
    Optional<Boolean> optionalBool(String key)
    {
        return entry(key).map(entry -> bool(key, false));
    }

    /** An integer within the range, or empty when absent. */
    Optional<Integer> optionalInteger(String key, int min, int max)
    {
        return entry(key).map(entry -> (int) integerValue(entry.value(), describe(key), min, max));
    }

    /** Where the value of a present key starts, for errors about the value. */
    Mark valueMark(String key)
    {
        return requiredEntry(key).value().mark();
    }

    /** Where a present key is written, for errors about the key as a whole. */
    Mark keyMark(String key)
    {
        return mapping.entry(key).map(Entry::keyMark).orElse(mark);
    }

    /** Whether the key is written in the block, with a value or not. */
    boolean has(String key)
    {
        return mapping.entry(key).isPresent();
    }

    Section requiredSection(String key)
    {
        return section(requiredEntry(key));
    }

    Optional<Section> optionalSection(String key)
    {
        return entry(key).map(this::section);
    }

    /** The block that is the value of one of this block's entries. */
    Section section(Entry entry)
    {
        return section(entry.value(), path(entry.key()), entry.keyMark());
    }

    /** The items of a list, empty when the key is absent. */
    List<YamlNode> list(String key)
    {
        return entry(key).map(entry -> {
            if (entry.value() instanceof Sequence sequence) {
                return sequence.items();
            }
            throw typeError(entry.value(), describe(key), "a list");
        }).orElse(List.of());
    }

    /** The block that is item {@code index} of the list under {@code key}. */
    Section item(String key, int index, YamlNode node)
    {
        return section(node, itemPath(key, index), node.mark());
    }

    /** The full path of a key of this block, e.g. {@code target-database.port}. */
    String path(String key)
    {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The full path of a list item, e.g. {@code mysql-instances[0]}. */
    String itemPath(String key, int index)
    {
        return path(key) + "[" + index + "]";
    }

    /** How messages place a key of this block: at the top level, or in the block's path. */
    String where()
    {
        return path.isEmpty() ? "at the top level of the " + file.kind() : "in '" + path + "'";
    }

    /** How messages name a key of this block, e.g. {@code 'port' in 'target-database'}. */
    String describe(String key)
    {
        return "'" + key + "' " + where();
    }

    /** The text of any scalar; lists and mappings are rejected without quoting the value. */
    String scalarText(YamlNode node, String description)
    {
        if (node instanceof Scalar scalar && !scalar.isNull()) {
            return scalar.text();
        }
        throw typeError(node, description, "a string");
    }

    RuntimeException typeError(YamlNode node, String description, String expected)
    {
        return file.error(node.mark(),
                "%s must be %s, but is %s".formatted(description, expected, node.describe()),
                "Change the value to %s.".formatted(expected));
    }

    private Section section(YamlNode node, String childPath, Mark childMark)
    {
        if (!(node instanceof Mapping child)) {
            throw file.error(node.mark(),
                    "'%s' must be a mapping, but is %s".formatted(childPath, node.describe()),
                    "Write '%s' as indented 'key: value' lines.".formatted(childPath));
        }
        return new Section(file, child, childPath, childMark);
    }

    private long integerValue(YamlNode node, String description, long min, long max)
    {
        if (!(node instanceof Scalar scalar) || scalar.type() != Scalar.Type.INTEGER) {
            throw typeError(node, description, "an integer");
        }
        // Values beyond long, or that Jackson could not decode, are out of range all the same.
        if (!(scalar.value() instanceof Number number)
                || number instanceof BigInteger big && big.bitLength() > 63
                || number.longValue() < min || number.longValue() > max) {
            throw file.error(scalar.mark(),
                    "%s must be %s, but is %s".formatted(description, range(min, max), scalar.text()),
                    "Set a value %s.".formatted(range(min, max)));
        }
        return number.longValue();
    }

    private static String range(long min, long max)
    {
        if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) {
            return min == 0 ? "zero or more" : "at least " + min;
        }
        return "between %d and %d".formatted(min, max);
    }
}
