package io.sluice.mysql.binlog;

import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.mysql.schema.MysqlCharsets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A query event with the status variables a statement's replay depends on, which the binlog
 * library skips: the session time zone, the statement's start microseconds and
 * {@code explicit_defaults_for_timestamp}, and the statement's {@code character_set_client},
 * in which its text is decoded (the library decodes it as UTF-8: a latin1 or gbk client's
 * non-ASCII literals, comments and ENUM members came out wrong). Parsing stops at the first
 * status variable it does not know (its length is unknown), as the server's own parser does; what
 * came before is kept.
 */
final class SessionQueryEventData extends QueryEventData {
    // status variable codes, shared by MySQL and MariaDB below 128 (log_event.h)
    private static final int Q_FLAGS2 = 0;
    private static final int Q_SQL_MODE = 1;
    private static final int Q_CATALOG = 2;
    private static final int Q_AUTO_INCREMENT = 3;
    private static final int Q_CHARSET = 4;
    private static final int Q_TIME_ZONE = 5;
    private static final int Q_CATALOG_NZ = 6;
    private static final int Q_LC_TIME_NAMES = 7;
    private static final int Q_CHARSET_DATABASE = 8;
    private static final int Q_TABLE_MAP_FOR_UPDATE = 9;
    private static final int Q_MASTER_DATA_WRITTEN = 10;
    private static final int Q_INVOKER = 11;
    private static final int Q_UPDATED_DB_NAMES = 12;
    private static final int Q_MICROSECONDS = 13;
    private static final int Q_EXPLICIT_DEFAULTS_FOR_TIMESTAMP = 16;
    private static final int Q_DDL_LOGGED_WITH_XID = 17;
    private static final int Q_DEFAULT_COLLATION_FOR_UTF8MB4 = 18;
    private static final int Q_SQL_REQUIRE_PRIMARY_KEY = 19;
    private static final int Q_DEFAULT_TABLE_ENCRYPTION = 20;
    // MariaDB's own codes
    private static final int Q_HRNOW = 128;
    private static final int Q_XID = 129;
    private static final int Q_GTID_FLAGS3 = 130;
    private static final int MAX_DBS_IN_EVENT_MTS = 16;

    private String timeZone;
    private int micros = -1;
    private int explicitDefaultsForTimestamp = -1;
    // character_set_client's collation id from Q_CHARSET, -1 when not logged
    private int clientCollation = -1;

    /** The session time zone when the statement used it, else null. */
    String timeZone() {
        return timeZone;
    }

    /** The statement's start microseconds when logged, else -1. */
    int micros() {
        return micros;
    }

    /** 1 or 0 when logged, else -1. */
    int explicitDefaultsForTimestamp() {
        return explicitDefaultsForTimestamp;
    }

    void parseStatusVariables(byte[] status) {
        int at = 0;
        while (at < status.length) {
            int code = status[at++] & 0xFF;
            int length = switch (code) {
                case Q_FLAGS2, Q_MASTER_DATA_WRITTEN -> 4;
                case Q_SQL_MODE, Q_TABLE_MAP_FOR_UPDATE, Q_DDL_LOGGED_WITH_XID, Q_XID -> 8;
                case Q_CATALOG -> at < status.length ? (status[at] & 0xFF) + 2 : -1;
                case Q_AUTO_INCREMENT -> 4;
                case Q_CHARSET -> 6;
                case Q_TIME_ZONE, Q_CATALOG_NZ -> at < status.length ? (status[at] & 0xFF) + 1 : -1;
                case Q_LC_TIME_NAMES, Q_CHARSET_DATABASE, Q_DEFAULT_COLLATION_FOR_UTF8MB4 -> 2;
                case Q_INVOKER -> invokerLength(status, at);
                case Q_UPDATED_DB_NAMES -> updatedDbNamesLength(status, at);
                case Q_MICROSECONDS, Q_HRNOW -> 3;
                case Q_EXPLICIT_DEFAULTS_FOR_TIMESTAMP, Q_SQL_REQUIRE_PRIMARY_KEY, Q_DEFAULT_TABLE_ENCRYPTION, Q_GTID_FLAGS3 -> 1;
                default -> -1;
            };
            if (length < 0 || at + length > status.length) {
                return;
            }
            switch (code) {
                case Q_TIME_ZONE -> timeZone = new String(status, at + 1, status[at] & 0xFF, StandardCharsets.UTF_8);
                case Q_MICROSECONDS, Q_HRNOW -> micros = (status[at] & 0xFF) | (status[at + 1] & 0xFF) << 8 | (status[at + 2] & 0xFF) << 16;
                case Q_EXPLICIT_DEFAULTS_FOR_TIMESTAMP -> explicitDefaultsForTimestamp = status[at] == 0 ? 0 : 1;
                case Q_CHARSET -> clientCollation = (status[at] & 0xFF) | (status[at + 1] & 0xFF) << 8;
                default -> { }
            }
            at += length;
        }
    }

