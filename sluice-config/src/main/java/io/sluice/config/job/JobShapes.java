package io.sluice.config.job;

import io.sluice.config.job.JsonValue.Member;
import io.sluice.config.job.JsonValue.Obj;
import io.sluice.core.task.TaskMode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Recognises the shape of a job file and finds its source and destination task settings:
 * <ul>
 * <li>a nomad job, {@code {"Job": {"ID", "TaskGroups": [{"Name": "src", "Tasks": [{"Driver":
 * "dtle", "Config": {...}}]}, {"Name": "dest", ...}]}}} (also without the {@code "Job"}
 * wrapper), as {@code POST /v1/jobs} takes it;</li>
 * <li>an HTTP API v2 job, {@code {"migration_job_config": {"job_id", "src_task", "dest_task",
 * ...}}} ({@code sync_job_config}, {@code subscription_job_config} and {@code job_config} too),
 * or the same object without the wrapper;</li>
 * <li>a dtle 2.x job, {@code {"Name", "Tasks": [{"Type": "Src", "Config": {...}}, {"Type":
 * "Dest", ...}]}}.</li>
 * </ul>
 * nomad scheduling settings (datacenters, constraints, resources, restart and reschedule
 * policies...) are accepted and ignored: {@code sluice run} runs the job in its own process.
 */
final class JobShapes
{
    private static final List<String> API_WRAPPERS = List.of("migration_job_config", "sync_job_config", "subscription_job_config", "job_config");
    private static final List<String> REQUEST_IGNORED = List.of("EnforceIndex", "JobModifyIndex", "PolicyOverride", "PreserveCounts", "EvalPriority");
    private static final List<String> JOB_KEYS = List.of("ID", "Name", "TaskGroups");
    private static final List<String> JOB_IGNORED = List.of("Region", "Namespace", "Type", "Priority", "AllAtOnce", "Datacenters", "NodePool",
            "Constraints", "Affinities", "Spreads", "Update", "Multiregion", "Periodic", "ParameterizedJob", "Reschedule", "Migrate", "Meta",
            "ConsulToken", "VaultToken", "Stop");
    private static final List<String> GROUP_KEYS = List.of("Name", "Tasks");
    private static final List<String> GROUP_IGNORED = List.of("Count", "Constraints", "Affinities", "Spreads", "RestartPolicy", "Restart",
            "ReschedulePolicy", "Reschedule", "EphemeralDisk", "Update", "Migrate", "Networks", "Meta", "Services", "ShutdownDelay",
            "StopAfterClientDisconnect", "MaxClientDisconnect", "Volumes", "Scaling", "Consul");
    private static final List<String> TASK_KEYS = List.of("Name", "Driver", "Type", "Config");
    private static final List<String> TASK_IGNORED = List.of("User", "Lifecycle", "Constraints", "Affinities", "Env", "Services", "Resources",
            "RestartPolicy", "Restart", "Meta", "KillTimeout", "KillSignal", "LogConfig", "Artifacts", "Vault", "Templates", "DispatchPayload",
            "VolumeMounts", "Leader", "ShutdownDelay", "Kind", "ScalingPolicies", "Identity", "Consul");
    private static final List<String> LEGACY_KEYS = List.of("Name", "Tasks");
    private static final List<String> LEGACY_IGNORED = List.of("Failover", "Datacenters", "Region");
    private static final List<String> LEGACY_TASK_KEYS = List.of("Type", "Driver", "Name", "Config");
    private static final List<String> LEGACY_TASK_IGNORED = List.of("NodeName", "NodeId", "NodeID", "Leader");
    private static final List<String> API_JOB_KEYS = List.of("job_id", "job_name", "task_step_name", "is_mysql_password_encrypted", "is_password_encrypted",
            "failover", "retry", "reverse", "src_task", "dest_task");
    private static final Map<String, TaskMode> STEPS = Map.of("all", TaskMode.ALL, "job_stage_full", TaskMode.FULL, "job_stage_incr", TaskMode.INCREMENTAL);

