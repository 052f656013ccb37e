package io.sluice.core.error;

/**
 * An error that is expected to go away by itself: a lost connection, a restarting server, a
 * deadlock. The runtime retries the operation with backoff instead of pausing the task.
 */
public class RetriableSluiceException extends SluiceException {
    public RetriableSluiceException(ErrorCode errorCode, String cause, String fix, Throwable throwable) {
        super(errorCode, cause, fix, throwable);
    }

    @Override
    public boolean isRetriable() {
        return true;
    }
}
