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
}
