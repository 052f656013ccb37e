package io.sluice.core.task;

import io.sluice.core.config.Secret;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * How to reach and log in to a MySQL-compatible server: a task's target or a source's upstream,
 * with the session system variables to set on every connection (DM's {@code session}) and, when
 * {@code tls} is present, how to secure the connection (DM's {@code security}).
 * {@link #toString()} leaves the password out, so an endpoint can be logged as a whole.
 */
public record Endpoint(String host, int port, String user, Secret password, Map<String, String> session, Optional<Tls> tls)
{
    /**
     * Session variables Sluice sets itself on its connections, because its reading and writing
     * depend on them (UTC TIMESTAMP text, utf8mb4, its own sql_mode, foreign-key checks and
     * transactions on the target); a {@code session} map may not set them.
     */
    public static final Set<String> SLUICE_SESSION_VARIABLES = Set.of(
            "time_zone", "sql_mode", "foreign_key_checks", "autocommit", "names",
            "character_set_client", "character_set_connection", "character_set_results", "collation_connection");

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** An endpoint without session variables or TLS. */
    public Endpoint(String host, int port, String user, Secret password)
    {
        this(host, port, user, password, Map.of(), Optional.empty());
    }

    public Endpoint
    {
        requireNonNull(host, "host is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(session, "session is null");
        requireNonNull(tls, "tls is null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535: " + port);
        }
        if (user.isBlank()) {
            throw new IllegalArgumentException("user is blank");
        }
        // Names end up in SET statements, so only plain identifiers are accepted; the order of the
        // file is kept because setting one variable may change how the next one is read.
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> variable : session.entrySet()) {
            String name = requireNonNull(variable.getKey(), "session variable name is null");
            requireNonNull(variable.getValue(), "session variable value is null");
            if (!isVariableName(name)) {
                throw new IllegalArgumentException("session variable name is not an identifier: '" + name + "'");
            }
            if (SLUICE_SESSION_VARIABLES.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("session variable '" + name + "' is set by Sluice itself");
            }
            for (String previous : copy.keySet()) {
                if (previous.equalsIgnoreCase(name)) {
                    throw new IllegalArgumentException("session variable '" + name + "' is set twice");
                }
            }
            copy.put(name, variable.getValue());
        }
        session = Collections.unmodifiableMap(copy);
    }

    /** This endpoint with another password; the server swaps an encrypted password for its clear value this way. */
    public Endpoint withPassword(Secret newPassword)
    {
        return new Endpoint(host, port, user, newPassword, session, tls);
    }

    /** Whether the text can name a system variable in {@code SET SESSION name = value}. */
    public static boolean isVariableName(String name)
    {
        return VARIABLE_NAME.matcher(name).matches();
    }

    /** {@code user@host:port}, with an IPv6 host in brackets; never the password. */
    @Override
    public String toString()
    {
        String printedHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return user + "@" + printedHost + ":" + port;
    }

    /**
     * DM's {@code security} block: PEM files for the certificate authority that must have signed the
     * server's certificate ({@code ssl-ca}), the client certificate and its private key
     * ({@code ssl-cert}, {@code ssl-key}, both or neither), and the Common Names the server's
     * certificate chain may carry ({@code cert-allowed-cn}, any when empty).
     */
    public record Tls(Optional<String> caPath, Optional<String> certPath, Optional<String> keyPath, List<String> allowedCommonNames)
    {
        public Tls
        {
            requireNonNull(caPath, "caPath is null");
            requireNonNull(certPath, "certPath is null");
            requireNonNull(keyPath, "keyPath is null");
            allowedCommonNames = List.copyOf(requireNonNull(allowedCommonNames, "allowedCommonNames is null"));
            if (caPath.isEmpty() && certPath.isEmpty() && keyPath.isEmpty()) {
                throw new IllegalArgumentException("TLS needs a CA certificate or a client certificate and key");
            }
            if (certPath.isPresent() != keyPath.isPresent()) {
                throw new IllegalArgumentException("a client certificate needs its private key and the other way round");
            }
            for (Optional<String> path : List.of(caPath, certPath, keyPath)) {
                if (path.filter(String::isBlank).isPresent()) {
                    throw new IllegalArgumentException("a TLS file path is blank");
                }
            }
            for (String name : allowedCommonNames) {
                if (name.isBlank()) {
                    throw new IllegalArgumentException("an allowed Common Name is blank");
                }
            }
        }
    }
}
