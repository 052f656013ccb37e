package io.sluice.server.master;

import static java.util.Objects.requireNonNull;

/**
 * A task as ZooKeeper keeps it: name, format, the submitted text sealed with the install key (it may
 * hold clear passwords), and the stage the user asked for (Running, Paused or Stopped) — the stage a
 * restarted server brings the task back to — and the worker that runs it: servers sharing one
 * ZooKeeper ensemble each restore only their own tasks, so no task ever runs twice.
 */
public record StoredTask(String name, TaskFormat format, String sealedConfig, String desiredStage, String worker) {
    public StoredTask {
        requireNonNull(name, "name is null");
        requireNonNull(format, "format is null");
        requireNonNull(sealedConfig, "sealedConfig is null");
        requireNonNull(desiredStage, "desiredStage is null");
        requireNonNull(worker, "worker is null");
    }

    public StoredTask withDesiredStage(String stage) {
        return new StoredTask(name, format, sealedConfig, stage, worker);
    }
}
