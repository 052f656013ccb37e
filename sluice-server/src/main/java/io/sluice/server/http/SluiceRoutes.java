package io.sluice.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.server.master.LogLevels;
import io.sluice.server.master.Members;
import io.sluice.server.master.OperatorService;
import io.sluice.server.master.SourceService;
import io.sluice.server.master.TaskService;
import io.sluice.server.reply.OperationReply;
import io.sluice.server.reply.SourceReply;
import io.sluice.server.security.PasswordCipher;
import io.sluice.server.status.StatusReporter;
import io.sluice.server.worker.SubtaskRunner;
import io.sluice.server.worker.Worker;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Sluice REST resources under {@code /api/v1} that sluicectl speaks (docs/api.md): one handler per
 * dmctl command, each replying with the JSON dmctl prints.
 */
public final class SluiceRoutes implements ApiRoutes {
    private static final String RELAY_MESSAGE = "Sluice has no relay log: each subtask reads the binlog straight from its source, "
            + "so there is no relay unit to %s.";

    private final TaskService tasks;
    private final SourceService sources;
    private final StatusReporter status;
    private final Members members;
    private final PasswordCipher cipher;
    private final Worker worker;
    private final String version;
    private final OperatorService operators;

    public SluiceRoutes(TaskService tasks, SourceService sources, StatusReporter status, Members members, PasswordCipher cipher, Worker worker, String version,
            OperatorService operators) {
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.sources = requireNonNull(sources, "sources is null");
        this.status = requireNonNull(status, "status is null");
        this.members = requireNonNull(members, "members is null");
        this.cipher = requireNonNull(cipher, "cipher is null");
        this.worker = requireNonNull(worker, "worker is null");
        this.version = requireNonNull(version, "version is null");
        this.operators = requireNonNull(operators, "operators is null");
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/version", ctx -> Json.reply(ctx, 200, Map.of("result", true, "msg", "", "version", version)));
        routes.post("/api/v1/secrets/encrypt", ctx -> Json.reply(ctx, 200,
                Map.of("result", true, "msg", "", "ciphertext", cipher.encrypt(Json.requiredText(Json.body(ctx), "plaintext")))));
        routes.post("/api/v1/secrets/decrypt", ctx -> Json.reply(ctx, 200,
                Map.of("result", true, "msg", "", "plaintext", cipher.decrypt(Json.requiredText(Json.body(ctx), "ciphertext")))));

        routes.post("/api/v1/sources", ctx -> sourceReply(ctx, sources.create(Json.textList(Json.body(ctx), "configs"))));
        routes.put("/api/v1/sources", ctx -> sourceReply(ctx, sources.update(Json.textList(Json.body(ctx), "configs"))));
        routes.post("/api/v1/sources/stop", ctx -> sourceReply(ctx, sources.stop(Json.textList(Json.body(ctx), "sourceIds"))));
        routes.get("/api/v1/sources", ctx -> sourceReply(ctx, sources.show(ctx.queryParams("source"))));

        routes.post("/api/v1/tasks", ctx -> {
            JsonNode body = Json.body(ctx);
            operationReply(ctx, tasks.start(Json.requiredText(body, "config"), Json.optionalBoolean(body, "removeMeta"), Json.workers(body)));
        });
        routes.post("/api/v1/tasks/check", ctx -> {
            Map<String, Object> report = tasks.check(Json.requiredText(Json.body(ctx), "config"));
            Json.reply(ctx, Boolean.TRUE.equals(report.get("result")) ? 200 : 400, report);
        });
        routes.get("/api/v1/tasks", ctx -> Json.reply(ctx, 200, taskList()));
        routes.put("/api/v1/tasks/{name}", ctx -> {
            JsonNode body = Json.body(ctx);
            operationReply(ctx, tasks.update(ctx.pathParam("name"), Json.requiredText(body, "config"), Json.workers(body)));
        });
        routes.post("/api/v1/tasks/{name}/pause", ctx -> operationReply(ctx, tasks.pause(ctx.pathParam("name"), Json.workers(Json.body(ctx)))));
        routes.post("/api/v1/tasks/{name}/resume", ctx -> operationReply(ctx, tasks.resume(ctx.pathParam("name"), Json.workers(Json.body(ctx)))));
        routes.post("/api/v1/tasks/{name}/stop", ctx -> operationReply(ctx, tasks.stop(ctx.pathParam("name"), Json.workers(Json.body(ctx)))));

        routes.post("/api/v1/tasks/{name}/sql-operators", ctx -> {
            JsonNode body = Json.body(ctx);
            String op = Json.requiredText(body, "op");
            if (!"skip".equals(op) && !"replace".equals(op)) {
                throw new SluiceException(ErrorCode.INVALID_ARGUMENT, "Unknown operator '" + op + "'.", "Use \"op\": \"skip\" (sql-skip) or \"replace\" (sql-replace).");
            }
            Json.reply(ctx, 200, operators.operate(ctx.pathParam("name"), source(body), op, Json.optionalText(body, "binlogPos"),
                    Json.optionalText(body, "sqlPattern"), Json.optionalText(body, "sqls")));
        });
        routes.post("/api/v1/tasks/{name}/sql-injections", ctx -> {
            JsonNode body = Json.body(ctx);
            Json.reply(ctx, 200, operators.inject(ctx.pathParam("name"), source(body), Json.requiredText(body, "sqls")));
        });

        routes.get("/api/v1/status", ctx -> statusReply(ctx, status.status(Optional.ofNullable(ctx.queryParam("task")), workers(ctx))));
        routes.get("/api/v1/errors", ctx -> statusReply(ctx, status.errors(Optional.ofNullable(ctx.queryParam("task")), workers(ctx))));

        routes.post("/api/v1/workers/refresh", ctx -> Json.reply(ctx, 200, Map.of("result", true, "msg",
                "the task => worker mapping is read from ZooKeeper on every call; nothing to refresh")));
        routes.put("/api/v1/master/config", ctx -> Json.reply(ctx, 200, updateMasterConfig(Json.requiredText(Json.body(ctx), "config"))));
        routes.get("/api/v1/members", ctx -> Json.reply(ctx, 200,
                members.list(ctx.queryParam("role"), ctx.queryParams("name"), sourcesOfWorker())));

        routes.get("/api/v1/ddl-locks", ctx -> Json.reply(ctx, 200, Map.of("result", true, "msg", "", "locks", List.of())));
        routes.post("/api/v1/ddl-locks/{op}", ctx -> {
            throw new SluiceException(ErrorCode.COMMAND_UNSUPPORTED, "There is no DDL lock to " + ctx.pathParam("op").replace('-', ' ')
                    + ": Sluice merges sharded DDL optimistically (shard-mode: optimistic), without locks.",
                    "Nothing to do; 'show-ddl-locks' lists none. A shard DDL that fails pauses the task with the statement in query-status.");
        });
        routes.post("/api/v1/relay/{command}", ctx -> {
            throw new SluiceException(ErrorCode.COMMAND_UNSUPPORTED, RELAY_MESSAGE.formatted(ctx.pathParam("command").replace("-relay", "").replace('-', ' ')),
                    "Nothing to do for relay; manage the task itself with pause-task/resume-task.");
        });
    }

