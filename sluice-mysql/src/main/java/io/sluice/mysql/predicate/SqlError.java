package io.sluice.mysql.predicate;

/**
 * An error MariaDB raises while evaluating an expression on a row (an integer or DOUBLE result out
 * of range), so the source's {@code SELECT} fails too; {@link BoundExpression} reports it with the
 * expression and the table.
 */
final class SqlError extends RuntimeException {
    SqlError(String message) {
        super(message, null, false, false);
    }

    static SqlError outOfRange(String type, String operation) {
        return new SqlError(type + " value is out of range in '" + operation + "'");
    }
}
