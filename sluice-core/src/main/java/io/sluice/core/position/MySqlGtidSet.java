package io.sluice.core.position;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import static java.util.Objects.requireNonNull;
import static java.util.stream.Collectors.joining;

/**
 * An immutable MySQL GTID set, as found in {@code gtid_executed}: for each source server UUID, the
 * transaction numbers executed, stored as a sorted list of disjoint, non-adjacent closed intervals
 * (adding 4-5 to 1-3 yields 1-5). The text form is canonical like MySQL's: UUIDs in lower case and
 * ascending order, {@code uuid:1-5:7} (a single number for a one-element interval), elements joined
 * by {@code ","}. Two sets are equal when they contain the same transactions.
 */
public final class MySqlGtidSet
        implements GtidPosition
{
    private static final String EXPECTED = "uuid:interval[:interval...][,uuid:...] such as 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5";

    // UUID.compareTo compares the halves as signed longs, which does not match the textual order
    // MySQL prints; comparing them unsigned orders exactly like the lower case hex text.
    private static final Comparator<UUID> UUID_ORDER = Comparator
            .comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
            .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

    private static final MySqlGtidSet EMPTY = new MySqlGtidSet(new TreeMap<>(UUID_ORDER));

    // Never contains an empty interval list; each list is immutable, sorted, disjoint and non-adjacent.
    private final SortedMap<UUID, List<Interval>> intervals;

    /**
     * A closed range {@code [start, end]} of transaction numbers of one source; {@code 1-5} in text
     * form, or just {@code 7} when it holds a single transaction.
     */
    public record Interval(long start, long end)
    {
        public Interval
        {
            if (start < 1) {
                throw new IllegalArgumentException("interval start must be at least 1 (transaction numbers start at 1): " + start);
            }
            if (end < start) {
                throw new IllegalArgumentException("interval end must not be before its start: " + start + "-" + end);
            }
        }

        public boolean contains(long transactionNumber)
        {
            return start <= transactionNumber && transactionNumber <= end;
        }

        @Override
        public String toString()
        {
            return start == end ? Long.toString(start) : start + "-" + end;
        }
    }

    private MySqlGtidSet(TreeMap<UUID, List<Interval>> intervals)
    {
        this.intervals = Collections.unmodifiableSortedMap(intervals);
    }

    public static MySqlGtidSet empty()
    {
        return EMPTY;
    }

    /**
     * Parses a GTID set as MySQL prints it, e.g. {@code 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7,
     * 4f22...:3}. Blank text is the empty set. UUIDs may be upper or lower case and may repeat;
     * intervals may be unordered or overlap; whitespace and newlines around commas are tolerated.
     * Empty elements, transaction number 0, reversed intervals, numbers beyond the {@code long}
     * range and MySQL 8.4 tagged GTIDs ({@code uuid:tag:1-5}) are rejected.
     */
    public static MySqlGtidSet parse(String text)
    {
        requireNonNull(text, "text is null");
        try {
            return parseStrict(text);
        }
        catch (IllegalArgumentException e) {
            throw TextParsing.invalid("MySQL GTID set", text, EXPECTED, e);
        }
    }

    private static MySqlGtidSet parseStrict(String text)
    {
        if (text.isBlank()) {
            return EMPTY;
        }
        Map<UUID, List<Interval>> collected = new TreeMap<>(UUID_ORDER);
        for (String element : text.split(",", -1)) {
            String stripped = element.strip();
            if (stripped.isEmpty()) {
                throw new IllegalArgumentException("empty element between commas");
            }
            int colon = stripped.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("missing ':' between source UUID and intervals in '%s'".formatted(stripped));
            }
            UUID sourceId = TextParsing.parseUuid(stripped.substring(0, colon));
            List<Interval> sourceIntervals = collected.computeIfAbsent(sourceId, ignored -> new ArrayList<>());
            for (String interval : stripped.substring(colon + 1).split(":", -1)) {
                sourceIntervals.add(parseInterval(interval));
            }
        }
        TreeMap<UUID, List<Interval>> normalized = new TreeMap<>(UUID_ORDER);
        collected.forEach((sourceId, sourceIntervals) -> normalized.put(sourceId, normalize(sourceIntervals)));
        return new MySqlGtidSet(normalized);
    }

    private static Interval parseInterval(String text)
    {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty interval");
        }
        char first = text.charAt(0);
        if (first == '_' || Character.isLetter(first)) {
            throw new IllegalArgumentException("tagged GTIDs (MySQL 8.4 uuid:tag:interval) are not supported, found tag '%s'".formatted(text));
        }
        int dash = text.indexOf('-');
        if (dash < 0) {
            long number = TextParsing.parseDecimal(text, "transaction number", Long.MAX_VALUE);
            return new Interval(number, number);
        }
        return new Interval(
                TextParsing.parseDecimal(text.substring(0, dash), "interval start", Long.MAX_VALUE),
                TextParsing.parseDecimal(text.substring(dash + 1), "interval end", Long.MAX_VALUE));
    }

    public boolean isEmpty()
    {
        return intervals.isEmpty();
    }

    /**
     * Returns the source UUIDs that have at least one transaction in this set, in canonical order.
     */
    public Set<UUID> sourceIds()
    {
        return intervals.keySet();
    }

    /**
     * Returns the sorted, disjoint, non-adjacent intervals of the given source, empty when the
     * source has no transactions in this set.
     */
    public List<Interval> intervals(UUID sourceId)
    {
        requireNonNull(sourceId, "sourceId is null");
        return intervals.getOrDefault(sourceId, List.of());
    }

    public boolean contains(MySqlGtid gtid)
    {
        requireNonNull(gtid, "gtid is null");
        List<Interval> sourceIntervals = intervals(gtid.sourceId());
        int index = floorIndex(sourceIntervals, gtid.transactionNumber());
        return index >= 0 && sourceIntervals.get(index).end() >= gtid.transactionNumber();
    }

    @Override
    public boolean contains(TransactionId gtid)
    {
        return contains(asMySqlGtid(gtid));
    }

    /**
     * Returns true when every transaction of {@code other} is in this set.
     */
    public boolean containsAll(MySqlGtidSet other)
    {
        requireNonNull(other, "other is null");
        for (Map.Entry<UUID, List<Interval>> entry : other.intervals.entrySet()) {
            List<Interval> mine = intervals(entry.getKey());
            for (Interval interval : entry.getValue()) {
                // Our intervals are non-adjacent, so a covered interval lies within a single one.
                int index = floorIndex(mine, interval.start());
                if (index < 0 || mine.get(index).end() < interval.end()) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public MySqlGtidSet with(TransactionId gtid)
    {
        MySqlGtid mySqlGtid = asMySqlGtid(gtid);
        if (contains(mySqlGtid)) {
            return this;
        }
        TreeMap<UUID, List<Interval>> result = new TreeMap<>(intervals);
        List<Interval> sourceIntervals = new ArrayList<>(intervals(mySqlGtid.sourceId()));
        sourceIntervals.add(new Interval(mySqlGtid.transactionNumber(), mySqlGtid.transactionNumber()));
        result.put(mySqlGtid.sourceId(), normalize(sourceIntervals));
        return new MySqlGtidSet(result);
    }

    /**
     * Returns the set of transactions in this set or in {@code other}.
     */
    public MySqlGtidSet union(MySqlGtidSet other)
    {
        requireNonNull(other, "other is null");
        if (other.isEmpty() || containsAll(other)) {
            return this;
        }
        TreeMap<UUID, List<Interval>> result = new TreeMap<>(intervals);
        other.intervals.forEach((sourceId, otherIntervals) -> {
            List<Interval> merged = new ArrayList<>(intervals(sourceId));
            merged.addAll(otherIntervals);
            result.put(sourceId, normalize(merged));
        });
        return new MySqlGtidSet(result);
    }

    /**
     * Returns the transactions of this set that are not in {@code other}, splitting intervals where
     * {@code other} removes transactions from their middle.
     */
    public MySqlGtidSet subtract(MySqlGtidSet other)
    {
        requireNonNull(other, "other is null");
        TreeMap<UUID, List<Interval>> result = new TreeMap<>(UUID_ORDER);
        intervals.forEach((sourceId, mine) -> {
            List<Interval> remaining = subtract(mine, other.intervals(sourceId));
            if (!remaining.isEmpty()) {
                result.put(sourceId, remaining);
            }
        });
        return new MySqlGtidSet(result);
    }

    // Both lists sorted, disjoint and non-adjacent; so is the result, because pieces of one of our
    // intervals are separated by removed transactions and pieces of different ones by our gaps.
    private static List<Interval> subtract(List<Interval> mine, List<Interval> theirs)
    {
        if (theirs.isEmpty()) {
            return mine;
        }
        List<Interval> result = new ArrayList<>();
        int first = 0;
        for (Interval interval : mine) {
            long start = interval.start();
            long end = interval.end();
            while (first < theirs.size() && theirs.get(first).end() < start) {
                first++;
            }
            boolean removedTail = false;
            // Do not advance 'first' past an interval that may also overlap our next interval.
            for (int i = first; i < theirs.size() && theirs.get(i).start() <= end; i++) {
                Interval removed = theirs.get(i);
                if (removed.start() > start) {
                    result.add(new Interval(start, removed.start() - 1));
                }
                if (removed.end() >= end) {
                    removedTail = true;
                    break;
                }
                start = removed.end() + 1;
            }
            if (!removedTail) {
                result.add(new Interval(start, end));
            }
        }
        return List.copyOf(result);
    }

    // Sorts and merges overlapping or adjacent intervals.
    private static List<Interval> normalize(List<Interval> input)
    {
        List<Interval> sorted = new ArrayList<>(input);
        sorted.sort(Comparator.comparingLong(Interval::start));
        List<Interval> result = new ArrayList<>();
        Interval current = sorted.getFirst();
        for (Interval next : sorted.subList(1, sorted.size())) {
            // Written as start - 1 <= end because end + 1 overflows when end is Long.MAX_VALUE.
            if (next.start() - 1 <= current.end()) {
                current = new Interval(current.start(), Math.max(current.end(), next.end()));
            }
            else {
                result.add(current);
                current = next;
            }
        }
        result.add(current);
        return List.copyOf(result);
    }

    // Index of the last interval starting at or before the transaction number, or -1.
    private static int floorIndex(List<Interval> sorted, long transactionNumber)
    {
        int low = 0;
        int high = sorted.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (sorted.get(middle).start() <= transactionNumber) {
                low = middle + 1;
            }
            else {
                high = middle - 1;
            }
        }
        return high;
    }

    private static MySqlGtid asMySqlGtid(TransactionId gtid)
    {
        requireNonNull(gtid, "gtid is null");
        if (gtid instanceof MySqlGtid mySqlGtid) {
            return mySqlGtid;
        }
        throw new IllegalArgumentException("A MySQL GTID set can only hold MySQL GTIDs (uuid:n), not %s '%s'".formatted(gtid.getClass().getSimpleName(), gtid));
    }

    @Override
    public boolean equals(Object o)
    {
        if (this == o) {
            return true;
        }
        return o instanceof MySqlGtidSet other && intervals.equals(other.intervals);
    }

    @Override
    public int hashCode()
    {
        return intervals.hashCode();
    }

    @Override
    public String toString()
    {
        return intervals.entrySet().stream()
                .map(entry -> entry.getKey() + ":" + entry.getValue().stream().map(Interval::toString).collect(joining(":")))
                .collect(joining(","));
    }
}
