package io.sluice.server.http.dtle;

import static io.sluice.server.http.dtle.DtleHttp.guarded;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.server.SluiceServer;
import io.sluice.server.http.ApiRoutes;
import io.sluice.server.http.Json;
import io.sluice.server.master.LogLevels;
import io.sluice.server.master.Members;
import io.sluice.server.master.SourceService;
import io.sluice.server.master.TaskService;
import io.sluice.server.reply.OperationReply;
import io.sluice.server.status.StatusReporter;
import io.sluice.server.worker.Stage;
import io.sluice.server.worker.SubtaskRunner;
import io.sluice.server.worker.Worker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The dtle 3.x HTTP API under {@code /v2} (seeds/dtle-manual-zh.md, "dtle 3.x HTTP API 说明"), onto
 * Sluice's task model: a job is a task named {@code <job_id>-<type>}; create and update hand the job
 * JSON to the task service, pause/resume/delete are pause-task/resume-task/stop-task, the list,
 * detail and monitor read the subtasks, nodes are the cluster members. Replies have dtle's shapes
 * with {@code "message": "ok"}; a failure is {@code {"message": "<cause> Fix: <fix>"}} with a
 * non-200 status. docs/api.md#dtle-v2-api maps every endpoint; users, tenants and roles answer 501.
 */
public final class DtleRoutes implements ApiRoutes {
    private static final List<String> NOT_YET = List.of(
            "GET /v2/login/captcha", "POST /v2/login",
            "GET /v2/user/list", "POST /v2/user/create", "POST /v2/user/update", "POST /v2/user/reset_password", "POST /v2/user/delete",
            "GET /v2/user/current_user", "GET /v2/user/list_action",
            "GET /v2/tenant/list",
            "GET /v2/role/list", "POST /v2/role/create", "POST /v2/role/update", "POST /v2/role/delete");

    private final TaskService tasks;
    private final SourceService sources;
    private final StatusReporter status;
    private final Members members;
    private final Worker worker;
    private final JobJournal journal = new JobJournal();
    private final String version = Optional.ofNullable(SluiceServer.class.getPackage().getImplementationVersion()).orElse("dev");

    public DtleRoutes(TaskService tasks, SourceService sources, StatusReporter status, Members members, Worker worker) {
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.sources = requireNonNull(sources, "sources is null");
        this.status = requireNonNull(status, "status is null");
        this.members = requireNonNull(members, "members is null");
        this.worker = requireNonNull(worker, "worker is null");
    }

