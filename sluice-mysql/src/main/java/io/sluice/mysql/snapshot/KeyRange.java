package io.sluice.mysql.snapshot;

import static java.util.Objects.requireNonNull;

import io.sluice.core.schema.Column;
import io.sluice.core.schema.ColumnType;
import io.sluice.core.schema.TableId;
import io.sluice.mysql.sink.MetaStore.RangeProgress;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * One of the key ranges a big table is copied in, by the first column of its chunk key, which is
 * an integer: the rows whose value is at least {@code lower} and below {@code upper}. The first
 * range has no lower bound and the last none upper, so together the ranges hold every row,
 * also rows written after the bounds were chosen. All rows with one value of the first column
 * fall into one range, so composite keys split too.
 */
record KeyRange(int number, BigInteger lower, BigInteger upper) {
    KeyRange {
        if (lower != null && upper != null && lower.compareTo(upper) >= 0) {
            throw new IllegalArgumentException("empty key range " + number + ": [" + lower + ", " + upper + ")");
        }
    }

    static KeyRange of(RangeProgress range) {
        return new KeyRange(range.range(),
                range.lowerBound() == null ? null : new BigInteger(range.lowerBound()),
                range.upperBound() == null ? null : new BigInteger(range.upperBound()));
    }

    RangeProgress planned(String definition) {
        return RangeProgress.planned(number, lower == null ? null : lower.toString(), upper == null ? null : upper.toString(), definition);
    }

    /**
     * {@code `id` >= 100 AND `id` < 200}, or null for the whole table. The bounds are integers
     * written as literals, compared exactly with an integer column of any width or sign.
     */
    String condition(Column column) {
        StringJoiner condition = new StringJoiner(" AND ");
        if (lower != null) {
            condition.add(TableId.quote(column.name()) + " >= " + lower);
        }
        if (upper != null) {
            condition.add(TableId.quote(column.name()) + " < " + upper);
        }
        return condition.length() == 0 ? null : condition.toString();
    }

    /** Whether a table with this chunk key can be split into ranges: its first column is an integer. */
    static boolean splittable(List<Column> chunkKey) {
        return !chunkKey.isEmpty() && chunkKey.getFirst().type().category() == ColumnType.Category.INTEGER;
    }

    /**
     * How many ranges to copy a table of about {@code tableRows} rows in, when the tables left to
     * copy hold about {@code totalRows}: enough that the work comes in units of about a half
     * thread's share ({@code totalRows / (2 * copyThreads)}), so threads that finish early find
     * work and none is left with a big table alone. Tables that already keep the threads busy are
     * not split (each range costs a snapshot, a verification and connections), nor are tables of
     * four chunks or fewer; a range gets at least two chunks, and a table at most two ranges per
     * thread.
     */
    static int parts(long tableRows, long totalRows, int chunkRows, int copyThreads) {
        if (copyThreads < 2 || tableRows <= 4L * chunkRows) {
            return 1;
        }
        long unit = Math.max(1, Math.max(tableRows, totalRows) / (2L * copyThreads));
        long parts = Math.min((tableRows + unit / 2) / unit, tableRows / (2L * chunkRows));
        return (int) Math.max(1, parts);
    }

    /**
     * Equal-width ranges between the smallest and largest key value; fewer when there are fewer
     * distinct values than {@code parts}. Finding the bounds costs two index dives, where sampling
     * rows by offset would read the table.
     */
    static List<KeyRange> split(BigInteger min, BigInteger max, int parts) {
        requireNonNull(min, "min is null");
        requireNonNull(max, "max is null");
        BigInteger width = max.subtract(min).add(BigInteger.ONE);
        int count = width.compareTo(BigInteger.valueOf(parts)) < 0 ? width.intValueExact() : parts;
        if (count < 2) {
            return List.of(new KeyRange(0, null, null));
        }
        List<KeyRange> ranges = new ArrayList<>(count);
        BigInteger lower = null;
        for (int i = 1; i <= count; i++) {
            BigInteger upper = i == count ? null : min.add(width.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(count)));
            ranges.add(new KeyRange(i - 1, lower, upper));
            lower = upper;
        }
        return List.copyOf(ranges);
    }
}