    private enum Role
    {
        SRC, DEST
    }

    private JobShapes() {}

    static RawJob read(Obj root, JobFile file)
    {
        Block block = Block.root(file, Dialect.NOMAD, root);
        if (block.has("Job")) {
            block.checkKeys(List.of("Job"), REQUEST_IGNORED, Map.of());
            return nomadJob(required(block, block.object("Job"), "Job", "{\"ID\": ..., \"TaskGroups\": [...]}"));
        }
        if (block.has("TaskGroups")) {
            return nomadJob(block);
        }
        if (API_WRAPPERS.stream().anyMatch(block::has)) {
            block.checkKeys(API_WRAPPERS, List.of(), Map.of());
            if (block.members().size() > 1) {
                Member second = block.members().get(1);
                throw file.error(second.keyPos(), "a job file holds one job, but it has both '%s' and '%s'".formatted(block.members().getFirst().key(), second.key()),
                        "Put each job in its own file.");
            }
            String wrapper = block.members().getFirst().key();
            return apiJob(required(block, block.object(wrapper), wrapper, "{\"job_id\": ..., \"src_task\": {...}, \"dest_task\": {...}}").withDialect(Dialect.API));
        }
        if (API_JOB_KEYS.stream().anyMatch(block::has)) {
            return apiJob(block.withDialect(Dialect.API));
        }
        if (block.has("Tasks")) {
            return legacyJob(block);
        }
        List<String> known = new ArrayList<>(List.of("Job", "TaskGroups"));
        known.addAll(API_WRAPPERS);
        known.addAll(API_JOB_KEYS);
        Pos pos = root.members().isEmpty() ? root.pos() : root.members().getFirst().keyPos();
        String hint = root.members().isEmpty() ? "" : Hints.didYouMean(root.members().getFirst().key(), known);
        throw file.error(pos, "not a dtle job: expected a nomad job ('Job'), an HTTP API v2 job ('migration_job_config', 'sync_job_config') or a bare API v2 job ('job_id', 'src_task', 'dest_task')" + hint,
                "Write the job as {\"Job\": {\"ID\": ..., \"TaskGroups\": [...]}} or {\"migration_job_config\": {\"job_id\": ..., \"src_task\": {...}, \"dest_task\": {...}}}; see docs/jobs.md.");
    }

    private static RawJob nomadJob(Block job)
    {
        job.checkKeys(JOB_KEYS, JOB_IGNORED, dtleSettings("it belongs inside a task's \"Config\""));
        Located<String> jobId = job.string("ID").or(() -> job.string("Name"))
                .orElseThrow(() -> job.file().error(job.pos(), "missing 'ID' %s".formatted(job.where()), "Add \"ID\": \"<job name>\"; it becomes the Sluice task name."));
        if (!job.has("TaskGroups")) {
            throw job.file().error(job.pos(), "missing 'TaskGroups' %s".formatted(job.where()),
                    "Add \"TaskGroups\": [{\"Name\": \"src\", \"Tasks\": [...]}, {\"Name\": \"dest\", \"Tasks\": [...]}].");
        }
        Map<Role, Block> tasks = new HashMap<>();
        for (Block group : job.objects("TaskGroups")) {
            group.checkKeys(GROUP_KEYS, GROUP_IGNORED, dtleSettings("it belongs inside a task's \"Config\""));
            Optional<String> groupName = group.string("Name").map(Located::value);
            List<Block> groupTasks = group.objects("Tasks");
            if (groupTasks.isEmpty()) {
                throw group.file().error(group.pos(), "task group %s has no tasks".formatted(group.path()),
                        "Give the group a dtle task, e.g. \"Tasks\": [{\"Name\": \"src\", \"Driver\": \"dtle\", \"Config\": {...}}].");
            }
            for (Block task : groupTasks) {
                task.checkKeys(TASK_KEYS, TASK_IGNORED, dtleSettings("it belongs inside the task's \"Config\""));
                task.string("Driver").ifPresent(driver -> {
                    if (!driver.value().equals("dtle")) {
                        throw task.file().error(driver.pos(), "'%s' is '%s', but Sluice runs only dtle tasks".formatted(task.pathOf("Driver"), driver.value()),
                                "Set \"Driver\": \"dtle\"; other nomad tasks cannot be part of a dtle job.");
                    }
                });
                Block config = required(task, task.object("Config"), "Config", "{...the dtle settings...}");
                Role role = role(task, config, groupName, task.string("Name").map(Located::value));
                add(tasks, role, task, config);
            }
        }
        return new RawJob(jobId, both(tasks, job, Role.SRC), both(tasks, job, Role.DEST), Optional.empty());
    }

