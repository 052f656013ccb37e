package io.sluice.server.http.dtle;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the v2 API remembers about jobs besides the task itself, in this server's memory: when each
 * job was created (or first seen, for a task started another way or before a restart), the
 * lifecycle calls made on it (dtle's task events), and the modify index replies carry. The index is
 * a counter started from the clock, so it keeps increasing across restarts.
 */
final class JobJournal {
    private static final int MAX_EVENTS = 100;

    private final AtomicLong index = new AtomicLong(System.currentTimeMillis());
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    long nextIndex() {
        return index.incrementAndGet();
    }

    /** A new job (create): the entry starts over. */
    void created(String job) {
        Entry entry = new Entry(now());
        entries.put(job, entry);
        entry.add("Received", "Task received by client");
        entry.add("Started", "Task started by client");
    }

    void event(String job, String type, String message) {
        entry(job).add(type, message);
    }

    Instant createdAt(String job) {
        return entry(job).created;
    }

    List<Map<String, Object>> events(String job) {
        return entry(job).list();
    }

    private Entry entry(String job) {
        return entries.computeIfAbsent(job, ignored -> new Entry(now()));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static final class Entry {
        private final Instant created;
        private final List<Map<String, Object>> events = new ArrayList<>();

        Entry(Instant created) {
            this.created = created;
        }

        synchronized void add(String type, String message) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("event_type", type);
            event.put("setup_error", "");
            event.put("message", message);
            event.put("time", now().toString());
            events.add(event);
            if (events.size() > MAX_EVENTS) {
                events.removeFirst();
            }
        }

        synchronized List<Map<String, Object>> list() {
            List<Map<String, Object>> copy = new ArrayList<>();
            events.forEach(event -> copy.add(new LinkedHashMap<>(event)));
            return copy;
        }
    }
}
