package io.sluice.core.position;

import static java.util.Objects.requireNonNull;

/**
 * The identity of a source transaction: its MySQL GTID, its MariaDB GTID, or, when the source runs
 * without GTIDs, the index of the binlog file and the offset at which the transaction starts.
 * Identities let the sink recognize transactions it has already applied after a restart.
 */
public sealed interface TransactionId
        permits MySqlGtid, MariaDbGtid, BinlogOffsetId
{
    /**
     * Parses {@code uuid:n} (MySQL GTID), {@code domain-server-sequence} (MariaDB GTID) or
     * {@code fileIndex@offset} (e.g. {@code 3@1234}); surrounding whitespace is ignored and anything
     * else is rejected with an {@link IllegalArgumentException}.
     */
    static TransactionId parse(String text)
    {
        requireNonNull(text, "text is null");
        String stripped = text.strip();
        // The separators are disjoint ('@' vs ':' vs digits and '-' only), so routing on them lets
        // the specific parser report the precise problem.
        if (stripped.indexOf('@') >= 0) {
            return BinlogOffsetId.parse(text);
        }
        if (stripped.indexOf(':') >= 0) {
            return MySqlGtid.parse(text);
        }
        if (!stripped.isEmpty() && stripped.chars().allMatch(c -> c >= '0' && c <= '9' || c == '-')) {
            return MariaDbGtid.parse(text);
        }
        throw new IllegalArgumentException(
                "Invalid transaction id '%s': expected a MySQL GTID such as 3e11fa47-71ca-11e1-9e33-c80aa9429562:5, a MariaDB GTID such as 0-1-100 or fileIndex@offset such as 3@1234"
                        .formatted(text));
    }
}
