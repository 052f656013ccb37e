package io.sluice.core.position;

import static java.util.Objects.requireNonNull;

/**
 * A MariaDB global transaction identifier: replication domain, originating server id and sequence
 * number within the domain. Domain and server id are unsigned 32-bit values on the server; the
 * sequence is unsigned 64-bit there but is kept to the non-negative {@code long} range here, which
 * no real server reaches. Text form, as MariaDB prints it: {@code 0-1-100}.
 */
public record MariaDbGtid(long domainId, long serverId, long sequence)
        implements TransactionId
{
    private static final String EXPECTED = "domain-server-sequence such as 0-1-100";

    public MariaDbGtid
    {
        if (domainId < 0 || domainId > TextParsing.MAX_UNSIGNED_INT) {
            throw new IllegalArgumentException("domainId must be between 0 and 4294967295: " + domainId);
        }
        if (serverId < 0 || serverId > TextParsing.MAX_UNSIGNED_INT) {
            throw new IllegalArgumentException("serverId must be between 0 and 4294967295: " + serverId);
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative: " + sequence);
        }
    }

    /**
     * Parses {@code domain-server-sequence}, e.g. {@code 0-1-100}; surrounding whitespace is ignored.
     */
    public static MariaDbGtid parse(String text)
    {
        requireNonNull(text, "text is null");
        try {
            return parseElement(text.strip());
        }
        catch (IllegalArgumentException e) {
            throw TextParsing.invalid("MariaDB GTID", text, EXPECTED, e);
        }
    }

    /**
     * Parses one GTID, throwing exceptions that describe only the local problem, so that
     * {@link MariaDbGtidList#parse} can wrap them with the whole list's text.
     */
    static MariaDbGtid parseElement(String text)
    {
        String[] parts = text.split("-", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("'%s' is not three numbers separated by '-'".formatted(text));
        }
        return new MariaDbGtid(
                TextParsing.parseDecimal(parts[0], "domain id", TextParsing.MAX_UNSIGNED_INT),
                TextParsing.parseDecimal(parts[1], "server id", TextParsing.MAX_UNSIGNED_INT),
                TextParsing.parseDecimal(parts[2], "sequence", Long.MAX_VALUE));
    }

    @Override
    public String toString()
    {
        return domainId + "-" + serverId + "-" + sequence;
    }
}
