package io.sluice.config;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;

import static java.util.Objects.requireNonNull;

/**
 * The file being read, as errors name it: every configuration error starts with
 * {@code name:line:column} and says which kind of file it is about, so one message is enough to
 * find and fix the problem.
 */
record ConfigFile(String name, String kind)
{
    ConfigFile
    {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
    }

    SluiceException error(Mark mark, String cause, String fix)
    {
        return new SluiceException(ErrorCode.INVALID_CONFIG, name + ":" + mark + ": " + cause, fix);
    }
}
