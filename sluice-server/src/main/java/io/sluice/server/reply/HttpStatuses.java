package io.sluice.server.reply;

import io.sluice.core.error.SluiceException;

/** The HTTP status of a failed reply, from who has to act and what went wrong (docs/api.md). */
public final class HttpStatuses {
    private HttpStatuses() {}

    public static int of(SluiceException e) {
        return switch (e.errorCode()) {
            case TASK_NOT_FOUND, SOURCE_NOT_FOUND -> 404;
            case TASK_EXISTS, SOURCE_EXISTS, TASK_STAGE_CONFLICT -> 409;
            case COMMAND_UNSUPPORTED -> 501;
            case METADATA_UNAVAILABLE -> 503;
            case INTERNAL -> 500;
            default -> 400;
        };
    }
}