    /**
     * The statement's text from its bytes in the client's charset. Without {@code Q_CHARSET}, or
     * with a collation id MariaDB does not have (MySQL 8's utf8mb4 ones), it is UTF-8, which is
     * what those servers' clients send; bytes that are not UTF-8 then stop the reader rather than
     * replicate a DDL with altered literals.
     */
    String decodeStatement(byte[] sql) {
        java.util.Optional<String> charset = clientCollation < 0 ? java.util.Optional.empty() : MysqlCharsets.charsetOfCollationId(clientCollation);
        if (charset.isPresent() && !charset.get().equals("binary")) {
            try {
                return MysqlCharsets.decoder(charset.get()).decode(sql);
            }
            catch (IllegalArgumentException unsupported) {
                // a charset without a decoder: UTF-8 below, checked
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(sql)).toString();
        }
        catch (java.nio.charset.CharacterCodingException e) {
            throw new SluiceException(ErrorCode.BINLOG_EVENT_UNDECODABLE,
                    "A query event's statement is not UTF-8 and its client character set (collation id " + clientCollation
                            + ") is not one Sluice knows: " + new String(sql, 0, Math.min(sql.length, 200), StandardCharsets.UTF_8),
                    "Run DDL on the source from a client using a MariaDB character set (SET NAMES utf8mb4), and skip this statement "
                            + "with sql-skip after running its equivalent on the target by hand.", e);
        }
    }

    private static int invokerLength(byte[] status, int at) {
        if (at >= status.length) {
            return -1;
        }
        int user = status[at] & 0xFF;
        int host = at + 1 + user;
        return host < status.length ? 1 + user + 1 + (status[host] & 0xFF) : -1;
    }

    private static int updatedDbNamesLength(byte[] status, int at) {
        if (at >= status.length) {
            return -1;
        }
        int count = status[at] & 0xFF;
        int end = at + 1;
        if (count > MAX_DBS_IN_EVENT_MTS) {
            // OVER_MAX_DBS_IN_EVENT_MTS (254): no names follow
            return 1;
        }
        for (int i = 0; i < count; i++) {
            while (end < status.length && status[end] != 0) {
                end++;
            }
            end++;
        }
        return end <= status.length ? end - at : -1;
    }

    /** Reads a query event as the library does, keeping the status variables. */
    static final class Deserializer implements EventDataDeserializer<QueryEventData> {
        @Override
        public QueryEventData deserialize(ByteArrayInputStream in) throws IOException {
            SessionQueryEventData data = new SessionQueryEventData();
            data.setThreadId(in.readLong(4));
            data.setExecutionTime(in.readLong(4));
            in.skip(1);
            data.setErrorCode(in.readInteger(2));
            data.parseStatusVariables(in.read(in.readInteger(2)));
            data.setDatabase(in.readZeroTerminatedString());
            data.setSql(data.decodeStatement(in.read(in.available())));
            return data;
        }
    }
}
