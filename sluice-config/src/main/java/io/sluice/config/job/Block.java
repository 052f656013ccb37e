package io.sluice.config.job;

import io.sluice.config.job.JsonValue.Arr;
import io.sluice.config.job.JsonValue.Bool;
import io.sluice.config.job.JsonValue.Member;
import io.sluice.config.job.JsonValue.Null;
import io.sluice.config.job.JsonValue.Num;
import io.sluice.config.job.JsonValue.Obj;
import io.sluice.config.job.JsonValue.Str;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * One JSON object of a job file, read with the checks every object needs: keys are checked
 * against the ones the object supports, and each typed getter reports a wrong type or an
 * out-of-range value at its {@code file:line:column}. As in Go's encoding/json, which dtle uses,
 * {@code null} is the same as an absent key, and the string getters also treat {@code ""} as
 * absent (the API v2 echoes every unset string as {@code ""}). Values are never quoted in a
 * message unless they are names or positions, so a password cannot leak through one.
 */
final class Block
{
    private final JobFile file;
    private final Dialect dialect;
    private final Obj object;
    private final String path;
    private final String relative;

    /**
     * @param path the object's full JSON path, for messages, e.g. {@code Job.TaskGroups[0]}; empty for the root
     * @param relative the path inside the task's settings, for rule origins, e.g. {@code ReplicateDoDb[0]}
     */
    private Block(JobFile file, Dialect dialect, Obj object, String path, String relative)
    {
        this.file = requireNonNull(file, "file is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.object = requireNonNull(object, "object is null");
        this.path = requireNonNull(path, "path is null");
        this.relative = requireNonNull(relative, "relative is null");
    }

    static Block root(JobFile file, Dialect dialect, Obj object)
    {
        return new Block(file, dialect, object, "", "");
    }

    /** This object as the root of a task's settings: rule origins inside it start from here. */
    Block asSettings()
    {
        return new Block(file, dialect, object, path, "");
    }

    Block withDialect(Dialect other)
    {
        return new Block(file, other, object, path, relative);
    }

    JobFile file()
    {
        return file;
    }

    Dialect dialect()
    {
        return dialect;
    }

    Pos pos()
    {
        return object.pos();
    }

    String path()
    {
        return path;
    }

    /** Where a rule written in this object comes from: {@code file:line:column relative.path}. */
    String origin()
    {
        return file.origin(object.pos(), relative);
    }

    /** Where a rule written at {@code pos} under {@code key} of this object comes from, e.g. {@code SqlFilter[0]}. */
    String origin(String key, Pos pos)
    {
        return file.origin(pos, relativeOf(key));
    }

    /** "in 'path'", or "at the top level of the job file" for the root. */
    String where()
    {
        return path.isEmpty() ? "at the top level of the job file" : "in '" + path + "'";
    }

    String pathOf(String key)
    {
        return path.isEmpty() ? key : path + "." + key;
    }

    private String relativeOf(String key)
    {
        return relative.isEmpty() ? key : relative + "." + key;
    }

    boolean has(String key)
    {
        return object.member(key).isPresent();
    }

    boolean has(Field field)
    {
        return dialect.names(field).stream().anyMatch(this::has);
    }

    List<Member> members()
    {
        return object.members();
    }

    /** The spellings of these fields in this object's dialect, in order. */
    List<String> names(Collection<Field> fields)
    {
        Set<String> names = new LinkedHashSet<>();
        for (Field field : fields) {
            names.addAll(dialect.names(field));
        }
        return List.copyOf(names);
    }

    /**
     * Rejects every key that is not known, ignored or misplaced, in file order: a misplaced key
     * (one that exists elsewhere in a job) fails with its hint, any other with a suggestion.
     */
    Block checkKeys(Collection<String> known, Collection<String> ignored, Map<String, String> misplaced)
    {
        for (Member member : object.members()) {
            String key = member.key();
            if (known.contains(key) || ignored.contains(key)) {
                continue;
            }
            String hint = misplaced.get(key);
            if (hint != null) {
                throw file.error(member.keyPos(), "'%s' cannot be used %s: %s".formatted(key, where(), hint),
                        "Move '%s' to where it belongs, or remove it.".formatted(key));
            }
            List<String> candidates = new ArrayList<>(known);
            candidates.addAll(ignored);
            throw file.error(member.keyPos(),
                    "unknown key '%s' %s%s".formatted(key, where(), Hints.didYouMean(key, candidates)),
                    "Correct or remove the key. Keys allowed here: %s.".formatted(String.join(", ", known)));
        }
        return this;
    }

    Block checkKeys(Collection<Field> known, Map<String, String> misplaced)
    {
        return checkKeys(names(known), List.of(), misplaced);
    }

    /** The member under any of the names, unless absent or null; two spellings of one field at once are an error. */
    Optional<Member> member(List<String> names)
    {
        Member found = null;
        for (String name : names) {
            Optional<Member> member = object.member(name).filter(candidate -> !(candidate.value() instanceof Null));
            if (member.isPresent()) {
                if (found != null) {
                    throw file.error(member.get().keyPos(),
                            "'%s' and '%s' %s are the same setting".formatted(found.key(), name, where()),
                            "Keep only '%s'.".formatted(names.getFirst()));
                }
                found = member.get();
            }
        }
        return Optional.ofNullable(found);
    }

    Optional<Member> member(Field field)
    {
        return member(dialect.names(field));
    }

    Optional<Member> member(String name)
    {
        return member(List.of(name));
    }

    /** A string; {@code ""} counts as absent. */
    Optional<Located<String>> string(Field field)
    {
        return string(dialect.names(field));
    }

    Optional<Located<String>> string(String name)
    {
        return string(List.of(name));
    }

    private Optional<Located<String>> string(List<String> names)
    {
        return stringKeepingEmpty(names).filter(located -> !located.value().isEmpty());
    }

    /** A string, {@code ""} included (a password may be empty). */
    Optional<Located<String>> stringKeepingEmpty(Field field)
    {
        return stringKeepingEmpty(dialect.names(field));
    }

    private Optional<Located<String>> stringKeepingEmpty(List<String> names)
    {
        return member(names).map(member -> {
            if (member.value() instanceof Str string) {
                return new Located<>(string.value(), string.pos());
            }
            throw typeError(member, "a string", "Put the value in double quotes.");
        });
    }

    Optional<Located<Boolean>> bool(Field field)
    {
        return bool(dialect.names(field));
    }

    Optional<Located<Boolean>> bool(String name)
    {
        return bool(List.of(name));
    }

    private Optional<Located<Boolean>> bool(List<String> names)
    {
        return member(names).map(member -> {
            if (member.value() instanceof Bool bool) {
                return new Located<>(bool.value(), bool.pos());
            }
            throw typeError(member, "true or false", "Write true or false, without quotes.");
        });
    }

    Optional<Located<Long>> integer(Field field, long min, long max)
    {
        return integer(dialect.names(field), min, max);
    }

    Optional<Located<Long>> integer(String name, long min, long max)
    {
        return integer(List.of(name), min, max);
    }

    private Optional<Located<Long>> integer(List<String> names, long min, long max)
    {
        return member(names).map(member -> {
            if (member.value() instanceof Num number && number.integral()) {
                return new Located<>(inRange(member, new BigInteger(number.text()), min, max), number.pos());
            }
            throw typeError(member, "an integer", "Write a whole number without quotes.");
        });
    }

    /** A port: a number, or a string holding one (dtle's own examples use both). */
    Optional<Located<Integer>> port(Field field)
    {
        return member(field).map(member -> {
            BigInteger value = switch (member.value()) {
                case Num number when number.integral() -> new BigInteger(number.text());
                case Str string when string.value().strip().matches("[0-9]{1,10}") -> new BigInteger(string.value().strip());
                default -> throw typeError(member, "a port number", "Write the port as a number, e.g. 3306.");
            };
            return new Located<>((int) inRange(member, value, 1, 65535), member.value().pos());
        });
    }

    private long inRange(Member member, BigInteger value, long min, long max)
    {
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            String range = max == Long.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
            throw file.error(member.value().pos(), "'%s' must be %s, but is %s".formatted(pathOf(member.key()), range, value),
                    "Give '%s' a value %s.".formatted(member.key(), range));
        }
        return value.longValueExact();
    }

