package io.sluice.core.value;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A TIMESTAMP value: an instant in UTC with microseconds, as the binlog stores it. The zero
 * timestamp {@code 0000-00-00 00:00:00} is epoch second 0 with zero micros, exactly as MySQL
 * encodes it; MySQL cannot store the real instant 1970-01-01 00:00:00 UTC.
 */
public record MysqlTimestamp(long epochSecond, int micros) implements Serializable {
    public MysqlTimestamp {
        if (epochSecond < 0 || epochSecond > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("TIMESTAMP seconds out of range: " + epochSecond);
        }
        Fraction.checkMicros(micros);
    }

    public boolean isZero() {
        return epochSecond == 0 && micros == 0;
    }

    public Instant toInstant() {
        return Instant.ofEpochSecond(epochSecond, micros * 1000L);
    }

    /** MySQL text form in the given session time zone with {@code fsp} fractional digits. */
    public String format(int fsp, ZoneId zone) {
        if (isZero()) {
            StringBuilder zero = new StringBuilder("0000-00-00 00:00:00");
            Fraction.append(zero, 0, fsp);
            return zero.toString();
        }
        LocalDateTime local = LocalDateTime.ofInstant(toInstant(), zone);
        return new MysqlDateTime(local.getYear(), local.getMonthValue(), local.getDayOfMonth(),
                local.getHour(), local.getMinute(), local.getSecond(), micros).format(fsp);
    }

    /** Text form in UTC with all six fractional digits. */
    @Override
    public String toString() {
        return format(6, ZoneOffset.UTC);
    }
}
