package io.sluice.server.status;

import static java.util.Objects.requireNonNull;

import io.sluice.core.event.ResumePosition;
import io.sluice.core.position.FilePosition;
import io.sluice.server.worker.Stage;
import io.sluice.server.worker.SubtaskError;
import io.sluice.server.worker.SubtaskRunner;
import io.sluice.server.worker.SubtaskSnapshot;
import io.sluice.server.worker.Worker;
import io.sluice.mysql.task.SubtaskStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the query-status and query-error documents field for field as
 * {@code seeds/dm-query-status-zh.md} shows them (lower camel case, numbers as strings, positions as
 * {@code (file, pos)}), from the worker's subtask snapshots and the sources' binlog ends.
 * Sluice's Load unit both dumps and loads, so the {@code load} block reports the copy; the Dump unit
 * never shows. There is no relay log, so {@code relayStatus} is null.
 */
public final class StatusReporter {
    private final Worker worker;
    private final SourceProbe probe;

    public StatusReporter(Worker worker, SourceProbe probe) {
        this.worker = requireNonNull(worker, "worker is null");
        this.probe = requireNonNull(probe, "probe is null");
    }

    /** query-status; {@code task} empty means every task. */
    public Map<String, Object> status(Optional<String> task, Set<String> workers) {
        List<Map<String, Object>> subtasks = new ArrayList<>();
        for (SubtaskRunner runner : selected(task, workers)) {
            subtasks.add(subtaskStatus(runner));
        }
        Map<String, Object> workerEntry = new LinkedHashMap<>();
        workerEntry.put("result", true);
        workerEntry.put("worker", worker.name());
        workerEntry.put("msg", "");
        workerEntry.put("subTaskStatus", subtasks);
        workerEntry.put("relayStatus", null);
        return document(task, workerEntry, subtasks.isEmpty());
    }

    /** query-error: the errors of each selected subtask. */
    public Map<String, Object> errors(Optional<String> task, Set<String> workers) {
        List<Map<String, Object>> subtasks = new ArrayList<>();
        for (SubtaskRunner runner : selected(task, workers)) {
            SubtaskSnapshot snapshot = runner.snapshot();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", snapshot.task());
            entry.put("source", snapshot.source());
            entry.put("stage", snapshot.stage().display());
            entry.put("unit", unit(snapshot));
            entry.put(unit(snapshot).toLowerCase(Locale.ROOT), Map.of("errors", errorList(snapshot.errors())));
            subtasks.add(entry);
        }
        Map<String, Object> workerEntry = new LinkedHashMap<>();
        workerEntry.put("result", true);
        workerEntry.put("worker", worker.name());
        workerEntry.put("msg", "");
        workerEntry.put("subTaskError", subtasks);
        workerEntry.put("RelayError", null);
        return document(task, workerEntry, subtasks.isEmpty());
    }

    private Map<String, Object> document(Optional<String> task, Map<String, Object> workerEntry, boolean empty) {
        Map<String, Object> document = new LinkedHashMap<>();
        if (task.isPresent() && empty) {
            document.put("result", false);
            document.put("msg", "task " + task.get() + " has no subtasks or does not exist; check the name with 'query-status'");
            document.put("workers", List.of());
            return document;
        }
        document.put("result", true);
        document.put("msg", "");
        document.put("workers", List.of(workerEntry));
        return document;
    }

    private List<SubtaskRunner> selected(Optional<String> task, Set<String> workers) {
        if (!workers.isEmpty() && !workers.contains(worker.name())) {
            return List.of();
        }
        return task.map(worker::runners).orElseGet(worker::all);
    }

