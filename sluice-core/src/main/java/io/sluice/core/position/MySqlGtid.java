package io.sluice.core.position;

import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * A MySQL global transaction identifier: the UUID of the server where the transaction originated
 * and its transaction number on that server, counting from 1. Text form, as MySQL prints it:
 * {@code 3e11fa47-71ca-11e1-9e33-c80aa9429562:23}. Tagged GTIDs of MySQL 8.4
 * ({@code uuid:tag:n}) are not supported.
 */
public record MySqlGtid(UUID sourceId, long transactionNumber)
        implements TransactionId
{
    private static final String EXPECTED = "uuid:transactionNumber such as 3e11fa47-71ca-11e1-9e33-c80aa9429562:23";

    public MySqlGtid
    {
        requireNonNull(sourceId, "sourceId is null");
        // MySQL numbers transactions from 1; 0 never identifies a transaction.
        if (transactionNumber < 1) {
            throw new IllegalArgumentException("transactionNumber must be at least 1: " + transactionNumber);
        }
    }

    /**
     * Parses {@code uuid:n}, accepting upper or lower case hex; surrounding whitespace is ignored.
     */
    public static MySqlGtid parse(String text)
    {
        requireNonNull(text, "text is null");
        try {
            String stripped = text.strip();
            int colon = stripped.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("missing ':' between source UUID and transaction number");
            }
            UUID sourceId = TextParsing.parseUuid(stripped.substring(0, colon));
            String number = stripped.substring(colon + 1);
            if (number.indexOf(':') >= 0) {
                throw new IllegalArgumentException("tagged GTIDs (MySQL 8.4 uuid:tag:n) are not supported");
            }
            return new MySqlGtid(sourceId, TextParsing.parseDecimal(number, "transaction number", Long.MAX_VALUE));
        }
        catch (IllegalArgumentException e) {
            throw TextParsing.invalid("MySQL GTID", text, EXPECTED, e);
        }
    }

    @Override
    public String toString()
    {
        // UUID.toString() is lower case, which is how MySQL prints server UUIDs.
        return sourceId + ":" + transactionNumber;
    }
}
