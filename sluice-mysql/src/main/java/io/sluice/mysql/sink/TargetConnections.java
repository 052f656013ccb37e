package io.sluice.mysql.sink;

import static java.util.Objects.requireNonNull;

import io.sluice.core.task.Endpoint;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Opens target connections with the session settings every Sluice writer needs: manual commit,
 * UTC (TIMESTAMPs are bound as UTC text), a permissive sql_mode (zero dates and the like are
 * data, already accepted by the source), utf8mb4, and foreign-key checks off (the source already
 * enforced them; replicating in source order with checks on can fail on cycles).
 */
public final class TargetConnections {
    private final Endpoint target;

    public TargetConnections(Endpoint target) {
        this.target = requireNonNull(target, "target is null");
    }

    public Connection open() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", target.user());
        properties.setProperty("password", target.password().reveal());
        properties.setProperty("connectTimeout", "10000");
        Connection connection = DriverManager.getConnection("jdbc:mariadb://" + target.host() + ":" + target.port() + "/", properties);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET NAMES utf8mb4");
            statement.execute("SET SESSION time_zone = '+00:00', sql_mode = 'NO_ENGINE_SUBSTITUTION,NO_AUTO_VALUE_ON_ZERO', "
                    + "foreign_key_checks = 0");
        }
        connection.setAutoCommit(false);
        return connection;
    }

    public String describe() {
        return target.host() + ":" + target.port();
    }

    public String user() {
        return target.user();
    }
}