    private static RawJob legacyJob(Block job)
    {
        job.checkKeys(LEGACY_KEYS, LEGACY_IGNORED, dtleSettings("it belongs inside a task's \"Config\""));
        Located<String> jobId = job.string("Name")
                .orElseThrow(() -> job.file().error(job.pos(), "missing 'Name' %s".formatted(job.where()), "Add \"Name\": \"<job name>\"; it becomes the Sluice task name."));
        Map<Role, Block> tasks = new HashMap<>();
        for (Block task : job.objects("Tasks")) {
            task.checkKeys(LEGACY_TASK_KEYS, LEGACY_TASK_IGNORED, dtleSettings("it belongs inside the task's \"Config\""));
            task.string("Driver").ifPresent(driver -> {
                if (!List.of("dtle", "mysql", "kafka").contains(driver.value().toLowerCase(Locale.ROOT))) {
                    throw task.file().error(driver.pos(), "'%s' is '%s', but Sluice runs only dtle tasks".formatted(task.pathOf("Driver"), driver.value()),
                            "Remove \"Driver\" or set it to \"dtle\".");
                }
            });
            Block config = required(task, task.object("Config"), "Config", "{...the dtle settings...}");
            add(tasks, role(task, config, Optional.empty(), task.string("Name").map(Located::value)), task, config);
        }
        return new RawJob(jobId, both(tasks, job, Role.SRC), both(tasks, job, Role.DEST), Optional.empty());
    }

    private static RawJob apiJob(Block job)
    {
        job.checkKeys(API_JOB_KEYS, List.of(), Map.of());
        for (String key : List.of("is_mysql_password_encrypted", "is_password_encrypted")) {
            job.bool(key).filter(Located::value).ifPresent(encrypted -> {
                throw job.file().error(encrypted.pos(),
                        "'%s' is true, but encrypted passwords need the dtle server's RSA private key, which 'sluice run' does not have".formatted(job.pathOf(key)),
                        "Set \"%s\": false and write the passwords in clear in mysql_password; 'sluice run' never prints them.".formatted(key));
            });
        }
        job.bool("failover");
        job.bool("reverse");
        job.integer("retry", 0, Integer.MAX_VALUE);
        Located<String> jobId = job.string("job_id").or(() -> job.string("job_name"))
                .orElseThrow(() -> job.file().error(job.pos(), "missing 'job_id' %s".formatted(job.where()), "Add \"job_id\": \"<job name>\"; it becomes the Sluice task name."));
        Optional<Located<TaskMode>> step = job.string("task_step_name").map(name -> {
            TaskMode mode = STEPS.get(name.value());
            if (mode == null) {
                throw job.file().error(name.pos(), "unknown task_step_name '%s'%s".formatted(name.value(), Hints.didYouMean(name.value(), STEPS.keySet())),
                        "Use job_stage_full (copy the existing rows, then stop), job_stage_incr (replicate changes from a start position) or all (both); leave it empty to decide by the start position.");
            }
            return new Located<>(mode, name.pos());
        });
        Block src = required(job, job.object("src_task"), "src_task", "{\"mysql_connection_config\": {...}, ...}");
        Block dest = required(job, job.object("dest_task"), "dest_task", "{\"mysql_connection_config\": {...}, ...}");
        return new RawJob(jobId, src.asSettings(), dest.asSettings(), step);
    }

