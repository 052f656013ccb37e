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
import io.sluice.mysql.ddl.DdlTables;
import io.sluice.mysql.ddl.DdlTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
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
 * The journal holds what may run: the source DDL, or the statements an sql-replace or sql-inject
 * operator runs instead, which a restart completes whatever operators are registered by then; a
 * statement the target rejects did not run, so its entry is cleared and the error names the
 * operator commands that get past it. Operators applied are recorded with the checkpoint past them.
 */
public final class MysqlSink implements Sink {
    private static final Logger LOG = LoggerFactory.getLogger(MysqlSink.class);
    private static final Pattern RENAME = Pattern.compile("^\\s*(?:RENAME\\s+TABLE|ALTER\\s+TABLE\\s+.*\\sRENAME\\s)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final Endpoint target;
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
    // operators applied in the open transaction, recorded with its commit
    private final Map<String, FilePosition> operatorsApplied = new LinkedHashMap<>();
    // applied_txn records (parallel apply) may sit below the next checkpoint: delete them with it
    private boolean forgetApplied;

    public MysqlSink(Endpoint target, MetaStore meta, String name) {
        this.target = target;
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
            for (Map.Entry<String, FilePosition> operator : operatorsApplied.entrySet()) {
                meta.recordOperator(connection, operator.getKey(), operator.getValue());
            }
            int appliedRemaining = forgetApplied ? meta.forgetAppliedBefore(connection, resumeAfter.file()) : 0;
            connection.commit();
            current = null;
            pendingSchemaState = null;
            operatorsApplied.clear();
            forgetApplied = appliedRemaining > 0;
        }
        catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * Makes the commits from the next one on delete the applied_txn records below their checkpoint,
     * until none remain. Only while no parallel writer records transactions.
     */
    public void forgetAppliedWithCommits() {
        this.forgetApplied = true;
    }

    /** A sink of its own (own connection) on the same target and meta schema, for a parallel writer or the checkpointer. */
    public MysqlSink sibling() {
        MysqlSink sibling = new MysqlSink(target, meta, name);
        sibling.safeUntil = safeUntil;
        return sibling;
    }

    /** The source transaction whose changes follow, inside the open target transaction (for error messages). */
    public void transaction(TransactionHeader header) {
        this.current = requireNonNull(header, "header is null");
    }

    /**
     * Commits the open target transaction, which holds whole source transactions of one parallel
     * writer, together with the record that the transactions starting at {@code starts} took effect;
     * the checkpoint itself is moved by {@link #saveWatermark}.
     */
    public void commitApplied(List<FilePosition> starts) {
        try {
            batch.flush(connection);
            meta.recordApplied(connection, starts);
            connection.commit();
            current = null;
        }
        catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * Moves the checkpoint to {@code watermark}, before which every transaction took effect, and
     * deletes the applied records it now covers, in one target transaction.
     */
    public void saveWatermark(ResumePosition watermark, java.util.Collection<FilePosition> covered) {
        try {
            if (connection == null || !connection.isValid(5)) {
                reconnect();
            }
            meta.save(connection, new SubtaskState(SubtaskState.Stage.SYNC, watermark, safeUntil));
            if (!covered.isEmpty()) {
                meta.forgetApplied(connection, covered);
            }
            connection.commit();
        }
        catch (SQLException e) {
            rollbackQuietly();
            SluiceException error = TargetErrors.classify(e, connections.describe(), connections.user(), "saving the checkpoint " + watermark);
            if (error.isRetriable()) {
                closeQuietly();
            }
            throw error;
        }
    }

    /** The start positions of the source transactions parallel writers recorded as applied above the checkpoint. */
    public Set<FilePosition> appliedTransactions() {
        try {
            if (connection == null || !connection.isValid(5)) {
                reconnect();
            }
            Set<FilePosition> applied = meta.appliedTransactions(connection);
            connection.commit();
            return applied;
        }
        catch (SQLException e) {
            throw TargetErrors.classify(e, connections.describe(), connections.user(), "while reading the applied transactions");
        }
    }

    /** Forgets the target tables' columns it read (idempotent apply); another sink ran DDL. */
    public void forgetTargetColumns() {
        targetColumns.clear();
    }

    @Override
    public void rollback() {
        batch.clear();
        rollbackQuietly();
        current = null;
        pendingSchemaState = null;
        operatorsApplied.clear();
    }

    private SluiceException failed(SQLException e) {
        batch.clear();
        rollbackQuietly();
        operatorsApplied.clear();
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
        String position = current.start().toString();
        runJournalled(current.id().toString(), ddl.database(), new DdlJournalEntry(Optional.empty(), List.of(ddl.sql())), idempotent,
                (statement, index, count, e) -> ddlFailed(statement, position, e));
    }

    /**
     * Skips the current transaction's DDL on the target (sql-skip): nothing runs, and the next
     * commit moves the checkpoint past it and records the operator. Should the journal say a
     * statement for this transaction may have run (a crash while it ran), that is completed first.
     */
    public void skipDdl(DdlEvent ddl, String operatorId, FilePosition at) {
        requireNonNull(operatorId, "operatorId is null");
        try {
            Optional<String> journalled = meta.pendingDdl(connection, current.id().toString());
            if (journalled.isPresent()) {
                LOG.warn("{}: the DDL journal says statements for {} may have run before a restart; completing them rather than skipping", name, current.id());
                DdlJournalEntry entry = DdlJournalEntry.decode(journalled.get());
                runJournalled(current.id().toString(), ddl.database(), entry, true, (statement, index, count, e) -> ddlFailed(statement, at.toString(), e));
            }
            ddlInTransaction = true;
            operatorsApplied.put(operatorId, at);
        }
        catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * Runs {@code statements} instead of the current transaction's DDL (sql-replace), in order,
     * under the DDL journal; the next commit moves the checkpoint past the DDL and records the operator.
     *
     * @param ddl the source DDL as routed to the target; its database is the default one for the statements
     * @param idempotent whether the statements may already have taken effect (a table several shards merge into)
     */
    public void replaceDdl(DdlEvent ddl, List<String> statements, String operatorId, FilePosition at, boolean idempotent) {
        requireNonNull(operatorId, "operatorId is null");
        try {
            runJournalled(current.id().toString(), ddl.database(), new DdlJournalEntry(Optional.of(operatorId), statements), idempotent,
                    (statement, index, count, e) -> new SluiceException(ErrorCode.TARGET_DDL_FAILED,
                            "The target rejected statement " + (index + 1) + " of " + count + " that sql-replace operator " + operatorId
                                    + " runs instead of the DDL at " + at + ": " + statement + " (" + e.getMessage() + ")"
                                    + (index == 0 ? "; none of them ran." : "; the statements before it ran."),
                            "Register another operator for that DDL, sql-replace --binlog-pos " + at + " \"SQL1; SQL2;\" with the statements "
                                    + "still needed or sql-skip --binlog-pos " + at + " to run none, then resume-task.", e));
            operatorsApplied.put(operatorId, at);
        }
        catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * Runs injected statements (sql-inject) in order, under the DDL journal, before the current
     * transaction; the next commit, which does not move the checkpoint, records the injection.
     */
    public void inject(String injectionId, List<String> statements, FilePosition before) {
        requireNonNull(injectionId, "injectionId is null");
        try {
            runJournalled("sql-inject " + injectionId, "", new DdlJournalEntry(Optional.of(injectionId), statements), false,
                    (statement, index, count, e) -> new SluiceException(ErrorCode.TARGET_DDL_FAILED,
                            "The target rejected statement " + (index + 1) + " of " + count + " injected by sql-inject " + injectionId
                                    + " before the transaction at " + before + ": " + statement + " (" + e.getMessage() + ")"
                                    + (index == 0 ? "; none of them ran." : "; the statements before it ran."),
                            "Remove the injection (id " + injectionId + ") and inject the statements still needed, or make the target accept it; then resume-task.", e));
            operatorsApplied.put(injectionId, before);
        }
        catch (SQLException e) {
            throw failed(e);
        }
    }

    /** The operators applied so far (recorded with the checkpoint past them), by id, with where each was applied. */
    public Map<String, FilePosition> appliedOperators() {
        try {
            if (connection == null || !connection.isValid(5)) {
                reconnect();
            }
            Map<String, FilePosition> applied = meta.appliedOperators(connection);
            connection.commit();
            return applied;
        }
        catch (SQLException e) {
            throw TargetErrors.classify(e, connections.describe(), connections.user(), "while reading the applied sql operators");
        }
    }

    /**
     * Journals the statements and runs them: a journal entry for {@code journalId} means they may
     * have run before a restart, and what it holds is completed, tolerating "already applied" errors.
     */
    private void runJournalled(String journalId, String database, DdlJournalEntry entry, boolean idempotent, DdlFailure failure) throws SQLException {
        batch.flush(connection);
        if (rowsInTransaction) {
            // the journal commit below would commit those rows without their checkpoint; SyncStream commits the group first
            // and refuses DDL after rows of its own transaction, so this is a caller bug
            throw new IllegalStateException("DDL after rows in one target transaction (group starting with " + current.id() + "): " + entry.statements());
        }
        Optional<String> journalled = meta.pendingDdl(connection, journalId);
        boolean mayHaveRun = journalled.isPresent();
        DdlJournalEntry toRun = entry;
        if (mayHaveRun) {
            toRun = DdlJournalEntry.decode(journalled.get());
            if (!toRun.sameStatements(entry)) {
                LOG.warn("{}: the DDL journal says {} may have run for {} before a restart; completing that instead of {}", name, toRun.statements(), journalId, entry.statements());
                toRun.operatorId().ifPresent(operator -> operatorsApplied.put(operator, current.start()));
            }
            if (toRun.before().isPresent() && !toRun.before().equals(fingerprint(database, toRun.statements()))) {
                // some statements succeed again with another effect (a swap swaps back, an unnamed index is added twice)
                LOG.info("{}: {} for {} ran before a restart (the target tables it names changed since it was journalled); not running it again",
                        name, toRun.statements(), journalId);
                ddlInTransaction = true;
                return;
            }
        }
        else {
            Optional<String> before = fingerprint(database, entry.statements());
            meta.journalDdl(connection, journalId, before.map(entry::withBefore).orElse(entry).encode());
            connection.commit();
        }
        ddlInTransaction = true;
        List<String> statements = toRun.statements();
        for (int i = 0; i < statements.size(); i++) {
            executeDdl(new DdlEvent(database, statements.get(i)), mayHaveRun || idempotent, i, statements.size(), failure);
        }
    }

    /**
     * A digest of the definitions (or absence) of the target tables a single statement names, which
     * tells after a restart whether it ran: every replicated DDL that must not run twice changes a
     * definition (TRUNCATE and rebuilds, which change none, may). Empty for several statements
     * (some may have run and others not) or names that cannot be read: those are completed tolerantly.
     */
    private Optional<String> fingerprint(String database, List<String> statements) throws SQLException {
        if (statements.size() != 1) {
            return Optional.empty();
        }
        List<TableId> tables = DdlTables.named(new DdlEvent(database, statements.getFirst()));
        if (tables.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder definitions = new StringBuilder();
        for (TableId table : tables) {
            definitions.append(table.quoted()).append('=').append(TargetTables.definitionOrAbsent(connection, table)).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(definitions.toString().getBytes(StandardCharsets.UTF_8));
            return Optional.of(HexFormat.of().formatHex(digest));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The error for {@code statement}, number {@code index} (from 0) of {@code count}, that the target rejected. */
    @FunctionalInterface
    private interface DdlFailure {
        SluiceException of(String statement, int index, int count, SQLException e);
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

    private void executeDdl(DdlEvent ddl, boolean mayHaveRun, int index, int count, DdlFailure failure) throws SQLException {
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
            // the source's clock and time zone: a DDL evaluating CURRENT_TIMESTAMP must give the rows the source's value
            try (DdlSession replay = DdlSession.enter(statement, current.session())) {
                statement.execute(ddl.sql());
            }
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
            // the target said no, so this statement did not run: the journal must not make a restart tolerate its error as "already applied"
            clearJournalQuietly();
            throw failure.of(ddl.sql(), index, count, e);
        }
    }

    private void clearJournalQuietly() {
        try {
            meta.clearDdlJournal(connection);
            connection.commit();
        }
        catch (SQLException e) {
            LOG.warn("{}: could not clear the DDL journal after a rejected DDL: {}", name, e.getMessage());
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
                "Make the target accept it and resume-task; or register sql-skip --binlog-pos " + position + " to skip it on the target, "
                        + "or sql-replace --binlog-pos " + position + " \"SQL1; SQL2;\" to run other statements instead, then resume-task "
                        + "(the source schema Sluice tracks follows the DDL either way).", e);
    }
}