    @Override
    public void register(RoutesConfig routes) {
        for (JobType type : List.of(JobType.MIGRATION, JobType.SYNC)) {
            routes.post("/v2/job/" + type.apiName() + "/create", guarded(ctx -> create(ctx, type)));
            routes.post("/v2/job/" + type.apiName() + "/update", guarded(ctx -> update(ctx, type)));
        }
        routes.post("/v2/job/subscription/create", guarded(ctx -> {
            throw noKafka();
        }));
        routes.post("/v2/job/subscription/update", guarded(ctx -> {
            throw noKafka();
        }));
        routes.post("/v2/job/{job_type}/pause", guarded(ctx -> operate(ctx, "pause")));
        routes.post("/v2/job/{job_type}/resume", guarded(ctx -> operate(ctx, "resume")));
        routes.post("/v2/job/{job_type}/delete", guarded(ctx -> operate(ctx, "delete")));
        routes.post("/v2/job/{job_type}/reverse", guarded(ctx -> {
            throw DtleHttp.unsupported("Reverse replication jobs (reverse, reverse_start) are not supported: Sluice does not create the mirror job "
                    + "or switch the direction for you.", "Create the reverse job yourself with POST /v2/job/" + JobType.fromPath(ctx.pathParam("job_type")).apiName()
                    + "/create (source and target swapped, gtid = the target's executed GTID set), then delete the original.");
        }));
        routes.post("/v2/job/{job_type}/reverse_start", guarded(ctx -> {
            throw DtleHttp.unsupported("Reverse replication jobs (reverse, reverse_start) are not supported, so there is no waiting reverse job to start.",
                    "Create the reverse job with POST /v2/job/<type>/create once the original has caught up, and delete the original.");
        }));
        routes.get("/v2/job/{job_type}/detail", guarded(this::detail));
        routes.get("/v2/jobs", guarded(ctx -> list(ctx, DtleHttp.param(ctx, "filter_job_type").map(JobType::fromPath))));
        routes.get("/v2/jobs/{job_type}", guarded(ctx -> list(ctx, Optional.of(JobType.fromPath(ctx.pathParam("job_type"))))));

        routes.get("/v2/validation/job", guarded(this::validate));
        routes.post("/v2/validation/job", guarded(this::validate));
        routes.get("/v2/monitor/task", guarded(this::monitor));
        routes.get("/v2/nodes", guarded(ctx -> DtleHttp.ok(ctx, Map.of("nodes", NodeView.nodes(members, sourcesOfWorker(), version)))));

        routes.get("/v2/mysql/schemas", guarded(ctx -> DtleHttp.ok(ctx, Map.of("schemas", MysqlProbe.of(ctx, tasks).schemas()))));
        routes.get("/v2/mysql/columns", guarded(ctx -> {
            MysqlProbe probe = MysqlProbe.of(ctx, tasks);
            String fix = "Send mysql_schema and mysql_table with the connection parameters.";
            DtleHttp.ok(ctx, Map.of("columns", probe.columns(DtleHttp.required(ctx, "mysql_schema", fix), DtleHttp.required(ctx, "mysql_table", fix))));
        }));
        routes.get("/v2/mysql/instance_connection", guarded(ctx -> {
            MysqlProbe.of(ctx, tasks).ping();
            DtleHttp.ok(ctx);
        }));

        routes.post("/v2/log/level", guarded(ctx -> {
            String level = LogLevels.set(DtleHttp.required(ctx, "dtle_log_level", "Send dtle_log_level=TRACE, DEBUG, INFO, WARN or ERROR."));
            DtleHttp.ok(ctx, Map.of("dtle_log_level", level.toUpperCase(Locale.ROOT)));
        }));

        for (String route : NOT_YET) {
            String[] parts = route.split(" ", 2);
            io.javalin.http.Handler handler = guarded(ctx -> {
                throw DtleHttp.unsupported("Users, tenants, roles and login are not implemented in this version: " + route + " has nothing to manage, "
                        + "and the API needs no token.", "Call the other /v2 endpoints without a token; restrict access to the HTTP port (--http-addr) meanwhile.");
            });
            if (parts[0].equals("GET")) {
                routes.get(parts[1], handler);
            }
            else {
                routes.post(parts[1], handler);
            }
        }
    }

    private void create(Context ctx, JobType type) {
        JobRequest request = JobRequest.of(DtleHttp.jsonBody(ctx), type);
        OperationReply reply = tasks.start(request.text(), false, Set.of());
        if (!reply.result()) {
            DtleHttp.fail(ctx, reply.httpStatus(), reply.msg());
            return;
        }
        journal.created(request.name());
        jobReply(ctx, request);
    }

    private void update(Context ctx, JobType type) {
        JobRequest request = JobRequest.of(DtleHttp.jsonBody(ctx), type);
        String name = request.name();
        if (!tasks.names().contains(name)) {
            throw new SluiceException(ErrorCode.TASK_NOT_FOUND, "Job '" + name + "' does not exist.", "Create it with POST /v2/job/" + type.apiName() + "/create.");
        }
        // dtle updates a running job in place; Sluice changes a task only while it is paused, so a running job is paused around the change.
        boolean running = worker.runners(name).stream().anyMatch(runner -> runner.stage() == Stage.RUNNING);
        if (running) {
            require(tasks.pause(name, Set.of()));
        }
        OperationReply reply = tasks.update(name, request.text(), Set.of());
        if (running) {
            OperationReply resumed = tasks.resume(name, Set.of());
            if (reply.result()) {
                require(resumed);
            }
        }
        if (!reply.result()) {
            DtleHttp.fail(ctx, reply.httpStatus(), reply.msg());
            return;
        }
        journal.event(name, "Signaling", "Job updated" + (running ? " (paused and resumed)" : ""));
        jobReply(ctx, request);
    }

    private void jobReply(Context ctx, JobRequest request) {
        long index = journal.nextIndex();
        JobView view = view(request.name());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job", view.job(request.encrypted()));
        body.put("eval_create_index", index);
        body.put("job_modify_index", index);
        DtleHttp.ok(ctx, body);
    }

