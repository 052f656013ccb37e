package io.sluice.mysql.task;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.ChangeEvent;
import io.sluice.core.event.DdlEvent;
import io.sluice.core.event.RowChange;
import io.sluice.core.rule.EventFilters;
import io.sluice.core.schema.Column;
import io.sluice.core.schema.TableSchema;
import io.sluice.mysql.ddl.DdlKinds;
import io.sluice.mysql.ddl.DdlTarget;
import io.sluice.mysql.rule.TableRules;

import java.util.List;
import java.util.Optional;

/**
 * Keeps the changes a task replicates: rows and DDL of selected tables and databases that the
 * binlog event filters let through. Other DDL (users, grants, routines, sequences, temporary tables) is not
 * replicated. An event an {@code Error} filter matches pauses the subtask.
 */
final class TransactionFilter {
    private static final List<String> SEQUENCE_COLUMNS = List.of("next_not_cached_value", "minimum_value", "maximum_value", "start_value",
            "increment", "cache_size", "cycle_option", "cycle_count");

    private final TableRules rules;

    TransactionFilter(TableRules rules) {
        this.rules = requireNonNull(rules, "rules is null");
    }

    /** True for the changes the task replicates. */
    boolean keep(ChangeEvent event) {
        return switch (event) {
            case RowChange change -> rules.allowsTable(change.table().id()) && !isSequence(change.table())
                    && verdict(rules.decide(change), change.toString());
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

    /**
     * A MariaDB sequence: its DDL (CREATE SEQUENCE) is not replicated, so neither are the rows the
     * server logs when a NEXTVAL refills the sequence's cache (the target has no such table). Told
     * by its fixed columns, since the binlog's table map does not say.
     */
    static boolean isSequence(TableSchema table) {
        List<Column> columns = table.columns();
        if (columns.size() != SEQUENCE_COLUMNS.size()) {
            return false;
        }
        for (int i = 0; i < columns.size(); i++) {
            if (!columns.get(i).name().equalsIgnoreCase(SEQUENCE_COLUMNS.get(i))) {
                return false;
            }
        }
        return true;
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
