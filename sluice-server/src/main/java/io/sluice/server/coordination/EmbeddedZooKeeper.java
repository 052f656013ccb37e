package io.sluice.server.coordination;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A single-node ZooKeeper inside the server process, its data under {@code DATA_DIR/zookeeper},
 * listening on a free loopback port: the default deployment needs nothing else installed. Its admin
 * HTTP server is off (it would take port 8080), and a fatal ZooKeeper error is logged rather than
 * exiting the JVM under the tasks.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedZooKeeper.class);

    private final ZooKeeperServerEmbedded server;
    private final String connectString;

    private EmbeddedZooKeeper(ZooKeeperServerEmbedded server, String connectString) {
        this.server = requireNonNull(server, "server is null");
        this.connectString = requireNonNull(connectString, "connectString is null");
    }

    public static EmbeddedZooKeeper start(Path dataDir) {
        Path base = dataDir.resolve("zookeeper");
        try {
            Files.createDirectories(base.resolve("data"));
            int port = freeLoopbackPort();
            Properties properties = new Properties();
            properties.setProperty("clientPort", Integer.toString(port));
            properties.setProperty("clientPortAddress", "127.0.0.1");
            properties.setProperty("dataDir", base.resolve("data").toString());
            properties.setProperty("tickTime", "500");
            properties.setProperty("initLimit", "10");
            properties.setProperty("syncLimit", "5");
            properties.setProperty("admin.enableServer", "false");
            properties.setProperty("maxCnxns", "1024");
            properties.setProperty("autopurge.snapRetainCount", "3");
            properties.setProperty("autopurge.purgeInterval", "1");
            ZooKeeperServerEmbedded server = ZooKeeperServerEmbedded.builder()
                    .baseDir(base)
                    .configuration(properties)
                    .exitHandler(ExitHandler.LOG_ONLY)
                    .build();
            server.start(30_000);
            String connect = "127.0.0.1:" + port;
            LOG.info("Embedded ZooKeeper started on {} with data in {}", connect, base);
            return new EmbeddedZooKeeper(server, connect);
        }
        catch (Exception e) {
            throw new SluiceException(ErrorCode.METADATA_UNAVAILABLE, "Cannot start the embedded ZooKeeper under " + base + ": " + e.getMessage(),
                    "Check that the data dir is writable and not used by another running server.", e);
        }
    }

    public String connectString() {
        return connectString;
    }

    @Override
    public void close() {
        server.close();
        LOG.info("Embedded ZooKeeper stopped");
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
