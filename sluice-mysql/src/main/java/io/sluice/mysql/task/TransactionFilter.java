package io.sluice.mysql.task;

import static java.util.Objects.requireNonNull;

import io.sluice.core.event.ChangeEvent;
import io.sluice.core.event.DdlEvent;
import io.sluice.core.event.RowChange;
import io.sluice.core.rule.TableSelector;
import io.sluice.mysql.ddl.DdlTarget;

import java.util.Optional;

/**
 * Keeps the changes of the tables a task replicates: rows of allowed tables, and DDL on allowed
 * tables or databases. Other DDL (users, grants, routines, temporary tables) is not replicated.
 */
final class TransactionFilter {
    private final TableSelector rules;

    TransactionFilter(TableSelector rules) {
        this.rules = requireNonNull(rules, "rules is null");
    }

    /** True for the changes the task replicates. */
    boolean keep(ChangeEvent event) {
        return switch (event) {
            case RowChange change -> rules.allowsTable(change.table().id().database(), change.table().id().table());
            case DdlEvent ddl -> {
                Optional<DdlTarget> target = DdlTarget.of(ddl);
                yield target.isPresent() && (target.get().kind() == DdlTarget.Kind.DATABASE
                        ? rules.allowsDatabase(target.get().database())
                        : rules.allowsTable(target.get().database(), target.get().table()));
            }
        };
    }
}
