package io.sluice.server.coordination;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The server's small metadata in ZooKeeper (through Curator, namespace {@code /sluice}): one JSON
 * document per znode. Sources, tasks with their desired stage, pending SQL operators and members live
 * here; replication progress does not (it commits with the data on the target). Writes are
 * synchronous, so a reply to the user is sent only after ZooKeeper has the change.
 */
public final class MetadataStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataStore.class);
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final CuratorFramework client;

    private MetadataStore(CuratorFramework client) {
        this.client = requireNonNull(client, "client is null");
    }

    /** Connects to ZooKeeper at {@code connectString} and waits until the session is up. */
    public static MetadataStore connect(String connectString) {
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .namespace("sluice")
                .sessionTimeoutMs(15_000)
                .connectionTimeoutMs(10_000)
                .retryPolicy(new ExponentialBackoffRetry(200, 10, 5_000))
                .build();
        client.start();
        try {
            if (!client.blockUntilConnected(30, TimeUnit.SECONDS)) {
                client.close();
                throw new SluiceException(ErrorCode.METADATA_UNAVAILABLE, "Cannot connect to ZooKeeper at " + connectString + " within 30 s.",
                        "Check that ZooKeeper runs there and is reachable (for the embedded one, that the data dir is healthy).");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.close();
            throw new SluiceException(ErrorCode.METADATA_UNAVAILABLE, "Interrupted while connecting to ZooKeeper.", "Start the server again.", e);
        }
        LOG.info("Connected to ZooKeeper at {}", connectString);
        return new MetadataStore(client);
    }

    /** Writes {@code value} as JSON at {@code path}, creating parents; replaces what is there. */
    public void put(String path, Object value) {
        byte[] bytes = encode(value);
        call("writing " + path, () -> {
            if (client.checkExists().forPath(path) == null) {
                try {
                    client.create().creatingParentsIfNeeded().forPath(path, bytes);
                    return null;
                }
                catch (KeeperException.NodeExistsException raced) {
                    // created meanwhile: overwrite below
                }
            }
            client.setData().forPath(path, bytes);
            return null;
        });
    }

    /** Writes an ephemeral node: it disappears when this server's session ends (membership). */
    public void putEphemeral(String path, Object value) {
        byte[] bytes = encode(value);
        call("registering " + path, () -> {
            try {
                client.create().creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(path, bytes);
            }
            catch (KeeperException.NodeExistsException stale) {
                // left by this server's previous life (killed before its session expired): that session would delete
                // the node when it expires, so take it over rather than write into it
                client.delete().forPath(path);
                client.create().creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(path, bytes);
            }
            return null;
        });
    }

    public <T> Optional<T> get(String path, Class<T> type) {
        return call("reading " + path, () -> {
            try {
                return Optional.of(JSON.readValue(client.getData().forPath(path), type));
            }
            catch (KeeperException.NoNodeException absent) {
                return Optional.empty();
            }
        });
    }

    /** The documents directly under {@code path}, in name order; none when the path does not exist. */
    public <T> List<T> list(String path, Class<T> type) {
        List<String> names = call("listing " + path, () -> {
            try {
                return new ArrayList<>(client.getChildren().forPath(path));
            }
            catch (KeeperException.NoNodeException absent) {
                return new ArrayList<String>();
            }
        });
        names.sort(String::compareTo);
        List<T> values = new ArrayList<>();
        for (String name : names) {
            get(path + "/" + name, type).ifPresent(values::add);
        }
        return values;
    }

    /** Deletes {@code path} and everything under it; nothing when it does not exist. */
    public void delete(String path) {
        call("deleting " + path, () -> {
            try {
                client.delete().deletingChildrenIfNeeded().forPath(path);
            }
            catch (KeeperException.NoNodeException absent) {
                // already gone
            }
            return null;
        });
    }

    /** A leader latch among the masters sharing this ZooKeeper; the caller starts and closes it. */
    public LeaderLatch leaderLatch(String participantId) {
        return new LeaderLatch(client, "/election/master", participantId);
    }

    @Override
    public void close() {
        client.close();
    }

    private static byte[] encode(Object value) {
        try {
            return JSON.writeValueAsBytes(requireNonNull(value, "value is null"));
        }
        catch (Exception e) {
            throw new SluiceException(ErrorCode.INTERNAL, "Cannot encode metadata " + value.getClass().getSimpleName() + ": " + e.getMessage(), "Report this as a bug.", e);
        }
    }

    private <T> T call(String what, ZkCall<T> call) {
        try {
            return call.run();
        }
        catch (SluiceException e) {
            throw e;
        }
        catch (Exception e) {
            throw new SluiceException(ErrorCode.METADATA_UNAVAILABLE, "ZooKeeper failed while " + what + ": " + e.getMessage(),
                    "Check that ZooKeeper is up; the server retries once it is reachable.", e);
        }
    }

    @FunctionalInterface
    private interface ZkCall<T> {
        T run() throws Exception;
    }
}
