package io.sluice.mysql.check;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link TaskPrecheck} found for one task: one {@link CheckResult} per item and server, in
 * report order (each source's items, then the target's). The task may start when no result
 * {@link CheckState#FAIL failed}; warnings do not stop it, as in DM.
 *
 * <p>{@link #toDmJson()} gives the report in the shape of DM's {@code check-task} answer, as plain
 * ordered maps and lists that any JSON library writes as they are:
 * <pre>{@code
 * {"result": true|false,                       passed()
 *  "msg": "...",                               one line: passed or how many failed, skipped items
 *  "checks": {
 *    "results": [{"id": 0,                     position among the reported (non-skipped) results
 *                 "name": "binlog_format",     PrecheckItem.configName()
 *                 "desc": "...",               PrecheckItem.description()
 *                 "state": "success|warn|fail",CheckState.dmName()
 *                 "errors": [{"severity": "warn|fail", "short_error": "..."}],  one per Finding
 *                 "instruction": "...",        CheckResult.instruction(), "" when nothing to do
 *                 "extra": "source mysql-replica-01" | "target"}],
 *    "summary": {"passed": bool, "total": n, "successful": n, "failed": n, "warning": n}}}
 * }</pre>
 * Results of every state are listed, as DM 1.0 does (later DM versions list only warnings and
 * failures). Skipped items are left out of {@code results} and of the counts, because DM does not
 * run them at all; {@code msg} names them.
 */
public record PrecheckReport(String task, List<CheckResult> results) {
    public PrecheckReport {
        requireNonNull(task, "task is null");
        results = List.copyOf(requireNonNull(results, "results is null"));
    }

    /** Whether the task may start: nothing failed (warnings and skipped items do not count). */
    public boolean passed() {
        return results.stream().noneMatch(result -> result.state() == CheckState.FAIL);
    }

    public List<CheckResult> failures() {
        return withState(CheckState.FAIL);
    }

    public List<CheckResult> warnings() {
        return withState(CheckState.WARN);
    }

    public List<CheckResult> skipped() {
        return withState(CheckState.SKIPPED);
    }

    /** The item's results, one per server it ran on. */
    public List<CheckResult> results(PrecheckItem item) {
        return results.stream().filter(result -> result.item() == item).toList();
    }

    /** The item's result on one source, or on {@link CheckResult#TARGET}. */
    public Optional<CheckResult> result(PrecheckItem item, String source) {
        return results.stream().filter(result -> result.item() == item && result.source().equals(source)).findFirst();
    }

    private List<CheckResult> withState(CheckState state) {
        return results.stream().filter(result -> result.state() == state).toList();
    }

    /** The report as DM's check-task JSON document (see the class comment for the mapping). */
    public Map<String, Object> toDmJson() {
        List<Object> entries = new ArrayList<>();
        int successful = 0;
        int failed = 0;
        int warning = 0;
        for (CheckResult result : results) {
            switch (result.state()) {
                case SKIPPED -> {
                    continue;
                }
                case PASS -> successful++;
                case WARN -> warning++;
                case FAIL -> failed++;
            }
            List<Object> errors = new ArrayList<>();
            for (Finding finding : result.findings()) {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("severity", finding.severity().dmName());
                error.put("short_error", finding.message());
                errors.add(error);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", entries.size());
            entry.put("name", result.name());
            entry.put("desc", result.item().description());
            entry.put("state", result.state().dmName());
            entry.put("errors", errors);
            entry.put("instruction", result.instruction());
            entry.put("extra", result.source().equals(CheckResult.TARGET) ? CheckResult.TARGET : "source " + result.source());
            entries.add(entry);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("passed", failed == 0);
        summary.put("total", entries.size());
        summary.put("successful", successful);
        summary.put("failed", failed);
        summary.put("warning", warning);
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("results", entries);
        checks.put("summary", summary);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("result", failed == 0);
        document.put("msg", message(entries.size(), failed, warning));
        document.put("checks", checks);
        return document;
    }

    private String message(int total, int failed, int warning) {
        StringBuilder message = new StringBuilder();
        if (failed == 0) {
            message.append("pre-check is passed");
            if (warning > 0) {
                message.append(" with ").append(warning).append(warning == 1 ? " warning" : " warnings");
            }
        }
        else {
            Set<String> items = new LinkedHashSet<>();
            failures().forEach(result -> items.add(result.name()));
            message.append("pre-check failed: ").append(failed).append(" of ").append(total).append(" checks failed (")
                    .append(String.join(", ", items)).append(")");
        }
        Set<String> skippedItems = new LinkedHashSet<>();
        skipped().forEach(result -> skippedItems.add(result.name()));
        if (!skippedItems.isEmpty()) {
            message.append("; skipped by ignore-checking-items: ").append(String.join(", ", skippedItems));
        }
        return message.toString();
    }
}