    private void operate(Context ctx, String operation) {
        JobType type = JobType.fromPath(ctx.pathParam("job_type"));
        String name = jobName(ctx, type);
        OperationReply reply = switch (operation) {
            case "pause" -> tasks.pause(name, Set.of());
            case "resume" -> tasks.resume(name, Set.of());
            default -> tasks.stop(name, Set.of());
        };
        require(reply);
        switch (operation) {
            case "pause" -> journal.event(name, "Signaling", "Task paused by client");
            case "resume" -> journal.event(name, "Started", "Task resumed by client");
            default -> journal.event(name, "Killed", "Task stopped by client (delete); the data on the target stays");
        }
        DtleHttp.ok(ctx);
    }

    private void detail(Context ctx) {
        JobType type = JobType.fromPath(ctx.pathParam("job_type"));
        String name = jobName(ctx, type);
        Map<String, Object> detail = view(name).detail(journal.events(name));
        DtleHttp.ok(ctx, detail);
    }

    private void list(Context ctx, Optional<JobType> type) {
        Optional<String> id = DtleHttp.param(ctx, "filter_job_id");
        Optional<String> jobName = DtleHttp.param(ctx, "filter_job_name");
        Optional<String> jobStatus = DtleHttp.param(ctx, "filter_job_status").map(text -> text.toLowerCase(Locale.ROOT));
        Optional<String> host = DtleHttp.param(ctx, "filter_job_src_ip");
        Optional<String> targetHost = DtleHttp.param(ctx, "filter_job_dest_ip");
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (String name : tasks.names()) {
            JobView view = view(name);
            if (type.isPresent() && view.type() != type.get()) {
                continue;
            }
            Map<String, Object> entry = view.listEntry();
            if (id.isPresent() && !name.contains(id.get())
                    || jobName.isPresent() && !view.jobName().contains(jobName.get())
                    || jobStatus.isPresent() && !view.status().equals(jobStatus.get())
                    || host.isPresent() && !String.valueOf(entry.get("src_addr_list")).contains(host.get())
                    || targetHost.isPresent() && !String.valueOf(entry.get("dst_addr_list")).contains(targetHost.get())) {
                continue;
            }
            jobs.add(entry);
        }
        DtleHttp.param(ctx, "order_by").ifPresent(order -> sort(jobs, order));
        DtleHttp.ok(ctx, Map.of("jobs", jobs));
    }

    private static void sort(List<Map<String, Object>> jobs, String order) {
        String[] parts = order.strip().split("\\s+");
        String key = parts[0].startsWith("-") ? parts[0].substring(1) : parts[0];
        boolean descending = parts[0].startsWith("-") || parts.length > 1 && parts[1].equalsIgnoreCase("desc");
        if (!List.of("job_id", "job_name", "job_status", "job_create_time").contains(key)) {
            throw DtleHttp.badRequest("order_by '" + order + "' is not a sortable field.", "Use job_id, job_name, job_status or job_create_time, optionally followed by ' desc'.");
        }
        Comparator<Map<String, Object>> comparator = Comparator.comparing(job -> String.valueOf(job.get(key)));
        jobs.sort(descending ? comparator.reversed() : comparator);
    }

    private void validate(Context ctx) {
        ObjectNode body = DtleHttp.jsonBody(ctx);
        JsonNode config = body.get("job_config");
        if (config == null) {
            Optional<String> text = DtleHttp.param(ctx, "job_config");
            if (text.isPresent()) {
                try {
                    config = Json.MAPPER.readTree(text.get());
                }
                catch (Exception e) {
                    throw DtleHttp.badRequest("job_config is not valid JSON: " + e.getMessage(), "Send job_config as a JSON object (URL-encoded in a GET query).");
                }
            }
        }
        if (config == null && (body.has("job_id") || body.has("src_task"))) {
            config = body;
        }
        if (config == null || !config.isObject()) {
            throw DtleHttp.badRequest("The request needs 'job_config', the job to validate as a JSON object.",
                    "POST {\"job_config\": {\"job_id\": ..., \"src_task\": {...}, \"dest_task\": {...}}}, or GET ?job_config=<the JSON, URL-encoded>.");
        }
        Map<String, Object> reply;
        try {
            reply = new ValidationView(tasks).validate(JobRequest.forValidation((ObjectNode) config));
        }
        catch (SluiceException e) {
            reply = new LinkedHashMap<>();
            reply.put("driver_config_validated", false);
            reply.put("mysql_task_validation_report", List.of());
            reply.put("job_validation_error", io.sluice.server.reply.Messages.of(e));
            reply.put("job_validation_warning", "");
        }
        DtleHttp.ok(ctx, reply);
    }

