package io.sluice.core.task;

import io.sluice.core.config.Secret;

import static java.util.Objects.requireNonNull;

/**
 * How to reach and log in to a MySQL-compatible server: a task's target or a source's upstream.
 * {@link #toString()} leaves the password out, so an endpoint can be logged as a whole.
 */
public record Endpoint(String host, int port, String user, Secret password)
{
    public Endpoint
    {
        requireNonNull(host, "host is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535: " + port);
        }
        if (user.isBlank()) {
            throw new IllegalArgumentException("user is blank");
        }
    }

    /** {@code user@host:port}, with an IPv6 host in brackets; never the password. */
    @Override
    public String toString()
    {
        String printedHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return user + "@" + printedHost + ":" + port;
    }
}
