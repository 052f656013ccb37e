package io.sluice.mysql.sink;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a {@code ddl_journal} row says may have run on the target: the statements, in order, and
 * the operator (sql-replace, sql-inject) that supplied them, if any. A plain source DDL is stored
 * as its text alone, as before operators existed; anything else under a header line with each
 * statement length-prefixed, so that no SQL has to be parsed to read it back.
 */
record DdlJournalEntry(Optional<String> operatorId, List<String> statements) {
    private static final String HEADER = "-- sluice ddl journal v1";

    DdlJournalEntry {
        requireNonNull(operatorId, "operatorId is null");
        statements = List.copyOf(requireNonNull(statements, "statements is null"));
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("a journal entry has at least one statement");
        }
    }

    String encode() {
        if (operatorId.isEmpty() && statements.size() == 1 && !statements.getFirst().startsWith(HEADER)) {
            return statements.getFirst();
        }
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        text.append(operatorId.orElse("")).append('\n');
        for (String statement : statements) {
            text.append(statement.length()).append('\n').append(statement).append('\n');
        }
        return text.toString();
    }

    static DdlJournalEntry decode(String text) {
        if (!text.startsWith(HEADER + "\n")) {
            return new DdlJournalEntry(Optional.empty(), List.of(text));
        }
        int at = HEADER.length() + 1;
        int end = text.indexOf('\n', at);
        String operator = text.substring(at, end);
        at = end + 1;
        List<String> statements = new ArrayList<>();
        while (at < text.length()) {
            end = text.indexOf('\n', at);
            int length = Integer.parseInt(text.substring(at, end));
            statements.add(text.substring(end + 1, end + 1 + length));
            at = end + 1 + length + 1;
        }
        return new DdlJournalEntry(operator.isEmpty() ? Optional.empty() : Optional.of(operator), statements);
    }
}
