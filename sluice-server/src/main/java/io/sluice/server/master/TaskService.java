package io.sluice.server.master;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.task.InstanceConfig;
import io.sluice.core.task.SourceConfig;
import io.sluice.core.task.TaskUpdate;
import io.sluice.mysql.check.PrecheckReport;
import io.sluice.mysql.check.TaskPrecheck;
import io.sluice.server.coordination.MetadataStore;
import io.sluice.server.reply.Messages;
import io.sluice.server.reply.OperationReply;
import io.sluice.server.reply.WorkerReply;
import io.sluice.server.security.PasswordCipher;
import io.sluice.server.worker.Stage;
import io.sluice.server.worker.SubtaskFactory;
import io.sluice.server.worker.SubtaskRunner;
import io.sluice.server.worker.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The master's task lifecycle, behind both sluicectl and the HTTP API: start-task (precheck, store,
 * start), update-task (DM's rule: only routes, block-allow lists, filters and column mappings, only
 * while paused), pause, resume and stop, and bringing every task back to its desired stage when the
 * server starts. The task's text and desired stage are in ZooKeeper before a reply says they
 * changed. Lifecycle operations are serialized; status reads do not wait for them.
 */
public final class TaskService {
    private static final Logger LOG = LoggerFactory.getLogger(TaskService.class);
    static final String ROOT = "/tasks";

    private final MetadataStore store;
    private final PasswordCipher cipher;
    private final Worker worker;
    private final SourceService sources;
    private final SubtaskFactory factory;
    private final OperatorService operators;
    private final Map<String, TaskDefinition> definitions = new LinkedHashMap<>();

    public TaskService(MetadataStore store, PasswordCipher cipher, Worker worker, SourceService sources, SubtaskFactory factory, OperatorService operators) {
        this.store = requireNonNull(store, "store is null");
        this.cipher = requireNonNull(cipher, "cipher is null");
        this.worker = requireNonNull(worker, "worker is null");
        this.sources = requireNonNull(sources, "sources is null");
        this.factory = requireNonNull(factory, "factory is null");
        this.operators = requireNonNull(operators, "operators is null");
        sources.usersOfSource(this::activeTasksOf);
    }

    /** start-task: parses, prechecks, stores and starts the task on its sources' workers. */
    public synchronized OperationReply start(String text, boolean removeMeta, Set<String> workers) {
        try {
            TaskDefinition definition = TaskDefinition.parse(text, cipher);
            String name = definition.name();
            Optional<StoredTask> existing = store.get(path(name), StoredTask.class);
            if (existing.isPresent() && !Stage.STOPPED.display().equals(existing.get().desiredStage()) && anyActive(name)) {
                throw new SluiceException(ErrorCode.TASK_EXISTS, "Task '" + name + "' already exists and is " + describeStages(name) + ".",
                        "Resume it with 'resume-task " + name + "', change it with 'update-task' while paused, or stop it with 'stop-task " + name + "' before starting it again.");
            }
            if (existing.isPresent() && !existing.get().worker().equals(worker.name())) {
                throw new SluiceException(ErrorCode.TASK_EXISTS, "Task '" + name + "' belongs to worker " + existing.get().worker() + ".",
                        "Manage it through the server of that worker, or give this task another name.");
            }
            Map<String, SourceConfig> taskSources = resolveSources(definition);
            PrecheckReport report = new TaskPrecheck(definition.task(), taskSources.values()).run();
            if (!report.passed()) {
                throw new SluiceException(ErrorCode.PRECHECK_FAILED, "The precheck of task '" + name + "' failed: "
                        + report.failures().stream().map(failure -> failure.name() + " on " + failure.source() + ": " + failure.message()).toList() + ".",
                        "Fix what each failed item's instruction says ('check-task' prints the full report), or list the item under ignore-checking-items.");
            }
            store.put(path(name), new StoredTask(name, definition.format(), cipher.encrypt(text), Stage.RUNNING.display(), worker.name()));
            worker.remove(name);
            operators.clear(name);
            definitions.put(name, definition);
            List<WorkerReply> replies = new ArrayList<>();
            for (InstanceConfig instance : definition.task().instances()) {
                SubtaskRunner runner = new SubtaskRunner(worker.name(), factory, definition.task(), instance, taskSources.get(instance.sourceId()));
                worker.add(runner);
                operators.attach(runner);
                if (selected(workers)) {
                    runner.start(removeMeta);
                }
            }
            replies.add(new WorkerReply(null, true, worker.name(), ""));
            LOG.info("Task {} started ({} subtask(s){})", name, definition.task().instances().size(), removeMeta ? ", meta removed" : "");
            return OperationReply.success(null, replies);
        }
        catch (SluiceException e) {
            return OperationReply.failure(null, e);
        }
    }

