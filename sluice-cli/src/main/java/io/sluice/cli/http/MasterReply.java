package io.sluice.cli.http;

import com.fasterxml.jackson.databind.JsonNode;

import static java.util.Objects.requireNonNull;

/**
 * One answer of the master: the HTTP status and the JSON body. The body decides success, not the status:
 * the API's replies all carry {@code "result"}, and dmctl's exit status follows it.
 */
public record MasterReply(int status, JsonNode body)
{
    public MasterReply
    {
        requireNonNull(body, "body is null");
    }

    public boolean succeeded()
    {
        JsonNode result = body.path("result");
        return result.isBoolean() && result.booleanValue();
    }
}
