package io.sluice.core.position;

/**
 * A binlog position expressed as the state of transactions already executed: a MySQL GTID set or
 * a MariaDB GTID list. Unlike a {@link FilePosition} it is meaningful on every server of a
 * replication topology, so replication can resume after failover, and it lets a reader skip
 * transactions it has already applied by checking {@link #contains}.
 */
public sealed interface GtidPosition
        extends BinlogPosition
        permits MySqlGtidSet, MariaDbGtidList
{
    /**
     * Returns the state after also executing the given transaction. The transaction must be a
     * {@link MySqlGtid} for a {@link MySqlGtidSet} and a {@link MariaDbGtid} for a
     * {@link MariaDbGtidList}; any other kind throws {@link IllegalArgumentException}.
     */
    GtidPosition with(TransactionId gtid);

    /**
     * Returns true when this state already includes the transaction. A transaction of the wrong
     * kind (see {@link #with}) throws {@link IllegalArgumentException} rather than answering false,
     * because a silent false would make the caller apply the transaction a second time.
     */
    boolean contains(TransactionId gtid);

    /**
     * Returns the canonical text form, which the flavor's {@code parse} method reads back.
     */
    @Override
    String toString();
}
