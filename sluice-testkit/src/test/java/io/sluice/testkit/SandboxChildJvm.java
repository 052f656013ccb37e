package io.sluice.testkit;

import java.io.IOException;

/**
 * Started in a separate JVM by {@link SandboxCleanupIT}: starts a sandbox, prints its pid and
 * datadir, then either exits without closing it ({@code exit}) or blocks until it is killed
 * ({@code block}).
 */
final class SandboxChildJvm
{
    static final String MARKER = "SANDBOX ";

    private SandboxChildJvm() {}

    public static void main(String[] args)
            throws IOException
    {
        MariaDbServer server = MariaDbServer.start(MariaDbConfig.builder().build());
        System.out.println(MARKER + server.pid() + " " + server.dataDir());
        System.out.flush();
        if (args[0].equals("block")) {
            // blocks until the parent kills this JVM
            System.in.read();
        }
        System.exit(0);
    }
}
