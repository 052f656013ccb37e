package io.sluice.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Thrown by {@link MariaDbServer#start(MariaDbConfig)} when {@code mariadbd} or
 * {@code mariadb-install-db} cannot be found. The message lists the directories searched and
 * tells how to install the binaries.
 */
public final class MariaDbBinariesMissingException
        extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    private final List<Path> searchedDirectories;

    public MariaDbBinariesMissingException(List<Path> searchedDirectories)
    {
        super(message(searchedDirectories));
        this.searchedDirectories = List.copyOf(searchedDirectories);
    }

    /**
     * The directories that were searched, in search order.
     */
    public List<Path> searchedDirectories()
    {
        return searchedDirectories;
    }

    private static String message(List<Path> searchedDirectories)
    {
        requireNonNull(searchedDirectories, "searchedDirectories is null");
        String directories = searchedDirectories.stream()
                .map(Path::toString)
                .collect(Collectors.joining(", "));
        return "MariaDB server binaries not found (looked for mariadbd and mariadb-install-db in " + directories + "). " +
                "Install them with: apt-get install -y mariadb-server mariadb-client, or run bin/test which installs them.";
    }
}
