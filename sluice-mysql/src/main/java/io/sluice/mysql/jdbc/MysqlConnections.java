package io.sluice.mysql.jdbc;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.task.Endpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens JDBC connections to a MySQL/MariaDB endpoint the way every Sluice component needs them:
 * utf8mb4 and UTC sessions (TIMESTAMP text is exchanged in UTC), a bounded connect timeout, and the
 * password passed as a property, never in a URL that could be logged.
 *
 * <p>An endpoint's {@code session} variables are set first, in file order, with
 * {@code SET SESSION name = value}: names are plain identifiers (checked by {@link Endpoint}),
 * numbers and the keywords ON, OFF, TRUE, FALSE and DEFAULT are sent as they are, and every other
 * value is bound as a string literal, which the driver quotes. Sluice's own settings follow, so
 * they always win ({@link Endpoint#SLUICE_SESSION_VARIABLES} are refused anyway).
 *
 * <p>An endpoint's TLS settings map onto MariaDB Connector/J the way DM's {@code security} block
 * behaves: with {@code ssl-ca} the server certificate must chain to that CA, without checking the
 * host name ({@code sslMode=verify-ca}); without it the connection is encrypted but the server is
 * not authenticated ({@code sslMode=trust}), as in DM. A client certificate and its PEM private
 * key (PKCS#8, PKCS#1 RSA or SEC1 EC, unencrypted) are turned into an in-memory PKCS#12 key store
 * written once per JVM to an owner-only temporary file, because the driver reads client keys only
 * from key store files. {@code cert-allowed-cn} cannot be checked through the driver and is refused.
 */
public final class MysqlConnections {
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final Set<String> KEYWORDS = Set.of("ON", "OFF", "TRUE", "FALSE", "DEFAULT");
    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final Map<List<Object>, ClientKeyStore> KEY_STORES = new ConcurrentHashMap<>();

    private MysqlConnections() {}

    public static Connection open(Endpoint endpoint) throws SQLException {
        return open(endpoint, false);
    }

    /**
     * @param localInfile whether the connection may send {@code LOAD DATA LOCAL INFILE} data (the
     *     full copy's target connections); the driver only ever sends the stream the statement is given
     */
    public static Connection open(Endpoint endpoint, boolean localInfile) throws SQLException {
        Properties properties = new Properties();
        if (localInfile) {
            properties.setProperty("allowLocalInfile", "true");
        }
        properties.setProperty("user", endpoint.user());
        properties.setProperty("password", endpoint.password().reveal());
        properties.setProperty("connectTimeout", "10000");
        // the applier sends a transaction's row statements as one multi-statement text (StatementBatch)
        properties.setProperty("allowMultiQueries", "true");
        if (endpoint.tls().isPresent()) {
            configureTls(endpoint, endpoint.tls().get(), properties);
        }
        Connection connection = DriverManager.getConnection("jdbc:mariadb://" + endpoint.host() + ":" + endpoint.port() + "/", properties);
        try {
            for (Map.Entry<String, String> variable : endpoint.session().entrySet()) {
                setSessionVariable(connection, endpoint, variable.getKey(), variable.getValue());
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET NAMES utf8mb4");
                statement.execute("SET SESSION time_zone = '+00:00'");
            }
        }
        catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private static void setSessionVariable(Connection connection, Endpoint endpoint, String name, String value) throws SQLException {
        // Endpoint already checks both; checked again because the name is written into SQL.
        if (!Endpoint.isVariableName(name) || Endpoint.SLUICE_SESSION_VARIABLES.contains(name.toLowerCase(Locale.ROOT))) {
            throw new SluiceException(ErrorCode.INVALID_CONFIG,
                    "Session variable '" + name + "' for " + endpoint + " cannot be set: it is not an identifier or Sluice sets it itself.",
                    "Remove it from the session settings.");
        }
        String trimmed = value.trim();
        try {
            if (NUMBER.matcher(trimmed).matches() || KEYWORDS.contains(trimmed.toUpperCase(Locale.ROOT))) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET SESSION " + name + " = " + trimmed);
                }
            }
            else {
                try (PreparedStatement statement = connection.prepareStatement("SET SESSION " + name + " = ?")) {
                    statement.setString(1, value);
                    statement.execute();
                }
            }
        }
        catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (e.getErrorCode() == 0 || state.startsWith("08")) {
                throw e;
            }
            throw new SluiceException(ErrorCode.INVALID_CONFIG,
                    "The server " + endpoint + " rejected session variable '" + name + "': " + e.getMessage(),
                    "Correct or remove '" + name + "' in the session settings (target-database.session in a task file).", e);
        }
    }

    private static void configureTls(Endpoint endpoint, Endpoint.Tls tls, Properties properties) {
        if (!tls.allowedCommonNames().isEmpty()) {
            throw new SluiceException(ErrorCode.INVALID_CONFIG,
                    "TLS to " + endpoint + " lists allowed certificate Common Names, which Sluice cannot check yet.",
                    "Remove cert-allowed-cn; the server certificate is still verified against ssl-ca.");
        }
        if (tls.caPath().isPresent()) {
            properties.setProperty("sslMode", "verify-ca");
            properties.setProperty("serverSslCert", readableFile(endpoint, "ssl-ca", tls.caPath().get()).toString());
        }
        else {
            properties.setProperty("sslMode", "trust");
        }
        if (tls.certPath().isPresent() && tls.keyPath().isPresent()) {
            ClientKeyStore keyStore = clientKeyStore(endpoint,
                    readableFile(endpoint, "ssl-cert", tls.certPath().get()),
                    readableFile(endpoint, "ssl-key", tls.keyPath().get()));
            properties.setProperty("keyStore", keyStore.file().toString());
            properties.setProperty("keyStoreType", "PKCS12");
            properties.setProperty("keyStorePassword", keyStore.password());
            properties.setProperty("keyPassword", keyStore.password());
        }
    }

    private static Path readableFile(Endpoint endpoint, String setting, String path) {
        Path file = Path.of(path).toAbsolutePath();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new SluiceException(ErrorCode.INVALID_CONFIG,
                    "The " + setting + " file " + file + " for " + endpoint + " does not exist or is not readable.",
                    "Correct the path of " + setting + "; relative paths are resolved against " + Path.of("").toAbsolutePath() + ".");
        }
        return file;
    }

    private record ClientKeyStore(Path file, String password) {}

    /** The PKCS#12 file holding the client certificate and key, built once per file version. */
    private static ClientKeyStore clientKeyStore(Endpoint endpoint, Path certFile, Path keyFile) {
        List<Object> cacheKey;
        try {
            cacheKey = List.of(certFile, Files.getLastModifiedTime(certFile), keyFile, Files.getLastModifiedTime(keyFile));
        }
        catch (IOException e) {
            throw tlsError(endpoint, "cannot read the client certificate or key: " + e.getMessage(), e);
        }
        return KEY_STORES.computeIfAbsent(cacheKey, ignored -> buildKeyStore(endpoint, certFile, keyFile));
    }

    private static ClientKeyStore buildKeyStore(Endpoint endpoint, Path certFile, Path keyFile) {
        try {
            Collection<? extends Certificate> chain;
            try (InputStream in = Files.newInputStream(certFile)) {
                chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (chain.isEmpty()) {
                throw tlsError(endpoint, "ssl-cert " + certFile + " holds no certificate", null);
            }
            PrivateKey key = readPrivateKey(endpoint, keyFile);
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, password.toCharArray(), chain.toArray(Certificate[]::new));
            Path file = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempFile("sluice-client-", ".p12", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile("sluice-client-", ".p12");
            file.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return new ClientKeyStore(file, password);
        }
        catch (IOException | GeneralSecurityException e) {
            throw tlsError(endpoint, "cannot load the client certificate " + certFile + " and key " + keyFile + ": " + e.getMessage(), e);
        }
    }

    private static PrivateKey readPrivateKey(Endpoint endpoint, Path keyFile) throws IOException {
        String text = Files.readString(keyFile, StandardCharsets.US_ASCII);
        Matcher block = PEM_BLOCK.matcher(text);
        while (block.find()) {
            String type = block.group(1);
            String body = block.group(2);
            if (type.equals("EC PARAMETERS")) {
                continue;
            }
            if (type.equals("ENCRYPTED PRIVATE KEY") || body.contains("ENCRYPTED")) {
                throw tlsError(endpoint, "ssl-key " + keyFile + " is encrypted", null);
            }
            byte[] der = Base64.getMimeDecoder().decode(body);
            byte[] pkcs8 = switch (type) {
                case "PRIVATE KEY" -> der;
                case "RSA PRIVATE KEY" -> Der.pkcs8(Der.sequence(Der.RSA_ENCRYPTION, Der.NULL), der);
                case "EC PRIVATE KEY" -> Der.pkcs8(Der.sequence(Der.EC_PUBLIC_KEY, Der.ecCurve(der)), der);
                default -> null;
            };
            if (pkcs8 == null) {
                continue;
            }
            for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA")) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                }
                catch (GeneralSecurityException e) {
                    // not this algorithm; try the next one
                }
            }
            throw tlsError(endpoint, "ssl-key " + keyFile + " holds a private key of an algorithm Java does not know", null);
        }
        throw tlsError(endpoint, "ssl-key " + keyFile + " holds no PEM private key", null);
    }

    private static SluiceException tlsError(Endpoint endpoint, String problem, Exception cause) {
        return new SluiceException(ErrorCode.INVALID_CONFIG,
                "TLS to " + endpoint + ": " + problem + ".",
                "Give ssl-cert and ssl-key as unencrypted PEM files (convert an encrypted key with "
                        + "'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-plain.pem').", cause);
    }

    /** The few DER encodings needed to wrap PKCS#1 and SEC1 keys into PKCS#8. */
    private static final class Der {
        static final byte[] NULL = {0x05, 0x00};
        // 1.2.840.113549.1.1.1 and 1.2.840.10045.2.1
        static final byte[] RSA_ENCRYPTION = HexFormat.of().parseHex("06092a864886f70d010101");
        static final byte[] EC_PUBLIC_KEY = HexFormat.of().parseHex("06072a8648ce3d0201");

        private Der() {}

        static byte[] pkcs8(byte[] algorithm, byte[] key) {
            return sequence(new byte[] {0x02, 0x01, 0x00}, algorithm, tlv(0x04, key));
        }

        static byte[] sequence(byte[]... parts) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            for (byte[] part : parts) {
                content.writeBytes(part);
            }
            return tlv(0x30, content.toByteArray());
        }

        static byte[] tlv(int tag, byte[] content) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(tag);
            int length = content.length;
            if (length < 0x80) {
                out.write(length);
            }
            else {
                int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
                out.write(0x80 | bytes);
                for (int i = bytes - 1; i >= 0; i--) {
                    out.write(length >>> (8 * i));
                }
            }
            out.writeBytes(content);
            return out.toByteArray();
        }

        /** The curve OID (as a whole TLV) in a SEC1 ECPrivateKey's {@code [0]} parameters. */
        static byte[] ecCurve(byte[] sec1) throws IOException {
            int[] outer = header(sec1, 0);
            int position = outer[0];
            int end = outer[0] + outer[1];
            while (position < end) {
                int tag = sec1[position] & 0xff;
                int[] element = header(sec1, position);
                if (tag == 0xa0) {
                    int[] oid = header(sec1, element[0]);
                    return Arrays.copyOfRange(sec1, element[0], oid[0] + oid[1]);
                }
                position = element[0] + element[1];
            }
            throw new IOException("the EC private key does not name its curve");
        }

        /** The content offset and length of the element starting at {@code offset}. */
        private static int[] header(byte[] der, int offset) throws IOException {
            if (offset + 2 > der.length) {
                throw new IOException("truncated DER data");
            }
            int length = der[offset + 1] & 0xff;
            int position = offset + 2;
            if (length >= 0x80) {
                int bytes = length & 0x7f;
                if (bytes == 0 || bytes > 3 || position + bytes > der.length) {
                    throw new IOException("unsupported DER length");
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (der[position++] & 0xff);
                }
            }
            if (position + length > der.length) {
                throw new IOException("truncated DER data");
            }
            return new int[] {position, length};
        }
    }
}
