package io.sluice.core.task;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.rule.ColumnMapRule;
import io.sluice.core.rule.EventFilterRule;
import io.sluice.core.rule.InstanceRules;
import io.sluice.core.rule.PartitionIdRule;
import io.sluice.core.rule.RouteRule;
import io.sluice.core.rule.RowPredicateRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * DM's {@code update-task} rule: while a task is Paused its routes, block-allow lists, binlog
 * event filters and column mappings may change, and the change applies when it resumes; any other
 * difference (target, mode, sources, start positions, row predicates, load and sync settings...)
 * needs the task stopped and started again. Rules are compared by content, not by where in the file
 * they were written.
 */
public final class TaskUpdate
{
    private TaskUpdate() {}

    /**
     * Checks an update of a paused task.
     *
     * @throws SluiceException {@link ErrorCode#INVALID_ARGUMENT} when the task is not paused, or
     *     naming every setting that cannot change online
     */
    public static void verify(TaskConfig current, TaskConfig updated, boolean paused)
    {
        requireNonNull(current, "current is null");
        requireNonNull(updated, "updated is null");
        if (!paused) {
            throw new SluiceException(ErrorCode.INVALID_ARGUMENT,
                    "Task '" + current.name() + "' can only be updated while it is Paused.",
                    "Run pause-task " + current.name() + ", then update-task, then resume-task.");
        }
        List<String> refused = refusedChanges(current, updated);
        if (!refused.isEmpty()) {
            throw new SluiceException(ErrorCode.INVALID_ARGUMENT,
                    "Task '" + current.name() + "': " + String.join(", ", refused) + " cannot change while the task exists; update-task only changes "
                            + "routes, block-allow lists, binlog event filters and column mappings.",
                    "Stop the task with stop-task and start it again with start-task and the new file.");
        }
    }

    /** The settings that differ and cannot change with update-task, empty when the update is allowed. */
    public static List<String> refusedChanges(TaskConfig current, TaskConfig updated)
    {
        List<String> refused = new ArrayList<>();
        differs(refused, "name", current.name(), updated.name());
        differs(refused, "task-mode", current.mode(), updated.mode());
        differs(refused, "meta-schema", current.metaSchema(), updated.metaSchema());
        differs(refused, "target-database", current.target(), updated.target());
        differs(refused, "loader/mydumper settings", current.load(), updated.load());
        differs(refused, "syncer settings", current.sync(), updated.sync());
        differs(refused, "shard-mode", current.shardMode(), updated.shardMode());
        differs(refused, "case-sensitive", current.caseSensitive(), updated.caseSensitive());
        differs(refused, "ignore-checking-items", current.ignoreCheckingItems(), updated.ignoreCheckingItems());
        List<String> currentSources = current.instances().stream().map(InstanceConfig::sourceId).toList();
        List<String> updatedSources = updated.instances().stream().map(InstanceConfig::sourceId).toList();
        if (!currentSources.equals(updatedSources)) {
            refused.add("mysql-instances (sources " + currentSources + " -> " + updatedSources + ")");
            return refused;
        }
        for (int i = 0; i < current.instances().size(); i++) {
            InstanceConfig before = current.instances().get(i);
            InstanceConfig after = updated.instances().get(i);
            String prefix = "mysql-instances[" + before.sourceId() + "] ";
            differs(refused, prefix + "meta", before.meta(), after.meta());
            differs(refused, prefix + "expression filters / Where", predicates(before.rules()), predicates(after.rules()));
        }
        return refused;
    }

    private static void differs(List<String> refused, String setting, Object before, Object after)
    {
        if (!Objects.equals(before, after)) {
            refused.add(setting);
        }
    }

    private static List<Object> predicates(InstanceRules rules)
    {
        List<Object> contents = new ArrayList<>();
        for (RowPredicateRule rule : rules.rowPredicates()) {
            contents.add(List.of(rule.matcher(), rule.where(), rule.insertValueExpr(), rule.updateOldValueExpr(), rule.updateNewValueExpr(), rule.deleteValueExpr()));
        }
        return contents;
    }

    /** The content of the rules update-task may change, without their origins: what resuming would apply. */
    public static List<Object> onlineRules(InstanceRules rules)
    {
        List<Object> contents = new ArrayList<>();
        contents.add(rules.selector());
        for (RouteRule rule : rules.routes().rules()) {
            contents.add(List.of(rule.matcher(), rule.targetSchema(), rule.targetTable()));
        }
        for (EventFilterRule rule : rules.eventFilters().rules()) {
            contents.add(List.of(rule.matcher(), rule.events(), rule.sqlPatterns(), rule.action()));
        }
        for (ColumnMapRule rule : rules.columnMaps()) {
            contents.add(List.of(rule.matcher(), rule.sourceColumns()));
        }
        for (PartitionIdRule rule : rules.partitionIds()) {
            contents.add(List.of(rule.matcher(), rule.column(), rule.instanceId(), rule.schemaPrefix(), rule.tablePrefix(), rule.separator()));
        }
        return contents;
    }
}
