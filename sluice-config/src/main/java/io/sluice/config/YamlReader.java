package io.sluice.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.sluice.config.YamlNode.Entry;
import io.sluice.config.YamlNode.Mapping;
import io.sluice.config.YamlNode.Scalar;
import io.sluice.config.YamlNode.Sequence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses one YAML document into a {@link YamlNode} tree that remembers where every key and value
 * starts. It walks Jackson's streaming parser rather than its tree model because the tree model
 * drops positions. Duplicate keys and aliases are rejected here: YAML parsers disagree on
 * duplicates, and an alias would make an error point at the wrong place.
 */
final class YamlReader
{
    private final ConfigFile file;
    private final YAMLParser parser;

    private YamlReader(ConfigFile file, YAMLParser parser)
    {
        this.file = file;
        this.parser = parser;
    }

    /** Returns the document's root, or empty when the text holds no document (or only comments). */
    static Optional<YamlNode> read(String yaml, ConfigFile file)
    {
        // A factory per read keeps the class free of shared mutable state; building one is cheap.
        YAMLFactory factory = YAMLFactory.builder()
                // Go's YAML library, which DM uses, reads "key:" with no value as null, not "".
                .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                .build();
        try (YAMLParser parser = factory.createParser(yaml)) {
            YamlReader reader = new YamlReader(file, parser);
            JsonToken token = parser.nextToken();
            if (token == null) {
                return Optional.empty();
            }
            YamlNode root = reader.readValue(token);
            if (parser.nextToken() != null) {
                throw file.error(Mark.of(parser.currentTokenLocation()),
                        "the %s contains more than one YAML document".formatted(file.kind()),
                        "Keep a single document: remove the '---' line and everything after it, or split it into another file.");
            }
            if (root instanceof Scalar scalar && scalar.isNull()) {
                return Optional.empty();
            }
            return Optional.of(root);
        }
        catch (JsonProcessingException e) {
            throw syntaxError(file, e);
        }
        catch (IOException e) {
            // Reading from a String does no I/O; this would be a bug in Jackson.
            throw new UncheckedIOException(e);
        }
    }

    private YamlNode readValue(JsonToken token)
            throws IOException
    {
        Mark mark = Mark.of(parser.currentTokenLocation());
        if (token.isScalarValue() && parser.isCurrentAlias()) {
            // The alias name is not quoted: an unquoted password that starts with '*' reads as one.
            throw file.error(mark,
                    "YAML aliases (values starting with '*') are not supported",
                    "Write the value out in full instead of referring to an anchor, and quote values that start with '*'.");
        }
        return switch (token) {
            case START_OBJECT -> readMapping(mark);
            case START_ARRAY -> readSequence(mark);
            case VALUE_STRING -> new Scalar(mark, Scalar.Type.STRING, parser.getText(), null);
            case VALUE_NUMBER_INT -> new Scalar(mark, Scalar.Type.INTEGER, parser.getText(), integerValue());
            case VALUE_NUMBER_FLOAT -> new Scalar(mark, Scalar.Type.FLOAT, parser.getText(), null);
            case VALUE_TRUE, VALUE_FALSE -> new Scalar(mark, Scalar.Type.BOOLEAN, parser.getText(), token == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> new Scalar(mark, Scalar.Type.NULL, "", null);
            default -> throw file.error(mark,
                    "unsupported YAML value (%s)".formatted(token),
                    "Use only mappings, lists, strings, numbers and booleans.");
        };
    }

    private Mapping readMapping(Mark mark)
            throws IOException
    {
        List<Entry> entries = new ArrayList<>();
        Map<String, Entry> seen = new HashMap<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String key = parser.currentName();
            Mark keyMark = Mark.of(parser.currentTokenLocation());
            Entry entry = new Entry(key, keyMark, readValue(parser.nextToken()));
            Entry previous = seen.putIfAbsent(key, entry);
            if (previous != null) {
                throw file.error(keyMark,
                        "duplicate key '%s'; it is already set at line %d".formatted(key, previous.keyMark().line()),
                        "Keep only one '%s' in this block.".formatted(key));
            }
            entries.add(entry);
        }
        return new Mapping(mark, entries);
    }

    private Sequence readSequence(Mark mark)
            throws IOException
    {
        List<YamlNode> items = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            items.add(readValue(token));
        }
        return new Sequence(mark, items);
    }

    private Number integerValue()
    {
        try {
            return parser.getNumberValue();
        }
        catch (IOException | NumberFormatException e) {
            // Left undecoded, the value fails later as "must be an integer" at its own position.
            return null;
        }
    }

    @SuppressWarnings("deprecation")
    private static RuntimeException syntaxError(ConfigFile file, JsonProcessingException e)
    {
        String fix = "Correct the YAML syntax at that position; indent with spaces, not tabs, and quote values that contain ': ' or start with a special character.";
        // SnakeYAML's full message quotes the offending source line, which may hold a password, so
        // only its problem description and positions are used. Jackson's wrapper is deprecated, but
        // it is the only way to read them without depending on SnakeYAML directly.
        if (e instanceof com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException marked) {
            var problemMark = marked.getProblemMark();
            var contextMark = marked.getContextMark();
            Mark mark = problemMark != null ? new Mark(problemMark.getLine() + 1, problemMark.getColumn() + 1) : Mark.of(e.getLocation());
            StringBuilder cause = new StringBuilder("invalid YAML: ");
            if (marked.getContext() != null) {
                cause.append(marked.getContext()).append(": ");
            }
            cause.append(marked.getProblem());
            if (contextMark != null && contextMark.getLine() + 1 != mark.line()) {
                cause.append(" (the construct starts at line %d, column %d)".formatted(contextMark.getLine() + 1, contextMark.getColumn() + 1));
            }
            return file.error(mark, cause.toString(), fix);
        }
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage().lines().findFirst().orElse("");
        return file.error(Mark.of(e.getLocation()), "invalid YAML: " + message, fix);
    }
}
