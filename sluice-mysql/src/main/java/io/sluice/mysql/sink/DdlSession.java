package io.sluice.mysql.sink;

import static java.util.Objects.requireNonNull;

import io.sluice.core.event.SourceSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * Runs a DDL statement under the source session it ran in, as native replicas do: the session
 * clock set to the statement's start ({@code ADD COLUMN ... DEFAULT CURRENT_TIMESTAMP} fills the
 * existing rows with it), the source's time zone when the statement used one (TIMESTAMP default
 * literals are read in it), and {@code explicit_defaults_for_timestamp} when the binlog records it.
 * Closing restores the sink's own session (its clock and UTC).
 */
final class DdlSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DdlSession.class);
    private static final int UNKNOWN_TIME_ZONE = 1298;
    private static final java.util.regex.Pattern TIME_ZONE_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_/+:.-]{1,64}");

    private final Statement statement;
    private boolean explicitDefaultsSet;

    private DdlSession(Statement statement) {
        this.statement = statement;
    }

    static DdlSession enter(Statement statement, SourceSession session) throws SQLException {
        requireNonNull(session, "session is null");
        DdlSession entered = new DdlSession(requireNonNull(statement, "statement is null"));
        statement.execute("SET @sluice_time_zone = @@session.time_zone, TIMESTAMP = " + session.timestampText());
        if (session.timeZone().isPresent()) {
            entered.timeZone(session);
        }
        if (session.explicitDefaultsForTimestamp().isPresent()) {
            try {
                statement.execute("SET @sluice_explicit_defaults = @@session.explicit_defaults_for_timestamp, "
                        + "SESSION explicit_defaults_for_timestamp = " + (session.explicitDefaultsForTimestamp().get() ? 1 : 0));
                entered.explicitDefaultsSet = true;
            }
            catch (SQLException e) {
                // read-only on older servers: the target's own setting applies, as on a native replica of that version
                LOG.debug("explicit_defaults_for_timestamp not settable on the target: {}", e.getMessage());
            }
        }
        return entered;
    }

    private void timeZone(SourceSession session) throws SQLException {
        String zone = session.timeZone().get();
        if (!TIME_ZONE_NAME.matcher(zone).matches()) {
            // only names and offsets are quoted into the statement
            LOG.warn("The source's time zone '{}' is not a zone name or offset; running the DDL in UTC", zone);
            return;
        }
        try {
            statement.execute("SET time_zone = '" + zone + "'");
        }
        catch (SQLException e) {
            if (e.getErrorCode() != UNKNOWN_TIME_ZONE) {
                throw e;
            }
            // the target has no time zone tables: the zone's offset at the statement's start is what the source used then
            String offset;
            try {
                offset = ZoneId.of(zone).getRules().getOffset(session.startTime()).getId();
            }
            catch (DateTimeException unknown) {
                LOG.warn("The target does not know the source's time zone '{}' (load its time zone tables with mariadb-tzinfo-to-sql); "
                        + "running the DDL in UTC", zone);
                return;
            }
            statement.execute("SET time_zone = '" + ("Z".equals(offset) ? "+00:00" : offset) + "'");
        }
    }

    @Override
    public void close() throws SQLException {
        statement.execute("SET TIMESTAMP = DEFAULT, time_zone = @sluice_time_zone"
                + (explicitDefaultsSet ? ", SESSION explicit_defaults_for_timestamp = @sluice_explicit_defaults" : ""));
    }
}