    /** Which side a task is: its "Type" (in the task or its Config), else its group's name, else its own name. */
    private static Role role(Block task, Block config, Optional<String> groupName, Optional<String> taskName)
    {
        Optional<Located<String>> taskType = task.string("Type");
        Optional<Located<String>> configType = config.string("Type");
        if (taskType.isPresent() && configType.isPresent() && !taskType.get().value().equalsIgnoreCase(configType.get().value())) {
            throw task.file().error(configType.get().pos(), "the task's \"Type\" is '%s' but its Config's \"Type\" is '%s'".formatted(taskType.get().value(), configType.get().value()),
                    "Keep one \"Type\", either \"Src\" or \"Dest\".");
        }
        Optional<Located<String>> type = taskType.or(() -> configType);
        if (type.isPresent()) {
            return switch (type.get().value().toLowerCase(Locale.ROOT)) {
                case "src" -> Role.SRC;
                case "dest" -> Role.DEST;
                default -> throw task.file().error(type.get().pos(), "unknown task Type '%s'%s".formatted(type.get().value(), Hints.didYouMean(type.get().value(), List.of("Src", "Dest"))),
                        "Use \"Type\": \"Src\" for the source task and \"Type\": \"Dest\" for the destination task.");
            };
        }
        for (Optional<String> name : List.of(groupName, taskName)) {
            if (name.isPresent() && name.get().equalsIgnoreCase("src")) {
                return Role.SRC;
            }
            if (name.isPresent() && name.get().equalsIgnoreCase("dest")) {
                return Role.DEST;
            }
        }
        throw task.file().error(task.pos(), "cannot tell whether task '%s' is the source or the destination".formatted(task.path()),
                "Name its task group \"src\" or \"dest\", as dtle requires, or add \"Type\": \"Src\" or \"Type\": \"Dest\" to the task.");
    }

    private static void add(Map<Role, Block> tasks, Role role, Block task, Block config)
    {
        Block previous = tasks.putIfAbsent(role, config.asSettings());
        if (previous != null) {
            throw task.file().error(task.pos(), "a second %s task; the one whose Config starts at line %d is the %s task already".formatted(roleName(role), previous.pos().line(), roleName(role)),
                    "A dtle job has exactly one src task and one dest task; put other sources or destinations in their own job files.");
        }
    }

    private static Block both(Map<Role, Block> tasks, Block job, Role role)
    {
        Block task = tasks.get(role);
        if (task == null) {
            throw job.file().error(job.pos(), "the job has no %s task".formatted(roleName(role)),
                    "Add a task group named \"%s\" with a dtle task whose Config holds the %s settings (ConnectionConfig...)."
                            .formatted(role == Role.SRC ? "src" : "dest", role == Role.SRC ? "source" : "destination"));
        }
        return task;
    }

    private static String roleName(Role role)
    {
        return role == Role.SRC ? "src (source)" : "dest (destination)";
    }

    private static Block required(Block parent, Optional<Block> child, String key, String example)
    {
        return child.orElseThrow(() -> parent.file().error(parent.pos(), "missing '%s' %s".formatted(key, parent.where()),
                "Add \"%s\": %s.".formatted(key, example)));
    }

    /** Every dtle task setting, as a misplaced key with this hint: someone put a Config key beside Config. */
    private static Map<String, String> dtleSettings(String hint)
    {
        Map<String, String> misplaced = new HashMap<>();
        for (Field field : JobMapper.TASK_FIELDS) {
            if (field != Field.TYPE) {
                for (String name : Dialect.NOMAD.names(field)) {
                    misplaced.put(name, hint);
                }
            }
        }
        return misplaced;
    }
}
