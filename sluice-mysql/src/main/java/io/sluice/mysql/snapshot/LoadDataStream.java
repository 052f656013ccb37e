package io.sluice.mysql.snapshot;

import static java.util.Objects.requireNonNull;

import io.sluice.mysql.rule.TablePlan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The rows of an open source {@link ResultSet} as the text {@code LOAD DATA LOCAL INFILE} reads
 * ({@link LoadDataText}), produced while the driver sends them: the target's driver pulls from this
 * stream on the copying thread, which reads the next source rows as it goes. At most about
 * {@link #TARGET_FILL} bytes (plus one row) are held, whatever the number of rows.
 *
 * <p>The first {@code targetColumns} columns of the result are written, in order; the rest are
 * key columns read only for the cursor. A failure reading the source ends the stream with an
 * {@link IOException} (the driver then drops the target connection, so nothing of the chunk
 * commits) and is kept for the caller to report ({@link #sourceFailure}).
 */
final class LoadDataStream extends InputStream {
    static final int TARGET_FILL = 64 * 1024;

    private final ResultSet rows;
    private final int readColumns;
    private final int targetColumns;
    private final TablePlan plan;
    private final int[] keyPositions;
    private final BooleanSupplier stop;
    private final java.util.concurrent.atomic.AtomicLong progress;
    private final LoadDataText text = new LoadDataText(TARGET_FILL + 1024);
    private byte[][] lastKey;
    private long count;
    private boolean exhausted;
    private boolean stopped;
    private SQLException sourceFailure;

    /**
     * @param stop checked before each row: when true, the stream ends early and {@link #stopped} says so
     * @param progress counts the rows as they are sent (before they commit), or null
     */
    LoadDataStream(ResultSet rows, int readColumns, int targetColumns, TablePlan plan, int[] keyPositions, BooleanSupplier stop,
            java.util.concurrent.atomic.AtomicLong progress) {
        this.progress = progress;
        this.rows = requireNonNull(rows, "rows is null");
        this.readColumns = readColumns;
        this.targetColumns = targetColumns;
        this.plan = requireNonNull(plan, "plan is null");
        this.keyPositions = keyPositions.clone();
        this.stop = requireNonNull(stop, "stop is null");
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (text.size() == 0 && !fill()) {
            return -1;
        }
        return text.drainTo(target, offset, length);
    }

    /** Encodes source rows until about {@link #TARGET_FILL} bytes wait; false when none are left. */
    private boolean fill() throws IOException {
        long before = count;
        try {
            while (!exhausted && text.size() < TARGET_FILL) {
                if (stop.getAsBoolean()) {
                    stopped = true;
                    exhausted = true;
                    break;
                }
                if (!rows.next()) {
                    exhausted = true;
                    break;
                }
                encodeRow();
            }
        }
        catch (SQLException e) {
            sourceFailure = e;
            exhausted = true;
            throw new IOException("reading the source for LOAD DATA failed: " + e.getMessage(), e);
        }
        if (progress != null) {
            progress.addAndGet(count - before);
        }
        return text.size() > 0;
    }

    private void encodeRow() throws SQLException {
        byte[][] key = new byte[keyPositions.length][];
        for (int column = 0; column < readColumns; column++) {
            byte[] value = rows.getBytes(column + 1);
            for (int k = 0; k < keyPositions.length; k++) {
                if (keyPositions[k] == column) {
                    key[k] = value;
                }
            }
            if (column < targetColumns) {
                if (value != null && plan.transforms(column)) {
                    value = plan.snapshotValue(column, new String(value, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
                }
                text.field(value, column == 0);
            }
        }
        text.endRow();
        lastKey = key;
        count++;
    }

    /** Rows sent so far. */
    long rows() {
        return count;
    }

    /** The chunk key of the last row sent, as read from the source (untransformed); null before the first. */
    List<byte[]> lastKey() {
        return lastKey == null ? null : new ArrayList<>(java.util.Arrays.asList(lastKey));
    }

    boolean stopped() {
        return stopped;
    }

    SQLException sourceFailure() {
        return sourceFailure;
    }
}
