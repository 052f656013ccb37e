package io.sluice.server.http;

import static java.util.Objects.requireNonNull;

import io.javalin.Javalin;
import io.sluice.core.error.SluiceException;
import io.sluice.server.reply.HttpStatuses;
import io.sluice.server.reply.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's HTTP front door (Javalin on Jetty 12, virtual threads): mounts the route groups, turns
 * a {@link SluiceException} into a JSON reply with its HTTP status and the fix, and anything else into
 * a 500 whose details go to the log only.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final Javalin app;

    private ApiServer(Javalin app) {
        this.app = requireNonNull(app, "app is null");
    }

    public static ApiServer start(String host, int port, List<ApiRoutes> groups) {
        Javalin app = Javalin.create(config -> {
            config.jetty.host = host;
            config.jetty.port = port;
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = 16L * 1024 * 1024;
            for (ApiRoutes group : groups) {
                group.register(config.routes);
            }
            config.routes.exception(SluiceException.class, (e, ctx) -> Json.reply(ctx, HttpStatuses.of(e), failure(Messages.of(e))));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                Json.reply(ctx, 500, failure("[code=90001] internal error: " + e.getClass().getSimpleName() + " Fix: see the server log and report it."));
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty() || ctx.result().startsWith("Endpoint")) {
                    Json.reply(ctx, 404, failure("no endpoint " + ctx.method() + " " + ctx.path() + "; see GET /api for the API"));
                }
            });
        });
        app.start();
        LOG.info("HTTP API listening on {}:{}", host, app.port());
        return new ApiServer(app);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private static Map<String, Object> failure(String msg) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("result", false);
        body.put("msg", msg);
        return body;
    }
}
