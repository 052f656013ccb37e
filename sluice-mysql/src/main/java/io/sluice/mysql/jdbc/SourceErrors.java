package io.sluice.mysql.jdbc;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.task.Endpoint;

import java.sql.SQLException;

/** Turns a failed SQL conversation with a source into an error naming the source and the fix; never shows the password. */
public final class SourceErrors {
    private static final int ER_ACCESS_DENIED = 1045;

    private SourceErrors() {}

    /**
     * @param context what was being done, e.g. "cannot query" (prefixes the message)
     * @param credentialsFix where the user fixes the user name and password (a file, command-line options)
     */
    public static SluiceException classify(SQLException e, Endpoint source, String context, String credentialsFix) {
        String address = source.host() + ":" + source.port();
        String secret = source.password().reveal();
        String message = e.getMessage() == null ? "" : secret.isEmpty() ? e.getMessage() : e.getMessage().replace(secret, "******");
        if (e.getErrorCode() == ER_ACCESS_DENIED) {
            return new SluiceException(ErrorCode.SOURCE_AUTHENTICATION_FAILED,
                    context + ": the source " + address + " rejected user '" + source.user() + "': " + message, credentialsFix, e);
        }
        return new SluiceException(ErrorCode.SOURCE_UNREACHABLE,
                context + ": cannot reach the source " + address + ": " + message,
                "Check that the source is running and reachable from this host; running again continues where it stopped.", e);
    }
}
