package io.sluice.config.job;

import io.sluice.core.rule.ColumnMapRule;
import io.sluice.core.rule.DoIgnoreSelection;
import io.sluice.core.rule.EventFilterRule;
import io.sluice.core.rule.InstanceRules;
import io.sluice.core.rule.RouteRule;
import io.sluice.core.rule.RowPredicateRule;
import io.sluice.core.rule.TableMatcher;
import io.sluice.core.task.InstanceConfig;
import io.sluice.core.task.SourceConfig;
import io.sluice.core.task.StartMeta;
import io.sluice.core.task.TaskConfig;

import java.util.stream.Collectors;

/**
 * A deterministic text form of a {@link DtleJob} for golden tests: one line per setting and per
 * rule, with each rule's origin, so a test shows at a glance what a job file turned into.
 */
final class JobRender
{
    private JobRender() {}

    static String render(DtleJob job)
    {
        StringBuilder out = new StringBuilder();
        out.append("job ").append(job.jobId()).append('\n');
        for (SourceConfig source : job.sources()) {
            out.append("source ").append(source.sourceId()).append(" gtid=").append(source.enableGtid()).append(" from=").append(source.from()).append('\n');
        }
        job.kafka().ifPresent(kafka -> out.append("kafka ").append(kafka).append('\n'));
        TaskConfig task = job.task();
        if (task == null) {
            return out.toString();
        }
        out.append("task ").append(task.name()).append(" mode=").append(task.mode().configName()).append(" meta-schema=").append(task.metaSchema())
                .append(" target=").append(task.target()).append(" case-sensitive=").append(task.caseSensitive()).append('\n');
        out.append("load drop=").append(task.load().dropTableIfExists()).append(" skip-create=").append(task.load().skipCreateTable())
                .append(" chunk=").append(task.load().chunkRows()).append(" threads=").append(task.load().copyThreads()).append('\n');
        out.append("sync workers=").append(task.sync().workers()).append(" group=").append(task.sync().groupTransactions())
                .append(" age=").append(task.sync().groupAge().toMillis()).append("ms safe=").append(task.sync().safeMode()).append('\n');
        for (InstanceConfig instance : task.instances()) {
            out.append("instance ").append(instance.sourceId()).append(" start=").append(start(instance.meta())).append('\n');
            InstanceRules rules = instance.rules();
            DoIgnoreSelection selection = (DoIgnoreSelection) rules.selector();
            for (TableMatcher matcher : selection.doRules()) {
                out.append("  do ").append(matcher(matcher)).append('\n');
            }
            for (TableMatcher matcher : selection.ignoreRules()) {
                out.append("  ignore ").append(matcher(matcher)).append('\n');
            }
            for (RouteRule route : rules.routes().rules()) {
                out.append("  route ").append(matcher(route.matcher())).append(" -> schema=").append(route.targetSchema().orElse("-"))
                        .append(" table=").append(route.targetTable().orElse("-")).append("  @ ").append(route.origin()).append('\n');
            }
            for (RowPredicateRule predicate : rules.rowPredicates()) {
                out.append("  where ").append(matcher(predicate.matcher())).append(": ").append(predicate.where().orElseThrow())
                        .append("  @ ").append(predicate.origin()).append('\n');
            }
            for (ColumnMapRule map : rules.columnMaps()) {
                out.append("  columns ").append(matcher(map.matcher())).append(": ").append(String.join(", ", map.sourceColumns()))
                        .append("  @ ").append(map.origin()).append('\n');
            }
            for (EventFilterRule filter : rules.eventFilters().rules()) {
                out.append("  filter ").append(filter.action()).append(' ').append(matcher(filter.matcher())).append(' ')
                        .append(filter.events().stream().map(Enum::name).sorted().collect(Collectors.joining(",", "[", "]")))
                        .append("  @ ").append(filter.origin()).append('\n');
            }
        }
        return out.toString();
    }

    private static String start(StartMeta meta)
    {
        if (meta == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder();
        if (meta.binlogName() != null) {
            out.append("file=").append(meta.binlogName()).append(':').append(meta.binlogPos() == null ? "-" : meta.binlogPos());
        }
        if (meta.binlogGtid() != null) {
            out.append("gtid=").append(meta.binlogGtid());
        }
        return out.toString();
    }

    private static String matcher(TableMatcher matcher)
    {
        return (matcher.schema().isRegex() ? "regex(" + matcher.schema().text().substring(1) + ")" : matcher.schema().text())
                + matcher.table().map(table -> "." + (table.isRegex() ? "regex(" + table.text().substring(1) + ")" : table.text())).orElse("");
    }
}
