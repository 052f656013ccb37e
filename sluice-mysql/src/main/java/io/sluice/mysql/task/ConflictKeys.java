package io.sluice.mysql.task;

import io.sluice.core.event.Row;
import io.sluice.core.event.RowChange;
import io.sluice.core.schema.Column;
import io.sluice.core.schema.ColumnType;
import io.sluice.core.schema.TableSchema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The keys a row change touches on the target, as 64-bit hashes, for parallel apply: one per
 * primary and unique key of the target table (after routing and column mapping, so that shards
 * merged into one table conflict on the same rows), for the before and the after image. Two
 * changes whose hashes are disjoint touch different rows under every key the target enforces;
 * equal hashes mean a possible conflict (a collision only costs parallelism).
 *
 * <p>Text values are compared the way case- and accent-insensitive collations with PAD SPACE
 * compare them (lower case, accents removed, trailing spaces dropped) unless the column's
 * collation is binary, so values a {@code _ci} unique key treats as equal hash alike. A unique key
 * with a NULL in an image does not identify a row (NULLs never conflict) and is left out.
 */
final class ConflictKeys {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private ConflictKeys() {}

    /**
     * Adds the change's key hashes to {@code out}; returns false when the change has no usable key
     * (a keyless table, or an image missing key columns), which makes its transaction a barrier.
     */
    static boolean collect(RowChange change, KeySet out) {
        TableSchema table = change.table();
        if (table.primaryKey().isEmpty() && table.uniqueKeys().isEmpty()) {
            return false;
        }
        long tableHash = mix(table.id().database().toLowerCase(Locale.ROOT).hashCode() * 31L + table.id().table().toLowerCase(Locale.ROOT).hashCode());
        boolean identified = false;
        for (Row image : new Row[] { change.before(), change.after() }) {
            if (image == null) {
                continue;
            }
            boolean imageIdentified = false;
            if (!table.primaryKey().isEmpty()) {
                int status = add(table, tableHash, table.primaryKey(), image, out);
                if (status < 0) {
                    return false;
                }
                imageIdentified = status > 0;
            }
            for (List<String> unique : table.uniqueKeys()) {
                int status = add(table, tableHash, unique, image, out);
                if (status < 0) {
                    return false;
                }
                imageIdentified |= status > 0;
            }
            if (!imageIdentified) {
                // only unique keys with NULLs: nothing identifies this row, so nothing orders it against others
                return false;
            }
            identified = true;
        }
        return identified;
    }

    /** 1 when added, 0 when the key holds a NULL (no conflict on it), -1 when a key column is missing from the image. */
    private static int add(TableSchema table, long tableHash, List<String> key, Row image, KeySet out) {
        long hash = tableHash;
        for (String name : key) {
            int index = table.indexOf(name);
            if (index < 0 || !image.isPresent(index)) {
                return -1;
            }
            Object value = image.get(index);
            if (value == null) {
                return 0;
            }
            hash = mix(hash * 31 + name.toLowerCase(Locale.ROOT).hashCode());
            hash = mix(hash * 31 + valueHash(table.columns().get(index), value));
        }
        out.add(hash);
        return 1;
    }

    static long valueHash(Column column, Object value) {
        return switch (value) {
            case byte[] bytes -> Arrays.hashCode(bytes);
            case String text -> folds(column) ? fold(text).hashCode() : text.hashCode();
            case Integer i -> Long.hashCode(i);
            case Long l -> Long.hashCode(l);
            case BigInteger big -> big.bitLength() < 64 ? Long.hashCode(big.longValue()) : big.hashCode();
            case BigDecimal decimal -> decimal.signum() == 0 ? 0 : decimal.stripTrailingZeros().hashCode();
            case Double d -> d == 0 ? 0 : d.hashCode();
            case Float f -> f == 0 ? 0 : Double.hashCode(f.doubleValue());
            default -> value.toString().hashCode();
        };
    }

    private static boolean folds(Column column) {
        ColumnType.Category category = column.type().category();
        if (category != ColumnType.Category.TEXT && category != ColumnType.Category.ENUM && category != ColumnType.Category.SET) {
            return false;
        }
        String collation = column.collation();
        return collation == null || !(collation.endsWith("_bin") || collation.equals("binary"));
    }

    /** What a case-, accent- and trailing-space-insensitive collation compares. */
    static String fold(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        String trimmed = text.substring(0, end);
        boolean ascii = true;
        for (int i = 0; i < trimmed.length() && ascii; i++) {
            ascii = trimmed.charAt(i) < 0x80;
        }
        if (ascii) {
            return trimmed.toLowerCase(Locale.ROOT);
        }
        String stripped = MARKS.matcher(Normalizer.normalize(trimmed, Normalizer.Form.NFKD)).replaceAll("");
        return stripped.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT).replace("ß", "ss");
    }

    /** The finaliser of MurmurHash3: spreads the bits so that unrelated keys rarely collide. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93fe53a4cebL;
        h ^= h >>> 33;
        return h;
    }

    /** A small growable set of hashes, the keys of one transaction. */
    static final class KeySet {
        private long[] hashes = new long[8];
        private int size;

        void add(long hash) {
            // duplicates are harmless to the tracker; skipping them keeps small transactions small
            for (int i = 0; i < size && size <= 32; i++) {
                if (hashes[i] == hash) {
                    return;
                }
            }
            if (size == hashes.length) {
                hashes = Arrays.copyOf(hashes, size * 2);
            }
            hashes[size++] = hash;
        }

        int size() {
            return size;
        }

        long get(int index) {
            return hashes[index];
        }

        void clear() {
            size = 0;
        }

        long[] toArray() {
            return Arrays.copyOf(hashes, size);
        }
    }
}
