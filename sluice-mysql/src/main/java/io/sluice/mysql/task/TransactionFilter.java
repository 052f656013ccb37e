package io.sluice.mysql.task;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.ChangeEvent;
import io.sluice.core.event.DdlEvent;
import io.sluice.core.event.RowChange;
import io.sluice.core.rule.EventFilters;
import io.sluice.mysql.ddl.DdlKinds;
import io.sluice.mysql.ddl.DdlTarget;
import io.sluice.mysql.rule.TableRules;

import java.util.Optional;

/**
 * Keeps the changes a task replicates: rows and DDL of selected tables and databases that the
 * binlog event filters let through. Other DDL (users, grants, routines, temporary tables) is not
 * replicated. An event an {@code Error} filter matches pauses the subtask.
 */
final class TransactionFilter {
    private final TableRules rules;

    TransactionFilter(TableRules rules) {
        this.rules = requireNonNull(rules, "rules is null");
    }

    /** True for the changes the task replicates. */
    boolean keep(ChangeEvent event) {
        return switch (event) {
            case RowChange change -> rules.allowsTable(change.table().id()) && verdict(rules.decide(change), change.toString());
            case DdlEvent ddl -> {
                Optional<DdlTarget> target = DdlTarget.of(ddl);
                if (target.isEmpty()) {
                    yield false;
                }
                boolean database = target.get().kind() == DdlTarget.Kind.DATABASE;
                boolean selected = database ? rules.allowsDatabase(target.get().database()) : rules.allowsTable(target.get().database(), target.get().table());
                yield selected && verdict(rules.decide(ddl, target.get().database(), database ? null : target.get().table(), DdlKinds.of(ddl)), ddl.sql());
            }
        };
    }

    private static boolean verdict(EventFilters.Decision decision, String event) {
        return switch (decision.verdict()) {
            case APPLY -> true;
            case IGNORE -> false;
            case ERROR -> throw new SluiceException(ErrorCode.RULE_BLOCKED_EVENT,
                    "Binlog event filter " + decision.rule().origin() + " (action Error) matched: " + event,
                    "Change or remove the filter rule, or restart the task from a position after this event.");
        };
    }
}
