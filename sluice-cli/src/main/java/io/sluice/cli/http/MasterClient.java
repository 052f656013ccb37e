package io.sluice.cli.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * The HTTP client of the master's REST API ({@code docs/api.md}): sends one request, returns the JSON reply.
 * Every command goes through it, so the timeout, the headers and the "cannot reach the master" message are
 * the same everywhere. Request bodies are any Jackson-serialisable value (the commands use records).
 */
public final class MasterClient
        implements AutoCloseable
{
    // a dead host should fail fast even with dmctl's generous 10m rpc-timeout, which is meant for slow
    // operations (start-task runs the precheck), not for connecting
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_NON_JSON_PREVIEW = 200;

    private final MasterAddress address;
    private final Duration timeout;
    private final ObjectMapper mapper;
    private final HttpClient http;

    public MasterClient(MasterAddress address, Duration timeout, ObjectMapper mapper)
    {
        this.address = requireNonNull(address, "address is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.http = HttpClient.newBuilder()
                // the master speaks HTTP/1.1; an h2c upgrade attempt buys nothing for one small request
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public MasterAddress address()
    {
        return address;
    }

    public MasterReply get(String path, Query query)
            throws MasterUnreachableException
    {
        return send(request(path + query.render()).GET().build());
    }

    public MasterReply post(String path, Object body)
            throws MasterUnreachableException
    {
        return send(request(path).header("Content-Type", "application/json").POST(json(body)).build());
    }

    public MasterReply put(String path, Object body)
            throws MasterUnreachableException
    {
        return send(request(path).header("Content-Type", "application/json").PUT(json(body)).build());
    }

    private HttpRequest.Builder request(String pathAndQuery)
    {
        return HttpRequest.newBuilder(address.resolve(pathAndQuery))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", "sluicectl");
    }

    private HttpRequest.BodyPublisher json(Object body)
    {
        try {
            return HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body), UTF_8);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the request body", e);
        }
    }

    private MasterReply send(HttpRequest request)
            throws MasterUnreachableException
    {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
        }
        catch (HttpTimeoutException e) {
            if (e instanceof HttpConnectTimeoutException) {
                throw unreachable(e);
            }
            throw new MasterUnreachableException(
                    "the master at " + address + " did not answer within " + GoDurations.format(timeout)
                            + "; it may still be working on it (check with query-status), or pass a longer --rpc-timeout", e);
        }
        catch (IOException e) {
            throw unreachable(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MasterUnreachableException("interrupted while waiting for the master at " + address, e);
        }
        return new MasterReply(response.statusCode(), parse(response));
    }

    private MasterUnreachableException unreachable(Exception e)
    {
        return new MasterUnreachableException(
                "cannot reach the master at " + address + ": " + cause(e)
                        + "; start it with 'bin/sluice server' or pass --master-addr", e);
    }

    private JsonNode parse(HttpResponse<String> response)
    {
        String text = response.body();
        try {
            JsonNode node = mapper.readTree(text);
            if (node != null && node.isObject()) {
                return node;
            }
        }
        catch (JsonProcessingException ignored) {
            // answered below: something that is not the master's API (a proxy, another service) is on the port
        }
        String preview = text == null ? "" : text.strip();
        if (preview.length() > MAX_NON_JSON_PREVIEW) {
            preview = preview.substring(0, MAX_NON_JSON_PREVIEW) + "...";
        }
        ObjectNode error = mapper.createObjectNode();
        error.put("result", false);
        error.put("msg", "the master at " + address + " answered HTTP " + response.statusCode() + " to "
                + response.request().method() + " " + response.request().uri().getRawPath()
                + " without a JSON reply" + (preview.isEmpty() ? "" : ": " + preview)
                + "; is --master-addr the Sluice server's HTTP address?");
        return error;
    }

    /**
     * Why the connection failed, in words. HttpClient's exceptions carry no message for the common cases
     * (refused connection, unknown host), so those are named from the exception types in the chain.
     */
    private String cause(Throwable failure)
    {
        boolean refused = false;
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof UnresolvedAddressException || current instanceof UnknownHostException) {
                return "cannot resolve the host '" + address.baseUri().getHost() + "'";
            }
            refused |= current instanceof ConnectException;
        }
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current.getMessage() != null && !current.getMessage().isBlank()) {
                return current.getMessage();
            }
        }
        return refused ? "connection refused" : failure.getClass().getSimpleName();
    }

    @Override
    public void close()
    {
        http.close();
    }
}
