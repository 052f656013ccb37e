package io.sluice.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Locations of the MariaDB server binaries a sandbox needs: {@code mariadbd} and
 * {@code mariadb-install-db}. By default they are looked up in {@code PATH}, {@code /usr/sbin}
 * and {@code /usr/bin}; the environment variable {@value #BIN_DIR_ENV} replaces that search
 * with a single directory.
 */
record MariaDbBinaries(Path mariadbd, Path installDb)
{
    static final String BIN_DIR_ENV = "SLUICE_MARIADB_BIN_DIR";
    static final String MARIADBD = "mariadbd";
    static final String INSTALL_DB = "mariadb-install-db";

    MariaDbBinaries
    {
        requireNonNull(mariadbd, "mariadbd is null");
        requireNonNull(installDb, "installDb is null");
    }

    /**
     * The installation prefix of {@code mariadbd} ({@code /usr} for {@code /usr/sbin/mariadbd}),
     * used as {@code --basedir} so that non-Debian layouts find their share files.
     */
    Path baseDir()
    {
        Path parent = mariadbd.getParent().getParent();
        return parent == null ? mariadbd.getParent() : parent;
    }

    static MariaDbBinaries locate(Map<String, String> environment)
    {
        return locate(searchDirectories(environment));
    }

    static List<Path> searchDirectories(Map<String, String> environment)
    {
        String override = environment.get(BIN_DIR_ENV);
        if (override != null && !override.isBlank()) {
            return List.of(Path.of(override.trim()));
        }
        Set<Path> directories = new LinkedHashSet<>();
        String path = environment.getOrDefault("PATH", "");
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                directories.add(Path.of(entry));
            }
        }
        directories.add(Path.of("/usr/sbin"));
        directories.add(Path.of("/usr/bin"));
        return new ArrayList<>(directories);
    }

    /**
     * Finds both binaries in the given directories (first match wins).
     *
     * @throws MariaDbBinariesMissingException if either binary is in none of them
     */
    static MariaDbBinaries locate(List<Path> directories)
    {
        Optional<Path> mariadbd = find(directories, MARIADBD);
        Optional<Path> installDb = find(directories, INSTALL_DB);
        if (mariadbd.isEmpty() || installDb.isEmpty()) {
            throw new MariaDbBinariesMissingException(directories);
        }
        return new MariaDbBinaries(mariadbd.get(), installDb.get());
    }

    private static Optional<Path> find(List<Path> directories, String name)
    {
        for (Path directory : directories) {
            Path candidate = directory.resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                try {
                    return Optional.of(candidate.toRealPath());
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return Optional.empty();
    }
}