    private Map<String, Object> subtaskStatus(SubtaskRunner runner) {
        SubtaskSnapshot snapshot = runner.snapshot();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", snapshot.task());
        entry.put("source", snapshot.source());
        entry.put("stage", snapshot.stage().display());
        String unit = unit(snapshot);
        entry.put("unit", unit);
        entry.put("result", snapshot.errors().isEmpty() ? null : result(snapshot.errors()));
        entry.put("unresolvedDDLLockID", "");
        switch (unit) {
            case "Load" -> entry.put("load", load(runner, snapshot.status()));
            case "Sync" -> {
                Map<String, Object> sync = sync(runner, snapshot);
                entry.put("sync", sync);
            }
            default -> { }
        }
        return entry;
    }

    private Map<String, Object> load(SubtaskRunner runner, SubtaskStatus status) {
        long totalBytes = probe.selectedBytes(runner.task(), runner.instance(), runner.source());
        double fraction = status.rowsTotal() <= 0 ? 0 : Math.min(1.0, (double) status.rowsCopied() / status.rowsTotal());
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("finishedBytes", Long.toString(Math.round(totalBytes * fraction)));
        load.put("totalBytes", Long.toString(totalBytes));
        load.put("progress", String.format(Locale.ROOT, "%.2f %%", fraction * 100));
        load.put("finishedRows", Long.toString(status.rowsCopied()));
        load.put("totalRows", Long.toString(status.rowsTotal()));
        return load;
    }

    private Map<String, Object> sync(SubtaskRunner runner, SubtaskSnapshot snapshot) {
        Optional<ResumePosition> master = snapshot.stage() == Stage.RUNNING ? probe.binlogEnd(runner.source()) : Optional.empty();
        Optional<ResumePosition> synced = snapshot.syncedPosition();
        Map<String, Object> sync = new LinkedHashMap<>();
        sync.put("totalEvents", Long.toString(snapshot.status().transactions()));
        sync.put("totalTps", Long.toString(Math.round(snapshot.totalTps())));
        sync.put("recentTps", Long.toString(Math.round(snapshot.recentTps())));
        sync.put("masterBinlog", master.map(position -> format(position.file())).orElse(""));
        sync.put("masterBinlogGtid", master.map(StatusReporter::gtid).orElse(""));
        sync.put("syncerBinlog", synced.map(position -> format(position.file())).orElse(""));
        sync.put("syncerBinlogGtid", synced.map(StatusReporter::gtid).orElse(""));
        sync.put("blockingDDLs", List.of());
        sync.put("unresolvedGroups", List.of());
        boolean caughtUp = master.isPresent() && synced.isPresent() && synced.get().file().compareTo(master.get().file()) >= 0;
        sync.put("synced", caughtUp);
        long lag = snapshot.status().lagSeconds();
        // before the first applied transaction there is no commit time to measure from: caught up means no lag
        sync.put("secondsBehindMaster", lag >= 0 ? Long.toString(caughtUp ? 0 : lag) : caughtUp ? "0" : "");
        return sync;
    }

    private static String unit(SubtaskSnapshot snapshot) {
        String unit = snapshot.status().unit();
        if ("Finished".equals(unit)) {
            // a full task ends in its Load unit, as DM shows it
            return "Load";
        }
        if (unit.isEmpty()) {
            return snapshot.stage() == Stage.FINISHED ? "Load" : "Check";
        }
        return unit;
    }

    private static Map<String, Object> result(List<SubtaskError> errors) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("isCanceled", false);
        result.put("errors", errorList(errors));
        result.put("detail", null);
        return result;
    }

    private static List<Map<String, Object>> errorList(List<SubtaskError> errors) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (SubtaskError error : errors) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("Type", error.type());
            entry.put("msg", error.message());
            entry.put("code", error.code().code());
            entry.put("workaround", error.workaround());
            entry.put("time", error.time().toString());
            list.add(entry);
        }
        return list;
    }

    private static String format(FilePosition position) {
        return "(" + position.file() + ", " + position.position() + ")";
    }

    private static String gtid(ResumePosition position) {
        return position.gtidPosition().map(Object::toString).orElse("");
    }
}
