package io.sluice.mysql.check;

import static java.util.Objects.requireNonNull;

import io.sluice.core.rule.PartitionIdRule;
import io.sluice.core.schema.Column;
import io.sluice.core.schema.TableId;
import io.sluice.mysql.rule.TablePlan;
import io.sluice.mysql.rule.TableRules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The items about tables that merge into one target table, across every source of the task:
 * {@code schema_of_shard_tables} (they write the same columns) and {@code auto_increment_ID}
 * (their auto-increment keys cannot collide: each has a partition id mapping on that column, as
 * the subtask's own rule check demands). A problem is reported on every source that owns one of
 * the tables involved.
 */
final class ShardChecks {
    private static final int MAX_LISTED = 10;

    private ShardChecks() {}

    /** One source's part in the check. */
    record Shards(String source, TableRules rules, SourceTables tables) {
        Shards {
            requireNonNull(source, "source is null");
            requireNonNull(rules, "rules is null");
            requireNonNull(tables, "tables is null");
        }
    }

    private record Member(String source, TablePlan plan, TableRules rules) {
        String describe() {
            return plan.source().id().quoted() + " on " + source;
        }
    }

    /** The schema_of_shard_tables result of each source, in the order given. */
    static Map<String, CheckResult> schemaOfShardTables(List<Shards> sources) {
        Map<String, List<Finding>> findings = findingsBySource(sources);
        for (Map.Entry<TableId, List<Member>> group : mergeGroups(sources).entrySet()) {
            Map<String, List<Member>> bySignature = new LinkedHashMap<>();
            for (Member member : group.getValue()) {
                bySignature.computeIfAbsent(signature(member.plan()), key -> new ArrayList<>()).add(member);
            }
            if (bySignature.size() < 2) {
                continue;
            }
            String variants = bySignature.entrySet().stream()
                    .map(entry -> listed(entry.getValue()) + " " + (entry.getValue().size() == 1 ? "has" : "have") + " (" + entry.getKey() + ")")
                    .collect(Collectors.joining("; "));
            Finding finding = Finding.fail("tables merging into " + group.getKey().quoted() + " have different columns: " + variants,
                    "Give these tables the same columns (ALTER TABLE ... ADD/DROP/MODIFY COLUMN on the ones that differ) before starting the task, "
                            + "or route them to different target tables.");
            group.getValue().stream().map(Member::source).distinct().forEach(source -> findings.get(source).add(finding));
        }
        return results(PrecheckItem.SCHEMA_OF_SHARD_TABLES, findings, "tables merging into one target table have the same columns");
    }

    /** The auto_increment_ID result of each source, in the order given. */
    static Map<String, CheckResult> autoIncrementId(List<Shards> sources) {
        Map<String, List<Finding>> findings = findingsBySource(sources);
        Map<String, SourceTables> tables = sources.stream().collect(Collectors.toMap(Shards::source, Shards::tables));
        for (Map.Entry<TableId, List<Member>> group : mergeGroups(sources).entrySet()) {
            for (Member member : group.getValue()) {
                TableId table = member.plan().source().id();
                String column = tables.get(member.source()).autoIncrement().get(table);
                if (column == null || partitioned(member.rules(), table, column)) {
                    continue;
                }
                findings.get(member.source()).add(Finding.fail(listed(group.getValue()) + " merge into " + group.getKey().quoted() + ", and "
                                + table.quoted() + "." + column + " is an auto-increment key: the tables' ids will collide on the target",
                        "Add a column-mappings rule with expression \"partition id\" on " + column + " for these tables, or, if the ids never overlap, "
                                + "add auto_increment_ID to ignore-checking-items."));
            }
        }
        return results(PrecheckItem.AUTO_INCREMENT_ID, findings, "no auto-increment keys of merged tables can collide");
    }

    private static boolean partitioned(TableRules rules, TableId table, String column) {
        for (PartitionIdRule rule : rules.rules().partitionIds()) {
            if (rule.matcher().matches(table.database(), table.table()) && rule.column().equalsIgnoreCase(column)) {
                return true;
            }
        }
        return false;
    }

    /** Target tables written by more than one source table, with those tables in source order. */
    private static Map<TableId, List<Member>> mergeGroups(List<Shards> sources) {
        Map<TableId, List<Member>> groups = new LinkedHashMap<>();
        for (Shards source : sources) {
            for (TablePlan plan : source.tables().plans().values()) {
                TableId target = plan.target().id();
                // names compare without case on the target unless it says otherwise; merging `T` and `t` is merging
                TableId key = new TableId(target.database().toLowerCase(Locale.ROOT), target.table().toLowerCase(Locale.ROOT));
                groups.computeIfAbsent(key, ignored -> new ArrayList<>()).add(new Member(source.source(), plan, source.rules()));
            }
        }
        Map<TableId, List<Member>> merged = new LinkedHashMap<>();
        for (List<Member> members : groups.values()) {
            if (members.size() > 1) {
                merged.put(members.getFirst().plan().target().id(), members);
            }
        }
        return merged;
    }

    private static String signature(TablePlan plan) {
        return plan.target().columns().stream().map(ShardChecks::describe).collect(Collectors.joining(", "));
    }

    private static String describe(Column column) {
        return column.name().toLowerCase(Locale.ROOT) + " " + column.type() + (column.unsigned() ? " UNSIGNED" : "");
    }

    private static String listed(List<Member> members) {
        String names = members.stream().limit(MAX_LISTED).map(Member::describe).collect(Collectors.joining(", "));
        return members.size() > MAX_LISTED ? names + " and " + (members.size() - MAX_LISTED) + " more" : names;
    }

    private static Map<String, List<Finding>> findingsBySource(List<Shards> sources) {
        Map<String, List<Finding>> findings = new LinkedHashMap<>();
        sources.forEach(source -> findings.put(source.source(), new ArrayList<>()));
        return findings;
    }

    private static Map<String, CheckResult> results(PrecheckItem item, Map<String, List<Finding>> findings, String passMessage) {
        Map<String, CheckResult> results = new LinkedHashMap<>();
        findings.forEach((source, list) -> results.put(source, CheckResult.of(item, source, list.stream().distinct().toList(), passMessage)));
        return results;
    }
}
