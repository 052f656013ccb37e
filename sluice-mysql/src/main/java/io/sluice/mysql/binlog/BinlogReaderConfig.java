package io.sluice.mysql.binlog;

import static java.util.Objects.requireNonNull;

import io.sluice.core.config.Secret;
import io.sluice.core.position.BinlogPosition;

import java.time.Duration;

/**
 * How to connect to a source as a replica and where to start reading.
 *
 * @param serverId the replica server id Sluice presents; must differ from every server and replica in the topology
 * @param start where to start: a file position, a MariaDB GTID list or a MySQL GTID set; null for the current end of the binlog
 * @param heartbeat how often the source sends a heartbeat when idle; a connection silent for three heartbeats is re-established
 * @param reconnectTimeout how long to keep reconnecting after the source became unreachable before giving up
 */
public record BinlogReaderConfig(
        String host,
        int port,
        String user,
        Secret password,
        long serverId,
        BinlogPosition start,
        Duration connectTimeout,
        Duration heartbeat,
        Duration reconnectTimeout) {
    public BinlogReaderConfig {
        requireNonNull(host, "host is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(heartbeat, "heartbeat is null");
        requireNonNull(reconnectTimeout, "reconnectTimeout is null");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
        if (serverId < 1 || serverId > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("server id must be 1..4294967295, was " + serverId);
        }
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("heartbeat must be positive, was " + heartbeat);
        }
    }

    public static BinlogReaderConfig of(String host, int port, String user, Secret password, long serverId, BinlogPosition start) {
        return new BinlogReaderConfig(host, port, user, password, serverId, start,
                Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMinutes(5));
    }

    public BinlogReaderConfig withReconnectTimeout(Duration timeout) {
        return new BinlogReaderConfig(host, port, user, password, serverId, start, connectTimeout, heartbeat, timeout);
    }

    public BinlogReaderConfig withHeartbeat(Duration interval) {
        return new BinlogReaderConfig(host, port, user, password, serverId, start, connectTimeout, interval, reconnectTimeout);
    }
}
