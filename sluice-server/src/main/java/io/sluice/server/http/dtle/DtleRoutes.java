package io.sluice.server.http.dtle;

import static java.util.Objects.requireNonNull;

import io.javalin.config.RoutesConfig;
import io.sluice.server.http.ApiRoutes;
import io.sluice.server.master.Members;
import io.sluice.server.master.SourceService;
import io.sluice.server.master.TaskService;
import io.sluice.server.status.StatusReporter;
import io.sluice.server.worker.Worker;

/** The dtle 2.x HTTP API under {@code /v2} (seeds/dtle-manual-zh.md §4.4), onto Sluice's task model. */
public final class DtleRoutes implements ApiRoutes {
    private final TaskService tasks;
    private final SourceService sources;
    private final StatusReporter status;
    private final Members members;
    private final Worker worker;

    public DtleRoutes(TaskService tasks, SourceService sources, StatusReporter status, Members members, Worker worker) {
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.sources = requireNonNull(sources, "sources is null");
        this.status = requireNonNull(status, "status is null");
        this.members = requireNonNull(members, "members is null");
        this.worker = requireNonNull(worker, "worker is null");
    }

    @Override
    public void register(RoutesConfig routes) {
        // filled in by the dtle API work
    }
}
