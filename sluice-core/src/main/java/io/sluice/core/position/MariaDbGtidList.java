package io.sluice.core.position;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;
import static java.util.stream.Collectors.joining;

/**
 * An immutable MariaDB GTID position, as found in {@code gtid_slave_pos} or {@code gtid_binlog_pos}:
 * at most one GTID per replication domain, the last one executed in that domain. Because MariaDB
 * applies each domain in sequence order, every transaction of a domain up to that GTID's sequence
 * counts as executed. Text form: GTIDs sorted by domain joined by {@code ","}, e.g.
 * {@code 0-1-100,1-2-5}; the empty list is {@code ""}.
 */
public final class MariaDbGtidList
        implements GtidPosition
{
    private static final String EXPECTED = "domain-server-sequence[,domain-server-sequence...] with one GTID per domain such as 0-1-100,1-2-5";

    private static final MariaDbGtidList EMPTY = new MariaDbGtidList(List.of());

    // Sorted by domain, one entry per domain. A list rather than a map: real topologies use a
    // handful of domains, so scanning is cheap and the list is what gtids() returns anyway.
    private final List<MariaDbGtid> gtids;

    private MariaDbGtidList(List<MariaDbGtid> gtids)
    {
        this.gtids = List.copyOf(gtids);
    }

    public static MariaDbGtidList empty()
    {
        return EMPTY;
    }

    /**
     * Parses a comma separated list of {@code domain-server-sequence} GTIDs, e.g.
     * {@code 0-1-100,1-2-5}, in any order; blank text is the empty list and whitespace and newlines
     * around commas are tolerated. Two GTIDs of the same domain are rejected: that is a
     * {@code gtid_binlog_state}, which records every server of a domain, not a position.
     */
    public static MariaDbGtidList parse(String text)
    {
        requireNonNull(text, "text is null");
        try {
            return parseStrict(text);
        }
        catch (IllegalArgumentException e) {
            throw TextParsing.invalid("MariaDB GTID list", text, EXPECTED, e);
        }
    }

    private static MariaDbGtidList parseStrict(String text)
    {
        if (text.isBlank()) {
            return EMPTY;
        }
        List<MariaDbGtid> parsed = new ArrayList<>();
        for (String element : text.split(",", -1)) {
            String stripped = element.strip();
            if (stripped.isEmpty()) {
                throw new IllegalArgumentException("empty element between commas");
            }
            parsed.add(MariaDbGtid.parseElement(stripped));
        }
        parsed.sort(Comparator.comparingLong(MariaDbGtid::domainId));
        for (int i = 1; i < parsed.size(); i++) {
            if (parsed.get(i - 1).domainId() == parsed.get(i).domainId()) {
                throw new IllegalArgumentException("domain %s appears more than once: %s and %s".formatted(
                        parsed.get(i).domainId(), parsed.get(i - 1), parsed.get(i)));
            }
        }
        return new MariaDbGtidList(parsed);
    }

    public boolean isEmpty()
    {
        return gtids.isEmpty();
    }

    /**
     * Returns the GTIDs, one per domain, sorted by domain.
     */
    public List<MariaDbGtid> gtids()
    {
        return gtids;
    }

    /**
     * Returns the last GTID executed in the given domain, if any.
     */
    public Optional<MariaDbGtid> forDomain(long domainId)
    {
        return gtids.stream()
                .filter(gtid -> gtid.domainId() == domainId)
                .findFirst();
    }

    /**
     * Returns the list with the given GTID as its domain's entry, replacing the previous one even if
     * that had a higher sequence: the position records the last transaction seen in each domain.
     */
    @Override
    public MariaDbGtidList with(TransactionId gtid)
    {
        MariaDbGtid mariaDbGtid = asMariaDbGtid(gtid);
        if (gtids.contains(mariaDbGtid)) {
            return this;
        }
        List<MariaDbGtid> result = new ArrayList<>(gtids.size() + 1);
        boolean added = false;
        for (MariaDbGtid existing : gtids) {
            if (!added && existing.domainId() >= mariaDbGtid.domainId()) {
                result.add(mariaDbGtid);
                added = true;
            }
            if (existing.domainId() != mariaDbGtid.domainId()) {
                result.add(existing);
            }
        }
        if (!added) {
            result.add(mariaDbGtid);
        }
        return new MariaDbGtidList(result);
    }

    /**
     * Returns true when this list's GTID for the transaction's domain has a sequence at least as
     * high; the server id is ignored, since sequences are ordered per domain across servers.
     */
    @Override
    public boolean contains(TransactionId gtid)
    {
        MariaDbGtid mariaDbGtid = asMariaDbGtid(gtid);
        return forDomain(mariaDbGtid.domainId())
                .map(existing -> existing.sequence() >= mariaDbGtid.sequence())
                .orElse(false);
    }

    private static MariaDbGtid asMariaDbGtid(TransactionId gtid)
    {
        requireNonNull(gtid, "gtid is null");
        if (gtid instanceof MariaDbGtid mariaDbGtid) {
            return mariaDbGtid;
        }
        throw new IllegalArgumentException("A MariaDB GTID list can only hold MariaDB GTIDs (domain-server-sequence), not %s '%s'".formatted(gtid.getClass().getSimpleName(), gtid));
    }

    @Override
    public boolean equals(Object o)
    {
        if (this == o) {
            return true;
        }
        return o instanceof MariaDbGtidList other && gtids.equals(other.gtids);
    }

    @Override
    public int hashCode()
    {
        return gtids.hashCode();
    }

    @Override
    public String toString()
    {
        return gtids.stream()
                .map(MariaDbGtid::toString)
                .collect(joining(","));
    }
}
