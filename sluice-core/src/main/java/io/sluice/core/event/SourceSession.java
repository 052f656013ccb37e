package io.sluice.core.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * The source session a transaction's first statement ran in, as far as the binlog records it. A
 * DDL that evaluates the clock or reads temporal text (a column added with
 * {@code DEFAULT CURRENT_TIMESTAMP} fills existing rows with the statement's start time; a
 * TIMESTAMP default literal is read in the session time zone) must run on the target under the
 * same settings, as native replicas do with {@code SET TIMESTAMP} and the query event's time zone.
 *
 * @param startTime when the statement started on the source: microseconds when the binlog logs
 *     them (the statement read them), else whole seconds
 * @param timeZone the session time zone, present when the statement used it (the binlog records
 *     it only then), e.g. {@code +02:00}, {@code Europe/Berlin} or {@code SYSTEM}
 * @param explicitDefaultsForTimestamp the session's {@code explicit_defaults_for_timestamp}, when
 *     the binlog records it (MySQL 8 does for DDL; MariaDB does not)
 */
public record SourceSession(Instant startTime, Optional<String> timeZone, Optional<Boolean> explicitDefaultsForTimestamp) {
    public SourceSession {
        requireNonNull(startTime, "startTime is null");
        requireNonNull(timeZone, "timeZone is null");
        requireNonNull(explicitDefaultsForTimestamp, "explicitDefaultsForTimestamp is null");
        if (startTime.getNano() % 1_000 != 0) {
            throw new IllegalArgumentException("start time has more than microsecond precision: " + startTime);
        }
        timeZone.ifPresent(zone -> {
            if (zone.isEmpty() || zone.indexOf('\'') >= 0 || zone.indexOf('\\') >= 0) {
                throw new IllegalArgumentException("invalid time zone name: " + zone);
            }
        });
    }

    /** A session of which only the start time is known. */
    public static SourceSession startedAt(Instant startTime) {
        return new SourceSession(startTime, Optional.empty(), Optional.empty());
    }

    /** The start time as MySQL's {@code SET TIMESTAMP} takes it: epoch seconds, with six fractional digits when it has any. */
    public String timestampText() {
        long seconds = startTime.getEpochSecond();
        int micros = startTime.getNano() / 1_000;
        return micros == 0 ? Long.toString(seconds) : "%d.%06d".formatted(seconds, micros);
    }
}
