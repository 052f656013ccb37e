package io.sluice.cli.command;

import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * dmctl's global {@code -w, --worker}: the workers whose subtasks a command acts on. Repeatable and
 * comma-separated ({@code -w a,b -w c}); accepted before the command and after it.
 */
public final class WorkerOptions
{
    @Option(names = {"-w", "--worker"}, split = ",", paramLabel = "worker", description = "dm-worker ID")
    List<String> workers = new ArrayList<>();

    public List<String> workers()
    {
        return workers.stream()
                .map(String::strip)
                .filter(worker -> !worker.isEmpty())
                .toList();
    }
}
