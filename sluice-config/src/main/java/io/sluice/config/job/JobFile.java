package io.sluice.config.job;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;

import static java.util.Objects.requireNonNull;

/**
 * The job file being read, as errors and rule origins name it: every error starts with
 * {@code name:line:column}, every rule's origin is {@code name:line:column json.path}.
 */
record JobFile(String name)
{
    static final String KIND = "job file";

    JobFile
    {
        requireNonNull(name, "name is null");
    }

    SluiceException error(Pos pos, String cause, String fix)
    {
        return new SluiceException(ErrorCode.INVALID_CONFIG, name + ":" + pos + ": " + cause, fix);
    }

    /** Where a rule was written, e.g. {@code job.json:14:11 ReplicateDoDb[0].Tables[0]}. */
    String origin(Pos pos, String path)
    {
        return name + ":" + pos + " " + path;
    }
}
