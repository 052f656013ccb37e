package io.sluice.mysql.task;

import static java.util.Objects.requireNonNull;

import io.sluice.core.event.DdlEvent;
import io.sluice.core.event.RowChange;
import io.sluice.core.rule.EventType;
import io.sluice.core.schema.TableId;
import io.sluice.mysql.ddl.DdlKinds;
import io.sluice.mysql.ddl.DdlRewriter;
import io.sluice.mysql.ddl.DdlTarget;
import io.sluice.mysql.rule.TablePlan;
import io.sluice.mysql.rule.TableRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a kept source change into what the target gets: rows through their table's plan (row
 * predicates, column map, partition id, route), DDL rewritten through the routes. On tables that
 * several shards merge into, DROP and TRUNCATE are not replicated (they would destroy the other
 * shards' rows) and other DDL is applied tolerantly, since each shard sends the same change; on
 * tables whose columns a column map chooses, ALTER TABLE is not replicated (the target keeps its own
 * definition).
 */
final class ChangeMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeMapper.class);
    private static final Set<EventType> DESTRUCTIVE = Set.of(EventType.DROP_TABLE, EventType.TRUNCATE_TABLE, EventType.DROP_DATABASE);

    private final String name;
    private final TableRules rules;
    private final Function<TableId, List<String>> targetColumns;

    ChangeMapper(String name, TableRules rules, Function<TableId, List<String>> targetColumns) {
        this.name = requireNonNull(name, "name is null");
        this.rules = requireNonNull(rules, "rules is null");
        this.targetColumns = requireNonNull(targetColumns, "targetColumns is null");
    }

    /** The target's row change, or null when the row predicates drop it. */
    RowChange map(RowChange change) {
        TablePlan plan = rules.plan(change.table(), targetColumns);
        return plan.map(change);
    }

    /** The target's DDL, or empty when it is not replicated. */
    Optional<MappedDdl> map(DdlEvent ddl) {
        Optional<DdlTarget> target = DdlTarget.of(ddl);
        Set<EventType> kinds = DdlKinds.of(ddl);
        boolean merged = false;
        if (target.isPresent() && target.get().kind() == DdlTarget.Kind.TABLE) {
            TableId source = new TableId(target.get().database(), target.get().table());
            merged = rules.merged(source);
            if (rules.columnMapped(source) && kinds.contains(EventType.ALTER_TABLE) && !kinds.contains(EventType.RENAME_TABLE)) {
                LOG.warn("{}: not replicating ALTER TABLE on {}, whose target columns a column map chooses: {}", name, source, ddl.sql());
                return Optional.empty();
            }
        }
        else if (target.isPresent()) {
            merged = rules.mergedDatabase(target.get().database());
        }
        if (merged && kinds.stream().anyMatch(DESTRUCTIVE::contains)) {
            LOG.info("{}: not replicating {} to a table other shards merge into: {}", name, kinds, ddl.sql());
            return Optional.empty();
        }
        DdlEvent routed = rules.rules().routes().isEmpty() ? ddl : DdlRewriter.rewrite(ddl, rules::route, rules::routeDatabase);
        return Optional.of(new MappedDdl(routed, merged));
    }

    /** A DDL for the target; {@code tolerant} when it may already have been applied by another shard. */
    record MappedDdl(DdlEvent ddl, boolean tolerant) {
        MappedDdl {
            requireNonNull(ddl, "ddl is null");
        }
    }
}
