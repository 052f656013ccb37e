package io.sluice.server.http.dtle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.server.http.Json;
import io.sluice.server.reply.HttpStatuses;
import io.sluice.server.reply.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Request and reply plumbing of the dtle v2 API: a parameter is read from the query string, a form
 * body or a JSON body (dtle's swagger UI sends form data, its web UI JSON); a success carries
 * {@code "message": "ok"}, a failure only {@code "message"} (the cause and the fix) with a non-200
 * status, as dtle answers.
 */
final class DtleHttp {
    private static final Logger LOG = LoggerFactory.getLogger(DtleHttp.class);
    private static final String BODY_ATTRIBUTE = "dtle.body";

    private DtleHttp() {}

    /** Wraps a handler so that every failure answers in dtle's error shape, not the REST resources' one. */
    static Handler guarded(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            }
            catch (SluiceException e) {
                fail(ctx, HttpStatuses.of(e), Messages.of(e));
            }
            catch (DtleRoutes.ReplyFailure e) {
                fail(ctx, e.reply().httpStatus(), e.reply().msg());
            }
            catch (Exception e) {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                fail(ctx, 500, "[code=90001] internal error: " + e.getClass().getSimpleName() + " Fix: see the server log and report it.");
            }
        };
    }

    static void ok(Context ctx, Map<String, Object> body) {
        Map<String, Object> reply = new LinkedHashMap<>(body);
        reply.put("message", "ok");
        Json.reply(ctx, 200, reply);
    }

    static void ok(Context ctx) {
        ok(ctx, Map.of());
    }

    static void fail(Context ctx, int status, String message) {
        Json.reply(ctx, status, Map.of("message", message));
    }

    static SluiceException badRequest(String reason, String fix) {
        return new SluiceException(ErrorCode.INVALID_ARGUMENT, reason, fix);
    }

    static SluiceException unsupported(String reason, String fix) {
        return new SluiceException(ErrorCode.COMMAND_UNSUPPORTED, reason, fix);
    }

    /** The JSON body as an object; empty when the body is empty or a form. */
    static ObjectNode jsonBody(Context ctx) {
        Object cached = ctx.attribute(BODY_ATTRIBUTE);
        if (cached instanceof ObjectNode node) {
            return node;
        }
        ObjectNode body;
        String type = Optional.ofNullable(ctx.contentType()).orElse("").toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/")) {
            body = Json.MAPPER.createObjectNode();
        }
        else {
            JsonNode node = Json.body(ctx);
            body = (ObjectNode) node;
        }
        ctx.attribute(BODY_ATTRIBUTE, body);
        return body;
    }

    /** A text parameter from the query string, a form body or a JSON body, in that order. */
    static Optional<String> param(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null && isForm(ctx)) {
            value = ctx.formParam(name);
        }
        if (value == null && !isForm(ctx)) {
            JsonNode node = jsonBody(ctx).get(name);
            if (node != null && !node.isNull()) {
                value = node.isValueNode() ? node.asText() : node.toString();
            }
        }
        return Optional.ofNullable(value).filter(text -> !text.isEmpty());
    }

    static String required(Context ctx, String name, String fix) {
        return param(ctx, name).filter(text -> !text.isBlank())
                .orElseThrow(() -> badRequest("The request needs the parameter '" + name + "'.", fix));
    }

    static boolean flag(Context ctx, String name) {
        Optional<String> value = param(ctx, name);
        if (value.isEmpty()) {
            return false;
        }
        return switch (value.get().strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw badRequest("Parameter '" + name + "' is '" + value.get() + "', not true or false.", "Send " + name + "=true or " + name + "=false.");
        };
    }

    private static boolean isForm(Context ctx) {
        String type = Optional.ofNullable(ctx.contentType()).orElse("").toLowerCase(Locale.ROOT);
        return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/");
    }
}
