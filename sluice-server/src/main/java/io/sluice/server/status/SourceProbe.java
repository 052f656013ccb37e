package io.sluice.server.status;

import io.sluice.core.event.ResumePosition;
import io.sluice.core.task.SourceConfig;
import io.sluice.core.task.InstanceConfig;
import io.sluice.mysql.binlog.SourcePositions;
import io.sluice.mysql.jdbc.MysqlConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What query-status needs from the sources themselves: the end of each source's binlog
 * ({@code masterBinlog}), cached for a second so that polling status does not load the source, and
 * the size of the tables a subtask copies ({@code load.totalBytes}), read once per task. A source
 * that cannot be reached leaves the fields empty rather than failing the status call.
 */
public final class SourceProbe {
    private static final Logger LOG = LoggerFactory.getLogger(SourceProbe.class);
    private static final long CACHE_NANOS = 1_000_000_000L;

    private final Map<String, Cached> ends = new ConcurrentHashMap<>();
    private final Map<String, Long> sizes = new ConcurrentHashMap<>();

    public Optional<ResumePosition> binlogEnd(SourceConfig source) {
        Cached cached = ends.get(source.sourceId());
        long now = System.nanoTime();
        if (cached != null && now - cached.nanos() < CACHE_NANOS) {
            return cached.position();
        }
        Optional<ResumePosition> position;
        try (Connection connection = MysqlConnections.open(source.from())) {
            position = Optional.of(SourcePositions.currentEnd(connection));
        }
        catch (SQLException | RuntimeException e) {
            LOG.debug("{}: binlog end unknown: {}", source.sourceId(), e.getMessage());
            position = Optional.empty();
        }
        ends.put(source.sourceId(), new Cached(position, now));
        return position;
    }

    /** Bytes of data (InnoDB's estimate) in the tables the instance selects on the source; 0 when unknown. */
    public long selectedBytes(String task, InstanceConfig instance, SourceConfig source) {
        return sizes.computeIfAbsent(task + "\u0000" + source.sourceId(), ignored -> {
            long total = 0;
            try (Connection connection = MysqlConnections.open(source.from());
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME, COALESCE(DATA_LENGTH, 0) FROM information_schema.TABLES "
                            + "WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA NOT IN ('mysql', 'sys', 'information_schema', 'performance_schema')")) {
                while (rows.next()) {
                    if (instance.rules().selector().allowsTable(rows.getString(1), rows.getString(2))) {
                        total += rows.getLong(3);
                    }
                }
            }
            catch (SQLException | RuntimeException e) {
                LOG.debug("{}: table sizes unknown: {}", source.sourceId(), e.getMessage());
            }
            return total;
        });
    }

    private record Cached(Optional<ResumePosition> position, long nanos) {}
}
