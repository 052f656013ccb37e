package io.sluice.server.master;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.position.FilePosition;
import io.sluice.mysql.task.SqlInjection;
import io.sluice.mysql.task.SqlOperator;
import io.sluice.mysql.task.SqlOperators;
import io.sluice.mysql.task.SqlStatements;
import io.sluice.server.coordination.MetadataStore;
import io.sluice.server.worker.SubtaskRunner;
import io.sluice.server.worker.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * sql-skip, sql-replace and sql-inject: validates a request, stores it in ZooKeeper under its task,
 * hands it to the subtask's operator registry, and deletes it once the subtask reports it applied
 * (durably, on the target). Stored requests are handed again to subtasks restored after a server
 * restart; the engine drops any it had already applied.
 */
public final class OperatorService {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorService.class);

    private final MetadataStore store;
    private final Worker worker;

    public OperatorService(MetadataStore store, Worker worker) {
        this.store = requireNonNull(store, "store is null");
        this.worker = requireNonNull(worker, "worker is null");
    }

    /** sql-skip / sql-replace; {@code kind} is {@code skip} or {@code replace}. */
    public Map<String, Object> operate(String task, Optional<String> source, String kind, Optional<String> binlogPos, Optional<String> sqlPattern, Optional<String> sqls) {
        SubtaskRunner runner = runner(task, source);
        if (binlogPos.isPresent() == sqlPattern.isPresent()) {
            throw new SluiceException(ErrorCode.INVALID_ARGUMENT, "sql-" + kind + " needs exactly one of binlog-pos and sql-pattern.",
                    "Pass --binlog-pos FILE:POS (as printed in the task's error) or --sql-pattern ~REGEX.");
        }
        StoredOperator stored = new StoredOperator(SqlOperators.newId(), task, runner.sourceId(), kind,
                binlogPos.orElse(null), sqlPattern.orElse(null), sqls.orElse(null));
        SqlOperator operator = toOperator(stored);
        runner.operators().add(operator);
        store.put(path(stored), stored);
        LOG.info("Task {} on {}: registered {}", task, runner.sourceId(), operator.describe());
        return reply(stored, operator.describe());
    }

    /** sql-inject: DDL statements to run on the target before the subtask's next source transaction. */
    public Map<String, Object> inject(String task, Optional<String> source, String sqls) {
        SubtaskRunner runner = runner(task, source);
        StoredOperator stored = new StoredOperator(SqlOperators.newId(), task, runner.sourceId(), "inject", null, null, sqls);
        SqlInjection injection = SqlInjection.parse(stored.id(), sqls);
        runner.operators().add(injection);
        store.put(path(stored), stored);
        LOG.info("Task {} on {}: registered {}", task, runner.sourceId(), injection.describe());
        return reply(stored, injection.describe());
    }

    /** Connects a subtask's registry to the store: consumed operators are deleted, stored ones are registered again. */
    public void attach(SubtaskRunner runner) {
        runner.operators().addListener((id, at) -> {
            store.delete(TaskService.ROOT + "/" + runner.task() + "/operators/" + id);
            LOG.info("Task {} on {}: operator {} applied at {}", runner.task(), runner.sourceId(), id, at);
        });
        for (StoredOperator stored : store.list(TaskService.ROOT + "/" + runner.task() + "/operators", StoredOperator.class)) {
            if (!stored.source().equals(runner.sourceId())) {
                continue;
            }
            try {
                if ("inject".equals(stored.kind())) {
                    runner.operators().add(SqlInjection.parse(stored.id(), stored.sqls()));
                }
                else {
                    runner.operators().add(toOperator(stored));
                }
            }
            catch (SluiceException e) {
                LOG.warn("Task {}: stored operator {} is no longer valid and is dropped: {}", runner.task(), stored.id(), e.reason());
                store.delete(path(stored));
            }
        }
    }

    /** Forgets a task's pending operators (start-task of a stopped task starts over). */
    public void clear(String task) {
        store.delete(TaskService.ROOT + "/" + task + "/operators");
    }

    /** The subtask of {@code task} reading {@code sourceId}, or the only one when no source is named. */
    private SubtaskRunner runner(String task, Optional<String> sourceId) {
        List<SubtaskRunner> runners = worker.runners(task);
        if (runners.isEmpty()) {
            throw TaskService.notFound(task);
        }
        if (sourceId.isPresent()) {
            return runners.stream().filter(runner -> runner.sourceId().equals(sourceId.get())).findFirst()
                    .orElseThrow(() -> new SluiceException(ErrorCode.SOURCE_NOT_FOUND, "Task '" + task + "' has no subtask on source '" + sourceId.get() + "'.",
                            "Name one of its sources: " + runners.stream().map(SubtaskRunner::sourceId).toList() + "."));
        }
        if (runners.size() > 1) {
            throw new SluiceException(ErrorCode.INVALID_ARGUMENT, "Task '" + task + "' reads several sources " + runners.stream().map(SubtaskRunner::sourceId).toList() + ".",
                    "Name the source the operation is for (--source ID).");
        }
        return runners.getFirst();
    }

    private static SqlOperator toOperator(StoredOperator stored) {
        boolean skip = "skip".equals(stored.kind());
        if (!skip && !"replace".equals(stored.kind())) {
            throw new SluiceException(ErrorCode.INVALID_ARGUMENT, "Unknown operator '" + stored.kind() + "'.", "Use skip or replace.");
        }
        List<String> statements = List.of();
        if (!skip) {
            if (stored.sqls() == null || stored.sqls().isBlank()) {
                throw new SluiceException(ErrorCode.INVALID_ARGUMENT, "sql-replace needs the statements to run instead, e.g. \"ALTER TABLE t ADD COLUMN c INT;\".",
                        "Pass the replacement statements, each ending with a semicolon.");
            }
            statements = SqlStatements.parseDdl(stored.sqls(), "sql-replace");
        }
        if (stored.binlogPos() != null) {
            FilePosition at;
            try {
                at = FilePosition.parse(stored.binlogPos());
            }
            catch (IllegalArgumentException e) {
                throw new SluiceException(ErrorCode.INVALID_ARGUMENT, "binlog-pos '" + stored.binlogPos() + "' is not FILE:POS: " + e.getMessage(),
                        "Copy the position from the task's error in query-status, e.g. mysql-bin.000001:1234.");
            }
            return skip ? SqlOperator.skip(stored.id(), at) : SqlOperator.replace(stored.id(), at, statements);
        }
        Pattern pattern = SqlOperator.parsePattern(stored.sqlPattern());
        return skip ? SqlOperator.skip(stored.id(), pattern) : SqlOperator.replace(stored.id(), pattern, statements);
    }

    private static Map<String, Object> reply(StoredOperator stored, String description) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("result", true);
        reply.put("msg", "");
        reply.put("id", stored.id());
        reply.put("source", stored.source());
        reply.put("operator", description);
        return reply;
    }

    private static String path(StoredOperator stored) {
        return TaskService.ROOT + "/" + stored.task() + "/operators/" + stored.id();
    }
}
