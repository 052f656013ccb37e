package io.sluice.mysql.task;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntToLongFunction;

/**
 * Decides which writer applies a source transaction so that transactions touching the same row
 * keep their source order ("causality", as DM's syncer and Canal do it): each key hash remembers the
 * writer and sequence number of the last transaction that touched it. A transaction whose keys were
 * last touched by transactions not yet committed goes to the writer holding them, behind them in its
 * queue; when those are on several writers, all but one must commit first; a transaction without
 * such conflicts goes to the next writer in turn. Sequence numbers grow with source order, and a
 * writer commits its queue in order, so "writer w committed up to s" covers all of w's transactions
 * up to s. Confined to the dispatching (reader) thread; the committed sequence numbers are read
 * through a function because writers advance them on their own threads.
 */
final class DependencyTracker {
    private static final int PURGE_ABOVE = 1 << 18;

    private final int writers;
    // key hash -> (sequence number << 8) | writer of the last transaction that touched it
    private final Map<Long, Long> owners = new HashMap<>();
    private int next;

    DependencyTracker(int writers) {
        if (writers < 1 || writers > 256) {
            throw new IllegalArgumentException("writers must be between 1 and 256: " + writers);
        }
        this.writers = writers;
    }

    /**
     * @param writer the writer to queue the transaction on
     * @param waitFor per writer, the sequence number it must have committed before the transaction is
     *        queued, or -1 for none
     */
    record Decision(int writer, long[] waitFor) {
        boolean mustWait() {
            for (long seq : waitFor) {
                if (seq >= 0) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Where a transaction with these key hashes goes, given what each writer has committed. */
    Decision decide(long[] keys, IntToLongFunction committed) {
        long[] required = new long[writers];
        Arrays.fill(required, -1);
        int conflicting = 0;
        int latest = -1;
        for (long key : keys) {
            Long owner = owners.get(key);
            if (owner == null) {
                continue;
            }
            int writer = (int) (owner & 0xFF);
            long seq = owner >>> 8;
            if (seq <= committed.applyAsLong(writer)) {
                continue;
            }
            if (required[writer] < 0) {
                conflicting++;
            }
            if (seq > required[writer]) {
                required[writer] = seq;
            }
            if (latest < 0 || required[writer] > required[latest]) {
                latest = writer;
            }
        }
        long[] waitFor = new long[writers];
        Arrays.fill(waitFor, -1);
        if (conflicting == 0) {
            int writer = next;
            next = (next + 1) % writers;
            return new Decision(writer, waitFor);
        }
        // queue behind the most recent conflicting transaction; the others must be committed first
        for (int writer = 0; writer < writers; writer++) {
            if (writer != latest) {
                waitFor[writer] = required[writer];
            }
        }
        return new Decision(latest, waitFor);
    }

    /** Records that the transaction {@code seq} with these key hashes is queued on {@code writer}. */
    void record(long[] keys, int writer, long seq, IntToLongFunction committed) {
        long owner = (seq << 8) | writer;
        for (long key : keys) {
            owners.put(key, owner);
        }
        if (owners.size() > PURGE_ABOVE) {
            owners.values().removeIf(value -> (value >>> 8) <= committed.applyAsLong((int) (value & 0xFF)));
        }
    }

    /** Forgets every key: all writers are drained (a barrier) or abandoned. */
    void clear() {
        owners.clear();
    }

    int trackedKeys() {
        return owners.size();
    }
}
