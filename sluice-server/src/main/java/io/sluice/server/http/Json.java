package io.sluice.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * JSON in and out of the API handlers: one mapper for the whole server, request bodies read as trees
 * with field errors a client can act on, replies written with their HTTP status.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .findAndAddModules()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private Json() {}

    public static void reply(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json; charset=utf-8").result(MAPPER.writeValueAsString(body));
        }
        catch (Exception e) {
            throw new SluiceException(ErrorCode.INTERNAL, "Cannot encode the reply: " + e.getMessage(), "Report this as a bug.", e);
        }
    }

    /** The request body as a JSON object; an empty body is an empty object. */
    public static JsonNode body(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            if (!node.isObject()) {
                throw new SluiceException(ErrorCode.INVALID_ARGUMENT, "The request body is not a JSON object.", "Send a JSON object as documented in docs/api.md.");
            }
            return node;
        }
        catch (SluiceException e) {
            throw e;
        }
        catch (Exception e) {
            throw new SluiceException(ErrorCode.INVALID_ARGUMENT, "The request body is not valid JSON: " + e.getMessage(), "Send a JSON object as documented in docs/api.md.");
        }
    }

    public static String requiredText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull() || !value.isTextual() || value.asText().isBlank()) {
            throw new SluiceException(ErrorCode.INVALID_ARGUMENT, "The request needs a non-empty text field '" + field + "'.", "See docs/api.md for the request body.");
        }
        return value.asText();
    }

    public static Optional<String> optionalText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new SluiceException(ErrorCode.INVALID_ARGUMENT, "Field '" + field + "' must be text.", "See docs/api.md for the request body.");
        }
        return Optional.of(value.asText());
    }

    public static boolean optionalBoolean(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new SluiceException(ErrorCode.INVALID_ARGUMENT, "Field '" + field + "' must be true or false.", "See docs/api.md for the request body.");
        }
        return value.asBoolean();
    }

    public static List<String> textList(JsonNode body, String field) {
        JsonNode value = body.get(field);
        List<String> list = new ArrayList<>();
        if (value == null || value.isNull()) {
            return list;
        }
        if (!value.isArray()) {
            throw new SluiceException(ErrorCode.INVALID_ARGUMENT, "Field '" + field + "' must be a list of text.", "See docs/api.md for the request body.");
        }
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new SluiceException(ErrorCode.INVALID_ARGUMENT, "Field '" + field + "' must be a list of text.", "See docs/api.md for the request body.");
            }
            list.add(item.asText());
        }
        return list;
    }

    public static Set<String> workers(JsonNode body) {
        return new LinkedHashSet<>(textList(body, "workers"));
    }
}
