package io.sluice.config;

import io.sluice.core.task.Endpoint;

import java.util.List;
import java.util.Map;

/**
 * Reads a DM database block ({@code target-database} in a task file, {@code from} in a source
 * file): {@code host}, {@code port} (3306 when absent), {@code user} and a plaintext
 * {@code password} (empty when absent).
 */
final class Endpoints
{
    static final int DEFAULT_PORT = 3306;

    private static final List<String> KEYS = List.of("host", "port", "user", "password");
    private static final Map<String, String> UNSUPPORTED = Map.of(
            "max-allowed-packet", "",
            "session", "",
            "security", " Connections do not use TLS yet.");

    private Endpoints() {}

    static Endpoint read(Section section)
    {
        section.checkKeys(KEYS, UNSUPPORTED);
        String host = section.requiredString("host");
        int port = section.integer("port", DEFAULT_PORT, 1, 65535);
        String user = section.requiredString("user");
        return new Endpoint(host, port, user, section.secret("password"));
    }
}
