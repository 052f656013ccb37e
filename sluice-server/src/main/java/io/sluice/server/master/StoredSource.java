package io.sluice.server.master;

import static java.util.Objects.requireNonNull;

/**
 * A source registered with {@code operate-source create}, as ZooKeeper keeps it: the source.yaml text
 * sealed with the install key, what was found on the server when it was registered (flavor and
 * version, its {@code server_id}, its GTID mode), and the worker it is bound to.
 */
public record StoredSource(String sourceId, String sealedConfig, String flavor, long serverId, String gtidMode, String worker) {
    public StoredSource {
        requireNonNull(sourceId, "sourceId is null");
        requireNonNull(sealedConfig, "sealedConfig is null");
        requireNonNull(flavor, "flavor is null");
        requireNonNull(gtidMode, "gtidMode is null");
        requireNonNull(worker, "worker is null");
    }
}
