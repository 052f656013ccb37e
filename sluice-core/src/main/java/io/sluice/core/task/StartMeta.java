package io.sluice.core.task;

import io.sluice.core.position.BinlogPosition;
import io.sluice.core.position.FilePosition;
import io.sluice.core.position.GtidPosition;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where an incremental task starts reading a source's binlog, as DM's
 * {@code mysql-instances[].meta} gives it: a binlog file name with an optional offset, a GTID set,
 * or both. A meta with only an offset is rejected because an offset means nothing without its
 * file; the values are checked here so that a bad meta fails when the task is loaded, not when
 * replication starts.
 */
public record StartMeta(String binlogName, Long binlogPos, String binlogGtid)
{
    /** The offset of the first event in a binlog file, used when a meta names a file but no offset. */
    public static final long FIRST_EVENT_POSITION = 4;

    public StartMeta
    {
        if (binlogName == null && binlogGtid == null) {
            throw new IllegalArgumentException(binlogPos == null
                    ? "meta must have a binlog name or a binlog GTID set"
                    : "meta has a binlog position but no binlog name it belongs to");
        }
        if (binlogName != null) {
            // FilePosition validates the name and the offset; building it here fails early.
            new FilePosition(binlogName, binlogPos == null ? FIRST_EVENT_POSITION : binlogPos);
        }
        else if (binlogPos != null) {
            throw new IllegalArgumentException("meta has a binlog position but no binlog name it belongs to");
        }
        if (binlogGtid != null) {
            parseGtid(binlogGtid);
        }
    }

    /**
     * The position to start from: the GTID set when there is one, otherwise the binlog file at
     * the given offset (4, its first event, if none). Never empty for a constructed meta, since
     * the constructor requires a file name or a GTID set.
     */
    public Optional<BinlogPosition> position()
    {
        if (binlogGtid != null) {
            return Optional.of(parseGtid(binlogGtid));
        }
        requireNonNull(binlogName, "binlogName is null");
        return Optional.of(new FilePosition(binlogName, binlogPos == null ? FIRST_EVENT_POSITION : binlogPos));
    }

    private static GtidPosition parseGtid(String text)
    {
        // BinlogPosition.parse also reads file:pos, which is not a GTID set and would silently
        // turn a misplaced file position into a file-based start.
        if (BinlogPosition.parse(text) instanceof GtidPosition gtid) {
            return gtid;
        }
        throw new IllegalArgumentException("binlog GTID set '%s' is a file position, not a GTID set; put the file in binlog-name and the offset in binlog-pos".formatted(text));
    }
}
