package io.sluice.mysql.jdbc;

import io.sluice.core.task.Endpoint;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Opens JDBC connections to a MySQL/MariaDB endpoint the way every Sluice component needs them:
 * utf8mb4 and UTC sessions (TIMESTAMP text is exchanged in UTC), a bounded connect timeout, and the
 * password passed as a property, never in a URL that could be logged.
 */
public final class MysqlConnections {
    private MysqlConnections() {}

    public static Connection open(Endpoint endpoint) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", endpoint.user());
        properties.setProperty("password", endpoint.password().reveal());
        properties.setProperty("connectTimeout", "10000");
        Connection connection = DriverManager.getConnection("jdbc:mariadb://" + endpoint.host() + ":" + endpoint.port() + "/", properties);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET NAMES utf8mb4");
            statement.execute("SET SESSION time_zone = '+00:00'");
        }
        catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
