package io.sluice.mysql.ddl;

import static java.util.Objects.requireNonNull;

import io.sluice.core.event.DdlEvent;
import io.sluice.core.rule.EventType;
import io.sluice.mysql.ddl.DdlTokens.Token;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The binlog event kinds of a DDL statement, for event filters: every {@link EventType} that
 * describes it, e.g. {@code ALTER TABLE t ADD COLUMN c INT, DROP COLUMN d} is ALTER_TABLE,
 * ADD_COLUMN and DROP_COLUMN. The kinds are read from the statement's keywords (comments dropped,
 * executable comments unwrapped), the way MySQL's grammar tells statements by their leading
 * keywords and ALTER TABLE clauses by their first ones: so it never fails on text a parser
 * rejects, covers MariaDB-only syntax (CREATE OR REPLACE, ADD COLUMN IF NOT EXISTS, WAIT n), and
 * reads {@code ALTER TABLE t RENAME u} and {@code ADD SYSTEM VERSIONING} correctly, which Druid
 * reads as a RENAME TABLE statement and as adding a column.
 */
public final class DdlKinds {
    private DdlKinds() {}

    /**
     * Every kind describing the statement; empty when it is not DDL on tables, views or databases.
     * Following DM where DM has the kind: ADD/DROP INDEX, KEY or a constraint inside ALTER TABLE is
     * ALTER_TABLE only (CREATE_INDEX and DROP_INDEX are the standalone statements, as in DM's
     * filter); {@code ALTER TABLE ... RENAME [TO] u} is ALTER_TABLE and RENAME_TABLE;
     * {@code RENAME COLUMN} is CHANGE_COLUMN (a CHANGE that keeps the definition); ALTER COLUMN
     * (SET/DROP DEFAULT, visibility) is ALTER_COLUMN; ALTER VIEW is CREATE_VIEW (it redefines the
     * view like CREATE OR REPLACE VIEW); CREATE OR REPLACE TABLE is CREATE_TABLE only; CREATE/DROP
     * TEMPORARY TABLE has no kind (temporary tables reach no row event), nor have users, grants,
     * routines, triggers, events, sequences and table maintenance (ANALYZE, OPTIMIZE...).
     */
    public static Set<EventType> of(DdlEvent ddl) {
        requireNonNull(ddl, "ddl is null");
        return of(DdlSyntax.read(ddl.sql()));
    }

    static Set<EventType> of(DdlSyntax syntax) {
        EnumSet<EventType> kinds = EnumSet.noneOf(EventType.class);
        switch (syntax.statement()) {
            case CREATE_TABLE -> {
                if (!syntax.temporary()) {
                    kinds.add(EventType.CREATE_TABLE);
                }
            }
            case DROP_TABLE -> {
                if (!syntax.temporary()) {
                    kinds.add(EventType.DROP_TABLE);
                }
            }
            case ALTER_TABLE -> {
                kinds.add(EventType.ALTER_TABLE);
                for (List<Token> clause : syntax.alterClauses()) {
                    EventType kind = clauseKind(clause);
                    if (kind != null) {
                        kinds.add(kind);
                    }
                }
            }
            case RENAME_TABLE -> kinds.add(EventType.RENAME_TABLE);
            case TRUNCATE_TABLE -> kinds.add(EventType.TRUNCATE_TABLE);
            case CREATE_INDEX -> kinds.add(EventType.CREATE_INDEX);
            case DROP_INDEX -> kinds.add(EventType.DROP_INDEX);
            case CREATE_VIEW, ALTER_VIEW -> kinds.add(EventType.CREATE_VIEW);
            case DROP_VIEW -> kinds.add(EventType.DROP_VIEW);
            case CREATE_DATABASE -> kinds.add(EventType.CREATE_DATABASE);
            case ALTER_DATABASE -> kinds.add(EventType.ALTER_DATABASE);
            case DROP_DATABASE -> kinds.add(EventType.DROP_DATABASE);
            case OTHER -> {}
        }
        return Collections.unmodifiableSet(kinds);
    }

    /** The column-level (or rename) kind of one ALTER TABLE clause; null when it has none. */
    private static EventType clauseKind(List<Token> clause) {
        Token first = clause.getFirst();
        Token second = clause.size() > 1 ? clause.get(1) : null;
        Token third = clause.size() > 2 ? clause.get(2) : null;
        if (second == null) {
            return null;
        }
        if (first.is("ADD")) {
            // ADD [COLUMN] [IF NOT EXISTS] c ..., ADD [COLUMN] (c ..., d ...); index, key, constraint and partition forms start with their keyword
            if (second.is("COLUMN") || second.isSymbol("(") || second.is("IF")) {
                return EventType.ADD_COLUMN;
            }
            return isNotColumn(second, third) || !second.isName() ? null : EventType.ADD_COLUMN;
        }
        if (first.is("DROP")) {
            if (second.is("COLUMN") || second.is("IF")) {
                return EventType.DROP_COLUMN;
            }
            return isNotColumn(second, third) || !second.isName() ? null : EventType.DROP_COLUMN;
        }
        if (first.is("MODIFY")) {
            return EventType.MODIFY_COLUMN;
        }
        if (first.is("CHANGE")) {
            return EventType.CHANGE_COLUMN;
        }
        if (first.is("ALTER")) {
            if (second.is("COLUMN")) {
                return EventType.ALTER_COLUMN;
            }
            return second.is("INDEX") || second.is("KEY") || second.is("CHECK") || second.is("CONSTRAINT") || !second.isName() ? null : EventType.ALTER_COLUMN;
        }
        if (first.is("RENAME")) {
            if (second.is("COLUMN")) {
                return EventType.CHANGE_COLUMN;
            }
            return second.is("INDEX") || second.is("KEY") ? null : EventType.RENAME_TABLE;
        }
        return null;
    }

    /** Whether the words after ADD or DROP start an index, key, constraint, partition, period or system versioning clause. */
    private static boolean isNotColumn(Token word, Token next) {
        if (word.is("INDEX") || word.is("KEY") || word.is("UNIQUE") || word.is("PRIMARY") || word.is("FULLTEXT") || word.is("SPATIAL")
                || word.is("FOREIGN") || word.is("CONSTRAINT") || word.is("CHECK") || word.is("PARTITION")) {
            return true;
        }
        if (next == null) {
            return false;
        }
        return (word.is("SYSTEM") && next.is("VERSIONING"))
                || (word.is("PERIOD") && next.is("FOR"))
                || (word.is("VECTOR") && (next.is("INDEX") || next.is("KEY")));
    }
}
