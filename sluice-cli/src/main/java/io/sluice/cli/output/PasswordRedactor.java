package io.sluice.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Masks password fields in a reply before it is printed. The server already returns {@code ******}; this is
 * the second lock, so that a server bug or an older server never puts a password on a terminal or in a log
 * that captured sluicectl's output.
 */
public final class PasswordRedactor
{
    public static final String MASK = "******";
    private static final Pattern PASSWORD_KEY = Pattern.compile("(?i).*(password|passwd|pwd)");

    private PasswordRedactor() {}

    public static JsonNode redact(JsonNode node)
    {
        JsonNode copy = node.deepCopy();
        redactInPlace(copy);
        return copy;
    }

    private static void redactInPlace(JsonNode node)
    {
        if (node instanceof ObjectNode object) {
            List<String> masked = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (PASSWORD_KEY.matcher(field.getKey()).matches() && field.getValue().isTextual() && !field.getValue().textValue().isEmpty()) {
                    masked.add(field.getKey());
                }
                else {
                    redactInPlace(field.getValue());
                }
            }
            masked.forEach(key -> object.put(key, MASK));
        }
        else if (node.isArray()) {
            node.forEach(PasswordRedactor::redactInPlace);
        }
    }
}
