package io.sluice.testkit;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sandboxes a JVM does not close are cleaned up by its shutdown hook, or, when the JVM is killed
 * before its hooks can run, by the next JVM that starts sandboxes.
 */
class SandboxCleanupIT
{
    @Test
    void shutdownHookKillsServerAndDeletesDatadirWhenTheJvmExits()
            throws Exception
    {
        Process child = startChild("exit");
        Sandbox sandbox = readSandbox(child);
        assertThat(sandbox.dataDir()).isDirectory();

        drain(child);
        assertThat(child.waitFor()).isZero();

        assertThat(isAlive(sandbox.pid())).isFalse();
        assertThat(sandbox.dataDir()).doesNotExist();
    }

    @Test
    void sandboxesOfAKilledJvmAreReapedByTheNextOne()
            throws Exception
    {
        Process child = startChild("block");
        Sandbox sandbox = readSandbox(child);
        child.destroyForcibly();
        child.waitFor();
        // SIGKILL skips shutdown hooks: the server outlives its JVM
        assertThat(isAlive(sandbox.pid())).isTrue();
        assertThat(sandbox.dataDir()).isDirectory();

        Sandboxes.reapOrphans();

        assertThat(isAlive(sandbox.pid())).isFalse();
        assertThat(sandbox.dataDir()).doesNotExist();
    }

    private record Sandbox(long pid, Path dataDir) {}

    private static Process startChild(String mode)
            throws IOException
    {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), SandboxChildJvm.class.getName(), mode)
                .redirectErrorStream(true)
                .start();
    }

    private static Sandbox readSandbox(Process child)
            throws IOException
    {
        BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder output = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            output.append(line).append('\n');
            if (line.startsWith(SandboxChildJvm.MARKER)) {
                String[] parts = line.substring(SandboxChildJvm.MARKER.length()).split(" ", 2);
                return new Sandbox(Long.parseLong(parts[0]), Path.of(parts[1]));
            }
        }
        throw new AssertionError("Child JVM ended without starting a sandbox:\n" + output);
    }

    private static void drain(Process child)
            throws IOException
    {
        child.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    }

    private static boolean isAlive(long pid)
    {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
