package io.sluice.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * A freshly initialized MariaDB datadir, created once per JVM (and per set of binaries) with
 * {@code mariadb-install-db} and copied into the datadir of every new sandbox, which is much
 * faster than installing each one. The template holds only the system tables: root is
 * {@code root@localhost} without a password, no test database.
 */
final class DataDirTemplate
{
    static final String INNODB_LOG_FILE_SIZE = "8M";
    static final String INNODB_BUFFER_POOL_SIZE = "64M";

    private static final Logger log = LoggerFactory.getLogger(DataDirTemplate.class);
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Map<MariaDbBinaries, DataDirTemplate> TEMPLATES = new ConcurrentHashMap<>();

    private final Path dataDir;

    private DataDirTemplate(Path dataDir)
    {
        this.dataDir = requireNonNull(dataDir, "dataDir is null");
    }

    static DataDirTemplate forBinaries(MariaDbBinaries binaries)
    {
        return TEMPLATES.computeIfAbsent(binaries, DataDirTemplate::install);
    }

    /**
     * Copies the template into {@code target}, an existing empty directory.
     */
    void copyTo(Path target)
    {
        try {
            Files.walkFileTree(dataDir, new SimpleFileVisitor<>()
            {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes)
                        throws IOException
                {
                    Files.createDirectories(target.resolve(dataDir.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                        throws IOException
                {
                    Files.copy(file, target.resolve(dataDir.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the MariaDB datadir template " + dataDir + " to " + target, e);
        }
    }

    private static DataDirTemplate install(MariaDbBinaries binaries)
    {
        long startNanos = System.nanoTime();
        Path directory = Sandboxes.createDirectory("template-");
        try {
            Path dataDir = directory.resolve("data");
            Path installLog = directory.resolve("install.log");
            List<String> command = new ArrayList<>();
            command.add(binaries.installDb().toString());
            command.add("--no-defaults");
            command.add("--basedir=" + binaries.baseDir());
            command.add("--datadir=" + dataDir);
            command.add("--auth-root-authentication-method=normal");
            command.add("--skip-test-db");
            command.add("--skip-name-resolve");
            command.add("--innodb-log-file-size=" + INNODB_LOG_FILE_SIZE);
            command.add("--innodb-buffer-pool-size=" + INNODB_BUFFER_POOL_SIZE);
            if (MariaDbServer.RUNNING_AS_ROOT) {
                command.add("--user=root");
            }
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(installLog.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            if (!process.waitFor(INSTALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("mariadb-install-db did not finish within " + INSTALL_TIMEOUT.toSeconds() + " s: " +
                        command + "\n" + LogTail.read(installLog, 0));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("mariadb-install-db failed with exit code " + process.exitValue() + ": " +
                        command + "\n" + LogTail.read(installLog, 0));
            }
            log.info("Installed MariaDB datadir template {} in {} ms", dataDir, elapsedMillis(startNanos));
            return new DataDirTemplate(dataDir);
        }
        catch (IOException e) {
            Sandboxes.deleteDirectory(directory);
            throw new UncheckedIOException("Cannot run " + binaries.installDb(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Sandboxes.deleteDirectory(directory);
            throw new IllegalStateException("Interrupted while installing the MariaDB datadir template", e);
        }
        catch (RuntimeException e) {
            Sandboxes.deleteDirectory(directory);
            throw e;
        }
    }

    private static long elapsedMillis(long startNanos)
    {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
