package io.sluice.server.http.dtle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.core.task.Endpoint;
import io.sluice.core.task.InstanceConfig;
import io.sluice.core.task.StartMeta;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;
import io.sluice.server.http.Json;
import io.sluice.server.master.TaskDefinition;
import io.sluice.server.worker.Stage;
import io.sluice.server.worker.SubtaskError;
import io.sluice.server.worker.SubtaskRunner;
import io.sluice.server.worker.SubtaskSnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A task rendered in dtle's v2 shapes: the {@code job} object create and update echo, an entry of
 * the job list and the detail document. Values come from the job as submitted when it was submitted
 * in the v2 shape (node_id, retry, table lists as written), else from Sluice's task model, else
 * dtle's defaults. Every {@code mysql_password} is {@code ""}: a password never leaves the server.
 */
final class JobView {
    private final String name;
    private final JobType type;
    private final Optional<TaskDefinition> definition;
    private final Optional<ObjectNode> submitted;
    private final List<SubtaskSnapshot> snapshots;
    private final List<SubtaskRunner> runners;
    private final String node;
    private final Instant created;

    JobView(String name, Optional<TaskDefinition> definition, List<SubtaskRunner> runners, String node, Instant created) {
        this.name = name;
        this.definition = definition;
        this.submitted = definition.flatMap(value -> JobRequest.stored(value.text()));
        this.runners = List.copyOf(runners);
        this.snapshots = runners.stream().map(SubtaskRunner::snapshot).toList();
        this.node = node;
        this.created = created;
        this.type = JobType.of(name, definition.map(value -> value.task().mode()).orElse(TaskMode.ALL));
    }

    String name() {
        return name;
    }

    JobType type() {
        return type;
    }

    /** dtle's job name: the id without its type suffix. */
    String jobName() {
        return name.endsWith(type.suffix()) ? name.substring(0, name.length() - type.suffix().length()) : name;
    }

    /**
     * The job's status, lower case: paused when a subtask is paused (by the user or an error),
     * else running when one runs, else new, else finished when all finished, else stopped.
     */
    String status() {
        if (snapshots.isEmpty()) {
            return definition.isEmpty() ? "failed" : "stopped";
        }
        for (Stage stage : List.of(Stage.PAUSED, Stage.RUNNING, Stage.NEW)) {
            if (snapshots.stream().anyMatch(snapshot -> snapshot.stage() == stage)) {
                return stage.display().toLowerCase(Locale.ROOT);
            }
        }
        if (snapshots.stream().allMatch(snapshot -> snapshot.stage() == Stage.FINISHED)) {
            return "finished";
        }
        return "stopped";
    }

    /** Why the job is in its status: the errors that paused its subtasks. */
    String statusDescription() {
        if (definition.isEmpty()) {
            return "the task's stored config could not be read back; see the server log";
        }
        List<String> errors = new ArrayList<>();
        for (SubtaskSnapshot snapshot : snapshots) {
            for (SubtaskError error : snapshot.errors()) {
                errors.add(snapshot.source() + ": " + error.message() + " Fix: " + error.workaround());
            }
        }
        return String.join("; ", errors);
    }

    Optional<TaskMode> mode() {
        return definition.map(value -> value.task().mode());
    }

    /** The {@code job} object of dtle's create and update replies. */
    Map<String, Object> job(boolean encrypted) {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("job_id", name);
        job.put("task_step_name", text(root(), "task_step_name", stepName()));
        job.put("reverse", bool(root(), "reverse", false));
        job.put("failover", bool(root(), "failover", true));
        job.put("is_mysql_password_encrypted", encrypted);
        job.put("src_task", srcTask());
        job.put("dest_task", destTask());
        job.put("retry", integer(root(), "retry", 2));
        return job;
    }

