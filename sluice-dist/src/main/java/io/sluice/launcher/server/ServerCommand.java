package io.sluice.launcher.server;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.launcher.Sluice;
import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;
import io.sluice.server.master.LogLevels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code sluice server}: master and worker in one process, metadata in an embedded ZooKeeper under
 * the data dir (or an external ensemble with {@code --zk}), the HTTP API for sluicectl and dtle
 * clients. Runs until SIGTERM or Ctrl-C, which pause the running subtasks cleanly; the next start
 * brings every task back to the stage it had.
 */
@Command(name = "server",
        mixinStandardHelpOptions = true,
        description = {"Run the Sluice server: tasks managed with sluicectl or over HTTP.",
                "Metadata lives in an embedded ZooKeeper under --data-dir; progress lives on the targets."})
public final class ServerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = "./sluice-data", description = "State directory: install key, embedded ZooKeeper (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--http-addr", defaultValue = "127.0.0.1:8261", description = "Where the HTTP API listens (default: ${DEFAULT-VALUE}).")
    String httpAddr;

    @Option(names = "--zk", description = "An external ZooKeeper ensemble (host:port,...) instead of the embedded one.")
    String zookeeper;

    @Option(names = "--name", defaultValue = "sluice-1", description = "This server's member name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--worker-addr", defaultValue = "127.0.0.1:8262", description = "The address this server's worker advertises; sluicectl -w selects by it (default: ${DEFAULT-VALUE}).")
    String workerAddr;

    @Override
    public Integer call() throws Exception {
        int colon = httpAddr.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(httpAddr.substring(colon + 1));
        }
        catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new SluiceException(ErrorCode.INVALID_ARGUMENT, "--http-addr '" + httpAddr + "' is not HOST:PORT.", "Pass e.g. --http-addr 127.0.0.1:8261.");
        }
        String host = colon <= 0 ? "127.0.0.1" : httpAddr.substring(0, colon);
        ServerConfig config = new ServerConfig(dataDir.toAbsolutePath(), host, port, Optional.ofNullable(zookeeper), name, workerAddr);
        if (System.getenv("SLUICE_LOG_LEVEL") == null) {
            // a server's log is its history: task events at INFO (one line each) unless the user chose otherwise
            LogLevels.set("info");
        }
        Files.createDirectories(dataDir);
        PrintWriter out = spec.commandLine().getOut();
        try (FileChannel lockFile = FileChannel.open(dataDir.resolve("server.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                throw new SluiceException(ErrorCode.INVALID_ARGUMENT, "Another Sluice server uses data dir " + dataDir.toAbsolutePath() + ".",
                        "Stop it first, or give this server its own --data-dir.");
            }
            String version = Optional.ofNullable(Sluice.class.getPackage().getImplementationVersion()).orElse("dev");
            SluiceServer server = SluiceServer.start(config, version);
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                server.close();
                out.println("Sluice server stopped; run the same command to resume every task");
                out.flush();
                stopped.countDown();
            }, "sluice-server-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            out.println("Sluice server " + name + " listening on http://" + host + ":" + server.httpPort() + " (API page: /api); data dir " + dataDir.toAbsolutePath());
            out.flush();
            stopped.await();
            return 0;
        }
    }
}
