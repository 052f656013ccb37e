package io.sluice.config;

import io.sluice.config.YamlNode.Entry;
import io.sluice.core.task.Endpoint;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Map.entry;

/**
 * Reads a DM database block ({@code target-database} in a task file, {@code from} in a source
 * file): {@code host}, {@code port} (3306 when absent), {@code user} and a plaintext
 * {@code password} (empty when absent). A task's target also takes DM's {@code session} (system
 * variables set on every target connection) and {@code security} (TLS files);
 * {@code max-allowed-packet}, which DM has ignored since v2.0, is accepted there with no effect.
 */
final class Endpoints
{
    static final int DEFAULT_PORT = 3306;

    private static final List<String> KEYS = List.of("host", "port", "user", "password");
    private static final Map<String, String> UNSUPPORTED = Map.of(
            "max-allowed-packet", "",
            "session", "",
            "security", " Connections do not use TLS yet.");

    private static final List<String> TARGET_KEYS = List.of("host", "port", "user", "password", "session", "security", "max-allowed-packet");
    private static final List<String> SECURITY_KEYS = List.of("ssl-ca", "ssl-cert", "ssl-key");
    private static final Map<String, String> UNSUPPORTED_SECURITY = Map.ofEntries(
            entry("cert-allowed-cn", " Sluice verifies the server certificate against ssl-ca but cannot check its Common Name yet."),
            entry("ssl-ca-bytes", " Give the PEM file's path in 'ssl-ca' instead."),
            entry("ssl-cert-bytes", " Give the PEM file's path in 'ssl-cert' instead."),
            entry("ssl-key-bytes", " Give the PEM file's path in 'ssl-key' instead."));

    private Endpoints() {}

    /** A source's {@code from} block: session variables and TLS are not supported there yet. */
    static Endpoint read(Section section)
    {
        section.checkKeys(KEYS, UNSUPPORTED);
        return new Endpoint(section.requiredString("host"), section.integer("port", DEFAULT_PORT, 1, 65535),
                section.requiredString("user"), section.secret("password"));
    }

    /** A task's {@code target-database} block. */
    static Endpoint readTarget(Section section)
    {
        section.checkKeys(TARGET_KEYS, Map.of());
        String host = section.requiredString("host");
        int port = section.integer("port", DEFAULT_PORT, 1, 65535);
        String user = section.requiredString("user");
        // DM reads it as an integer and then ignores it; checking the type still catches a slip.
        section.optionalLong("max-allowed-packet", 0, Long.MAX_VALUE);
        Map<String, String> session = section.optionalSection("session").map(Endpoints::session).orElse(Map.of());
        Optional<Endpoint.Tls> tls = section.optionalSection("security").flatMap(Endpoints::tls);
        return new Endpoint(host, port, user, section.secret("password"), session, tls);
    }

    private static Map<String, String> session(Section session)
    {
        Map<String, String> variables = new LinkedHashMap<>();
        Map<String, Entry> seen = new LinkedHashMap<>();
        for (Entry variable : session.entries()) {
            String name = variable.key();
            if (!Endpoint.isVariableName(name)) {
                throw session.file().error(variable.keyMark(),
                        "'%s' in '%s' is not a system variable name".formatted(name, session.path()),
                        "Use the variable's name as SHOW VARIABLES prints it: letters, digits and '_' only.");
            }
            if (Endpoint.SLUICE_SESSION_VARIABLES.contains(name.toLowerCase(Locale.ROOT))) {
                throw session.file().error(variable.keyMark(),
                        "'%s' in '%s' cannot be set: Sluice sets it itself on every connection".formatted(name, session.path()),
                        "Remove '%s'; Sluice needs these settings to read and write rows correctly: %s."
                                .formatted(name, String.join(", ", Endpoint.SLUICE_SESSION_VARIABLES.stream().sorted().toList())));
            }
            Entry previous = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), variable);
            if (previous != null) {
                throw session.file().error(variable.keyMark(),
                        "'%s' in '%s' is already set as '%s' at line %d; variable names do not depend on case".formatted(name, session.path(), previous.key(), previous.keyMark().line()),
                        "Keep only one of them.");
            }
            // The value's text is used as written: 1 stays 1, ON stays ON; it is not quoted in errors.
            variables.put(name, session.scalarText(variable.value(), session.describe(name)));
        }
        return variables;
    }

    private static Optional<Endpoint.Tls> tls(Section security)
    {
        security.checkKeys(SECURITY_KEYS, UNSUPPORTED_SECURITY);
        Optional<String> ca = file(security, "ssl-ca");
        Optional<String> cert = file(security, "ssl-cert");
        Optional<String> key = file(security, "ssl-key");
        if (cert.isPresent() != key.isPresent()) {
            String given = cert.isPresent() ? "ssl-cert" : "ssl-key";
            String missing = cert.isPresent() ? "ssl-key" : "ssl-cert";
            throw security.file().error(security.keyMark(given),
                    "%s needs '%s' as well: a client certificate is used together with its private key".formatted(security.describe(given), missing),
                    "Add '%s' with the path of the PEM file, or remove '%s'.".formatted(missing, given));
        }
        if (ca.isEmpty() && cert.isEmpty()) {
            // DM connects without TLS then; a block that asks for TLS but gets none is almost certainly a mistake.
            throw security.file().error(security.mark(),
                    "'%s' sets no certificate, so the connection would not use TLS".formatted(security.path()),
                    "Set 'ssl-ca' (and 'ssl-cert' and 'ssl-key' for a client certificate), or remove '%s'.".formatted(security.path()));
        }
        return Optional.of(new Endpoint.Tls(ca, cert, key, List.of()));
    }

    /** A path to a readable file, checked now so that a typo fails before anything connects. */
    private static Optional<String> file(Section security, String key)
    {
        Optional<String> path = security.optionalString(key);
        path.ifPresent(text -> {
            if (!isReadableFile(text)) {
                throw security.file().error(security.valueMark(key),
                        "%s names '%s', which does not exist or is not a readable file".formatted(security.describe(key), text),
                        "Give the path of a PEM file; relative paths are resolved against %s.".formatted(Path.of("").toAbsolutePath()));
            }
        });
        return path;
    }

    private static boolean isReadableFile(String text)
    {
        try {
            Path file = Path.of(text).toAbsolutePath();
            return Files.isRegularFile(file) && Files.isReadable(file);
        }
        catch (InvalidPathException e) {
            return false;
        }
    }
}
