package io.sluice.config.job;

import io.sluice.core.position.BinlogPosition;
import io.sluice.core.position.FilePosition;
import io.sluice.core.position.MariaDbGtidList;
import io.sluice.core.position.MySqlGtidSet;
import io.sluice.core.position.MySqlGtidSet.Interval;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * dtle's {@code GtidStart}: the first transaction to replicate, one per source UUID, such as
 * {@code 3e11fa47-71ca-11e1-9e33-c80aa9429562:15}. dtle turns it into an executed set by taking
 * the source's {@code gtid_executed} at start and cutting, for each named UUID, every transaction
 * from that number on. Sluice's start position is fixed when the job is read, before any
 * connection, so it takes "everything before the start" for each named UUID,
 * {@code uuid:1-14}. The two agree for every UUID the GtidStart names; they differ for UUIDs it
 * does not name, which dtle treats as fully executed and Sluice as not executed at all (so it
 * replays them from the oldest binlog the source still has). Naming every UUID of the source's
 * {@code gtid_executed} makes the two identical.
 */
final class GtidStarts
{
    private static final String FORMAT = "one GTID per source UUID, the first transaction to replicate, such as 3e11fa47-71ca-11e1-9e33-c80aa9429562:15";

    private GtidStarts() {}

    /**
     * The GTID set executed before the start.
     *
     * @throws IllegalArgumentException when the text is not a MySQL GTID list in that form, or
     * when every named start is transaction 1 (nothing before it is executed, which no start
     * position can express)
     */
    static String executedBefore(String gtidStart)
    {
        BinlogPosition parsed = BinlogPosition.parse(gtidStart);
        if (parsed instanceof MariaDbGtidList) {
            throw new IllegalArgumentException("'%s' is a MariaDB GTID; GtidStart takes MySQL GTIDs, as in dtle. For MariaDB give Gtid the last executed GTID of each domain instead, e.g. 0-1-99 to start after 0-1-99"
                    .formatted(gtidStart.strip()));
        }
        if (parsed instanceof FilePosition) {
            throw new IllegalArgumentException("'%s' is a binlog file position, not a GTID; give it as BinlogFile and BinlogPos instead".formatted(gtidStart.strip()));
        }
        MySqlGtidSet set = (MySqlGtidSet) parsed;
        List<String> executed = new ArrayList<>();
        for (UUID sourceId : set.sourceIds()) {
            List<Interval> intervals = set.intervals(sourceId);
            if (intervals.size() != 1 || intervals.getFirst().start() != intervals.getFirst().end()) {
                throw new IllegalArgumentException("'%s' names %s for %s; GtidStart takes %s"
                        .formatted(gtidStart.strip(), intervals.size() == 1 ? "the range " + intervals.getFirst() : "several ranges", sourceId, FORMAT));
            }
            long first = intervals.getFirst().start();
            if (first > 1) {
                executed.add(sourceId + ":1-" + (first - 1));
            }
        }
        if (executed.isEmpty()) {
            throw new IllegalArgumentException("'%s' starts at the first transaction of every source UUID it names, so nothing counts as executed, and a start position cannot be an empty GTID set; leave GtidStart, Gtid and BinlogFile empty to copy the existing rows first, or give BinlogFile and BinlogPos of the oldest binlog"
                    .formatted(gtidStart.strip()));
        }
        return String.join(",", executed);
    }
}
