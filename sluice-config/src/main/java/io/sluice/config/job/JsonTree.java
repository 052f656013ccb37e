package io.sluice.config.job;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.config.job.JsonValue.Arr;
import io.sluice.config.job.JsonValue.Bool;
import io.sluice.config.job.JsonValue.Member;
import io.sluice.config.job.JsonValue.Null;
import io.sluice.config.job.JsonValue.Num;
import io.sluice.config.job.JsonValue.Obj;
import io.sluice.config.job.JsonValue.Str;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a job file as strict JSON (no comments, no trailing commas, no unquoted or single-quoted
 * strings, as Go's encoding/json and nomad read it) into a {@link JsonValue} tree that remembers
 * where every key and value starts. Duplicate keys are rejected: Go keeps the last one silently,
 * which hides mistakes.
 */
final class JsonTree
{
    // "Unrecognized token 'xyz'" quotes the offending text, which may be an unquoted password.
    private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile("Unrecognized token '[^']*'");
    // "(for Object starting at [Source: REDACTED ...; line: 3, column: 5])"
    private static final Pattern SOURCE_LOCATION = Pattern.compile("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]");

    private final JobFile file;
    private final JsonParser parser;

    private JsonTree(JobFile file, JsonParser parser)
    {
        this.file = file;
        this.parser = parser;
    }

    /** The root object of the text. */
    static Obj parse(String json, JobFile file)
    {
        JsonFactory factory = JsonFactory.builder().build();
        try (JsonParser parser = factory.createParser(json)) {
            JsonTree tree = new JsonTree(file, parser);
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw file.error(Pos.START, "the job file is empty",
                        "Write the job as a JSON object, e.g. {\"Job\": {...}} or {\"migration_job_config\": {...}}.");
            }
            JsonValue root = tree.readValue(token);
            if (parser.nextToken() != null) {
                throw file.error(Pos.of(parser.currentTokenLocation()), "unexpected content after the end of the job object",
                        "Keep a single JSON object in the file; remove what follows its closing '}'.");
            }
            if (!(root instanceof Obj object)) {
                throw file.error(root.pos(), "the job file must be a JSON object, but is " + root.describe(),
                        "Write the job as a JSON object, e.g. {\"Job\": {...}} or {\"migration_job_config\": {...}}.");
            }
            return object;
        }
        catch (JsonProcessingException e) {
            throw syntaxError(file, e);
        }
        catch (IOException e) {
            // Reading from a String does no I/O; this would be a bug in Jackson.
            throw new UncheckedIOException(e);
        }
    }

    private JsonValue readValue(JsonToken token)
            throws IOException
    {
        Pos pos = Pos.of(parser.currentTokenLocation());
        return switch (token) {
            case START_OBJECT -> readObject(pos);
            case START_ARRAY -> readArray(pos);
            case VALUE_STRING -> new Str(pos, parser.getText());
            case VALUE_NUMBER_INT -> new Num(pos, parser.getText(), true);
            case VALUE_NUMBER_FLOAT -> new Num(pos, parser.getText(), false);
            case VALUE_TRUE -> new Bool(pos, true);
            case VALUE_FALSE -> new Bool(pos, false);
            case VALUE_NULL -> new Null(pos);
            default -> throw file.error(pos, "unsupported JSON token " + token, "Use only objects, arrays, strings, numbers, booleans and null.");
        };
    }

    private Obj readObject(Pos pos)
            throws IOException
    {
        List<Member> members = new ArrayList<>();
        Map<String, Member> seen = new HashMap<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String key = parser.currentName();
            Pos keyPos = Pos.of(parser.currentTokenLocation());
            Member member = new Member(key, keyPos, readValue(parser.nextToken()));
            Member previous = seen.putIfAbsent(key, member);
            if (previous != null) {
                throw file.error(keyPos,
                        "duplicate key '%s'; it is already set at line %d".formatted(key, previous.keyPos().line()),
                        "Keep only one '%s' in this object.".formatted(key));
            }
            members.add(member);
        }
        return new Obj(pos, members);
    }

    private Arr readArray(Pos pos)
            throws IOException
    {
        List<JsonValue> items = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            items.add(readValue(token));
        }
        return new Arr(pos, items);
    }

    private static RuntimeException syntaxError(JobFile file, JsonProcessingException e)
    {
        String original = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage().lines().findFirst().orElse("");
        String message = UNRECOGNIZED_TOKEN.matcher(original).replaceAll("Unrecognized token");
        message = SOURCE_LOCATION.matcher(message).replaceAll(match -> Matcher.quoteReplacement("line " + match.group(1) + ", column " + match.group(2)));
        String fix = "Correct the JSON at that position: strings in double quotes on one line, no comments, no comma after the last member of an object or array.";
        if (original.contains("CTRL-CHAR")) {
            fix = "A JSON string cannot span lines: join the string onto one line (a value copied from a PDF is often broken this way) or write a line break as \\n.";
        }
        else if (original.contains("was expecting double-quote to start field name")) {
            fix = "Remove the comma after the last member of the object, and put every key in double quotes.";
        }
        return file.error(Pos.of(e.getLocation()), "invalid JSON: " + message, fix);
    }
}
