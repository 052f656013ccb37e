package io.sluice.mysql.sink;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a {@code ddl_journal} row says may have run on the target: the statements, in order, the
 * operator (sql-replace, sql-inject) that supplied them, if any, and a fingerprint of the target
 * tables they name as they were before they ran, when it was taken. A plain source DDL without a
 * fingerprint is stored as its text alone, as before operators existed; anything else under a
 * header line with each statement length-prefixed, so that no SQL has to be parsed to read it back
 * (v2 adds the fingerprint line; v1 rows and plain text still read).
 */
record DdlJournalEntry(Optional<String> operatorId, List<String> statements, Optional<String> before) {
    private static final String HEADER = "-- sluice ddl journal v1";
    private static final String HEADER_V2 = "-- sluice ddl journal v2";

    DdlJournalEntry(Optional<String> operatorId, List<String> statements) {
        this(operatorId, statements, Optional.empty());
    }

    DdlJournalEntry {
        requireNonNull(operatorId, "operatorId is null");
        requireNonNull(before, "before is null");
        statements = List.copyOf(requireNonNull(statements, "statements is null"));
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("a journal entry has at least one statement");
        }
    }

    /** This entry with the fingerprint of the target's tables before its statements ran. */
    DdlJournalEntry withBefore(String fingerprint) {
        return new DdlJournalEntry(operatorId, statements, Optional.of(fingerprint));
    }

    /** Whether both hold the same statements from the same operator, whatever their fingerprints. */
    boolean sameStatements(DdlJournalEntry other) {
        return operatorId.equals(other.operatorId) && statements.equals(other.statements);
    }

    String encode() {
        if (operatorId.isEmpty() && before.isEmpty() && statements.size() == 1 && !statements.getFirst().startsWith("-- sluice ddl journal")) {
            return statements.getFirst();
        }
        StringBuilder text = new StringBuilder(before.isPresent() ? HEADER_V2 : HEADER).append('\n');
        text.append(operatorId.orElse("")).append('\n');
        before.ifPresent(fingerprint -> text.append(fingerprint).append('\n'));
        for (String statement : statements) {
            text.append(statement.length()).append('\n').append(statement).append('\n');
        }
        return text.toString();
    }

    static DdlJournalEntry decode(String text) {
        boolean v2 = text.startsWith(HEADER_V2 + "\n");
        if (!v2 && !text.startsWith(HEADER + "\n")) {
            return new DdlJournalEntry(Optional.empty(), List.of(text));
        }
        int at = (v2 ? HEADER_V2 : HEADER).length() + 1;
        int end = text.indexOf('\n', at);
        String operator = text.substring(at, end);
        at = end + 1;
        Optional<String> before = Optional.empty();
        if (v2) {
            end = text.indexOf('\n', at);
            before = Optional.of(text.substring(at, end));
            at = end + 1;
        }
        List<String> statements = new ArrayList<>();
        while (at < text.length()) {
            end = text.indexOf('\n', at);
            int length = Integer.parseInt(text.substring(at, end));
            statements.add(text.substring(end + 1, end + 1 + length));
            at = end + 1 + length + 1;
        }
        return new DdlJournalEntry(operator.isEmpty() ? Optional.empty() : Optional.of(operator), statements, before);
    }
}