    /** An entry of {@code GET /v2/jobs}. */
    Map<String, Object> listEntry() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("job_id", name);
        entry.put("job_name", jobName());
        entry.put("job_status", status());
        entry.put("job_status_description", statusDescription());
        entry.put("topic", "");
        entry.put("job_create_time", created.toString());
        entry.put("src_addr_list", sourceEndpoints().stream().map(Endpoint::host).distinct().toList());
        entry.put("dst_addr_list", target().map(endpoint -> List.of(endpoint.host())).orElse(List.of()));
        entry.put("user", "");
        entry.put("job_steps", steps());
        return entry;
    }

    /** The detail document ({@code GET /v2/job/<type>/detail}). */
    Map<String, Object> detail(List<Map<String, Object>> journal) {
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("job_id", name);
        base.put("subscription_topic", "");
        base.put("job_status", status());
        base.put("job_status_description", statusDescription());
        base.put("job_create_time", created.toString());
        base.put("job_steps", steps());
        base.put("delay", delaySeconds());

        List<Map<String, Object>> nodes = new ArrayList<>();
        for (SubtaskRunner runner : runners) {
            nodes.add(nodeInfo(runner.source().from(), "src"));
        }
        target().ifPresent(endpoint -> nodes.add(nodeInfo(endpoint, "dst")));

        Map<String, Object> connections = new LinkedHashMap<>();
        connections.put("src_data_base", sourceEndpoints().stream().findFirst().map(JobView::connection).orElse(emptyConnection()));
        connections.put("dst_data_base", target().map(JobView::connection).orElse(emptyConnection()));
        Map<String, Object> kafka = new LinkedHashMap<>();
        kafka.put("task_name", "");
        kafka.put("kafka_broker_addrs", null);
        kafka.put("kafka_topic", "");
        kafka.put("message_group_max_size", 0);
        kafka.put("message_group_timeout", 0);
        connections.put("dst_kafka", kafka);

        Map<String, Object> src = srcTask();
        Map<String, Object> dest = destTask();
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("binlog_relay", src.get("binlog_relay"));
        configuration.put("fail_over", bool(root(), "failover", true));
        configuration.put("retry_times", integer(root(), "retry", 2));
        configuration.put("parallel_workers", dest.get("parallel_workers"));
        configuration.put("repl_chan_buffer_size", src.get("repl_chan_buffer_size"));
        configuration.put("group_max_size", src.get("group_max_size"));
        configuration.put("chunk_size", src.get("chunk_size"));
        configuration.put("group_timeout", src.get("group_timeout"));
        configuration.put("drop_table_if_exists", src.get("drop_table_if_exists"));
        configuration.put("skip_create_db_table", src.get("skip_create_db_table"));
        configuration.put("use_my_sql_dependency", dest.get("use_my_sql_dependency"));
        configuration.put("dependency_history_size", dest.get("dependency_history_size"));

        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("job_base_info", base);
        profile.put("dtle_node_infos", nodes);
        profile.put("connection_info", connections);
        profile.put("configuration", configuration);
        profile.put("replicate_do_db", src.get("replicate_do_db"));
        profile.put("replicate_ignore_db", src.get("replicate_ignore_db"));

        List<Map<String, Object>> logs = new ArrayList<>();
        for (int i = 0; i < runners.size(); i++) {
            SubtaskRunner runner = runners.get(i);
            SubtaskSnapshot snapshot = snapshots.get(i);
            for (String target : List.of("src", "dst")) {
                Map<String, Object> log = new LinkedHashMap<>();
                log.put("task_events", events(journal, snapshot));
                log.put("node_id", node);
                log.put("allocation_id", allocationId(runner));
                log.put("address", nodeAddress());
                log.put("target", target);
                logs.add(log);
            }
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("basic_task_profile", profile);
        detail.put("task_logs", logs);
        return detail;
    }

    /** The id {@code GET /v2/monitor/task} takes for one subtask: {@code <job id>/<source id>}. */
    static String allocationId(SubtaskRunner runner) {
        return runner.task() + "/" + runner.sourceId();
    }

    private List<Map<String, Object>> events(List<Map<String, Object>> journal, SubtaskSnapshot snapshot) {
        List<Map<String, Object>> events = new ArrayList<>(journal);
        String unit = snapshot.status().unit();
        String now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        if ("Load".equals(unit) || (snapshot.stage() == Stage.FINISHED && mode().orElse(TaskMode.ALL) == TaskMode.FULL)) {
            events.add(event("Driver", "", "job_stage_full", now));
        }
        if ("Sync".equals(unit)) {
            events.add(event("Driver", "", "job_stage_incr", now));
        }
        for (SubtaskError error : snapshot.errors()) {
            events.add(event("Terminated", "[" + error.type() + ", code=" + error.code().code() + "] " + error.message(),
                    "Exit Message: \"" + error.message() + "\" Fix: " + error.workaround(), error.time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()));
        }
        return events;
    }

    private static Map<String, Object> event(String type, String setupError, String message, String time) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event_type", type);
        event.put("setup_error", setupError);
        event.put("message", message);
        event.put("time", time);
        return event;
    }

    private long delaySeconds() {
        long delay = 0;
        for (SubtaskSnapshot snapshot : snapshots) {
            delay = Math.max(delay, snapshot.status().lagSeconds());
        }
        return delay;
    }

    private List<Map<String, Object>> steps() {
        TaskMode mode = mode().orElse(TaskMode.ALL);
        List<Map<String, Object>> steps = new ArrayList<>();
        boolean inSync = snapshots.stream().anyMatch(snapshot -> "Sync".equals(snapshot.status().unit()));
        boolean finished = !snapshots.isEmpty() && snapshots.stream().allMatch(snapshot -> snapshot.stage() == Stage.FINISHED);
        if (mode != TaskMode.INCREMENTAL) {
            long copied = snapshots.stream().mapToLong(snapshot -> snapshot.status().rowsCopied()).sum();
            long total = snapshots.stream().mapToLong(snapshot -> snapshot.status().rowsTotal()).sum();
            boolean done = inSync || finished;
            int schedule = done ? 100 : total <= 0 ? 0 : (int) Math.min(99, copied * 100 / total);
            steps.add(step("job_stage_full", done ? "finish" : "start", schedule));
        }
        if (mode != TaskMode.FULL) {
            steps.add(step("job_stage_incr", inSync || mode == TaskMode.INCREMENTAL ? "start" : "wait", 0));
        }
        return steps;
    }

    private Map<String, Object> step(String name, String status, int schedule) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("step_name", name);
        step.put("step_status", status);
        step.put("step_schedule", schedule);
        step.put("job_create_time", created.toString());
        return step;
    }

    private String stepName() {
        return switch (mode().orElse(TaskMode.ALL)) {
            case FULL -> "job_stage_full";
            case INCREMENTAL -> "job_stage_incr";
            case ALL -> "all";
        };
    }

    private Map<String, Object> srcTask() {
        JsonNode src = root().path("src_task");
        Optional<TaskConfig> task = definition.map(TaskDefinition::task);
        Optional<StartMeta> meta = task.map(value -> value.instances().getFirst()).map(InstanceConfig::meta);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("task_name", text(src, "task_name", "src"));
        map.put("node_id", text(src, "node_id", node));
        map.put("gtid", text(src, "gtid", meta.map(StartMeta::binlogGtid).orElse("")));
        for (String optional : List.of("gtid_start", "binlog_file", "binlog_pos", "sql_filter")) {
            if (src.has(optional) && !src.get(optional).isNull()) {
                map.put(optional, Json.MAPPER.convertValue(src.get(optional), Object.class));
            }
        }
        map.put("group_max_size", integer(src, "group_max_size", 1));
        map.put("chunk_size", task.map(value -> (long) value.load().chunkRows()).orElse(integer(src, "chunk_size", 2000)));
        map.put("drop_table_if_exists", task.map(value -> value.load().dropTableIfExists()).orElse(bool(src, "drop_table_if_exists", false)));
        map.put("skip_create_db_table", task.map(value -> value.load().skipCreateTable()).orElse(bool(src, "skip_create_db_table", false)));
        map.put("repl_chan_buffer_size", integer(src, "repl_chan_buffer_size", 120));
        map.put("replicate_do_db", dataSources(src.get("replicate_do_db")));
        map.put("replicate_ignore_db", dataSources(src.get("replicate_ignore_db")));
        map.put("mysql_connection_config", sourceEndpoints().stream().findFirst().map(JobView::connection).orElse(emptyConnection()));
        map.put("binlog_relay", false);
        map.put("group_timeout", task.map(value -> value.sync().groupAge().toMillis()).orElse(integer(src, "group_timeout", 100)));
        map.put("wait_on_job", "");
        map.put("auto_gtid", bool(src, "auto_gtid", false));
        return map;
    }

    private Map<String, Object> destTask() {
        JsonNode dest = root().path("dest_task");
        Optional<TaskConfig> task = definition.map(TaskDefinition::task);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("task_name", text(dest, "task_name", "dest"));
        map.put("node_id", text(dest, "node_id", node));
        map.put("parallel_workers", task.map(value -> (long) value.sync().workers()).orElse(integer(dest, "parallel_workers", 1)));
        map.put("mysql_connection_config", target().map(JobView::connection).orElse(emptyConnection()));
        map.put("use_my_sql_dependency", dest.has("use_mysql_dependency") ? bool(dest, "use_mysql_dependency", true) : bool(dest, "use_my_sql_dependency", true));
        map.put("dependency_history_size", integer(dest, "dependency_history_size", 2500));
        return map;
    }

    /** replicate_do_db / replicate_ignore_db entries with every key dtle echoes. */
    private static List<Object> dataSources(JsonNode entries) {
        List<Object> list = new ArrayList<>();
        if (entries == null || !entries.isArray()) {
            return list;
        }
        for (JsonNode entry : entries) {
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("table_schema", text(entry, "table_schema", ""));
            schema.put("table_schema_regex", text(entry, "table_schema_regex", ""));
            schema.put("table_schema_rename", text(entry, "table_schema_rename", ""));
            List<Object> tables = new ArrayList<>();
            for (JsonNode table : entry.path("tables")) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("table_name", text(table, "table_name", ""));
                item.put("table_regex", text(table, "table_regex", ""));
                item.put("table_rename", text(table, "table_rename", ""));
                item.put("column_map_from", table.path("column_map_from").isArray() ? Json.MAPPER.convertValue(table.get("column_map_from"), List.class) : null);
                item.put("where", text(table, "where", ""));
                tables.add(item);
            }
            schema.put("tables", tables);
            list.add(schema);
        }
        return list;
    }

    private List<Endpoint> sourceEndpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (SubtaskRunner runner : runners) {
            endpoints.add(runner.source().from());
        }
        if (endpoints.isEmpty()) {
            definition.ifPresent(value -> value.inlineSources().values().forEach(source -> endpoints.add(source.from())));
        }
        return endpoints;
    }

    private Optional<Endpoint> target() {
        return definition.map(value -> value.task().target());
    }

    private Map<String, Object> nodeInfo(Endpoint endpoint, String source) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("node_addr", nodeAddress());
        info.put("node_id", node);
        info.put("data_source", endpoint.host() + ":" + endpoint.port());
        info.put("source", source);
        return info;
    }

    private String nodeAddress() {
        int colon = node.lastIndexOf(':');
        return colon > 0 ? node.substring(0, colon) : node;
    }

    /** A connection with its password blanked, as dtle echoes it. */
    static Map<String, Object> connection(Endpoint endpoint) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("mysql_host", endpoint.host());
        map.put("mysql_port", endpoint.port());
        map.put("mysql_user", endpoint.user());
        map.put("mysql_password", "");
        return map;
    }

    private static Map<String, Object> emptyConnection() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("mysql_host", "");
        map.put("mysql_port", 0);
        map.put("mysql_user", "");
        map.put("mysql_password", "");
        return map;
    }

    private JsonNode root() {
        return submitted.map(JsonNode.class::cast).orElse(Json.MAPPER.createObjectNode());
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value != null && value.isValueNode() && !value.isNull() && !value.asText().isEmpty() ? value.asText() : fallback == null ? "" : fallback;
    }

    private static boolean bool(JsonNode node, String field, boolean fallback) {
        JsonNode value = node.get(field);
        return value != null && value.isBoolean() ? value.asBoolean() : fallback;
    }

    private static long integer(JsonNode node, String field, long fallback) {
        JsonNode value = node.get(field);
        return value != null && value.canConvertToLong() ? value.asLong() : fallback;
    }
}
