package io.sluice.core.error;

/**
 * Who has to act on an error: the user (bad config, missing privilege, unsupported input), the
 * environment (a resource is unreachable or exhausted), or the Sluice developers (a bug).
 */
public enum ErrorType {
    USER_ERROR,
    EXTERNAL,
    INTERNAL_ERROR,
}
