package io.sluice.mysql.rule;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.rule.PartitionIdRule;
import io.sluice.core.schema.TableId;

import java.math.BigInteger;

/**
 * DM's {@code partition id} value for one source table: the instance, schema and table ids are
 * fixed per table, so they are computed once and each value only needs a range check and an OR.
 * See {@link PartitionIdRule} for the layout.
 */
final class PartitionId {
    private static final long MAX_ORIGINAL = (1L << 44) - 1;
    private static final int ORIGINAL_BITS = 44;

    private final PartitionIdRule rule;
    private final TableId table;
    private final long high;

    PartitionId(PartitionIdRule rule, TableId table) {
        this.rule = requireNonNull(rule, "rule is null");
        this.table = requireNonNull(table, "table is null");
        long instance = rule.instanceId().orElse(0);
        long schema = rule.schemaPrefix().map(prefix -> suffixNumber(table.database(), prefix, "schema", (1 << PartitionIdRule.SCHEMA_BITS) - 1)).orElse(0L);
        long tableId = rule.tablePrefix().map(prefix -> suffixNumber(table.table(), prefix, "table", (1 << PartitionIdRule.TABLE_BITS) - 1)).orElse(0L);
        // as tidb-tools: parts that are absent take no bits, the ones above them move down; the original id keeps the low 44
        int tableShift = ORIGINAL_BITS;
        int schemaShift = tableShift + (rule.tablePrefix().isPresent() ? PartitionIdRule.TABLE_BITS : 0);
        int instanceShift = schemaShift + (rule.schemaPrefix().isPresent() ? PartitionIdRule.SCHEMA_BITS : 0);
        this.high = (instance << instanceShift) | (schema << schemaShift) | (tableId << tableShift);
    }

    String column() {
        return rule.column();
    }

    /** The partitioned value of an original id (a Long, or a BigInteger for BIGINT UNSIGNED); null stays null. */
    Object apply(Object value) {
        if (value == null) {
            return null;
        }
        long original;
        if (value instanceof BigInteger big) {
            if (big.signum() < 0 || big.bitLength() > 44) {
                throw outOfRange(big.toString());
            }
            original = big.longValue();
        }
        else if (value instanceof Number number) {
            original = number.longValue();
        }
        else {
            throw new SluiceException(ErrorCode.RULE_INVALID,
                    "Column mapping " + rule.origin() + ": column " + rule.column() + " of " + table + " holds " + value.getClass().getSimpleName() + ", not an integer.",
                    "Use partition id on a BIGINT auto-increment column only.");
        }
        return high | checked(original);
    }

    /** The same, for the exact decimal text the snapshot reads. */
    String applyText(String value) {
        try {
            return Long.toString(high | checked(Long.parseLong(value)));
        }
        catch (NumberFormatException e) {
            throw outOfRange(value);
        }
    }

    private long checked(long original) {
        if (original < 0 || original > MAX_ORIGINAL) {
            throw outOfRange(Long.toString(original));
        }
        return original;
    }

    private SluiceException outOfRange(String value) {
        return new SluiceException(ErrorCode.RULE_INVALID,
                "Column mapping " + rule.origin() + ": value " + value + " of " + table + "." + rule.column()
                        + " is outside the range partition id can encode (0 to " + MAX_ORIGINAL + ").",
                "Partition id keeps 44 bits of the original id; remove the rule for this table or renumber its ids.");
    }

    private long suffixNumber(String name, String prefix, String kind, long max) {
        if (name.equalsIgnoreCase(prefix)) {
            return 0;
        }
        String full = prefix + rule.separator().orElse("");
        String suffix = name.regionMatches(true, 0, full, 0, full.length()) ? name.substring(full.length()) : null;
        long number = -1;
        if (suffix != null && !suffix.isEmpty() && suffix.chars().allMatch(Character::isDigit) && suffix.length() < 10) {
            number = Long.parseLong(suffix);
        }
        if (number < 0 || number > max) {
            throw new SluiceException(ErrorCode.RULE_INVALID,
                    "Column mapping " + rule.origin() + ": " + kind + " name '" + name + "' is not '" + prefix + "' followed by a number from 0 to " + max + ".",
                    "Partition id needs " + kind + " names made of the " + kind + " prefix and a number; fix the prefix argument or exclude this table from the rule.");
        }
        return number;
    }
}
