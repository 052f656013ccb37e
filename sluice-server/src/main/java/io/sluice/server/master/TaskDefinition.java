package io.sluice.server.master;

import static java.util.Objects.requireNonNull;

import io.sluice.config.TaskFiles;
import io.sluice.config.job.DtleJob;
import io.sluice.config.job.JobFiles;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.task.SourceConfig;
import io.sluice.core.task.TaskConfig;
import io.sluice.mysql.predicate.RowExpression;
import io.sluice.server.security.PasswordCipher;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task as submitted: its text (kept to restore the task after a restart and to compare on
 * update-task), its format, the parsed config with clear passwords, and for a dtle job the
 * connections it carries inline. Parsing applies every validation of the file readers, so a task
 * that reaches the master is well-formed.
 */
public record TaskDefinition(String text, TaskFormat format, TaskConfig task, Map<String, SourceConfig> inlineSources) {
    public TaskDefinition {
        requireNonNull(text, "text is null");
        requireNonNull(format, "format is null");
        requireNonNull(task, "task is null");
        inlineSources = Map.copyOf(requireNonNull(inlineSources, "inlineSources is null"));
    }

    /** Parses a submitted task; passwords encrypted with this install's key are decrypted. */
    public static TaskDefinition parse(String text, PasswordCipher cipher) {
        requireNonNull(text, "text is null");
        if (text.isBlank()) {
            throw new SluiceException(ErrorCode.INVALID_CONFIG, "The task config is empty.", "Send the content of a task.yaml or a dtle job.json.");
        }
        TaskFormat format = TaskFormat.detect(text);
        if (format == TaskFormat.DTLE_JOB) {
            DtleJob job = JobFiles.read(text, "job.json", RowExpression.syntax());
            if (job.task() == null) {
                throw new SluiceException(ErrorCode.INVALID_CONFIG, "Job '" + job.jobId() + "' writes to Kafka, and the Kafka sink is not available in this version.",
                        "Use a MySQL destination (ConnectionConfig in the dest task) for now.");
            }
            Map<String, SourceConfig> sources = new LinkedHashMap<>();
            for (SourceConfig source : job.sources()) {
                sources.put(source.sourceId(), source.withFrom(source.from().withPassword(cipher.reveal(source.from().password()))));
            }
            TaskConfig task = job.task();
            return new TaskDefinition(text, format, task.withTarget(task.target().withPassword(cipher.reveal(task.target().password()))), sources);
        }
        TaskConfig task = TaskFiles.readTask(text, "task.yaml", RowExpression.syntax());
        return new TaskDefinition(text, format, task.withTarget(task.target().withPassword(cipher.reveal(task.target().password()))), Map.of());
    }

    public String name() {
        return task.name();
    }
}
