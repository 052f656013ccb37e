package io.sluice.config;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A parsed YAML value together with the position it starts at. Jackson's own tree forgets
 * positions, and every configuration error must point at its line and column, so
 * {@link YamlReader} builds this small tree from the streaming parser instead.
 */
sealed interface YamlNode
        permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar
{
    Mark mark();

    /** What kind of value this is, for messages such as "must be an integer, but is a list". */
    String describe();

    /** A mapping whose keys are unique; entries keep the order of the file. */
    record Mapping(Mark mark, List<Entry> entries)
            implements YamlNode
    {
        public Mapping
        {
            requireNonNull(mark, "mark is null");
            entries = List.copyOf(requireNonNull(entries, "entries is null"));
        }

        Optional<Entry> entry(String key)
        {
            return entries.stream().filter(entry -> entry.key().equals(key)).findFirst();
        }

        @Override
        public String describe()
        {
            return "a mapping";
        }
    }

    /** One key of a mapping, with the position of the key itself. */
    record Entry(String key, Mark keyMark, YamlNode value)
    {
        public Entry
        {
            requireNonNull(key, "key is null");
            requireNonNull(keyMark, "keyMark is null");
            requireNonNull(value, "value is null");
        }
    }

    record Sequence(Mark mark, List<YamlNode> items)
            implements YamlNode
    {
        public Sequence
        {
            requireNonNull(mark, "mark is null");
            items = List.copyOf(requireNonNull(items, "items is null"));
        }

        @Override
        public String describe()
        {
            return "a list";
        }
    }

    /**
     * A scalar as written, with the type YAML resolved for it and its decoded value: a
     * {@link Number} for an integer Jackson could decode (it understands {@code 0x10} and
     * {@code 1_000}), a {@link Boolean} for a boolean ({@code true}, but also YAML 1.1's
     * {@code yes} and {@code on}), otherwise null. The text is kept because a string setting
     * such as a password must be read exactly as written even when YAML sees a number.
     */
    record Scalar(Mark mark, Type type, String text, Object value)
            implements YamlNode
    {
        enum Type
        {
            STRING("a string"),
            INTEGER("an integer"),
            FLOAT("a decimal number"),
            BOOLEAN("a boolean"),
            NULL("empty");

            private final String description;

            Type(String description)
            {
                this.description = description;
            }
        }

        public Scalar
        {
            requireNonNull(mark, "mark is null");
            requireNonNull(type, "type is null");
            requireNonNull(text, "text is null");
        }

        boolean isNull()
        {
            return type == Type.NULL;
        }

        @Override
        public String describe()
        {
            return type.description;
        }
    }
}
