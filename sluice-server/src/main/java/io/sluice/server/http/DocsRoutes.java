package io.sluice.server.http;

import io.javalin.config.RoutesConfig;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The API's own documentation: the OpenAPI 3 document at {@code /api/openapi.json} and a browsable
 * page at {@code /api} that renders it (plain HTML and script shipped in the jar, no CDN), listing
 * every path with its parameters and letting the user send requests.
 */
public final class DocsRoutes implements ApiRoutes {
    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/openapi.json", ctx -> ctx.contentType("application/json; charset=utf-8").result(resource("openapi.json")));
        routes.get("/api", ctx -> ctx.contentType("text/html; charset=utf-8").result(resource("api.html")));
        routes.get("/", ctx -> ctx.redirect("/api"));
    }

    private static String resource(String name) {
        try (InputStream in = DocsRoutes.class.getResourceAsStream("/io/sluice/server/http/" + name)) {
            if (in == null) {
                throw new SluiceException(ErrorCode.INTERNAL, "The API document " + name + " is missing from the server jar.", "Rebuild the distribution.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new SluiceException(ErrorCode.INTERNAL, "Cannot read " + name + ": " + e.getMessage(), "Rebuild the distribution.", e);
        }
    }
}
