package io.sluice.mysql.schema.tracker;

/** A DDL statement whose effect the tracker cannot determine; the tracker turns it into SCHEMA_DDL_UNSUPPORTED. */
class StatementProblem extends RuntimeException {
    StatementProblem(String reason) {
        super(reason, null, false, false);
    }

    StatementProblem(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }
}
