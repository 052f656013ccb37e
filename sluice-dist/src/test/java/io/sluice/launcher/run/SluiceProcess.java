package io.sluice.launcher.run;

import io.sluice.testkit.MariaDbServer;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Test helper: writes task and source files for two sandboxes and starts {@code sluice run} as a real process. */
public final class SluiceProcess {
    private SluiceProcess() {}

    static Path taskFile(Path dir, String name, MariaDbServer target, String databases, int chunkRows) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                name: %s
                task-mode: all
                target-database:
                  host: 127.0.0.1
                  port: %d
                  user: %s
                  password: %s
                mysql-instances:
                  - source-id: upstream
                    block-allow-list: selected
                block-allow-list:
                  selected:
                    do-dbs: [%s]
                loader:
                  chunk-rows: %d
                  copy-threads: 2
                """.formatted(name, target.port(), target.user(), target.password(), databases, chunkRows));
        return file;
    }

    static Path sourceFile(Path dir, MariaDbServer source) throws Exception {
        return sourceFile(dir.resolve("source.yaml"), "upstream", source.port(), source.user(), source.password());
    }

    /** A DM source file at {@code file} for a source on 127.0.0.1 with GTIDs. */
    static Path sourceFile(Path file, String sourceId, int port, String user, String password) throws Exception {
        Files.writeString(file, """
                source-id: %s
                enable-gtid: true
                from:
                  host: 127.0.0.1
                  port: %d
                  user: %s
                  password: %s
                """.formatted(sourceId, port, user, password));
        return file;
    }

    /** Starts {@code sluice run JOB.json} (a dtle job: no source files) from the packaged distribution, output to {@code log}. */
    static Process startJob(Path job, Path dataDir, Path log) throws Exception {
        return launch(List.of("run", job.toString(), "--data-dir", dataDir.toString(), "--progress-seconds", "1"), log, "256m");
    }

    /** Starts {@code sluice run} from the packaged distribution ({@code target/} of this module), output to {@code log}. */
    static Process start(Path task, Path source, Path dataDir, Path log, String maxHeap) throws Exception {
        return launch(List.of("run", task.toString(), "--source", source.toString(), "--data-dir", dataDir.toString(), "--progress-seconds", "1"), log, maxHeap);
    }

    /** Starts {@code sluice ARGUMENTS} from the packaged distribution ({@code target/} of this module), output to {@code log}. */
    public static Process launch(List<String> arguments, Path log, String maxHeap) throws Exception {
        Path distTarget = Path.of("target").toAbsolutePath();
        String jar;
        try (Stream<Path> files = Files.list(distTarget)) {
            jar = files.filter(p -> p.getFileName().toString().matches("sluice-dist-.*\\.jar")).findFirst().orElseThrow().toString();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-XX:+ExitOnOutOfMemoryError",
                "-cp", jar + File.pathSeparator + distTarget.resolve("lib") + File.separator + "*",
                "io.sluice.launcher.Sluice"));
        command.addAll(arguments);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
