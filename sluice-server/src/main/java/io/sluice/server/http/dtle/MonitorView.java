package io.sluice.server.http.dtle;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dtle's task monitor ({@code GET /v2/monitor/task}) from one subtask's query-status entry:
 * positions, row and transaction counters, lag, progress and throughput. dtle's NATS and buffer
 * statistics have no counterpart (a Sluice subtask reads and writes in one process, without a
 * message bus), so they are null; relay fields are empty (there is no relay log).
 */
final class MonitorView {
    private static final Pattern FILE_POSITION = Pattern.compile("\\((.+), (\\d+)\\)");

    private MonitorView() {}

    /** The {@code tasks_status} object of the subtask reading {@code source} in a query-status document. */
    static Map<String, Object> of(Map<String, Object> status, String task, String source) {
        Map<String, Object> subtask = find(status, source).orElseThrow(() -> new SluiceException(ErrorCode.TASK_NOT_FOUND,
                "Job '" + task + "' has no subtask on source '" + source + "'.", "Take the allocation_id from the job's detail (task_logs)."));
        @SuppressWarnings("unchecked")
        Map<String, Object> sync = (Map<String, Object>) subtask.getOrDefault("sync", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> load = (Map<String, Object>) subtask.getOrDefault("load", Map.of());
        String unit = String.valueOf(subtask.get("unit"));
        String stage = String.valueOf(subtask.get("stage"));

        Map<String, Object> coordinates = new LinkedHashMap<>();
        String synced = text(sync, "syncerBinlog");
        Matcher position = FILE_POSITION.matcher(synced);
        coordinates.put("file", position.matches() ? position.group(1) : "");
        coordinates.put("position", position.matches() ? Long.parseLong(position.group(2)) : 0L);
        coordinates.put("gtid_set", text(sync, "syncerBinlogGtid"));
        coordinates.put("relay_master_log_file", "");
        coordinates.put("read_master_log_pos", 0);
        coordinates.put("retrieved_gtid_set", "");
        Matcher master = FILE_POSITION.matcher(text(sync, "masterBinlog"));
        Map<String, Object> sourceEnd = new LinkedHashMap<>();
        sourceEnd.put("file", master.matches() ? master.group(1) : "");
        sourceEnd.put("position", master.matches() ? Long.parseLong(master.group(2)) : 0L);
        sourceEnd.put("gtid_set", text(sync, "masterBinlogGtid"));

        Map<String, Object> delay = new LinkedHashMap<>();
        String lag = text(sync, "secondsBehindMaster");
        delay.put("num", lag.isEmpty() ? 0 : 1);
        delay.put("time", lag.isEmpty() ? 0 : Long.parseLong(lag));

        boolean copied = "Sync".equals(unit) || "Finished".equals(stage);
        String progress = copied ? "100.0" : text(load, "progress").replace("%", "").strip();
        long rowsCopied = number(load, "finishedRows");
        long rowsTotal = number(load, "totalRows");
        long transactions = number(sync, "totalEvents");

        Map<String, Object> throughput = new LinkedHashMap<>();
        throughput.put("total_tps", number(sync, "totalTps"));
        throughput.put("recent_tps", number(sync, "recentTps"));

        Map<String, Object> tasks = new LinkedHashMap<>();
        tasks.put("current_coordinates", coordinates);
        tasks.put("delay_count", delay);
        tasks.put("progress_PCT", progress.isEmpty() ? "0.0" : progress);
        tasks.put("exec_master_row_count", rowsCopied);
        tasks.put("exec_master_tx_count", transactions);
        tasks.put("read_master_row_count", rowsTotal);
        tasks.put("read_master_tx_count", transactions);
        tasks.put("ETA", copied ? "0s" : "");
        tasks.put("backlog", "");
        tasks.put("throughput_status", throughput);
        tasks.put("nats_message_status", null);
        tasks.put("buffer_status", null);
        tasks.put("stage", stage + (unit.isEmpty() || "null".equals(unit) ? "" : " (" + unit + ")"));
        tasks.put("timestamp", nanos(Instant.now()));
        tasks.put("source_binlog_end", sourceEnd);
        tasks.put("synced", Boolean.TRUE.equals(sync.get("synced")));
        return tasks;
    }

    @SuppressWarnings("unchecked")
    private static java.util.Optional<Map<String, Object>> find(Map<String, Object> status, String source) {
        for (Object worker : (List<Object>) status.getOrDefault("workers", List.of())) {
            for (Object entry : (List<Object>) ((Map<String, Object>) worker).getOrDefault("subTaskStatus", List.of())) {
                Map<String, Object> subtask = (Map<String, Object>) entry;
                if (source.equals(subtask.get("source"))) {
                    return java.util.Optional.of(subtask);
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? "" : String.valueOf(value);
    }

    private static long number(Map<String, Object> map, String key) {
        String text = text(map, key).strip().toLowerCase(Locale.ROOT);
        try {
            return text.isEmpty() ? 0 : Long.parseLong(text);
        }
        catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
