package io.sluice.cli.http;

import java.net.URI;

import static java.util.Objects.requireNonNull;

/**
 * The master's address as the user gave it ({@code HOST:PORT}, like dmctl's {@code -master-addr}) and the
 * base URI of its HTTP API. A full {@code http://} or {@code https://} URL is accepted as well, so a
 * master behind a TLS proxy can be reached; the text shown in messages is always what the user typed.
 */
public record MasterAddress(String text, URI baseUri)
{
    public MasterAddress
    {
        requireNonNull(text, "text is null");
        requireNonNull(baseUri, "baseUri is null");
    }

    public static MasterAddress parse(String text)
    {
        requireNonNull(text, "text is null");
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("the master address is empty; pass HOST:PORT, e.g. 127.0.0.1:8261");
        }
        String url = trimmed.contains("://") ? trimmed : "http://" + trimmed;
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a master address; pass HOST:PORT, e.g. 127.0.0.1:8261", e);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a master address; pass HOST:PORT, e.g. 127.0.0.1:8261");
        }
        return new MasterAddress(trimmed, uri);
    }

    public URI resolve(String pathAndQuery)
    {
        return URI.create(baseUri + pathAndQuery);
    }

    @Override
    public String toString()
    {
        return text;
    }
}
