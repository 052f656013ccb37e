package io.sluice.server;

import static java.util.Objects.requireNonNull;

import io.sluice.server.coordination.EmbeddedZooKeeper;
import io.sluice.server.coordination.MetadataStore;
import io.sluice.server.http.ApiRoutes;
import io.sluice.server.http.ApiServer;
import io.sluice.server.master.TaskService;
import io.sluice.server.security.InstallKey;
import io.sluice.server.security.PasswordCipher;
import io.sluice.server.worker.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * One Sluice server: master and worker in one process. Starting it opens the metadata (the embedded
 * ZooKeeper under the data dir, or an external ensemble), registers the members, brings every stored
 * task back to its desired stage and serves the HTTP API. Closing it pauses the running subtasks
 * (their progress is on the targets; the desired stages stay, so the next start resumes them) and
 * releases everything in reverse order.
 */
public final class SluiceServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SluiceServer.class);

    private final List<AutoCloseable> resources;
    private final Worker worker;
    private final ApiServer api;
    private final TaskService tasks;

    private SluiceServer(List<AutoCloseable> resources, Worker worker, ApiServer api, TaskService tasks) {
        this.resources = requireNonNull(resources, "resources is null");
        this.worker = requireNonNull(worker, "worker is null");
        this.api = requireNonNull(api, "api is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
    }

    public static SluiceServer start(ServerConfig config, String version) {
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            PasswordCipher cipher = new PasswordCipher(InstallKey.loadOrCreate(config.dataDir()));
            String connect;
            if (config.zookeeper().isPresent()) {
                connect = config.zookeeper().get();
            }
            else {
                EmbeddedZooKeeper zookeeper = EmbeddedZooKeeper.start(config.dataDir());
                resources.add(zookeeper);
                connect = zookeeper.connectString();
            }
            MetadataStore store = MetadataStore.connect(connect);
            resources.add(store);
            ControlPlane plane = ControlPlane.wire(store, cipher, config);
            plane.members().register();
            resources.add(plane.members());
            plane.tasks().restore();
            resources.add(plane.worker()::shutdown);
            List<ApiRoutes> routes = plane.routes(version);
            ApiServer api = ApiServer.start(config.httpHost(), config.httpPort(), routes);
            resources.add(api);
            LOG.info("Sluice server {} started: HTTP {}:{}, data dir {}, metadata {}", config.name(), config.httpHost(), api.port(), config.dataDir(),
                    config.zookeeper().isPresent() ? "ZooKeeper " + connect : "embedded ZooKeeper");
            return new SluiceServer(resources, plane.worker(), api, plane.tasks());
        }
        catch (Exception e) {
            closeAll(resources);
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("server start failed: " + e.getMessage(), e);
        }
    }

    public int httpPort() {
        return api.port();
    }

    public TaskService tasks() {
        return tasks;
    }

    public Worker worker() {
        return worker;
    }

    @Override
    public void close() {
        LOG.info("Sluice server stopping");
        closeAll(resources);
        LOG.info("Sluice server stopped");
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            }
            catch (Exception e) {
                LOG.warn("Closing {} failed: {}", resources.get(i), e.toString());
            }
        }
        resources.clear();
    }
}
