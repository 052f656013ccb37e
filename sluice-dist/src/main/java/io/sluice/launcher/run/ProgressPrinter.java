package io.sluice.launcher.run;

import static java.util.Objects.requireNonNull;

import io.sluice.mysql.task.MysqlSubtask;
import io.sluice.mysql.task.SubtaskStatus;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One console line per subtask and period: the unit, then rows copied of the estimate with
 * percentage and ETA during Load, transactions per second, lag and position during Sync.
 */
final class ProgressPrinter {
    private final PrintWriter out;
    private final Map<String, Sample> previous = new HashMap<>();

    ProgressPrinter(PrintWriter out) {
        this.out = requireNonNull(out, "out is null");
    }

    void print(List<MysqlSubtask> subtasks) {
        long now = System.nanoTime();
        for (MysqlSubtask subtask : subtasks) {
            SubtaskStatus status = subtask.status();
            Sample last = previous.put(subtask.name(), new Sample(now, status.rowsCopied(), status.transactions()));
            double seconds = last == null ? 0 : (now - last.nanos()) / 1e9;
            String line = switch (status.unit()) {
                case "Load" -> {
                    long total = Math.max(status.rowsTotal(), status.rowsCopied());
                    double rate = last == null || seconds <= 0 ? 0 : (status.rowsCopied() - last.rows()) / seconds;
                    String eta = rate > 0 ? format(Duration.ofSeconds((long) ((total - status.rowsCopied()) / rate))) : "--:--:--";
                    yield "Load  %d/%d rows (%.1f%%) %.0f rows/s ETA %s".formatted(status.rowsCopied(), total,
                            total == 0 ? 100.0 : 100.0 * status.rowsCopied() / total, rate, eta);
                }
                case "Sync" -> {
                    double tps = last == null || seconds <= 0 ? 0 : (status.transactions() - last.transactions()) / seconds;
                    yield "Sync  %d txns, %.1f txn/s, lag %s, at %s".formatted(status.transactions(), tps,
                            status.lagSeconds() < 0 ? "-" : status.lagSeconds() + " s", status.position());
                }
                default -> status.unit();
            };
            out.println("[" + subtask.name() + "] " + line);
        }
        out.flush();
    }

    private static String format(Duration duration) {
        return "%02d:%02d:%02d".formatted(duration.toHours(), duration.toMinutesPart(), duration.toSecondsPart());
    }

    private record Sample(long nanos, long rows, long transactions) {}
}