    /** check-task: the precheck report of a task file, in DM's shape; nothing is stored or started. */
    public Map<String, Object> check(String text) {
        TaskDefinition definition = TaskDefinition.parse(text, cipher);
        return new TaskPrecheck(definition.task(), resolveSources(definition).values()).run().toDmJson();
    }

    /** update-task: a paused task takes new routes, block-allow lists, filters and column mappings, applied on resume. */
    public synchronized OperationReply update(String name, String text, Set<String> workers) {
        try {
            TaskDefinition updated = TaskDefinition.parse(text, cipher);
            if (!updated.name().equals(name)) {
                throw new SluiceException(ErrorCode.INVALID_ARGUMENT, "The file is for task '" + updated.name() + "', not '" + name + "'.",
                        "Send the file of task '" + name + "' (its 'name' must not change).");
            }
            TaskDefinition current = definition(name);
            List<SubtaskRunner> runners = runnersOf(name, workers);
            boolean paused = runners.stream().allMatch(runner -> runner.stage() == Stage.PAUSED);
            TaskUpdate.verify(current.task(), updated.task(), paused);
            Map<String, SourceConfig> taskSources = resolveSources(updated);
            for (SubtaskRunner runner : runners) {
                InstanceConfig instance = updated.task().instances().stream().filter(entry -> entry.sourceId().equals(runner.sourceId())).findFirst()
                        .orElseThrow(() -> new SluiceException(ErrorCode.INVALID_CONFIG, "The update removes source '" + runner.sourceId() + "' from task '" + name + "'.",
                                "Sources cannot change online: stop the task and start it with the new file."));
                runner.update(updated.task(), instance, taskSources.get(runner.sourceId()));
            }
            StoredTask stored = store.get(path(name), StoredTask.class).orElseThrow(() -> notFound(name));
            store.put(path(name), new StoredTask(name, updated.format(), cipher.encrypt(text), stored.desiredStage(), stored.worker()));
            definitions.put(name, updated);
            LOG.info("Task {} updated; the change applies on resume", name);
            return OperationReply.success(null, List.of(new WorkerReply(null, true, worker.name(), "")));
        }
        catch (SluiceException e) {
            return OperationReply.failure(null, e);
        }
    }

    public synchronized OperationReply pause(String name, Set<String> workers) {
        return operate("Pause", name, workers, SubtaskRunner::pause, Stage.PAUSED);
    }

    public synchronized OperationReply resume(String name, Set<String> workers) {
        return operate("Resume", name, workers, SubtaskRunner::resume, Stage.RUNNING);
    }

    public synchronized OperationReply stop(String name, Set<String> workers) {
        return operate("Stop", name, workers, SubtaskRunner::stop, Stage.STOPPED);
    }

    /** Brings every stored task to its desired stage; called once when the server starts. */
    public synchronized void restore() {
        for (StoredTask stored : store.list(ROOT, StoredTask.class)) {
            if (!stored.worker().equals(worker.name())) {
                LOG.info("Task {} belongs to worker {}, not restored here", stored.name(), stored.worker());
                continue;
            }
            try {
                TaskDefinition definition = TaskDefinition.parse(cipher.decrypt(stored.sealedConfig()), cipher);
                Map<String, SourceConfig> taskSources = resolveSources(definition);
                definitions.put(stored.name(), definition);
                Stage desired = Stage.fromDisplay(stored.desiredStage());
                for (InstanceConfig instance : definition.task().instances()) {
                    SubtaskRunner runner = new SubtaskRunner(worker.name(), factory, definition.task(), instance, taskSources.get(instance.sourceId()));
                    worker.add(runner);
                    operators.attach(runner);
                    switch (desired) {
                        case RUNNING -> runner.start(false);
                        case PAUSED -> runner.restorePaused();
                        default -> runner.stop();
                    }
                }
                LOG.info("Task {} restored as {}", stored.name(), desired.display());
            }
            catch (SluiceException e) {
                LOG.error("Task {} could not be restored: {} Fix: {}", stored.name(), e.reason(), e.fix());
            }
        }
    }

