package io.sluice.core.error;

import static java.util.Objects.requireNonNull;

/**
 * The one exception type Sluice reports to users. It carries an {@link ErrorCode}, a message that
 * names the cause, and the action that fixes it; {@link #getMessage()} renders all three so a
 * log line or a status field is enough for a DBA to act on.
 */
public class SluiceException extends RuntimeException {
    private final ErrorCode errorCode;
    private final String cause;
    private final String fix;

    public SluiceException(ErrorCode errorCode, String cause, String fix) {
        this(errorCode, cause, fix, null);
    }

    public SluiceException(ErrorCode errorCode, String cause, String fix, Throwable throwable) {
        super(render(errorCode, cause, fix), throwable);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
        this.cause = requireNonNull(cause, "cause is null");
        this.fix = requireNonNull(fix, "fix is null");
    }

    private static String render(ErrorCode errorCode, String cause, String fix) {
        requireNonNull(errorCode, "errorCode is null");
        return errorCode.display() + ": " + cause + (fix == null || fix.isEmpty() ? "" : " Fix: " + fix);
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    /** What went wrong, without the code or the fix. */
    public String reason() {
        return cause;
    }

    /** What the user can do about it. */
    public String fix() {
        return fix;
    }

    /** Whether retrying the same operation later may succeed (connection loss, server restart...). */
    public boolean isRetriable() {
        return false;
    }
}