    private void monitor(Context ctx) {
        Optional<String> allocation = DtleHttp.param(ctx, "allocation_id");
        String task;
        Optional<String> source = DtleHttp.param(ctx, "source");
        if (allocation.isPresent() && allocation.get().contains("/")) {
            int slash = allocation.get().lastIndexOf('/');
            task = allocation.get().substring(0, slash);
            source = Optional.of(allocation.get().substring(slash + 1));
        }
        else {
            task = DtleHttp.param(ctx, "task_id").or(() -> DtleHttp.param(ctx, "job_id")).or(() -> allocation)
                    .orElseThrow(() -> DtleHttp.badRequest("The request needs task_id (the job id) or allocation_id (from the job's detail).",
                            "Send task_id=<job id>, or allocation_id=<job id>/<source id> as the detail's task_logs show it."));
        }
        task = resolve(task, Optional.empty());
        SubtaskRunner runner = runner(task, source);
        Map<String, Object> document = status.status(Optional.of(task), Set.of());
        Map<String, Object> tasksStatus = MonitorView.of(document, task, runner.sourceId());
        DtleHttp.ok(ctx, Map.of("tasks_status", tasksStatus));
    }

    private SubtaskRunner runner(String task, Optional<String> source) {
        List<SubtaskRunner> runners = worker.runners(task);
        if (source.isPresent()) {
            return runners.stream().filter(runner -> runner.sourceId().equals(source.get())).findFirst()
                    .orElseThrow(() -> new SluiceException(ErrorCode.SOURCE_NOT_FOUND, "Job '" + task + "' has no subtask on source '" + source.get() + "'.",
                            "Use one of its allocation ids: " + runners.stream().map(JobView::allocationId).toList() + "."));
        }
        if (runners.size() != 1) {
            throw DtleHttp.badRequest("Job '" + task + "' has " + runners.size() + " subtasks " + runners.stream().map(JobView::allocationId).toList() + ".",
                    "Send allocation_id=<job id>/<source id> as the detail's task_logs show it.");
        }
        return runners.getFirst();
    }

    private String jobName(Context ctx, JobType type) {
        String id = DtleHttp.required(ctx, "job_id", "Send job_id=<job id>, e.g. job_id=demo-" + type.apiName() + ".");
        return resolve(id, Optional.of(type));
    }

    /** The task a job id names: the id itself, or the id with the type suffix dtle adds on create. */
    private String resolve(String id, Optional<JobType> type) {
        List<String> names = tasks.names();
        if (names.contains(id)) {
            return id;
        }
        List<JobType> candidates = type.map(List::of).orElse(List.of(JobType.values()));
        for (JobType candidate : candidates) {
            if (names.contains(id + candidate.suffix())) {
                return id + candidate.suffix();
            }
        }
        throw new SluiceException(ErrorCode.TASK_NOT_FOUND, "Job '" + id + "' does not exist.",
                "List the jobs with GET /v2/jobs" + type.map(value -> "/" + value.apiName()).orElse("") + "; a job created with job_id 'x' is named 'x-<type>'.");
    }

    private JobView view(String name) {
        return new JobView(name, tasks.findDefinition(name), worker.runners(name), worker.name(), journal.createdAt(name));
    }

    private List<String> sourcesOfWorker() {
        Set<String> ids = new LinkedHashSet<>(sources.ids());
        worker.all().forEach(runner -> ids.add(runner.sourceId()));
        return List.copyOf(ids);
    }

    private static void require(OperationReply reply) {
        if (!reply.result()) {
            throw new ReplyFailure(reply);
        }
    }

    private static SluiceException noKafka() {
        return DtleHttp.unsupported("Subscription jobs write to Kafka, and the Kafka sink does not exist in this version of Sluice.",
                "Use a migration or sync job with a MySQL destination (dest_task.mysql_connection_config) for now.");
    }

    /** A failed task-service reply, answered with its own status and message. */
    static final class ReplyFailure extends RuntimeException {
        private final OperationReply reply;

        ReplyFailure(OperationReply reply) {
            super(reply.msg(), null, false, false);
            this.reply = reply;
        }

        OperationReply reply() {
            return reply;
        }
    }
}
