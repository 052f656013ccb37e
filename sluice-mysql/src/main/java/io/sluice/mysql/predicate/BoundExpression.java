package io.sluice.mysql.predicate;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.Row;
import io.sluice.core.schema.TableId;

/**
 * A {@link RowExpression} bound to one table: typed, with constant parts computed, ready to be
 * evaluated on every row image of the table (one comparison tree walk, no parsing or regular
 * expressions per row), and rendered as the WHERE condition that selects the same rows on the
 * source.
 */
public final class BoundExpression {
    private final String text;
    private final TableId table;
    private final Condition condition;
    private final String sql;

    BoundExpression(String text, TableId table, Condition condition, String sql) {
        this.text = requireNonNull(text, "text is null");
        this.table = requireNonNull(table, "table is null");
        this.condition = requireNonNull(condition, "condition is null");
        this.sql = requireNonNull(sql, "sql is null");
    }

    /**
     * The three-valued result for one row image of the table.
     *
     * @throws SluiceException RULE_INVALID when the image lacks a column the expression reads
     * (binlog_row_image is not FULL) or the server would fail too (an integer result out of range)
     */
    public Truth evaluate(Row row) {
        requireNonNull(row, "row is null");
        try {
            return condition.test(row);
        }
        catch (ColumnValue.AbsentColumn absent) {
            throw new SluiceException(ErrorCode.RULE_INVALID,
                    "Row predicate \"" + text + "\" reads column `" + absent.column() + "` of " + table
                            + ", which the binlog row image does not contain: the predicate needs binlog_row_image=FULL.",
                    "Set binlog_row_image=FULL on the source (SET GLOBAL binlog_row_image='FULL' and in the server configuration); "
                            + "rows written before the change cannot be filtered.");
        }
        catch (SqlError error) {
            throw new SluiceException(ErrorCode.RULE_INVALID,
                    "Row predicate \"" + text + "\" fails on a row of " + table + ": " + error.getMessage()
                            + " (the source rejects this expression for the same row).",
                    "Rewrite the predicate so that it cannot overflow, e.g. compare the column instead of computing with it.");
        }
    }

    /** Whether the row is selected: TRUE only; FALSE and UNKNOWN (NULL) are not. */
    public boolean isTrue(Row row) {
        return evaluate(row) == Truth.TRUE;
    }

    /** The WHERE-clause text to push down to the source for this table: parenthesised, column names backquoted as resolved. */
    public String sql() {
        return sql;
    }

    /** The predicate as the user wrote it. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return sql;
    }
}
