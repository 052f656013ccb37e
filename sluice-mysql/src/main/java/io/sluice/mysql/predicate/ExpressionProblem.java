package io.sluice.mysql.predicate;

/** Why an expression text cannot be used as a row predicate; {@link RowExpression} turns it into RULE_INVALID. */
final class ExpressionProblem extends RuntimeException {
    ExpressionProblem(String detail) {
        super(detail, null, false, false);
    }

    String detail() {
        return getMessage();
    }
}
