package io.sluice.server.http;

import io.javalin.config.RoutesConfig;

/** A group of HTTP endpoints the API server mounts: the Sluice REST resources, the dtle v2 API, the docs. */
public interface ApiRoutes {
    void register(RoutesConfig routes);
}
