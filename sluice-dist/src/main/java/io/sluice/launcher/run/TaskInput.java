package io.sluice.launcher.run;

import io.sluice.config.TaskFiles;
import io.sluice.config.job.DtleJob;
import io.sluice.config.job.JobFiles;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.rule.ExpressionSyntax;
import io.sluice.core.task.InstanceConfig;
import io.sluice.core.task.SourceConfig;
import io.sluice.core.task.TaskConfig;
import io.sluice.mysql.predicate.RowExpression;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A task as the command line gives it: a DM task.yaml with its source.yaml files, or a dtle
 * job.json that carries its own connections. Row predicates are syntax-checked while the file is
 * read, and every task entry is matched with its source, so commands start from a consistent pair.
 */
record TaskInput(TaskConfig task, Map<String, SourceConfig> sources)
{
    TaskInput
    {
        requireNonNull(task, "task is null");
        sources = Map.copyOf(requireNonNull(sources, "sources is null"));
    }

    static TaskInput read(Path taskFile, List<Path> sourceFiles)
    {
        ExpressionSyntax syntax = RowExpression.syntax();
        TaskConfig task;
        List<SourceConfig> sourceList = new ArrayList<>();
        if (JobFiles.looksLikeJob(taskFile)) {
            if (!sourceFiles.isEmpty()) {
                throw new SluiceException(ErrorCode.INVALID_ARGUMENT, "A dtle job file carries its own source connection; --source is not used with " + taskFile + ".",
                        "Drop the --source options.");
            }
            DtleJob job = JobFiles.read(taskFile, syntax);
            if (job.task() == null) {
                throw new SluiceException(ErrorCode.INVALID_CONFIG, "Job '" + job.jobId() + "' writes to Kafka, and the Kafka sink is not available in this version.",
                        "Use a MySQL destination (ConnectionConfig in the dest task) for now.");
            }
            task = job.task();
            sourceList.addAll(job.sources());
        }
        else {
            if (sourceFiles.isEmpty()) {
                throw new SluiceException(ErrorCode.INVALID_ARGUMENT, "A task file needs its sources: no --source given.",
                        "Pass each upstream's source.yaml with --source (one per mysql-instances entry).");
            }
            task = TaskFiles.readTask(taskFile, syntax);
            for (Path file : sourceFiles) {
                sourceList.add(TaskFiles.readSource(file));
            }
        }
        Map<String, SourceConfig> sources = new LinkedHashMap<>();
        for (SourceConfig source : sourceList) {
            if (sources.put(source.sourceId(), source) != null) {
                throw new SluiceException(ErrorCode.INVALID_ARGUMENT, "Two source files define source-id '" + source.sourceId() + "'.",
                        "Give each --source file a distinct source-id.");
            }
        }
        for (InstanceConfig instance : task.instances()) {
            if (!sources.containsKey(instance.sourceId())) {
                throw new SluiceException(ErrorCode.INVALID_ARGUMENT,
                        "Task '" + task.name() + "' uses source-id '" + instance.sourceId() + "' but no --source file defines it (given: " + sources.keySet() + ").",
                        "Pass the source's file with --source.");
            }
        }
        return new TaskInput(task, sources);
    }
}
