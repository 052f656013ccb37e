package io.sluice.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks free TCP ports on the loopback interface for sandbox servers. Ports are chosen at random
 * below the usual Linux ephemeral range (32768 and up) so that a client socket cannot occupy the
 * port of a stopped sandbox before it is restarted, and are remembered while in use so two
 * sandboxes of this JVM never get the same port. Another process may still take a port between
 * the check and the server's bind; {@link MariaDbServer} retries its first start in that case.
 */
final class Ports
{
    static final String LOOPBACK = "127.0.0.1";

    private static final int FIRST_PORT = 20000;
    private static final int LAST_PORT = 32000;
    private static final int RANDOM_ATTEMPTS = 200;
    private static final Set<Integer> RESERVED = ConcurrentHashMap.newKeySet();

    private Ports() {}

    static int reserve()
    {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < RANDOM_ATTEMPTS; attempt++) {
            int port = random.nextInt(FIRST_PORT, LAST_PORT);
            if (isBindable(port) && RESERVED.add(port)) {
                return port;
            }
        }
        // the whole range seems busy: fall back to a port chosen by the kernel
        for (int attempt = 0; attempt < RANDOM_ATTEMPTS; attempt++) {
            int port = ephemeralPort();
            if (RESERVED.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free TCP port found on " + LOOPBACK);
    }

    static void release(int port)
    {
        RESERVED.remove(port);
    }

    private static boolean isBindable(int port)
    {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 1);
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    private static int ephemeralPort()
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot bind a TCP port on " + LOOPBACK, e);
        }
    }
}
