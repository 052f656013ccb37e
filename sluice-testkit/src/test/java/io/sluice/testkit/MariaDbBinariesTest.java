package io.sluice.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MariaDbBinariesTest
{
    @Test
    void missingBinariesInOverrideDirectory(@TempDir Path emptyDirectory)
    {
        Map<String, String> environment = Map.of(MariaDbBinaries.BIN_DIR_ENV, emptyDirectory.toString(), "PATH", "/usr/bin");

        assertThatThrownBy(() -> MariaDbBinaries.locate(environment))
                .isInstanceOf(MariaDbBinariesMissingException.class)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("MariaDB server binaries not found (looked for mariadbd and mariadb-install-db in " + emptyDirectory + "). " +
                        "Install them with: apt-get install -y mariadb-server mariadb-client, or run bin/test which installs them.");
    }

    @Test
    void startFailsWithoutStartingAnythingWhenBinariesAreMissing(@TempDir Path emptyDirectory)
    {
        Map<String, String> environment = Map.of(MariaDbBinaries.BIN_DIR_ENV, emptyDirectory.toString());

        assertThatThrownBy(() -> MariaDbServer.start(MariaDbConfig.builder().build(), environment))
                .isInstanceOf(MariaDbBinariesMissingException.class)
                .hasMessageStartingWith("MariaDB server binaries not found (looked for mariadbd and mariadb-install-db in " + emptyDirectory + ").")
                .hasMessageEndingWith("Install them with: apt-get install -y mariadb-server mariadb-client, or run bin/test which installs them.");
    }

    @Test
    void bothBinariesAreRequired(@TempDir Path directory)
            throws IOException
    {
        executable(directory.resolve("mariadbd"));

        assertThatThrownBy(() -> MariaDbBinaries.locate(List.of(directory)))
                .isInstanceOf(MariaDbBinariesMissingException.class)
                .satisfies(e -> assertThat(((MariaDbBinariesMissingException) e).searchedDirectories()).containsExactly(directory));
    }

    @Test
    void findsBinariesInFirstDirectoryHoldingThem(@TempDir Path root)
            throws IOException
    {
        Path empty = Files.createDirectories(root.resolve("empty"));
        Path sbin = Files.createDirectories(root.resolve("prefix/sbin"));
        Path bin = Files.createDirectories(root.resolve("prefix/bin"));
        executable(sbin.resolve("mariadbd"));
        executable(bin.resolve("mariadb-install-db"));
        Files.writeString(empty.resolve("mariadbd"), "not executable");

        MariaDbBinaries binaries = MariaDbBinaries.locate(List.of(empty, sbin, bin));

        assertThat(binaries.mariadbd()).isEqualTo(sbin.resolve("mariadbd").toRealPath());
        assertThat(binaries.installDb()).isEqualTo(bin.resolve("mariadb-install-db").toRealPath());
        assertThat(binaries.baseDir()).isEqualTo(root.resolve("prefix").toRealPath());
    }

    @Test
    void searchesPathThenSystemDirectoriesUnlessOverridden()
    {
        assertThat(MariaDbBinaries.searchDirectories(Map.of("PATH", "/opt/maria/bin::/usr/bin")))
                .containsExactly(Path.of("/opt/maria/bin"), Path.of("/usr/bin"), Path.of("/usr/sbin"));
        assertThat(MariaDbBinaries.searchDirectories(Map.of()))
                .containsExactly(Path.of("/usr/sbin"), Path.of("/usr/bin"));
        assertThat(MariaDbBinaries.searchDirectories(Map.of(MariaDbBinaries.BIN_DIR_ENV, "/opt/maria/bin", "PATH", "/usr/bin")))
                .containsExactly(Path.of("/opt/maria/bin"));
    }

    private static void executable(Path file)
            throws IOException
    {
        Files.writeString(file, "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
