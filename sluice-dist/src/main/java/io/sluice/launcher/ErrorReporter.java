package io.sluice.launcher;

import io.sluice.core.error.SluiceException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints errors for people: a {@link SluiceException} as its code, cause and fix on one line
 * (exit code 2), anything else with its stack trace (exit code 3), never a password.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
    static final int USER_ERROR = 2;
    static final int INTERNAL_ERROR = 3;

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        if (exception instanceof SluiceException sluice) {
            commandLine.getErr().println("error: " + sluice.getMessage());
            return USER_ERROR;
        }
        if (exception instanceof IllegalArgumentException) {
            commandLine.getErr().println("error: " + exception.getMessage());
            return USER_ERROR;
        }
        commandLine.getErr().println("internal error: " + exception);
        exception.printStackTrace(commandLine.getErr());
        return INTERNAL_ERROR;
    }
}
