package io.sluice.mysql.snapshot;

import java.util.Arrays;

/**
 * Rows in the text format of {@code LOAD DATA ... CHARACTER SET binary FIELDS TERMINATED BY '\t'
 * ESCAPED BY '\\' LINES TERMINATED BY '\n'} (nothing enclosed): fields separated by a tab, rows
 * ended by a newline, NULL as {@code \N}, and in a value only the three bytes the server would
 * otherwise read as syntax escaped: tab as {@code \t}, newline as {@code \n}, backslash as
 * {@code \\}. Every other byte (NUL, CR, 0x1A, bytes that are not UTF-8) goes as it is: with
 * {@code CHARACTER SET binary} the server splits fields byte by byte, so no byte sequence can hide
 * a separator, and the value arrives exactly as the bytes the source sent.
 *
 * <p>A growable byte buffer: a row is appended field by field, and the bytes are taken out from
 * the front ({@link #drainTo}).
 */
final class LoadDataText {
    static final byte[] NULL = {'\\', 'N'};
    static final String FORMAT = "CHARACTER SET binary FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'";

    private byte[] bytes;
    private int start;
    private int end;

    LoadDataText(int capacity) {
        this.bytes = new byte[Math.max(16, capacity)];
    }

    /** Appends one field: its separator (unless it is the row's first), then the value or {@code \N}. */
    void field(byte[] value, boolean first) {
        int worst = 1 + (value == null ? 2 : 2 * value.length);
        ensure(worst);
        if (!first) {
            bytes[end++] = '\t';
        }
        if (value == null) {
            bytes[end++] = '\\';
            bytes[end++] = 'N';
            return;
        }
        byte[] out = bytes;
        int at = end;
        for (byte b : value) {
            switch (b) {
                case '\t' -> {
                    out[at++] = '\\';
                    out[at++] = 't';
                }
                case '\n' -> {
                    out[at++] = '\\';
                    out[at++] = 'n';
                }
                case '\\' -> {
                    out[at++] = '\\';
                    out[at++] = '\\';
                }
                default -> out[at++] = b;
            }
        }
        end = at;
    }

    /** Ends the row. */
    void endRow() {
        ensure(1);
        bytes[end++] = '\n';
    }

    int size() {
        return end - start;
    }

    /** Moves up to {@code length} bytes from the front into {@code target}; returns how many. */
    int drainTo(byte[] target, int offset, int length) {
        int n = Math.min(length, end - start);
        System.arraycopy(bytes, start, target, offset, n);
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
        return n;
    }

    byte[] toByteArray() {
        return Arrays.copyOfRange(bytes, start, end);
    }

    private void ensure(int more) {
        if (end + more <= bytes.length) {
            return;
        }
        if (start > 0) {
            System.arraycopy(bytes, start, bytes, 0, end - start);
            end -= start;
            start = 0;
            if (end + more <= bytes.length) {
                return;
            }
        }
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, end + more));
    }
}
