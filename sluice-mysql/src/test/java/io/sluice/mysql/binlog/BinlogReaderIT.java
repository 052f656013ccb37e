package io.sluice.mysql.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.DdlEvent;
import io.sluice.core.event.RowChange;
import io.sluice.core.event.Transaction;
import io.sluice.core.position.FilePosition;
import io.sluice.core.position.MariaDbGtid;
import io.sluice.core.position.MariaDbGtidList;
import io.sluice.core.position.TransactionId;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/** Transaction boundaries, resume positions, reconnects and failure handling of the binlog reader on a real MariaDB. */
@ExtendWith(MariaDbExtension.class)
class BinlogReaderIT {

    @Test
    void groupsEventsIntoWholeTransactions(@Sandbox MariaDbServer server) throws Exception {
        server.execute("CREATE DATABASE shop",
                "CREATE TABLE shop.orders (id INT PRIMARY KEY, amount DECIMAL(10,2))",
                "CREATE TABLE shop.audit (id INT PRIMARY KEY AUTO_INCREMENT, note VARCHAR(20)) ENGINE=MyISAM");
        // schemas from FULL row metadata: the ALTER below may run before earlier rows are decoded
        try (BinlogCapture capture = BinlogCapture.fromNow(server, true)) {
            server.execute("BEGIN",
                    "INSERT INTO shop.orders VALUES (1, 10.50), (2, 20.00)",
                    "UPDATE shop.orders SET amount = 11.00 WHERE id = 1",
                    "DELETE FROM shop.orders WHERE id = 2",
                    "COMMIT");
            server.execute("INSERT INTO shop.audit (note) VALUES ('myisam')");
            server.execute("ALTER TABLE shop.orders ADD COLUMN status VARCHAR(10) DEFAULT 'new'");
            server.execute("INSERT INTO shop.orders VALUES (3, 1.00, 'paid')");
            server.execute("CREATE TABLE shop.copy AS SELECT * FROM shop.orders");

            List<Transaction> transactions = capture.await(5);
            Transaction multi = transactions.get(0);
            assertThat(multi.events()).hasSize(4);
            assertThat(multi.events()).allMatch(RowChange.class::isInstance);
            assertThat(((RowChange) multi.events().get(2)).operation()).isEqualTo(RowChange.Operation.UPDATE);
            assertThat(((RowChange) multi.events().get(2)).after().get("amount").toString()).isEqualTo("11.00");
            assertThat(multi.id()).isInstanceOf(MariaDbGtid.class);
            assertThat(multi.serverId()).isEqualTo(server.serverId());

            Transaction myIsam = transactions.get(1);
            assertThat(myIsam.events()).singleElement().isInstanceOf(RowChange.class);

            Transaction ddl = transactions.get(2);
            assertThat(ddl.isDdl()).isTrue();
            assertThat(((DdlEvent) ddl.events().getFirst()).sql()).startsWith("ALTER TABLE shop.orders ADD COLUMN status");

            // the row after the DDL decodes with the new column
            RowChange afterDdl = (RowChange) transactions.get(3).events().getFirst();
            assertThat(afterDdl.after().get("status")).isEqualTo("paid");

            Transaction createSelect = transactions.get(4);
            assertThat(createSelect.events().getFirst()).isInstanceOf(DdlEvent.class);
            assertThat(createSelect.events()).filteredOn(RowChange.class::isInstance).hasSize(2);

            // positions only move forward and each transaction starts where the previous one resumes
            for (int i = 1; i < transactions.size(); i++) {
                assertThat(transactions.get(i).start().compareTo(transactions.get(i - 1).resumeAfter().file())).isGreaterThanOrEqualTo(0);
            }
        }
    }

