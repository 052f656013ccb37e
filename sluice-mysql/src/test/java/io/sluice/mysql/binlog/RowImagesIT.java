package io.sluice.mysql.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.event.Row;
import io.sluice.core.event.RowChange;
import io.sluice.core.event.Transaction;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/** Partial row images (MINIMAL, NOBLOB), very wide tables and rows larger than a 16 MB protocol packet. */
@ExtendWith(MariaDbExtension.class)
class RowImagesIT {

    @Test
    void minimalImagesCarryOnlyTheKeyBeforeAndTheChangedColumnsAfter(@Sandbox(binlogRowImage = "MINIMAL") MariaDbServer server) throws Exception {
        server.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY, a VARCHAR(10), b INT, c TEXT)",
                "INSERT INTO app.t VALUES (1, 'x', 1, 'blob')");
        try (BinlogCapture capture = BinlogCapture.fromNow(server)) {
            server.execute("UPDATE app.t SET b = NULL WHERE id = 1");
            server.execute("DELETE FROM app.t WHERE id = 1");
            List<Transaction> transactions = capture.await(2);
            RowChange update = (RowChange) transactions.get(0).events().getFirst();
            assertPresent(update.before(), true, false, false, false);
            assertPresent(update.after(), false, false, true, false);
            assertThat(update.before().get("id")).isEqualTo(1);
            // NULL is a value, absent is not: b is present and NULL
            assertThat(update.after().isPresent("b")).isTrue();
            assertThat(update.after().get("b")).isNull();
            RowChange delete = (RowChange) transactions.get(1).events().getFirst();
            assertPresent(delete.before(), true, false, false, false);
        }
    }

    @Test
    void noblobImagesLeaveOutUnchangedBlobs(@Sandbox(binlogRowImage = "NOBLOB") MariaDbServer server) throws Exception {
        server.execute("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY, a VARCHAR(10), c TEXT, d BLOB)",
                "INSERT INTO app.t VALUES (1, 'x', 'text', x'00')");
        try (BinlogCapture capture = BinlogCapture.fromNow(server)) {
            server.execute("UPDATE app.t SET a = 'y' WHERE id = 1");
            server.execute("UPDATE app.t SET c = 'new text' WHERE id = 1");
            List<Transaction> transactions = capture.await(2);
            RowChange first = (RowChange) transactions.get(0).events().getFirst();
            assertPresent(first.before(), true, true, false, false);
            assertPresent(first.after(), true, true, false, false);
            assertThat(first.after().get("a")).isEqualTo("y");
            RowChange second = (RowChange) transactions.get(1).events().getFirst();
            assertPresent(second.after(), true, true, true, false);
            assertThat(second.after().get("c")).isEqualTo("new text");
        }
    }

    @Test
    void tablesWithMoreThan200ColumnsDecodeByName(@Sandbox MariaDbServer server) throws Exception {
        StringBuilder ddl = new StringBuilder("CREATE TABLE app.wide (id INT PRIMARY KEY");
        StringBuilder values = new StringBuilder("INSERT INTO app.wide VALUES (1");
        for (int i = 1; i <= 230; i++) {
            ddl.append(", c").append(i).append(i % 3 == 0 ? " VARCHAR(8)" : " INT");
            values.append(", ").append(i % 3 == 0 ? "'v" + i + "'" : i % 7 == 0 ? "NULL" : String.valueOf(i * 1000));
        }
        server.execute("CREATE DATABASE app", ddl.append(")").toString());
        try (BinlogCapture capture = BinlogCapture.fromNow(server)) {
            server.execute(values.append(")").toString());
            Row row = ((RowChange) capture.await(1).getFirst().events().getFirst()).after();
            assertThat(row.size()).isEqualTo(231);
            for (int i = 1; i <= 230; i++) {
                Object expected = i % 3 == 0 ? "v" + i : i % 7 == 0 ? null : i * 1000;
                assertThat(row.get("c" + i)).as("c%d", i).isEqualTo(expected);
            }
        }
    }

    @Test
    void rowsLargerThanOneProtocolPacketArriveWhole(@Sandbox(options = {"max_allowed_packet=128M"}) MariaDbServer server) throws Exception {
        server.execute("CREATE DATABASE app", "CREATE TABLE app.big (id INT PRIMARY KEY, payload LONGBLOB, note LONGTEXT)");
        try (BinlogCapture capture = BinlogCapture.fromNow(server)) {
            // 20 MB of bytes plus 1 MB of text: the rows event spans several 16 MB packets
            server.execute("INSERT INTO app.big VALUES (1, REPEAT(x'00FF7F80', 5 * 1024 * 1024), REPEAT('é', 512 * 1024))");
            Row row = ((RowChange) capture.await(1).getFirst().events().getFirst()).after();
            byte[] payload = (byte[]) row.get("payload");
            assertThat(payload).hasSize(20 * 1024 * 1024);
            String expectedSha = server.query("SELECT SHA2(payload, 256) FROM app.big WHERE id = 1").getFirst().getFirst();
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload))).isEqualTo(expectedSha);
            assertThat((String) row.get("note")).hasSize(512 * 1024).matches("é+");
        }
    }

    private static void assertPresent(Row row, boolean... present) {
        for (int i = 0; i < present.length; i++) {
            assertThat(row.isPresent(i)).as("column %s present", row.column(i).name()).isEqualTo(present[i]);
        }
    }
}
