package io.sluice.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * A stand-in for the Sluice server's HTTP API on 127.0.0.1: records each request it receives and answers
 * with a canned DM-shaped reply, {@code {"result": true, "msg": ""}} unless one was set for the path.
 */
final class FakeMaster
        implements AutoCloseable
{
    record Recorded(String method, String path, String query, String contentType, String body) {}

    record Canned(int status, String body) {}

    private final HttpServer server;
    private final List<Recorded> requests = new ArrayList<>();
    private final Map<String, Canned> replies = new ConcurrentHashMap<>();
    private boolean stopped;

    FakeMaster()
            throws IOException
    {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String address()
    {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code METHOD path} (path without query) with the given status and body. */
    FakeMaster reply(String method, String path, int status, String body)
    {
        replies.put(method + " " + path, new Canned(status, body));
        return this;
    }

    synchronized List<Recorded> requests()
    {
        return List.copyOf(requests);
    }

    synchronized Recorded onlyRequest()
    {
        if (requests.size() != 1) {
            throw new AssertionError("expected exactly one request, got " + requests);
        }
        return requests.getFirst();
    }

    private void handle(HttpExchange exchange)
            throws IOException
    {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), UTF_8);
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        synchronized (this) {
            requests.add(new Recorded(method, path, exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
        }
        Canned canned = replies.getOrDefault(method + " " + path, new Canned(200, "{\"result\": true, \"msg\": \"\"}"));
        byte[] bytes = requireNonNull(canned.body()).getBytes(UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(canned.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public synchronized void close()
    {
        if (!stopped) {
            stopped = true;
            server.stop(0);
        }
    }
}
