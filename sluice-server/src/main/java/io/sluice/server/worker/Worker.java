package io.sluice.server.worker;

import static java.util.Objects.requireNonNull;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The worker half of a server: the subtasks it runs, by task and source. It owns no policy; the
 * master decides what to start, pause, resume, update and stop, and reads snapshots for status.
 */
public final class Worker {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final String name;
    private final Map<String, Map<String, SubtaskRunner>> tasks = new LinkedHashMap<>();

    public Worker(String name) {
        this.name = requireNonNull(name, "name is null");
    }

    /** The worker's name, which is also its advertised address (dmctl's {@code -w}). */
    public String name() {
        return name;
    }

    public synchronized void add(SubtaskRunner runner) {
        tasks.computeIfAbsent(runner.task(), ignored -> new LinkedHashMap<>()).put(runner.sourceId(), runner);
    }

    public synchronized List<SubtaskRunner> runners(String task) {
        return new ArrayList<>(tasks.getOrDefault(task, Map.of()).values());
    }

    public synchronized Optional<SubtaskRunner> runner(String task, String sourceId) {
        return Optional.ofNullable(tasks.getOrDefault(task, Map.of()).get(sourceId));
    }

    public synchronized List<SubtaskRunner> all() {
        List<SubtaskRunner> all = new ArrayList<>();
        tasks.values().forEach(bySource -> all.addAll(bySource.values()));
        return all;
    }

    public synchronized void remove(String task) {
        tasks.remove(task);
    }

    /** Pauses every running subtask, for a clean shutdown; their desired stage stays as stored. */
    public void shutdown() {
        for (SubtaskRunner runner : all()) {
            if (runner.stage() == Stage.RUNNING) {
                try {
                    runner.pause();
                }
                catch (RuntimeException e) {
                    // shutting down: report and go on with the others
                    LOG.warn("{}/{}: did not stop cleanly: {}", runner.task(), runner.sourceId(), e.getMessage());
                }
            }
        }
    }
}
