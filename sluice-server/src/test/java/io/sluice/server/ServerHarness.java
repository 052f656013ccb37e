package io.sluice.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testkit.MariaDbServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real Sluice server for tests: started in-process on a free loopback port with its own data dir
 * and embedded ZooKeeper, driven over real HTTP. {@link #restart()} closes it and starts a new one on
 * the same data dir, as a server restart does.
 */
public final class ServerHarness implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dataDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private SluiceServer server;

    public ServerHarness(Path dataDir) {
        this.dataDir = dataDir;
        this.server = SluiceServer.start(ServerConfig.local(dataDir, 0), "test");
    }

    public SluiceServer server() {
        return server;
    }

    public String address() {
        return "127.0.0.1:" + server.httpPort();
    }

    public void restart() {
        server.close();
        server = SluiceServer.start(ServerConfig.local(dataDir, 0), "test");
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Reply post(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(json(body))).header("Content-Type", "application/json"));
    }

    public Reply put(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(json(body))).header("Content-Type", "application/json"));
    }

    /** A DM source.yaml for a sandbox. */
    public static String sourceYaml(String sourceId, MariaDbServer server) {
        return """
                source-id: "%s"
                enable-gtid: true
                from:
                  host: "127.0.0.1"
                  port: %d
                  user: "%s"
                  password: "%s"
                """.formatted(sourceId, server.port(), server.user(), server.password());
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body()));
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://" + address() + path);
    }

    private static String json(Object body) {
        try {
            return body instanceof String text ? text : JSON.writeValueAsString(body == null ? Map.of() : body);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }

    /** An HTTP reply: status, raw text and parsed JSON. */
    public record Reply(int status, String text, JsonNode json) {
        public boolean result() {
            return json.path("result").asBoolean(false);
        }
    }
}
