package io.sluice.server.worker;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;

import java.time.Instant;

/**
 * An error that paused a subtask, as query-status and query-error report it: DM's error type
 * ({@code ExecSQL} for statements the target refused, {@code CheckFailed}, {@code UnknownError}),
 * the message, Sluice's error code and the workaround.
 */
public record SubtaskError(String type, ErrorCode code, String message, String workaround, Instant time) {
    public SubtaskError {
        requireNonNull(type, "type is null");
        requireNonNull(code, "code is null");
        requireNonNull(message, "message is null");
        requireNonNull(workaround, "workaround is null");
        requireNonNull(time, "time is null");
    }

    public static SubtaskError of(SluiceException e) {
        return new SubtaskError(dmType(e.errorCode()), e.errorCode(), e.reason(), e.fix(), Instant.now());
    }

    private static String dmType(ErrorCode code) {
        return switch (code) {
            case TARGET_APPLY_FAILED, TARGET_DDL_FAILED, TARGET_TABLE_MISSING, TARGET_PRIVILEGE_MISSING -> "ExecSQL";
            case PRECHECK_FAILED -> "CheckFailed";
            default -> "UnknownError";
        };
    }
}
