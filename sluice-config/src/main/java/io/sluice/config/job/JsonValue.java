package io.sluice.config.job;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A parsed JSON value with the position it starts at. Jackson's own tree forgets positions, and
 * every job file error must point at its line and column, so {@link JsonTree} builds this small
 * tree from the streaming parser instead.
 */
sealed interface JsonValue
        permits JsonValue.Obj, JsonValue.Arr, JsonValue.Str, JsonValue.Num, JsonValue.Bool, JsonValue.Null
{
    Pos pos();

    /** What kind of value this is, for messages such as "must be a string, but is a number"; never the value itself. */
    String describe();

    /** One key of an object with the position of the key itself. */
    record Member(String key, Pos keyPos, JsonValue value)
    {
        public Member
        {
            requireNonNull(key, "key is null");
            requireNonNull(keyPos, "keyPos is null");
            requireNonNull(value, "value is null");
        }
    }

    /** An object whose keys are unique; members keep the order of the file. */
    record Obj(Pos pos, List<Member> members)
            implements JsonValue
    {
        public Obj
        {
            requireNonNull(pos, "pos is null");
            members = List.copyOf(requireNonNull(members, "members is null"));
        }

        Optional<Member> member(String key)
        {
            return members.stream().filter(member -> member.key().equals(key)).findFirst();
        }

        @Override
        public String describe()
        {
            return "an object";
        }
    }

    record Arr(Pos pos, List<JsonValue> items)
            implements JsonValue
    {
        public Arr
        {
            requireNonNull(pos, "pos is null");
            items = List.copyOf(requireNonNull(items, "items is null"));
        }

        @Override
        public String describe()
        {
            return "an array";
        }
    }

    record Str(Pos pos, String value)
            implements JsonValue
    {
        public Str
        {
            requireNonNull(pos, "pos is null");
            requireNonNull(value, "value is null");
        }

        @Override
        public String describe()
        {
            return "a string";
        }
    }

    /** A number as written; {@code integral} is false for fractions and exponents. */
    record Num(Pos pos, String text, boolean integral)
            implements JsonValue
    {
        public Num
        {
            requireNonNull(pos, "pos is null");
            requireNonNull(text, "text is null");
        }

        @Override
        public String describe()
        {
            return integral ? "an integer" : "a decimal number";
        }
    }

    record Bool(Pos pos, boolean value)
            implements JsonValue
    {
        public Bool
        {
            requireNonNull(pos, "pos is null");
        }

        @Override
        public String describe()
        {
            return "a boolean";
        }
    }

    record Null(Pos pos)
            implements JsonValue
    {
        public Null
        {
            requireNonNull(pos, "pos is null");
        }

        @Override
        public String describe()
        {
            return "null";
        }
    }
}
