package io.sluice.core.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects a {@link ChangeStream} into whole {@link Transaction}s for a {@link TransactionListener}.
 * Holds one transaction in memory: meant for tools and tests, not for the replication path.
 */
final class TransactionCollector implements ChangeStream {
    private final TransactionListener listener;
    private TransactionHeader header;
    private List<ChangeEvent> events = new ArrayList<>();

    TransactionCollector(TransactionListener listener) {
        this.listener = requireNonNull(listener, "listener is null");
    }

    @Override
    public void begin(TransactionHeader header) {
        this.header = header;
        this.events = new ArrayList<>();
    }

    @Override
    public void change(ChangeEvent event) {
        events.add(event);
    }

    @Override
    public void commit(ResumePosition resumeAfter, Instant commitTimestamp) throws Exception {
        Transaction transaction = new Transaction(header.id(), header.serverId(), commitTimestamp, header.start(), resumeAfter, events);
        header = null;
        events = new ArrayList<>();
        listener.onTransaction(transaction);
    }

    @Override
    public void abort() {
        header = null;
        events = new ArrayList<>();
    }
}