    private Map<String, Object> updateMasterConfig(String text) {
        Map<?, ?> config;
        try {
            config = new YAMLMapper().readValue(text, Map.class);
        }
        catch (Exception e) {
            throw new SluiceException(ErrorCode.INVALID_CONFIG, "The master config is not valid YAML: " + e.getMessage(), "Send a YAML file such as 'log-level: debug'.");
        }
        Map<String, Object> applied = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : (config == null ? Map.of() : config).entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (!"log-level".equals(key)) {
                throw new SluiceException(ErrorCode.INVALID_CONFIG, "Master config key '" + key + "' cannot change while the server runs.",
                        "Only 'log-level' changes online; other settings are command-line options of 'sluice server' and need a restart.");
            }
            applied.put(key, LogLevels.set(String.valueOf(entry.getValue())));
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("result", true);
        reply.put("msg", "");
        reply.put("applied", applied);
        return reply;
    }

    private Map<String, Object> taskList() {
        List<Object> list = new java.util.ArrayList<>();
        for (String name : tasks.names()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", name);
            List<Object> subtasks = new java.util.ArrayList<>();
            for (SubtaskRunner runner : worker.runners(name)) {
                subtasks.add(Map.of("source", runner.sourceId(), "worker", runner.worker(), "stage", runner.stage().display()));
            }
            entry.put("subtasks", subtasks);
            list.add(entry);
        }
        return Map.of("result", true, "msg", "", "tasks", list);
    }

    /** The subtask a sql-* request is for: by source id, or by worker (one source per worker here), or the task's only one. */
    private Optional<String> source(JsonNode body) {
        Optional<String> source = Json.optionalText(body, "source");
        Optional<String> requestedWorker = Json.optionalText(body, "worker");
        if (requestedWorker.isPresent() && !requestedWorker.get().equals(worker.name())) {
            throw new SluiceException(ErrorCode.INVALID_ARGUMENT, "No worker '" + requestedWorker.get() + "' in this cluster.",
                    "Use -w " + worker.name() + " or leave -w out (see 'list-member --worker').");
        }
        return source;
    }

    private List<String> sourcesOfWorker() {
        Set<String> ids = new LinkedHashSet<>(sources.ids());
        worker.all().forEach(runner -> ids.add(runner.sourceId()));
        return List.copyOf(ids);
    }

    private static Set<String> workers(Context ctx) {
        Set<String> workers = new LinkedHashSet<>();
        for (String value : ctx.queryParams("worker")) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    workers.add(part.strip());
                }
            }
        }
        return workers;
    }

    private static void operationReply(Context ctx, OperationReply reply) {
        Json.reply(ctx, reply.result() ? 200 : reply.httpStatus(), reply);
    }

    private static void sourceReply(Context ctx, SourceReply reply) {
        Json.reply(ctx, reply.result() ? 200 : reply.httpStatus(), reply);
    }

    private static void statusReply(Context ctx, Map<String, Object> document) {
        Json.reply(ctx, Boolean.TRUE.equals(document.get("result")) ? 200 : 404, document);
    }
}
