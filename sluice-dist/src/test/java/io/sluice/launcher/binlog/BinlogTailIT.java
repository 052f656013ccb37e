package io.sluice.launcher.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.launcher.Sluice;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** {@code sluice binlog tail} end to end against a real MariaDB, in text and JSON. */
@ExtendWith(MariaDbExtension.class)
class BinlogTailIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Sandbox
    static MariaDbServer server;
    static String start;
    static String gtidBefore;

    @BeforeAll
    static void writeSomeHistory() {
        server.execute("CREATE DATABASE shop",
                "CREATE TABLE shop.items (id BIGINT UNSIGNED PRIMARY KEY, price DECIMAL(12,4), made DATETIME(6), tag BINARY(2), "
                        + "name VARCHAR(20) CHARACTER SET utf8mb4, ratio DOUBLE, flags BIT(10), y YEAR)");
        List<String> status = server.query("SHOW MASTER STATUS").getFirst();
        start = status.get(0) + ":" + status.get(1);
        gtidBefore = server.query("SELECT @@gtid_binlog_pos").getFirst().getFirst();
        server.execute("INSERT INTO shop.items VALUES (18446744073709551615, -12345678.9012, '2024-02-29 23:59:59.000001', x'00ff', '😀 café', 0.1, b'1000000001', 2155)",
                "UPDATE shop.items SET price = 0.0000, name = NULL WHERE id = 18446744073709551615",
                "ALTER TABLE shop.items ADD COLUMN note TEXT",
                "DELETE FROM shop.items");
    }

    @Test
    void jsonLinesAreLossless() throws Exception {
        Result result = tail("--from", start, "--json", "--max-transactions", "4");
        assertThat(result.exitCode).as(result.err).isZero();
        List<JsonNode> lines = result.out.lines().map(BinlogTailIT::parse).toList();
        assertThat(lines).hasSize(4);

        JsonNode insert = lines.get(0);
        assertThat(insert.get("id").asText()).startsWith("0-" + server.serverId() + "-");
        assertThat(insert.get("resumeAfter").get("file").asText()).startsWith("mysql-bin.");
        JsonNode after = insert.get("events").get(0).get("after");
        assertThat(insert.get("events").get(0).get("type").asText()).isEqualTo("insert");
        assertThat(after.get("id").bigIntegerValue().toString()).isEqualTo("18446744073709551615");
        assertThat(after.get("price").asText()).isEqualTo("-12345678.9012");
        assertThat(after.get("made").asText()).isEqualTo("2024-02-29 23:59:59.000001");
        assertThat(after.get("tag").asText()).isEqualTo("00ff");
        assertThat(after.get("name").asText()).isEqualTo("😀 café");
        assertThat(after.get("ratio").doubleValue()).isEqualTo(0.1);
        assertThat(after.get("flags").asLong()).isEqualTo(513);
        assertThat(after.get("y").asInt()).isEqualTo(2155);

        JsonNode update = lines.get(1).get("events").get(0);
        assertThat(update.get("type").asText()).isEqualTo("update");
        assertThat(update.get("before").get("price").asText()).isEqualTo("-12345678.9012");
        assertThat(update.get("after").get("price").asText()).isEqualTo("0.0000");
        assertThat(update.get("after").get("name").isNull()).isTrue();

        JsonNode ddl = lines.get(2).get("events").get(0);
        assertThat(ddl.get("type").asText()).isEqualTo("ddl");
        assertThat(ddl.get("sql").asText()).startsWith("ALTER TABLE shop.items ADD COLUMN note");

        assertThat(lines.get(3).get("events").get(0).get("type").asText()).isEqualTo("delete");
    }

    @Test
    void textShowsColumnNamesAndStartsFromAGtid() {
        Result result = tail("--from", gtidBefore, "--max-transactions", "2");
        assertThat(result.exitCode).as(result.err).isZero();
        assertThat(result.out)
                .contains("INSERT shop.items")
                .contains("id=18446744073709551615")
                .contains("price=-12345678.9012")
                .contains("made='2024-02-29 23:59:59.000001'")
                .contains("tag=0x00ff")
                .contains("flags=b'1000000001'")
                .contains("UPDATE shop.items")
                .contains("name=NULL");
    }

    @Test
    void badPasswordIsAClearErrorWithoutThePassword() {
        Result result = tail("--password", "wrong-secret-123", "--max-transactions", "1");
        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err).contains("SLUICE-20002").contains("Fix:").doesNotContain("wrong-secret-123");
    }

    @Test
    void malformedStartIsRejectedWithTheExpectedForms() {
        Result result = tail("--from", "not-a-position", "--max-transactions", "1");
        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err).contains("not-a-position");
    }

    private static Result tail(String... extra) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] base = {"binlog", "tail", "--host", "127.0.0.1", "--port", String.valueOf(server.port()), "--user", server.user()};
        boolean hasPassword = List.of(extra).contains("--password");
        String[] args = new String[base.length + (hasPassword ? 0 : 2) + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        int next = base.length;
        if (!hasPassword) {
            args[next++] = "--password";
            args[next++] = server.password();
        }
        System.arraycopy(extra, 0, args, next, extra.length);
        int code = Sluice.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        }
        catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private record Result(int exitCode, String out, String err) {}
}
