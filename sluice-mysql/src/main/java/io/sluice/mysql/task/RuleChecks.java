package io.sluice.mysql.task;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.schema.TableId;
import io.sluice.core.task.TaskConfig;
import io.sluice.mysql.rule.TablePlan;
import io.sluice.mysql.rule.TableRules;
import io.sluice.mysql.check.SourceTables;
import io.sluice.mysql.sink.TargetConnections;
import io.sluice.mysql.sink.TargetTables;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of the Check unit that validates the task's rules against the source as it is now
 * (read once through the precheck's {@link SourceTables}),
 * before anything is copied or applied: every selected table is planned (so a predicate or column
 * map naming an unknown column, a route conflict or a partition id on an unsuitable column fails
 * now, with the rule's place in the task file), and tables that merge into one target while their
 * auto-increment keys would collide are refused unless a partition id mapping keeps them apart or
 * the task lists {@code auto_increment_ID} in {@code ignore-checking-items}, as DM's check-task does.
 */
final class RuleChecks {
    private static final String AUTO_INCREMENT_ITEM = "auto_increment_ID";

    private RuleChecks() {}

    static void verify(Connection source, TableRules rules, TaskConfig task, TargetConnections targets, String name) throws SQLException {
        SourceTables tables = SourceTables.read(source, rules, TargetTables.columnsOf(targets));
        if (!tables.problems().isEmpty()) {
            throw tables.problems().values().iterator().next();
        }
        if (task.ignoreCheckingItems().contains(AUTO_INCREMENT_ITEM) || task.ignoreCheckingItems().contains("all")) {
            return;
        }
        Map<TableId, List<TableId>> sourcesByTarget = new LinkedHashMap<>();
        for (TablePlan plan : tables.plans().values()) {
            sourcesByTarget.computeIfAbsent(plan.target().id(), key -> new ArrayList<>()).add(plan.source().id());
        }
        boolean shardsAcrossSources = task.shardMode().isPresent() && task.instances().size() > 1;
        for (Map.Entry<TableId, List<TableId>> target : sourcesByTarget.entrySet()) {
            List<TableId> shards = target.getValue();
            if (shards.size() < 2 && !(shardsAcrossSources && rules.merged(shards.getFirst()))) {
                continue;
            }
            for (TableId shard : shards) {
                String column = tables.autoIncrement().get(shard);
                boolean partitioned = rules.rules().partitionIds().stream()
                        .anyMatch(rule -> rule.matcher().matches(shard.database(), shard.table()) && rule.column().equalsIgnoreCase(column == null ? "" : column));
                if (column != null && !partitioned) {
                    throw new SluiceException(ErrorCode.RULE_INVALID,
                            name + ": " + shards + " merge into " + target.getKey() + ", and " + shard + "." + column
                                    + " is an auto-increment key: the shards' ids will collide on the target.",
                            "Add a column-mappings rule with expression \"partition id\" on " + column + " for these tables, or, if the ids never overlap, "
                                    + "add " + AUTO_INCREMENT_ITEM + " to ignore-checking-items.");
                }
            }
        }
    }
}
