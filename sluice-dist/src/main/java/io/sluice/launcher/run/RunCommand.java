package io.sluice.launcher.run;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.task.InstanceConfig;
import io.sluice.core.task.SourceConfig;
import io.sluice.core.task.TaskConfig;
import io.sluice.mysql.task.MysqlSubtask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code sluice run TASK.yaml --source SOURCE.yaml ...} or {@code sluice run JOB.json}: runs one
 * task in the foreground, one subtask per upstream source, printing progress, until the task
 * finishes (full mode), fails (the error is printed with its fix; progress is kept) or is stopped
 * with SIGTERM/Ctrl-C. A dtle job file carries its own connections, so it needs no source files.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {"Run a task in the foreground without a server.",
                "Copies the selected tables (task-mode all/full) and keeps them in sync from the binlog (all/incremental).",
                "Progress lives in the target's meta schema: run it again to continue after a stop or a crash."})
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TaskFileOptions files;

    @Option(names = "--data-dir", defaultValue = "./sluice-data", description = "Local state directory (default: ${DEFAULT-VALUE}); holds the lock that keeps two runs of a task apart.")
    Path dataDir;

    @Option(names = "--progress-seconds", defaultValue = "2", description = "How often to print progress (default: ${DEFAULT-VALUE}).")
    int progressSeconds;

    @Override
    public Integer call() throws Exception {
        TaskInput input = files.read();
        TaskConfig task = input.task();
        Map<String, SourceConfig> sources = input.sources();
        List<MysqlSubtask> subtasks = new ArrayList<>();
        for (InstanceConfig instance : task.instances()) {
            SourceConfig source = sources.get(instance.sourceId());
            subtasks.add(new MysqlSubtask(task, instance, source, MysqlSubtask.defaultServerId(task.name(), source.sourceId())));
        }
        Files.createDirectories(dataDir);
        try (FileChannel lockFile = FileChannel.open(dataDir.resolve(task.name() + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                throw new SluiceException(ErrorCode.INVALID_ARGUMENT, "Task '" + task.name() + "' is already running with data dir " + dataDir + ".",
                        "Stop the other run first; two runs of one task would apply changes twice.");
            }
            return runAll(subtasks, spec.commandLine().getOut());
        }
    }

    private int runAll(List<MysqlSubtask> subtasks, PrintWriter out) throws InterruptedException {
        AtomicReference<SluiceException> failure = new AtomicReference<>();
        // set when SIGTERM stops the run: the hook prints the last lines, the progress loop stays quiet
        AtomicBoolean shuttingDown = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (MysqlSubtask subtask : subtasks) {
            Thread thread = new Thread(() -> {
                try {
                    subtask.run();
                }
                catch (SluiceException e) {
                    failure.compareAndSet(null, e);
                    subtasks.forEach(MysqlSubtask::stop);
                }
                catch (RuntimeException e) {
                    failure.compareAndSet(null, new SluiceException(ErrorCode.INTERNAL, subtask.name() + " failed: " + e, "See the stack trace in the log.", e));
                    subtasks.forEach(MysqlSubtask::stop);
                }
            }, "subtask-" + subtask.name());
            threads.add(thread);
        }
        Thread shutdown = new Thread(() -> {
            shuttingDown.set(true);
            subtasks.forEach(MysqlSubtask::stop);
            for (Thread thread : threads) {
                try {
                    thread.join(30_000);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            for (MysqlSubtask subtask : subtasks) {
                out.println("[" + subtask.name() + "] stopped cleanly in " + subtask.status().unit()
                        + (subtask.status().position().isEmpty() ? "" : " at " + subtask.status().position())
                        + "; run the same command to continue");
            }
            out.flush();
        }, "sluice-run-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        threads.forEach(Thread::start);
        ProgressPrinter printer = new ProgressPrinter(out);
        while (threads.stream().anyMatch(Thread::isAlive)) {
            Thread alive = threads.stream().filter(Thread::isAlive).findFirst().orElseThrow();
            alive.join(progressSeconds * 1000L);
            if (!shuttingDown.get()) {
                printer.print(subtasks);
            }
        }
        if (!shuttingDown.get()) {
            printer.print(subtasks);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdown);
        }
        catch (IllegalStateException alreadyShuttingDown) {
            // SIGTERM: the hook is stopping the subtasks
        }
        SluiceException error = failure.get();
        if (error != null) {
            throw error;
        }
        return 0;
    }
}
