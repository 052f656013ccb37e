package io.sluice.server.http.dtle;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.task.TaskMode;

import java.util.Locale;
import java.util.Optional;

/**
 * dtle's job types. A job created through the v2 API is named {@code <job_id>-<type>}, as dtle names
 * it; a task started another way (sluicectl, a DM task file) counts as a migration when it only
 * copies (full mode) and as a sync otherwise.
 */
enum JobType {
    MIGRATION,
    SYNC,
    SUBSCRIPTION;

    String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The request body's wrapper, e.g. {@code migration_job_config}. */
    String wrapper() {
        return apiName() + "_job_config";
    }

    String suffix() {
        return "-" + apiName();
    }

    static JobType fromPath(String text) {
        return parse(text).orElseThrow(() -> new SluiceException(ErrorCode.INVALID_ARGUMENT,
                "Unknown job type '" + text + "'.", "Use migration, sync or subscription in the path, e.g. /v2/job/migration/pause."));
    }

    static Optional<JobType> parse(String text) {
        for (JobType type : values()) {
            if (type.apiName().equals(text)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The type of a task: by its name's suffix, else by what its mode does. */
    static JobType of(String taskName, TaskMode mode) {
        for (JobType type : values()) {
            if (taskName.endsWith(type.suffix())) {
                return type;
            }
        }
        return mode == TaskMode.FULL ? MIGRATION : SYNC;
    }
}
