package io.sluice.mysql.schema.tracker;

import static java.util.Objects.requireNonNull;

import io.sluice.core.schema.TableId;

/**
 * A DDL statement whose effect on one table the tracker cannot determine. When the table is not
 * one the caller needs, the tracker forgets the table instead of failing.
 */
final class TableProblem extends StatementProblem {
    private final TableId table;

    TableProblem(TableId table, String reason) {
        super(reason);
        this.table = requireNonNull(table, "table is null");
    }

    TableId table() {
        return table;
    }
}