    Optional<Block> object(Field field)
    {
        return object(dialect.names(field));
    }

    Optional<Block> object(String name)
    {
        return object(List.of(name));
    }

    private Optional<Block> object(List<String> names)
    {
        return member(names).map(member -> {
            if (member.value() instanceof Obj child) {
                return new Block(file, dialect, child, pathOf(member.key()), relativeOf(member.key()));
            }
            throw typeError(member, "an object", "Write the value as a JSON object: {\"key\": value, ...}.");
        });
    }

    /** The objects of an array; absent or null is an empty list. */
    List<Block> objects(Field field)
    {
        return objects(dialect.names(field));
    }

    List<Block> objects(String name)
    {
        return objects(List.of(name));
    }

    private List<Block> objects(List<String> names)
    {
        Optional<Member> present = member(names);
        if (present.isEmpty()) {
            return List.of();
        }
        Member member = present.get();
        if (!(member.value() instanceof Arr array)) {
            throw typeError(member, "an array of objects", "Write the value as a JSON array: [{...}, {...}].");
        }
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < array.items().size(); i++) {
            JsonValue item = array.items().get(i);
            String index = member.key() + "[" + i + "]";
            if (!(item instanceof Obj child)) {
                throw file.error(item.pos(), "'%s' must be an object, but is %s".formatted(pathOf(index), item.describe()),
                        "Write each element of '%s' as a JSON object.".formatted(member.key()));
            }
            blocks.add(new Block(file, dialect, child, pathOf(index), relativeOf(index)));
        }
        return blocks;
    }

    /** An array of strings with their positions; absent or null is empty. */
    Optional<Located<List<Located<String>>>> strings(Field field)
    {
        return member(field).map(member -> {
            if (!(member.value() instanceof Arr array)) {
                throw typeError(member, "an array of strings", "Write the value as a JSON array of strings: [\"a\", \"b\"].");
            }
            List<Located<String>> strings = new ArrayList<>();
            for (int i = 0; i < array.items().size(); i++) {
                JsonValue item = array.items().get(i);
                if (!(item instanceof Str string)) {
                    throw file.error(item.pos(), "'%s[%d]' must be a string, but is %s".formatted(pathOf(member.key()), i, item.describe()),
                            "Put each element of '%s' in double quotes.".formatted(member.key()));
                }
                strings.add(new Located<>(string.value(), string.pos()));
            }
            return new Located<>(List.copyOf(strings), array.pos());
        });
    }

    private RuntimeException typeError(Member member, String expected, String fix)
    {
        return file.error(member.value().pos(),
                "'%s' must be %s, but is %s".formatted(pathOf(member.key()), expected, member.value().describe()), fix);
    }

    /** An error at the key of a member, or at this object when the member is absent. */
    RuntimeException errorAt(Optional<Member> member, String cause, String fix)
    {
        return file.error(member.map(Member::keyPos).orElse(object.pos()), cause, fix);
    }
}
