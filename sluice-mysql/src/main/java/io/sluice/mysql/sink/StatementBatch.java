package io.sluice.mysql.sink;

import io.sluice.core.schema.Column;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Row statements of the open target transaction, sent to the server together: one round trip for
 * up to {@link #MAX_STATEMENTS} statements (or {@link #MAX_BYTES} of values) instead of one each,
 * which is what bounds a single applier on small transactions. The statements travel as one
 * multi-statement text with client-side bound parameters (the connection allows multi-queries);
 * the server runs them in order and stops at the first error, which the driver raises, so the
 * caller's rollback-and-retry logic is unchanged. Not thread-safe: owned by the sink's thread.
 */
final class StatementBatch {
    static final int MAX_STATEMENTS = 128;
    static final int MAX_BYTES = 1 << 20;
    // tables whose statement texts are kept; beyond that (many tables, or many schema versions) they are rebuilt
    private static final int MAX_TABLES = 1024;

    // Keyed by identity: the reader and the table plans hand out one schema instance per table
    // version, so this is one lookup without hashing the columns; an equal instance gets its own entry.
    private final Map<TableSchema, RowStatements.TableStatements> tables = new IdentityHashMap<>();
    private final StringBuilder sql = new StringBuilder(4096);
    private final List<Column> columns = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();
    private int statements;
    private long bytes;

    /** The statement texts for rows of this table version written to {@code target}; they outlive {@link #clear}. */
    RowStatements.TableStatements statements(TableSchema schema, TableId target) {
        RowStatements.TableStatements table = tables.get(schema);
        if (table == null || !table.isFor(schema, target)) {
            if (tables.size() >= MAX_TABLES) {
                tables.clear();
            }
            table = new RowStatements.TableStatements(schema, target);
            tables.put(schema, table);
        }
        return table;
    }

    /** Appends a statement whose parameters the following {@link #bind} calls give, in order. */
    void add(String statement) {
        if (statements > 0) {
            sql.append(";\n");
        }
        sql.append(statement);
        statements++;
        bytes += statement.length();
    }

    void bind(Column column, Object value) {
        columns.add(column);
        values.add(value);
        bytes += switch (value) {
            case byte[] array -> array.length;
            case String text -> text.length() * 3L;
            case null -> 4;
            default -> 24;
        };
    }

    /** The statements added so far, separated as they are sent (for tests). */
    String text() {
        return sql.toString();
    }

    boolean isEmpty() {
        return statements == 0;
    }

    boolean isFull() {
        return statements >= MAX_STATEMENTS || bytes >= MAX_BYTES;
    }

    /** Executes what the batch holds, in order, inside the connection's open transaction, and empties it. */
    void flush(Connection connection) throws SQLException {
        if (statements == 0) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < values.size(); i++) {
                ValueBinder.bind(statement, i + 1, columns.get(i), values.get(i));
            }
            statement.execute();
            // read every statement's result, so an error in a later one is raised here
            while (statement.getMoreResults() || statement.getUpdateCount() != -1) {
                // nothing to collect: row statements return update counts only
            }
        }
        finally {
            clear();
        }
    }

    void clear() {
        sql.setLength(0);
        columns.clear();
        values.clear();
        statements = 0;
        bytes = 0;
    }
}
