package io.sluice.cli.http;

import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * An ordered, URL-encoded query string. Parameters may repeat ({@code worker=a&worker=b}), which is how the
 * API takes lists; absent or empty values are left out so that "no filter" is simply no parameter.
 */
public final class Query
{
    private final List<Map.Entry<String, String>> parameters = new ArrayList<>();

    public static Query empty()
    {
        return new Query();
    }

    public Query add(String name, String value)
    {
        requireNonNull(name, "name is null");
        if (value != null && !value.isEmpty()) {
            parameters.add(Map.entry(name, value));
        }
        return this;
    }

    public Query addAll(String name, List<String> values)
    {
        values.forEach(value -> add(name, value));
        return this;
    }

    /** Returns {@code ?a=b&c=d}, or the empty string when there is no parameter. */
    public String render()
    {
        if (parameters.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("?");
        for (Map.Entry<String, String> parameter : parameters) {
            if (text.length() > 1) {
                text.append('&');
            }
            text.append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
        }
        return text.toString();
    }

    public static String encodePathSegment(String segment)
    {
        return encode(segment);
    }

    private static String encode(String text)
    {
        // URLEncoder encodes for forms: a space becomes '+', which a path segment does not decode back
        return URLEncoder.encode(text, UTF_8).replace("+", "%20");
    }
}
