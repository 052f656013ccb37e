package io.sluice.server;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How a server starts: its data dir (install key, embedded ZooKeeper), where HTTP listens, an
 * external ZooKeeper ensemble to join instead of the embedded one, its name, and the address its
 * worker advertises (dmctl's {@code -w}).
 */
public record ServerConfig(Path dataDir, String httpHost, int httpPort, Optional<String> zookeeper, String name, String workerAddr) {
    public static final int DEFAULT_HTTP_PORT = 8261;
    public static final int DEFAULT_WORKER_PORT = 8262;

    public ServerConfig {
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(httpHost, "httpHost is null");
        requireNonNull(zookeeper, "zookeeper is null");
        requireNonNull(name, "name is null");
        requireNonNull(workerAddr, "workerAddr is null");
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("httpPort must be between 0 and 65535: " + httpPort);
        }
    }

    /** Loopback, default ports, embedded ZooKeeper. */
    public static ServerConfig local(Path dataDir, int httpPort) {
        return new ServerConfig(dataDir, "127.0.0.1", httpPort, Optional.empty(), "sluice-1", "127.0.0.1:" + DEFAULT_WORKER_PORT);
    }
}
