package io.sluice.server.reply;

import io.sluice.core.error.SluiceException;

/** The one-line text a reply's {@code msg} carries for an error: code, cause, and the fix. */
public final class Messages {
    private Messages() {}

    public static String of(SluiceException e) {
        return "[code=" + e.errorCode().code() + "] " + e.reason() + " Fix: " + e.fix();
    }
}
