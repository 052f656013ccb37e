package io.sluice.core.position;

import static java.util.Objects.requireNonNull;

/**
 * Where to start (or resume) reading a binlog: either a binlog file and byte offset
 * ({@link FilePosition}), used when the source runs without GTIDs, or the set of transactions
 * already applied ({@link GtidPosition}), which survives failover to another server. Every
 * implementation's {@code toString()} is a canonical text form that {@link #parse} reads back, with
 * one exception: the empty GTID state prints as {@code ""}, which cannot say whether it is MySQL or
 * MariaDB, so it must be read with {@link MySqlGtidSet#parse} or {@link MariaDbGtidList#parse}.
 */
public sealed interface BinlogPosition
        permits FilePosition, GtidPosition
{
    /**
     * Parses {@code file:pos} (e.g. {@code mysql-bin.000003:4}), a MariaDB GTID list
     * ({@code 0-1-100,1-2-5}) or a MySQL GTID set ({@code uuid:1-5:7,uuid2:3}). Whitespace and
     * newlines around commas and around the whole text are tolerated, as servers print GTID sets
     * with {@code ",\n"}. Anything else, including blank text, is rejected with an
     * {@link IllegalArgumentException}.
     */
    static BinlogPosition parse(String text)
    {
        requireNonNull(text, "text is null");
        String stripped = text.strip();
        int colon = stripped.indexOf(':');
        if (colon >= 0) {
            // Both file positions and MySQL GTID sets contain ':'; binlog file names never look
            // like UUIDs, so the part before the first ':' decides which parser explains errors best.
            if (TextParsing.looksLikeUuid(stripped.substring(0, colon).strip())) {
                return MySqlGtidSet.parse(text);
            }
            return FilePosition.parse(text);
        }
        if (!stripped.isEmpty() && stripped.chars().allMatch(c -> c >= '0' && c <= '9' || c == '-' || c == ',' || Character.isWhitespace(c))) {
            return MariaDbGtidList.parse(text);
        }
        throw new IllegalArgumentException(
                "Invalid binlog position '%s': expected file:position such as mysql-bin.000003:4, a MariaDB GTID list such as 0-1-100,1-2-5 or a MySQL GTID set such as 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5"
                        .formatted(text));
    }
}