    /** The names of the stored tasks. */
    public List<String> names() {
        return store.list(ROOT, StoredTask.class).stream().map(StoredTask::name).toList();
    }

    /** A task's current definition (with clear passwords: never return it to a client as is). */
    private synchronized TaskDefinition definition(String name) {
        TaskDefinition definition = definitions.get(name);
        if (definition == null) {
            throw notFound(name);
        }
        return definition;
    }

    public synchronized Optional<TaskDefinition> findDefinition(String name) {
        return Optional.ofNullable(definitions.get(name));
    }

    static SluiceException notFound(String name) {
        return new SluiceException(ErrorCode.TASK_NOT_FOUND, "Task '" + name + "' does not exist.",
                "Check the name with 'query-status', or start it with 'start-task task.yaml'.");
    }

    private OperationReply operate(String op, String name, Set<String> workers, java.util.function.Consumer<SubtaskRunner> action, Stage desired) {
        try {
            StoredTask stored = store.get(path(name), StoredTask.class).orElseThrow(() -> notFound(name));
            List<SubtaskRunner> runners = runnersOf(name, workers);
            List<String> failures = new ArrayList<>();
            for (SubtaskRunner runner : runners) {
                try {
                    action.accept(runner);
                }
                catch (SluiceException e) {
                    failures.add(Messages.of(e));
                }
            }
            if (workers.isEmpty() || workers.contains(worker.name())) {
                store.put(path(name), stored.withDesiredStage(desired.display()));
            }
            boolean ok = failures.isEmpty();
            LOG.info("Task {}: {} {}", name, op.toLowerCase(java.util.Locale.ROOT), ok ? "done" : "failed: " + failures);
            WorkerReply reply = new WorkerReply(op, ok, worker.name(), String.join("; ", failures));
            return ok ? OperationReply.success(op, List.of(reply)) : new OperationReply(op, false, String.join("; ", failures), List.of(reply), 409);
        }
        catch (SluiceException e) {
            return OperationReply.failure(op, e);
        }
    }

    private List<SubtaskRunner> runnersOf(String name, Set<String> workers) {
        if (store.get(path(name), StoredTask.class).isEmpty()) {
            throw notFound(name);
        }
        if (!selected(workers)) {
            throw new SluiceException(ErrorCode.INVALID_ARGUMENT, "No subtask of task '" + name + "' runs on worker(s) " + workers + ".",
                    "Use -w " + worker.name() + ", or leave -w out.");
        }
        return worker.runners(name);
    }

    private boolean selected(Set<String> workers) {
        return workers.isEmpty() || workers.contains(worker.name());
    }

    private Map<String, SourceConfig> resolveSources(TaskDefinition definition) {
        Map<String, SourceConfig> resolved = new LinkedHashMap<>();
        for (InstanceConfig instance : definition.task().instances()) {
            SourceConfig source = definition.inlineSources().get(instance.sourceId());
            if (source == null) {
                source = sources.get(instance.sourceId()).orElseThrow(() -> SourceService.notFound(instance.sourceId()));
            }
            resolved.put(instance.sourceId(), source);
        }
        return resolved;
    }

    private boolean anyActive(String name) {
        return worker.runners(name).stream().anyMatch(runner -> runner.stage() == Stage.RUNNING || runner.stage() == Stage.PAUSED || runner.stage() == Stage.NEW);
    }

    private String describeStages(String name) {
        return worker.runners(name).stream().map(runner -> runner.stage().display()).distinct().reduce((a, b) -> a + "/" + b).orElse("stored");
    }

    private List<String> activeTasksOf(String sourceId) {
        List<String> users = new ArrayList<>();
        for (SubtaskRunner runner : worker.all()) {
            if (runner.sourceId().equals(sourceId) && (runner.stage() == Stage.RUNNING || runner.stage() == Stage.PAUSED) && !users.contains(runner.task())) {
                users.add(runner.task());
            }
        }
        return users;
    }

    private static String path(String name) {
        return ROOT + "/" + name;
    }

    /** A password a client sent: decrypted when it is a ciphertext of this install's key ('sluicectl -encrypt'), as given otherwise. */
    public io.sluice.core.config.Secret revealPassword(io.sluice.core.config.Secret password) {
        return cipher.reveal(password);
    }
}
