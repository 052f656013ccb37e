package io.sluice.mysql.sink;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.ChangeEvent;
import io.sluice.core.event.DdlEvent;
import io.sluice.core.event.ResumePosition;
import io.sluice.core.event.RowChange;
import io.sluice.core.event.TransactionHeader;
import io.sluice.core.position.FilePosition;
import io.sluice.core.schema.TableId;
import io.sluice.core.spi.Sink;
import io.sluice.core.task.Endpoint;
import io.sluice.mysql.ddl.DdlTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The MySQL/MariaDB target: applies each source transaction, streamed change by change, in one
 * target transaction together with its checkpoint row in the meta schema, so a crash at any moment
 * leaves the target either before or after the whole transaction, and the checkpoint says which.
 *
 * <p>DDL cannot share a transaction with the checkpoint, so it is journalled first: the statement
 * is recorded and committed, executed, then the checkpoint advances and the journal entry is
 * cleared in one transaction. A restart that finds the journal entry for the transaction it is
 * about to apply re-runs the DDL tolerating the errors a DDL gives when it already took effect.
 */
public final class MysqlSink implements Sink {
    private static final Logger LOG = LoggerFactory.getLogger(MysqlSink.class);
    private static final Pattern RENAME = Pattern.compile("^\\s*(?:RENAME\\s+TABLE|ALTER\\s+TABLE\\s+.*\\sRENAME\\s)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final TargetConnections connections;
    private final MetaStore meta;
    private final String name;
    private final Map<TableId, Set<String>> targetColumns = new HashMap<>();
    private final StatementBatch batch = new StatementBatch();
    private Connection connection;
    private FilePosition safeUntil;
    private TransactionHeader current;
    private boolean rowsInTransaction;
    private boolean ddlInTransaction;
    private String pendingSchemaState;

    public MysqlSink(Endpoint target, MetaStore meta, String name) {
        this.connections = new TargetConnections(requireNonNull(target, "target is null"));
        this.meta = requireNonNull(meta, "meta is null");
        this.name = requireNonNull(name, "name is null");
    }

    @Override
    public void open() {
        try {
            connection = connections.open();
            meta.createTables(connection);
            connection.commit();
            safeUntil = meta.load(connection).map(SubtaskState::safeUntil).orElse(null);
            connection.commit();
        }
        catch (SQLException e) {
            throw TargetErrors.classify(e, connections.describe(), connections.user(), "while preparing the meta schema");
        }
    }

    @Override
    public Optional<ResumePosition> checkpoint() {
        try {
            if (connection == null || !connection.isValid(5)) {
                reconnect();
            }
            Optional<SubtaskState> state = meta.load(connection);
            connection.commit();
            return state.map(SubtaskState::position);
        }
        catch (SQLException e) {
            throw TargetErrors.classify(e, connections.describe(), connections.user(), "while reading the checkpoint");
        }
    }

    @Override
    public void begin(TransactionHeader header) {
        this.current = requireNonNull(header, "header is null");
        this.rowsInTransaction = false;
        this.ddlInTransaction = false;
        try {
            if (connection == null || !connection.isValid(5)) {
                reconnect();
            }
        }
        catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void change(ChangeEvent event, boolean idempotent) {
        try {
            switch (event) {
                case RowChange change -> {
                    applyRow(change, idempotent);
                    rowsInTransaction = true;
                    if (batch.isFull()) {
                        batch.flush(connection);
                    }
                }
                case DdlEvent ddl -> ddl(ddl, idempotent);
            }
        }
        catch (UncheckedSqlException e) {
            throw failed(e.getCause());
        }
        catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Records the schema tracker's state with the next commit (the one that moves the checkpoint past the DDL that changed it). */
    public void saveSchemaStateWithNextCommit(String state) {
        this.pendingSchemaState = requireNonNull(state, "state is null");
    }

    @Override
    public void commit(ResumePosition resumeAfter) {
        try {
            batch.flush(connection);
            meta.save(connection, new SubtaskState(SubtaskState.Stage.SYNC, resumeAfter, safeUntil));
            if (pendingSchemaState != null) {
                meta.saveSchemaState(connection, pendingSchemaState);
            }
            if (ddlInTransaction) {
                meta.clearDdlJournal(connection);
            }
            connection.commit();
            current = null;
            pendingSchemaState = null;
        }
        catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void rollback() {
        batch.clear();
        rollbackQuietly();
        current = null;
        pendingSchemaState = null;
    }

    private SluiceException failed(SQLException e) {
        batch.clear();
        rollbackQuietly();
        SluiceException error = TargetErrors.classify(e, connections.describe(), connections.user(),
                "applying transaction " + (current == null ? "?" : current.id() + " (" + current.start() + ")"));
        if (error.isRetriable()) {
            closeQuietly();
        }
        return error;
    }

    /**
     * DDL commits implicitly, so it cannot follow rows in the same target transaction; MySQL and
     * MariaDB log it first in its own group (or first, before the rows of CREATE TABLE ... SELECT).
     */
    private void ddl(DdlEvent ddl, boolean idempotent) throws SQLException {
        batch.flush(connection);
        if (rowsInTransaction) {
            // the journal commit below would commit those rows without their checkpoint; SyncStream commits the group first
            // and refuses DDL after rows of its own transaction, so this is a caller bug
            throw new IllegalStateException("DDL after rows in one target transaction (group starting with " + current.id() + "): " + ddl.sql());
        }
        String id = current.id().toString();
        boolean mayHaveRun = meta.pendingDdl(connection, id).isPresent();
        if (!mayHaveRun) {
            meta.journalDdl(connection, id, ddl.sql());
            connection.commit();
        }
        ddlInTransaction = true;
        executeDdl(ddl, mayHaveRun || idempotent);
    }

    private void applyRow(RowChange change, boolean idempotent) throws SQLException {
        if (!idempotent) {
            RowStatements.add(batch, change.table().id(), change, false, column -> true);
            return;
        }
        // the target may be ahead of this event: its table renamed or dropped, a column dropped
        Set<String> columns = targetColumns.computeIfAbsent(change.table().id(), this::readTargetColumns);
        if (columns.isEmpty()) {
            return;
        }
        RowStatements.add(batch, change.table().id(), change, true, column -> columns.contains(column.toLowerCase(Locale.ROOT)));
    }

    private Set<String> readTargetColumns(TableId table) {
        try {
            Set<String> columns = new HashSet<>();
            for (String column : TargetTables.columns(connection, table)) {
                columns.add(column.toLowerCase(Locale.ROOT));
            }
            return columns;
        }
        catch (SQLException e) {
            throw new UncheckedSqlException(e);
        }
    }

    private void executeDdl(DdlEvent ddl, boolean mayHaveRun) throws SQLException {
        targetColumns.clear();
        try (Statement statement = connection.createStatement()) {
            if (!ddl.database().isEmpty()) {
                try {
                    statement.execute("USE " + TableId.quote(ddl.database()));
                }
                catch (SQLException unknownDatabase) {
                    if (unknownDatabase.getErrorCode() != 1049) {
                        throw unknownDatabase;
                    }
                }
            }
            statement.execute(ddl.sql());
        }
        catch (SQLException e) {
            if (mayHaveRun && TargetErrors.ALREADY_APPLIED_DDL.contains(e.getErrorCode())) {
                LOG.info("{}: DDL of {} had already taken effect ({}), continuing", name, current.id(), e.getMessage());
                if (e.getErrorCode() == 1050 && RENAME.matcher(ddl.sql()).find()) {
                    // the new name was copied after the rename: the old name must go, as it went on the source
                    DdlTarget.of(ddl).filter(target -> target.kind() == DdlTarget.Kind.TABLE).ifPresent(renamed -> dropQuietly(renamed));
                }
                return;
            }
            if (TargetErrors.classify(e, connections.describe(), connections.user(), "").isRetriable()) {
                throw e;
            }
            throw ddlFailed(ddl.sql(), current.start().toString(), e);
        }
    }

    private void dropQuietly(DdlTarget renamed) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + new TableId(renamed.database(), renamed.table()).quoted());
        }
        catch (SQLException e) {
            LOG.warn("{}: could not drop {}.{} after its rename: {}", name, renamed.database(), renamed.table(), e.getMessage());
        }
    }

    /** Bounds idempotent apply: changes up to this position may already be in the target. */
    public void setSafeUntil(FilePosition position) {
        this.safeUntil = position;
    }

    private void reconnect() throws SQLException {
        closeQuietly();
        connection = connections.open();
    }

    private void rollbackQuietly() {
        try {
            if (connection != null) {
                connection.rollback();
            }
        }
        catch (SQLException ignored) {
            // the connection is broken; it is replaced on the next apply
        }
    }

    private void closeQuietly() {
        try {
            if (connection != null) {
                connection.close();
            }
        }
        catch (SQLException ignored) {
            // closing a broken connection
        }
        connection = null;
    }

    @Override
    public void close() {
        closeQuietly();
    }

    /** Carries a SQLException out of a lambda. */
    private static final class UncheckedSqlException extends RuntimeException {
        UncheckedSqlException(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    private static SluiceException ddlFailed(String statement, String position, SQLException e) {
        return new SluiceException(ErrorCode.TARGET_DDL_FAILED,
                "The target rejected the DDL at " + position + ": " + statement + " (" + e.getMessage() + ")",
                "Apply an equivalent statement on the target by hand and resume the task, or exclude the table.", e);
    }
}
