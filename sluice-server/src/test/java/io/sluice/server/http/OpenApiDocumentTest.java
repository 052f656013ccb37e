package io.sluice.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.router.ParsedEndpoint;
import io.sluice.server.ControlPlane;
import io.sluice.server.ServerConfig;
import io.sluice.server.ServerHarness;
import io.sluice.server.coordination.EmbeddedZooKeeper;
import io.sluice.server.coordination.MetadataStore;
import io.sluice.server.security.PasswordCipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The OpenAPI document and the routes agree: every route SluiceRoutes, DtleRoutes and DocsRoutes
 * register is in openapi.json, every operation of openapi.json is registered (and answered by a
 * running server rather than its "no endpoint" 404), and every operation is tagged, summarised and
 * has its responses. The API page is self-contained (no external scripts or styles).
 */
class OpenApiDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void everyRegisteredRouteIsDocumentedAndTheOtherWayRound() throws Exception {
        JsonNode document = document();
        TreeSet<String> documented = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey()));
        }
        assertThat(registered()).isEqualTo(documented);
    }

    @Test
    void everyOperationIsTaggedSummarisedAndAnswered() throws Exception {
        JsonNode document = document();
        List<String> tags = document.get("tags").findValuesAsText("name");
        try (ServerHarness harness = new ServerHarness(dataDir)) {
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields();
            while (paths.hasNext()) {
                Map.Entry<String, JsonNode> path = paths.next();
                Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
                while (operations.hasNext()) {
                    Map.Entry<String, JsonNode> operation = operations.next();
                    String name = operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                    JsonNode op = operation.getValue();
                    assertThat(op.path("summary").asText()).as(name).isNotBlank();
                    assertThat(op.path("responses").size()).as(name).isPositive();
                    assertThat(tags).as(name).contains(op.path("tags").path(0).asText());
                    // probe with empty input: every documented operation reaches a handler (which may refuse the input)
                    String url = "http://" + harness.address() + path.getKey().replace("{job_type}", "migration").replaceAll("\\{[^}]+}", "probe");
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json");
                    request.method(operation.getKey().toUpperCase(Locale.ROOT), "get".equals(operation.getKey())
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
                    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as(name + ": " + response.body()).isNotEqualTo(405);
                    assertThat(response.body()).as(name).doesNotContain("no endpoint ");
                }
            }
        }
    }

    @Test
    void theApiPageIsSelfContained() throws Exception {
        String page;
        try (InputStream in = DocsRoutes.class.getResourceAsStream("/io/sluice/server/http/api.html")) {
            page = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(page).contains("/api/openapi.json").doesNotContain("<script src").doesNotContain("<link").doesNotContain("https://").doesNotContain("http://");
    }

    /** The routes the three groups register, read from Javalin's router without starting it. */
    private TreeSet<String> registered() throws Exception {
        TreeSet<String> routes = new TreeSet<>();
        try (EmbeddedZooKeeper zookeeper = EmbeddedZooKeeper.start(dataDir.resolve("zk"));
                MetadataStore store = MetadataStore.connect(zookeeper.connectString())) {
            List<ApiRoutes> groups = ControlPlane.wire(store, new PasswordCipher(new byte[32]), ServerConfig.local(dataDir, 8261)).routes("test");
            Javalin app = Javalin.create(config -> groups.forEach(group -> group.register(config.routes)));
            for (ParsedEndpoint endpoint : app.unsafe.internalRouter.allHttpHandlers()) {
                routes.add(endpoint.endpoint.method.name().toUpperCase(Locale.ROOT) + " " + endpoint.endpoint.path);
            }
        }
        routes.removeIf(route -> route.startsWith("HEAD ") || route.startsWith("OPTIONS "));
        return routes;
    }

    private static JsonNode document() throws Exception {
        try (InputStream in = DocsRoutes.class.getResourceAsStream("/io/sluice/server/http/openapi.json")) {
            JsonNode document = JSON.readTree(in);
            assertThat(document.get("openapi").asText()).startsWith("3.0");
            return document;
        }
    }
}
