package io.sluice.server.http.dtle;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.sluice.core.config.Secret;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.task.Endpoint;
import io.sluice.mysql.jdbc.MysqlConnections;
import io.sluice.server.master.TaskService;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code /v2/mysql/*} helpers of dtle's UI: connect to the MySQL server named in the request and
 * test the connection, list its schemas with their tables, or list a table's columns. The password
 * may be encrypted with this server's key ({@code is_mysql_password_encrypted=true}); it is never
 * part of a reply or an error message.
 */
final class MysqlProbe {
    static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "mysql", "performance_schema", "sys");
    private static final int ER_ACCESS_DENIED = 1045;

    private final Endpoint endpoint;

    private MysqlProbe(Endpoint endpoint) {
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
    }

    /** The server the request names: mysql_host, mysql_port, mysql_user, mysql_password, is_mysql_password_encrypted. */
    static MysqlProbe of(Context ctx, TaskService tasks) {
        String fix = "Send mysql_host, mysql_port, mysql_user and mysql_password as query parameters.";
        String host = DtleHttp.required(ctx, "mysql_host", fix).strip();
        String portText = DtleHttp.required(ctx, "mysql_port", fix).strip();
        int port;
        try {
            port = Integer.parseInt(portText);
        }
        catch (NumberFormatException e) {
            throw DtleHttp.badRequest("mysql_port is '" + portText + "', not a port number.", "Send the port as a number between 1 and 65535.");
        }
        if (port < 1 || port > 65535) {
            throw DtleHttp.badRequest("mysql_port is " + port + ", not between 1 and 65535.", "Send the port MySQL listens on, e.g. 3306.");
        }
        String user = DtleHttp.required(ctx, "mysql_user", fix);
        Secret password = new Secret(DtleHttp.param(ctx, "mysql_password").orElse(""));
        if (DtleHttp.flag(ctx, "is_mysql_password_encrypted")) {
            if (!io.sluice.server.security.PasswordCipher.looksEncrypted(password.reveal())) {
                throw DtleHttp.badRequest("mysql_password is not a password encrypted by this Sluice server, but is_mysql_password_encrypted is true "
                        + "(dtle's RSA-encrypted passwords cannot be read: Sluice has no rsa_private_key_path).",
                        "Encrypt it with POST /api/v1/secrets/encrypt, or send it in clear with is_mysql_password_encrypted=false.");
            }
            password = tasks.revealPassword(password);
        }
        return new MysqlProbe(new Endpoint(host, port, user, password));
    }

    /** Connects and runs {@code SELECT 1}. */
    void ping() {
        try (Connection connection = open(); Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT 1")) {
            rows.next();
        }
        catch (SQLException e) {
            throw classify(e, "cannot query");
        }
    }

    /** Every schema but the system ones, with its base tables and views, in name order. */
    List<Map<String, Object>> schemas() {
        Map<String, List<Map<String, Object>>> schemas = new java.util.TreeMap<>();
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SHOW DATABASES")) {
                while (rows.next()) {
                    String schema = rows.getString(1);
                    if (!SYSTEM_SCHEMAS.contains(schema.toLowerCase(java.util.Locale.ROOT))) {
                        schemas.put(schema, new ArrayList<>());
                    }
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES ORDER BY TABLE_SCHEMA, TABLE_NAME")) {
                while (rows.next()) {
                    List<Map<String, Object>> tables = schemas.get(rows.getString(1));
                    if (tables != null) {
                        tables.add(Map.of("table_name", rows.getString(2)));
                    }
                }
            }
        }
        catch (SQLException e) {
            throw classify(e, "cannot list the schemas");
        }
        List<Map<String, Object>> list = new ArrayList<>();
        schemas.forEach((schema, tables) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("schema_name", schema);
            entry.put("Tables", tables);
            list.add(entry);
        });
        return list;
    }

    /** The columns of {@code schema.table} in table order; an unknown table is an error. */
    List<String> columns(String schema, String table) {
        List<String> columns = new ArrayList<>();
        try (Connection connection = open();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        catch (SQLException e) {
            throw classify(e, "cannot list the columns");
        }
        if (columns.isEmpty()) {
            throw new SluiceException(ErrorCode.SCHEMA_UNKNOWN_TABLE, "Table `" + schema + "`.`" + table + "` does not exist on " + address()
                    + ", or user '" + endpoint.user() + "' may not see it.", "Check mysql_schema and mysql_table (GET /v2/mysql/schemas lists the tables).");
        }
        return columns;
    }

    private Connection open() throws SQLException {
        return MysqlConnections.open(endpoint);
    }

    private String address() {
        return endpoint.host() + ":" + endpoint.port();
    }

    private SluiceException classify(SQLException e, String context) {
        String secret = endpoint.password().reveal();
        String message = e.getMessage() == null ? "" : secret.isEmpty() ? e.getMessage() : e.getMessage().replace(secret, "******");
        if (e.getErrorCode() == ER_ACCESS_DENIED) {
            return new SluiceException(ErrorCode.SOURCE_AUTHENTICATION_FAILED, context + ": MySQL at " + address() + " rejected user '" + endpoint.user() + "': " + message,
                    "Check mysql_user and mysql_password (and is_mysql_password_encrypted).", e);
        }
        return new SluiceException(ErrorCode.SOURCE_UNREACHABLE, context + ": cannot reach MySQL at " + address() + ": " + message,
                "Check mysql_host and mysql_port, and that MySQL runs and accepts connections from this server.", e);
    }
}
