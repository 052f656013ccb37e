package io.sluice.server.http.dtle;

import static java.util.Objects.requireNonNull;

import io.sluice.config.job.DtleJob;
import io.sluice.config.job.JobFiles;
import io.sluice.core.error.SluiceException;
import io.sluice.core.task.Endpoint;
import io.sluice.mysql.jdbc.MysqlConnections;
import io.sluice.mysql.predicate.RowExpression;
import io.sluice.server.master.TaskService;
import io.sluice.server.reply.Messages;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * dtle's job validation ({@code /v2/validation/job}) from Sluice's own checks: the job file readers
 * (an error names the file position and the key), a connection to each side, and the precheck
 * (start-task's, DM's check-task items) sorted into dtle's categories. Precheck failures dtle has no
 * category for (version, conn_number, table_schema...) are in {@code job_validation_error}, since
 * they would stop the job from starting; warnings are in {@code job_validation_warning}. The full
 * precheck report is under {@code precheck}.
 */
final class ValidationView {
    private static final Map<String, Set<String>> SOURCE_CATEGORIES = categories(
            "privileges_validation", Set.of("replication_privilege", "dump_privilege"),
            "gtid_mode_validation", Set.of("gtid"),
            "server_id_validation", Set.of("server_id"),
            "binlog_validation", Set.of("binlog_enable", "binlog_format", "binlog_row_image", "binlog_db", "meta_position"));
    private static final Set<String> TARGET_PRIVILEGES = Set.of("target_privilege");

    private final TaskService tasks;

    ValidationView(TaskService tasks) {
        this.tasks = requireNonNull(tasks, "tasks is null");
    }

    Map<String, Object> validate(JobRequest request) {
        Map<String, Object> reply = new LinkedHashMap<>();
        String text = request.text();
        DtleJob job;
        Map<String, Object> precheck;
        try {
            job = JobFiles.read(text, "job_config", RowExpression.syntax());
            if (job.task() == null) {
                return invalid(reply, "Job '" + job.jobId() + "' writes to Kafka, and the Kafka sink is not available in this version; only MySQL-to-MySQL jobs can be validated.");
            }
            precheck = tasks.check(text);
        }
        catch (SluiceException e) {
            return invalid(reply, Messages.of(e));
        }
        String sourceName = request.job().path("src_task").path("task_name").asText("src");
        String targetName = request.job().path("dest_task").path("task_name").asText("dest");
        List<Map<String, Object>> results = results(precheck);
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        Map<String, Object> source = report(sourceName.isEmpty() ? "src" : sourceName, connect(job.sources().getFirst().from()));
        String sourceExtra = "source " + job.sources().getFirst().sourceId();
        if (Boolean.TRUE.equals(validation(source, "connection_validation").get("validated"))) {
            for (Map.Entry<String, Set<String>> category : SOURCE_CATEGORIES.entrySet()) {
                source.put(category.getKey(), category(results, sourceExtra, category.getValue()));
            }
        }
        Map<String, Object> target = report(targetName.isEmpty() ? "dest" : targetName, connect(job.task().target()));
        if (Boolean.TRUE.equals(validation(target, "connection_validation").get("validated"))) {
            target.put("privileges_validation", category(results, "target", TARGET_PRIVILEGES));
        }
        for (Map<String, Object> result : results) {
            String name = String.valueOf(result.get("name"));
            boolean mapped = TARGET_PRIVILEGES.contains(name) || SOURCE_CATEGORIES.values().stream().anyMatch(names -> names.contains(name));
            if ("fail".equals(result.get("state")) && !mapped) {
                errors.add("precheck " + name + " on " + result.get("extra") + ": " + findings(result));
            }
            if ("warn".equals(result.get("state"))) {
                warnings.add("precheck " + name + " on " + result.get("extra") + ": " + findings(result));
            }
        }
        reply.put("driver_config_validated", true);
        reply.put("mysql_task_validation_report", List.of(source, target));
        reply.put("job_validation_error", String.join("; ", errors));
        reply.put("job_validation_warning", String.join("; ", warnings));
        reply.put("precheck", precheck);
        return reply;
    }

    private static Map<String, Object> invalid(Map<String, Object> reply, String error) {
        reply.put("driver_config_validated", false);
        reply.put("mysql_task_validation_report", List.of());
        reply.put("job_validation_error", error);
        reply.put("job_validation_warning", "");
        return reply;
    }

    private static Map<String, Object> report(String taskName, Map<String, Object> connection) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("task_name", taskName);
        report.put("connection_validation", connection);
        report.put("privileges_validation", null);
        report.put("gtid_mode_validation", null);
        report.put("server_id_validation", null);
        report.put("binlog_validation", null);
        return report;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> validation(Map<String, Object> report, String key) {
        return (Map<String, Object>) report.get(key);
    }

    private Map<String, Object> connect(Endpoint endpoint) {
        Endpoint revealed = endpoint.withPassword(tasks.revealPassword(endpoint.password()));
        try (Connection ignored = MysqlConnections.open(revealed)) {
            return result(true, "");
        }
        catch (SQLException e) {
            String secret = revealed.password().reveal();
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : secret.isEmpty() ? e.getMessage() : e.getMessage().replace(secret, "******");
            return result(false, "cannot connect to " + revealed.host() + ":" + revealed.port() + " as '" + revealed.user() + "': " + message);
        }
        catch (SluiceException e) {
            return result(false, Messages.of(e));
        }
    }

    private static Map<String, Object> category(List<Map<String, Object>> results, String extra, Set<String> names) {
        List<String> failures = new ArrayList<>();
        for (Map<String, Object> result : results) {
            if (extra.equals(result.get("extra")) && names.contains(String.valueOf(result.get("name"))) && "fail".equals(result.get("state"))) {
                failures.add(result.get("name") + ": " + findings(result));
            }
        }
        return result(failures.isEmpty(), String.join("; ", failures));
    }

    private static Map<String, Object> result(boolean validated, String error) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("validated", validated);
        result.put("error", error);
        return result;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(Map<String, Object> precheck) {
        Object checks = precheck.get("checks");
        if (checks instanceof Map<?, ?> map && map.get("results") instanceof List<?> list) {
            return (List<Map<String, Object>>) list;
        }
        return List.of();
    }

    @SuppressWarnings("unchecked")
    private static String findings(Map<String, Object> result) {
        List<String> texts = new ArrayList<>();
        for (Object error : (List<Object>) result.getOrDefault("errors", List.of())) {
            texts.add(String.valueOf(((Map<String, Object>) error).get("short_error")));
        }
        String instruction = String.valueOf(result.getOrDefault("instruction", ""));
        return String.join("; ", texts) + (instruction.isEmpty() ? "" : " Fix: " + instruction);
    }

    private static Map<String, Set<String>> categories(Object... pairs) {
        Map<String, Set<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            Set<String> names = (Set<String>) pairs[i + 1];
            map.put((String) pairs[i], names);
        }
        return map;
    }
}