    @Test
    void resumingFromAnyReportedPositionContinuesWithTheNextTransaction(@Sandbox MariaDbServer server) throws Exception {
        server.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY)");
        List<Transaction> all;
        try (BinlogCapture capture = BinlogCapture.fromNow(server)) {
            for (int i = 1; i <= 4; i++) {
                server.execute("INSERT INTO app.t VALUES (" + i + ")");
            }
            // a second GTID domain: resume positions must carry both
            server.execute("SET SESSION gtid_domain_id = 7", "INSERT INTO app.t VALUES (5)", "SET SESSION gtid_domain_id = 0");
            server.execute("FLUSH BINARY LOGS");
            server.execute("INSERT INTO app.t VALUES (6)");
            all = capture.await(6);
        }
        assertThat(all.get(5).resumeAfter().gtid()).isInstanceOf(MariaDbGtidList.class);
        assertThat(((MariaDbGtidList) all.get(5).resumeAfter().gtid()).forDomain(7)).isPresent();
        assertThat(all.get(5).start().file()).isNotEqualTo(all.get(0).start().file());
        for (int k = 0; k < all.size() - 1; k++) {
            TransactionId next = all.get(k + 1).id();
            try (BinlogCapture byFile = BinlogCapture.from(server, all.get(k).resumeAfter().file())) {
                assertThat(byFile.await(1).getFirst().id()).as("from file position after %s", all.get(k).id()).isEqualTo(next);
            }
            try (BinlogCapture byGtid = BinlogCapture.from(server, all.get(k).resumeAfter().gtid())) {
                assertThat(byGtid.await(1).getFirst().id()).as("from GTID after %s", all.get(k).id()).isEqualTo(next);
            }
        }
    }

    @Test
    void reconnectsAfterSourceRestartsWithoutLosingOrRepeatingTransactions(@Sandbox MariaDbServer server) throws Exception {
        server.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY)");
        try (BinlogCapture capture = BinlogCapture.fromNow(server)) {
            for (int i = 1; i <= 10; i++) {
                server.execute("INSERT INTO app.t VALUES (" + i + ")");
            }
            capture.await(10);
            server.restart();
            for (int i = 11; i <= 20; i++) {
                server.execute("INSERT INTO app.t VALUES (" + i + ")");
            }
            capture.await(20);
            server.kill();
            server.restart();
            for (int i = 21; i <= 30; i++) {
                server.execute("INSERT INTO app.t VALUES (" + i + ")");
            }
            List<Transaction> transactions = capture.await(30);
            List<Integer> ids = transactions.stream()
                    .flatMap(t -> t.events().stream())
                    .filter(RowChange.class::isInstance)
                    .map(e -> (Integer) ((RowChange) e).after().get("id"))
                    .toList();
            assertThat(ids).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 30).boxed().toList());
            Set<String> gtids = new TreeSet<>();
            transactions.forEach(t -> assertThat(gtids.add(t.id().toString())).as("duplicate %s", t.id()).isTrue());
        }
        assertThat(server.query("SELECT COUNT(*) FROM app.t")).containsExactly(List.of("30"));
    }

    @Test
    void aFailingListenerStopsTheReaderInsteadOfSkipping(@Sandbox MariaDbServer server) throws Exception {
        server.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY)");
        AtomicInteger calls = new AtomicInteger();
        String start;
        try (var connection = server.connect()) {
            start = SourcePositions.currentEnd(connection).file().toString();
        }
        try (BinlogCapture capture = BinlogCapture.with(server, BinlogCapture.config(server, FilePosition.parse(start)), transaction -> {
            if (calls.incrementAndGet() == 2) {
                throw new IllegalStateException("sink is full");
            }
        })) {
            for (int i = 1; i <= 3; i++) {
                server.execute("INSERT INTO app.t VALUES (" + i + ")");
            }
            Throwable failure = capture.awaitFailure();
            assertThat(failure).isInstanceOf(SluiceException.class).hasMessageContaining("sink is full");
            assertThat(capture.transactions()).hasSize(1);
            assertThat(capture.reader().lastCommitted()).isEqualTo(capture.transactions().getFirst().resumeAfter());
        }
    }

    @Test
    void readingOldEventsWithANewerSchemaIsASchemaMismatchNotGarbage(@Sandbox MariaDbServer server) throws Exception {
        server.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY)");
        FilePosition before;
        try (var connection = server.connect()) {
            before = SourcePositions.currentEnd(connection).file();
        }
        server.execute("INSERT INTO app.t VALUES (1)", "ALTER TABLE app.t ADD COLUMN extra INT");
        try (BinlogCapture capture = BinlogCapture.from(server, before)) {
            Throwable failure = capture.awaitFailure();
            assertThat(failure).isInstanceOf(SluiceException.class);
            assertThat(((SluiceException) failure).errorCode()).isEqualTo(ErrorCode.SCHEMA_MISMATCH);
            assertThat(failure).hasMessageContaining("app.t").hasMessageContaining("2 (id, extra)");
        }
    }

    @Test
    void fullRowMetadataDecodesOldEventsAcrossDdl(@Sandbox MariaDbServer server) throws Exception {
        server.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY, name VARCHAR(10))");
        FilePosition before;
        try (var connection = server.connect()) {
            before = SourcePositions.currentEnd(connection).file();
        }
        server.execute("INSERT INTO app.t VALUES (1, 'old')",
                "ALTER TABLE app.t DROP COLUMN name, ADD COLUMN amount DECIMAL(6,2) UNSIGNED",
                "INSERT INTO app.t VALUES (2, 12.50)");
        try (BinlogCapture capture = BinlogCapture.from(server, before, true)) {
            List<Transaction> transactions = capture.await(3);
            RowChange old = (RowChange) transactions.get(0).events().getFirst();
            assertThat(old.after().get("name")).isEqualTo("old");
            assertThat(old.table().primaryKey()).containsExactly("id");
            RowChange changed = (RowChange) transactions.get(2).events().getFirst();
            assertThat(changed.after().get("amount").toString()).isEqualTo("12.50");
            assertThat(changed.table().column("amount").orElseThrow().unsigned()).isTrue();
        }
    }
}
