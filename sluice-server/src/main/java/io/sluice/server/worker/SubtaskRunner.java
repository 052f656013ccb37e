package io.sluice.server.worker;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.task.InstanceConfig;
import io.sluice.core.task.SourceConfig;
import io.sluice.core.task.TaskConfig;
import io.sluice.mysql.task.MysqlSubtask;
import io.sluice.mysql.task.SqlOperators;
import io.sluice.mysql.task.SubtaskStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one subtask (a task on one source) on a thread of its own and keeps its stage. Pause and stop
 * ask the engine to stop after the current transaction or chunk and wait for it; everything it had
 * done is on the target with its checkpoint, so resume continues there. An engine error pauses the
 * subtask with the error kept for query-status, as DM does. All stage changes hold the runner's
 * lock; status reads do not block on it for long.
 */
public final class SubtaskRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SubtaskRunner.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);
    private static final SubtaskStatus NOT_STARTED = new SubtaskStatus("", 0, 0, 0, -1, "");

    private final String worker;
    private final SubtaskFactory factory;
    private final String sourceId;
    private final Object lock = new Object();

    private TaskConfig task;
    private InstanceConfig instance;
    private SourceConfig source;
    private Stage stage = Stage.NEW;
    private MysqlSubtask current;
    private Thread thread;
    private Stage requested;
    private List<SubtaskError> errors = List.of();
    private SubtaskStatus lastStatus = NOT_STARTED;
    private final ThroughputMeter throughput = new ThroughputMeter();
    private final SqlOperators operators = new SqlOperators();

    public SubtaskRunner(String worker, SubtaskFactory factory, TaskConfig task, InstanceConfig instance, SourceConfig source) {
        this.worker = requireNonNull(worker, "worker is null");
        this.factory = requireNonNull(factory, "factory is null");
        this.task = requireNonNull(task, "task is null");
        this.instance = requireNonNull(instance, "instance is null");
        this.source = requireNonNull(source, "source is null");
        this.sourceId = source.sourceId();
    }

    public String task() {
        synchronized (lock) {
            return task.name();
        }
    }

    public String sourceId() {
        return sourceId;
    }

    public String worker() {
        return worker;
    }

    public Stage stage() {
        synchronized (lock) {
            return stage;
        }
    }

    /** Starts (New or Stopped → Running); with {@code removeMeta} the task's progress on the target is forgotten first. */
    public void start(boolean removeMeta) {
        synchronized (lock) {
            requireStage("start", Stage.NEW, Stage.STOPPED, Stage.FINISHED);
            launch(removeMeta);
        }
    }

    /** Pauses a running subtask, waiting until the engine has stopped. */
    public void pause() {
        stopEngine("pause", Stage.PAUSED, Stage.RUNNING);
    }

    /** Resumes a paused subtask with the task's current config (update-task may have changed it). */
    public void resume() {
        synchronized (lock) {
            requireStage("resume", Stage.PAUSED);
            launch(false);
        }
    }

    /** Stops a running or paused subtask; its target data and meta stay. */
    public void stop() {
        stopEngine("stop", Stage.STOPPED, Stage.RUNNING, Stage.PAUSED, Stage.NEW, Stage.FINISHED);
    }

    /** Marks a subtask restored from metadata as paused without running it (a server restart keeps a paused task paused). */
    public void restorePaused() {
        synchronized (lock) {
            requireStage("restore", Stage.NEW);
            stage = Stage.PAUSED;
            // show the unit it paused in, as the checkpoint on the target records it
            factory.create(task, instance, source, operators).savedUnit()
                    .ifPresent(unit -> lastStatus = new SubtaskStatus(unit, 0, 0, 0, -1, ""));
        }
    }

    /** Replaces the task config; only while paused (update-task), applied on resume. */
    public void update(TaskConfig newTask, InstanceConfig newInstance, SourceConfig newSource) {
        synchronized (lock) {
            requireStage("update", Stage.PAUSED);
            this.task = requireNonNull(newTask, "newTask is null");
            this.instance = requireNonNull(newInstance, "newInstance is null");
            this.source = requireNonNull(newSource, "newSource is null");
        }
    }

    public SubtaskSnapshot snapshot() {
        MysqlSubtask engine;
        Stage stageNow;
        List<SubtaskError> errorsNow;
        String taskName;
        synchronized (lock) {
            engine = current;
            stageNow = stage;
            errorsNow = errors;
            taskName = task.name();
            if (engine != null) {
                lastStatus = engine.status();
            }
        }
        SubtaskStatus status = lastStatus;
        ThroughputMeter.Rates rates = throughput.sample(status.transactions());
        return new SubtaskSnapshot(taskName, sourceId, worker, stageNow, status,
                engine == null ? Optional.empty() : engine.syncedPosition(), rates.total(), rates.recent(), errorsNow);
    }

    /** The sql-skip/sql-replace/sql-inject operators waiting for this subtask; kept across pause and resume. */
    public SqlOperators operators() {
        return operators;
    }

    /** The source this subtask reads, as configured now. */
    public SourceConfig source() {
        synchronized (lock) {
            return source;
        }
    }

    public InstanceConfig instance() {
        synchronized (lock) {
            return instance;
        }
    }

    private void launch(boolean removeMeta) {
        MysqlSubtask engine = factory.create(task, instance, source, operators);
        current = engine;
        requested = null;
        errors = List.of();
        stage = Stage.RUNNING;
        throughput.reset();
        Thread runner = new Thread(() -> runEngine(engine, removeMeta), "subtask-" + engine.name());
        thread = runner;
        runner.start();
        LOG.info("{}: started on {}", engine.name(), worker);
    }

    private void runEngine(MysqlSubtask engine, boolean removeMeta) {
        SluiceException failure = null;
        try {
            if (removeMeta) {
                engine.removeMeta();
            }
            engine.run();
        }
        catch (SluiceException e) {
            failure = e;
        }
        catch (RuntimeException | Error e) {
            failure = new SluiceException(ErrorCode.INTERNAL, engine.name() + " failed: " + e, "See the server log for the stack trace, and report it.", e);
        }
        synchronized (lock) {
            if (current != engine) {
                return;
            }
            lastStatus = engine.status();
            if (requested != null) {
                stage = requested;
            }
            else if (failure != null) {
                stage = Stage.PAUSED;
                errors = List.of(SubtaskError.of(failure));
                LOG.error("{}: paused by an error: {} Fix: {}", engine.name(), failure.reason(), failure.fix());
            }
            else {
                stage = Stage.FINISHED;
                LOG.info("{}: finished", engine.name());
            }
            lock.notifyAll();
        }
    }

    private void stopEngine(String operation, Stage target, Stage... allowed) {
        Thread waitFor;
        synchronized (lock) {
            requireStage(operation, allowed);
            if (stage != Stage.RUNNING || current == null) {
                stage = target;
                return;
            }
            requested = target;
            waitFor = thread;
            current.stop();
        }
        try {
            waitFor.join(STOP_WAIT.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            if (waitFor.isAlive()) {
                throw new SluiceException(ErrorCode.INTERNAL, sourceId + ": the subtask did not stop within " + STOP_WAIT.toSeconds() + " s.",
                        "Query the status again; the stop completes when the current statement on the target returns.");
            }
            stage = target;
            LOG.info("{}/{}: {}", task.name(), sourceId, target.display());
        }
    }

    private void requireStage(String operation, Stage... allowed) {
        for (Stage candidate : allowed) {
            if (stage == candidate) {
                return;
            }
        }
        List<String> names = new ArrayList<>();
        for (Stage candidate : allowed) {
            names.add(candidate.display());
        }
        throw new SluiceException(ErrorCode.TASK_STAGE_CONFLICT,
                "Subtask " + task.name() + " on source " + sourceId + " is " + stage.display() + "; " + operation + " needs it " + String.join(" or ", names) + ".",
                hint(operation));
    }

    private String hint(String operation) {
        return switch (stage) {
            case RUNNING -> "Pause it first with 'pause-task " + task.name() + "'" + ("start".equals(operation) ? ", or stop it with 'stop-task'." : ".");
            case PAUSED -> "Resume it with 'resume-task " + task.name() + "', or stop it with 'stop-task " + task.name() + "'.";
            case STOPPED, FINISHED -> "Start it again with 'start-task' and the task file.";
            case NEW -> "Wait until it has started, then retry.";
        };
    }
}
