package io.sluice.server;

import static java.util.Objects.requireNonNull;

import io.sluice.mysql.task.MysqlSubtask;
import io.sluice.server.coordination.MetadataStore;
import io.sluice.server.http.ApiRoutes;
import io.sluice.server.http.DocsRoutes;
import io.sluice.server.http.SluiceRoutes;
import io.sluice.server.http.dtle.DtleRoutes;
import io.sluice.server.master.Members;
import io.sluice.server.master.OperatorService;
import io.sluice.server.master.SourceService;
import io.sluice.server.master.TaskService;
import io.sluice.server.security.PasswordCipher;
import io.sluice.server.status.SourceProbe;
import io.sluice.server.status.StatusReporter;
import io.sluice.server.worker.SubtaskFactory;
import io.sluice.server.worker.Worker;

import java.util.List;

/**
 * The services of one server wired together by constructor, over its metadata store: worker,
 * sources, SQL operators, tasks, status and members, and the HTTP route groups that expose them.
 * {@link SluiceServer} starts and stops them; the one place that knows how they fit.
 */
public record ControlPlane(PasswordCipher cipher, Worker worker, SourceService sources, OperatorService operators, TaskService tasks,
        StatusReporter status, Members members) {
    public ControlPlane {
        requireNonNull(cipher, "cipher is null");
        requireNonNull(worker, "worker is null");
        requireNonNull(sources, "sources is null");
        requireNonNull(operators, "operators is null");
        requireNonNull(tasks, "tasks is null");
        requireNonNull(status, "status is null");
        requireNonNull(members, "members is null");
    }

    /** Wires the services; nothing is started, registered or restored yet. */
    public static ControlPlane wire(MetadataStore store, PasswordCipher cipher, ServerConfig config) {
        Worker worker = new Worker(config.workerAddr());
        SubtaskFactory factory = (task, instance, source, operators) ->
                new MysqlSubtask(task, instance, source, MysqlSubtask.defaultServerId(task.name(), source.sourceId()), operators);
        SourceService sources = new SourceService(store, cipher, worker.name());
        OperatorService operators = new OperatorService(store, worker);
        TaskService tasks = new TaskService(store, cipher, worker, sources, factory, operators);
        StatusReporter status = new StatusReporter(worker, new SourceProbe());
        Members members = new Members(store, new Members.Member(config.name(), config.httpHost() + ":" + config.httpPort()),
                new Members.Member(worker.name(), worker.name()));
        return new ControlPlane(cipher, worker, sources, operators, tasks, status, members);
    }

    /** The HTTP route groups: Sluice's REST resources, the dtle v2 API, and the API's documentation. */
    public List<ApiRoutes> routes(String version) {
        return List.of(
                new SluiceRoutes(tasks, sources, status, members, cipher, worker, version, operators),
                new DtleRoutes(tasks, sources, status, members, worker),
                new DocsRoutes());
    }
}
