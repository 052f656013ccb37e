package io.sluice.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Owns the temporary directories and processes of all sandboxes of this JVM. Every directory is
 * created under the temp directory with the prefix {@value #PREFIX} and gets an owner file naming
 * this JVM; everything still registered when the JVM exits is killed and deleted by a shutdown
 * hook. Sandboxes left behind by a JVM that died without running its hooks (SIGKILL) are reaped
 * once per JVM: their {@code mariadbd} is killed, by the pid it recorded and only if that process
 * still runs on that very datadir, and their directory is deleted.
 */
final class Sandboxes
{
    static final String PREFIX = "sluice-mariadb-";
    static final String OWNER_FILE = "sluice-owner.properties";
    static final String PID_FILE = "mariadbd.pid";

    private static final Logger log = LoggerFactory.getLogger(Sandboxes.class);

    // long temp paths would overflow the 107 byte limit of the server's unix socket path
    private static final int MAX_BASE_LENGTH = 64;
    private static final Set<MariaDbServer> SERVERS = ConcurrentHashMap.newKeySet();
    private static final Set<Path> DIRECTORIES = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean INITIALIZED = new AtomicBoolean();

    private Sandboxes() {}

    /**
     * Creates a new, empty sandbox directory owned by this JVM; it is deleted at JVM exit unless
     * {@link #deleteDirectory(Path)} removes it earlier.
     */
    static Path createDirectory(String kind)
    {
        initialize();
        try {
            Path directory = Files.createTempDirectory(baseDirectory(), PREFIX + kind).toRealPath();
            DIRECTORIES.add(directory);
            writeOwner(directory);
            return directory;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot create a sandbox directory in " + baseDirectory(), e);
        }
    }

    static void deleteDirectory(Path directory)
    {
        deleteRecursively(directory);
        DIRECTORIES.remove(directory);
    }

    static void register(MariaDbServer server)
    {
        initialize();
        SERVERS.add(server);
    }

    static void unregister(MariaDbServer server)
    {
        SERVERS.remove(server);
    }

    static Path baseDirectory()
    {
        Path base = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        if (base.toString().length() > MAX_BASE_LENGTH) {
            return Path.of("/tmp");
        }
        return base;
    }

    static void deleteRecursively(Path directory)
    {
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>()
            {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                        throws IOException
                {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e)
                        throws IOException
                {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e)
                        throws IOException
                {
                    if (e != null && !(e instanceof NoSuchFileException)) {
                        throw e;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        catch (NoSuchFileException e) {
            // already gone
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + directory, e);
        }
    }

    private static void initialize()
    {
        if (INITIALIZED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(Sandboxes::cleanUpAtExit, "sluice-mariadb-cleanup"));
            reapOrphans();
        }
    }

    private static void cleanUpAtExit()
    {
        for (MariaDbServer server : List.copyOf(SERVERS)) {
            try {
                server.destroyAtExit();
            }
            catch (RuntimeException e) {
                log.warn("Cannot clean up {} at JVM exit: {}", server, e.toString());
            }
        }
        for (Path directory : List.copyOf(DIRECTORIES)) {
            try {
                deleteRecursively(directory);
            }
            catch (RuntimeException e) {
                log.warn("Cannot delete sandbox directory {} at JVM exit: {}", directory, e.toString());
            }
        }
    }

    private static void writeOwner(Path directory)
            throws IOException
    {
        Properties owner = currentOwner();
        try (OutputStream out = Files.newOutputStream(directory.resolve(OWNER_FILE))) {
            owner.store(out, "Sluice MariaDB sandbox; deleted when its JVM exits");
        }
    }

    private static Properties currentOwner()
    {
        ProcessHandle self = ProcessHandle.current();
        Properties owner = new Properties();
        owner.setProperty("pid", Long.toString(self.pid()));
        self.info().startInstant().ifPresent(start -> owner.setProperty("start", start.toString()));
        pidNamespace().ifPresent(namespace -> owner.setProperty("pidNamespace", namespace));
        bootId().ifPresent(bootId -> owner.setProperty("bootId", bootId));
        return owner;
    }

    /**
     * Kills and deletes the sandboxes of JVMs that are gone; runs once per JVM before its first
     * sandbox is created.
     */
    static void reapOrphans()
    {
        Optional<String> namespace = pidNamespace();
        Optional<String> bootId = bootId();
        if (namespace.isEmpty() || bootId.isEmpty()) {
            return;
        }
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(baseDirectory(), PREFIX + "*")) {
            for (Path directory : candidates) {
                try {
                    reapIfOrphaned(directory, namespace.get(), bootId.get());
                }
                catch (IOException | RuntimeException e) {
                    log.debug("Not reaping {}: {}", directory, e.toString());
                }
            }
        }
        catch (IOException | RuntimeException e) {
            log.debug("Cannot scan {} for stale sandboxes: {}", baseDirectory(), e.toString());
        }
    }

    private static void reapIfOrphaned(Path directory, String namespace, String bootId)
            throws IOException
    {
        Path ownerFile = directory.resolve(OWNER_FILE);
        if (!Files.isRegularFile(ownerFile)) {
            return;
        }
        Properties owner = new Properties();
        try (InputStream in = Files.newInputStream(ownerFile)) {
            owner.load(in);
        }
        // only directories of a JVM of this machine, boot and pid namespace can be judged
        if (!namespace.equals(owner.getProperty("pidNamespace")) || !bootId.equals(owner.getProperty("bootId"))) {
            return;
        }
        long ownerPid = Long.parseLong(owner.getProperty("pid"));
        if (ownerPid == ProcessHandle.current().pid() || isAlive(ownerPid, owner.getProperty("start"))) {
            return;
        }
        Path pidFile = directory.resolve(PID_FILE);
        if (Files.isRegularFile(pidFile)) {
            long serverPid = Long.parseLong(Files.readString(pidFile).trim());
            String datadirArgument = "--datadir=" + directory;
            Optional<ProcessHandle> server = ProcessHandle.of(serverPid)
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().arguments()
                            .map(arguments -> List.of(arguments).contains(datadirArgument))
                            .orElse(false));
            if (server.isPresent()) {
                server.get().destroyForcibly();
                try {
                    server.get().onExit().get(1, TimeUnit.MINUTES);
                }
                catch (Exception e) {
                    log.warn("Stale MariaDB server pid {} of {} did not exit after SIGKILL: {}", serverPid, directory, e.toString());
                    return;
                }
            }
        }
        deleteRecursively(directory);
        log.info("Removed stale MariaDB sandbox {} left by exited JVM {}", directory, ownerPid);
    }

    private static boolean isAlive(long pid, String recordedStart)
    {
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return false;
        }
        if (recordedStart == null) {
            return true;
        }
        // a live process with another start time is an unrelated process that reused the pid
        return process.get().info().startInstant()
                .map(start -> start.equals(Instant.parse(recordedStart)))
                .orElse(true);
    }

    private static Optional<String> pidNamespace()
    {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString());
        }
        catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> bootId()
    {
        try {
            return Optional.of(Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim());
        }
        catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
