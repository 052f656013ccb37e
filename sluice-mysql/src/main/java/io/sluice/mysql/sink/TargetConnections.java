package io.sluice.mysql.sink;

import static java.util.Objects.requireNonNull;

import io.sluice.core.task.Endpoint;
import io.sluice.mysql.jdbc.MysqlConnections;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

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
        return open(false);
    }

    /**
     * @param localInfile whether the connection may send {@code LOAD DATA LOCAL INFILE} data (the
     *     full copy's writers); the session is the same either way
     */
    public Connection open(boolean localInfile) throws SQLException {
        Connection connection = MysqlConnections.open(target, localInfile);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION,NO_AUTO_VALUE_ON_ZERO', foreign_key_checks = 0");
            connection.setAutoCommit(false);
        }
        catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    public String describe() {
        return target.host() + ":" + target.port();
    }

    public String user() {
        return target.user();
    }
}
