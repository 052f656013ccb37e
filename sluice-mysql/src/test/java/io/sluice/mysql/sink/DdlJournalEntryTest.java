package io.sluice.mysql.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

class DdlJournalEntryTest {
    @Test
    void aSourceDdlIsStoredAsItsText() {
        DdlJournalEntry entry = new DdlJournalEntry(Optional.empty(), List.of("ALTER TABLE t ADD c INT"));
        assertThat(entry.encode()).isEqualTo("ALTER TABLE t ADD c INT");
        assertThat(DdlJournalEntry.decode("ALTER TABLE t ADD c INT")).isEqualTo(entry);
    }

    @Test
    void operatorStatementsRoundTrip() {
        DdlJournalEntry entry = new DdlJournalEntry(Optional.of("op-1"),
                List.of("ALTER TABLE t ADD c VARCHAR(3) DEFAULT 'a\nb'", "", "CREATE TABLE `x\n12` (id INT)"));
        assertThat(DdlJournalEntry.decode(entry.encode())).isEqualTo(entry);
        DdlJournalEntry several = new DdlJournalEntry(Optional.empty(), List.of("DROP TABLE a", "DROP TABLE b"));
        assertThat(DdlJournalEntry.decode(several.encode())).isEqualTo(several);
    }

    @Test
    void theFingerprintOfTheTablesBeforeRoundTrips() {
        DdlJournalEntry entry = new DdlJournalEntry(Optional.empty(), List.of("RENAME TABLE a TO t, b TO a, t TO b")).withBefore("ab12");
        assertThat(entry.encode()).startsWith("-- sluice ddl journal v2\n");
        assertThat(DdlJournalEntry.decode(entry.encode())).isEqualTo(entry);
        assertThat(entry.sameStatements(new DdlJournalEntry(Optional.empty(), List.of("RENAME TABLE a TO t, b TO a, t TO b")))).isTrue();
        DdlJournalEntry operator = new DdlJournalEntry(Optional.of("op-1"), List.of("ALTER TABLE t ADD c INT")).withBefore("cd34");
        assertThat(DdlJournalEntry.decode(operator.encode())).isEqualTo(operator);
    }
}
