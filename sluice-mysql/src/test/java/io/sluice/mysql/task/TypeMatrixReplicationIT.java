package io.sluice.mysql.task;

import static io.sluice.mysql.task.Replication.assertSameData;
import static io.sluice.mysql.task.Replication.awaitCaughtUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.task.LoadOptions;
import io.sluice.core.task.LoadOptions.LoadMethod;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;
import io.sluice.mysql.binlog.ValueMatrixIT;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

/**
 * Every column type with its edge values (the {@link ValueMatrixIT} cases, one table each, about 70
 * tables) replicated by the copy and, for rows written afterwards, by the sync: source and target
 * must hold the same values table by table.
 */
@ExtendWith(MariaDbExtension.class)
class TypeMatrixReplicationIT {
    private static final String ZERO_DATES = "NO_ENGINE_SUBSTITUTION";

    @Test
    void everyTypeSurvivesCopyAndSync(@Sandbox(sqlMode = ZERO_DATES) MariaDbServer source, @Sandbox(sqlMode = ZERO_DATES) MariaDbServer target)
            throws Exception {
        everyTypeSurvivesCopyAndSync(source, target, LoadMethod.LOAD_DATA);
        // the copy really streamed: one LOAD DATA per chunk
        assertThat(Long.parseLong(target.query("SHOW GLOBAL STATUS LIKE 'Com_load'").getFirst().get(1))).isGreaterThan(ValueMatrixIT.CASES.size());
    }

    @Test
    void everyTypeSurvivesCopyWithInsertsAndSync(@Sandbox(sqlMode = ZERO_DATES) MariaDbServer source,
            @Sandbox(sqlMode = ZERO_DATES) MariaDbServer target) throws Exception {
        everyTypeSurvivesCopyAndSync(source, target, LoadMethod.INSERT);
        assertThat(target.query("SHOW GLOBAL STATUS LIKE 'Com_load'").getFirst().get(1)).isEqualTo("0");
    }

    /**
     * MariaDB's UUID, INET6 and INET4 as keys and values, their zero values included (the binlog
     * logs 0.0.0.0 empty): copied in chunks of 2 rows through a UUID key, then synced, a column of
     * each added and a table created during sync; the target keeps the declared types.
     */
    @ParameterizedTest
    @EnumSource(LoadMethod.class)
    void mariaDbBinaryTypesSurviveCopyAndSync(LoadMethod method, @Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE fbt",
                "CREATE TABLE fbt.u (id UUID PRIMARY KEY, a INET6, b INET4 NOT NULL, note VARCHAR(10))",
                "CREATE TABLE fbt.keyless (u UUID, a INET6, b INET4)",
                "CREATE TABLE fbt.net (a INET6 PRIMARY KEY, b INET4 UNIQUE, u UUID UNIQUE)",
                "INSERT INTO fbt.u VALUES ('00000000-0000-0000-0000-000000000000', '::', '0.0.0.0', 'zero'),"
                        + " ('123e4567-e89b-12d3-a456-426614174000', '2001:db8::1', '192.168.0.1', 'a'),"
                        + " ('ffffffff-ffff-1fff-8fff-ffffffffff00', NULL, '10.0.0.0', 'b'),"
                        + " ('01000000-0000-0000-0000-000000000000', '::ffff:1.2.3.4', '1.0.0.0', 'c'),"
                        + " ('00000001-0000-2000-8000-000000000000', 'fe80::', '255.255.255.255', 'd')",
                "INSERT INTO fbt.u SELECT UUID(), CONCAT('::', HEX(seq)), CONCAT('10.0.', seq, '.0'), 'gen' FROM fbt.seq_1_to_7",
                "INSERT INTO fbt.keyless VALUES ('00000000-0000-0000-0000-000000000000', '::', '0.0.0.0'), (NULL, NULL, NULL),"
                        + " ('00000000-0000-0000-0000-000000000000', '::', '0.0.0.0')",
                "INSERT INTO fbt.net VALUES ('::', '0.0.0.0', NULL), ('::1', NULL, '00000000-0000-0000-0000-000000000000')");
        TaskConfig task = Replication.task(target, TaskMode.ALL, List.of("fbt", "app"), new LoadOptions(false, false, 2, 2, method), null);
        try (Replication.Running running = Replication.Running.start(task, Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, 1);
            assertSameData(source, target, "fbt");
            source.execute("INSERT INTO fbt.u VALUES ('00000000-0000-0000-0000-000000000001', '::1', '0.0.0.1', 'sync')",
                    "UPDATE fbt.u SET id = '00000000-0000-0000-0000-000000000100', a = '::', b = '0.0.0.0' WHERE note = 'a'",
                    "UPDATE fbt.u SET a = NULL WHERE id = '00000000-0000-0000-0000-000000000000'",
                    "DELETE FROM fbt.u WHERE id = '01000000-0000-0000-0000-000000000000'",
                    "UPDATE fbt.keyless SET a = '::2' WHERE u IS NULL",
                    "DELETE FROM fbt.keyless WHERE u = '00000000-0000-0000-0000-000000000000' LIMIT 1",
                    "UPDATE fbt.net SET a = '1::', b = '1.0.0.0' WHERE a = '::'",
                    "ALTER TABLE fbt.u ADD COLUMN c INET4 NULL AFTER a, ADD COLUMN d UUID NULL, ADD COLUMN e INET6 NULL",
                    "UPDATE fbt.u SET c = '0.0.0.0', d = '00000000-0000-0000-0000-000000000000', e = '::' WHERE note = 'zero'",
                    "CREATE TABLE fbt.later (id INET4 PRIMARY KEY, u UUID NOT NULL, a INET6)",
                    "INSERT INTO fbt.later VALUES ('0.0.0.0', '00000000-0000-0000-0000-000000000000', '::'), ('1.2.3.4', UUID(), NULL)");
            awaitCaughtUp(source, target, running, 2);
        }
        assertSameData(source, target, "fbt");
        for (String table : List.of("u", "keyless", "net", "later")) {
            assertThat(target.query("SHOW CREATE TABLE fbt." + table).getFirst().get(1))
                    .isEqualTo(source.query("SHOW CREATE TABLE fbt." + table).getFirst().get(1));
        }
    }

    /**
     * The {@link ValueMatrixIT#MORE_CASES} (every MariaDB charset, with the bytes a charset maps to
     * no Unicode character or to the same one as another byte; more DECIMAL, BIT and temporal edges)
     * through copy and sync with each load method. Besides the checksums, which compare text
     * converted to utf8mb4 and so cannot tell cp1251 0x98 from '?', every value's bytes are compared.
     */
    // not yet: ENUM/SET members with 4-byte characters in tables Sluice creates (SHOW CREATE TABLE prints them as '?'; tasks.md)
    private static final List<ValueMatrixIT.Case> MORE_CASES = ValueMatrixIT.MORE_CASES.stream()
            .filter(c -> !c.type().matches("(?s)(ENUM|SET)\\(.*[\\x{10000}-\\x{10FFFF}].*"))
            .toList();

    @ParameterizedTest
    @EnumSource(LoadMethod.class)
    void moreCasesSurviveCopyAndSyncByteForByte(LoadMethod method, @Sandbox(sqlMode = ZERO_DATES) MariaDbServer source,
            @Sandbox(sqlMode = ZERO_DATES) MariaDbServer target) throws Exception {
        // such bytes in keys: the copy's chunk cursor (2 rows a chunk) and the sync's row matching
        List<String> keyed = List.of(
                "CREATE TABLE copied.k (k VARCHAR(10) CHARACTER SET cp1251 PRIMARY KEY, a VARCHAR(10) CHARACTER SET armscii8, note VARCHAR(10))",
                "INSERT INTO copied.k VALUES (_cp1251 x'98', _armscii8 x'FF', NULL), (_cp1251 x'3F', _armscii8 x'27', NULL),"
                        + " (_cp1251 x'9841', NULL, NULL), (_cp1251 x'E0', _armscii8 x'A5', NULL), ('z', 'z', NULL)",
                "CREATE TABLE copied.nk (a VARCHAR(10) CHARACTER SET armscii8, c VARCHAR(10) CHARACTER SET cp932, note VARCHAR(10))",
                "INSERT INTO copied.nk VALUES (_armscii8 x'FF', _cp932 x'ED40', NULL), (_armscii8 x'27', _cp932 x'FA5C', NULL), (NULL, NULL, NULL)");
        List<String> keyedSync = List.of(
                "UPDATE copied.k SET note = 'x98' WHERE k = _cp1251 x'98'",
                "UPDATE copied.k SET k = _cp1251 x'983F' WHERE k = _cp1251 x'3F'",
                "DELETE FROM copied.k WHERE k = _cp1251 x'9841'",
                "INSERT INTO copied.k VALUES (_cp1251 x'98989898', _armscii8 x'FFFF', 'sync')",
                "UPDATE copied.nk SET note = 'ff' WHERE a = _armscii8 x'FF' COLLATE armscii8_bin",
                "DELETE FROM copied.nk WHERE c = _cp932 x'FA5C' COLLATE cp932_bin",
                "INSERT INTO copied.nk VALUES (_armscii8 x'FF', _cp932 x'ED40', 'sync')");
        everyTypeSurvivesCopyAndSync(source, target, method, MORE_CASES, keyed, keyedSync);
        assertThat(bytesOf(target, "copied.k", "k, a")).isEqualTo(bytesOf(source, "copied.k", "k, a"));
        assertThat(bytesOf(target, "copied.nk", "a, c")).isEqualTo(bytesOf(source, "copied.nk", "a, c"));
        for (String database : List.of("copied", "synced")) {
            for (int i = 0; i < MORE_CASES.size(); i++) {
                String table = database + ".t" + i;
                assertThat(bytesOf(target, table, "id, v")).as("%s (%s)", table, MORE_CASES.get(i).type())
                        .isEqualTo(bytesOf(source, table, "id, v"));
            }
        }
    }

    /** Each row's values as the hex of their bytes in the column's own charset, in byte order. */
    private static List<String> bytesOf(MariaDbServer server, String table, String columns) {
        StringBuilder row = new StringBuilder("CONCAT_WS(','");
        for (String column : (columns + ", note").split(", ")) {
            row.append(", IFNULL(HEX(CAST(").append(column).append(" AS BINARY)), 'N')");
        }
        return server.query("SELECT " + row + ") AS r FROM " + table + " ORDER BY r").stream().map(List::getFirst).toList();
    }

    private static void everyTypeSurvivesCopyAndSync(MariaDbServer source, MariaDbServer target, LoadMethod method) throws Exception {
        everyTypeSurvivesCopyAndSync(source, target, method, ValueMatrixIT.CASES, List.of(), List.of());
    }

    /** @param setup statements run before the task starts, {@code sync} after the copy */
    private static void everyTypeSurvivesCopyAndSync(MariaDbServer source, MariaDbServer target, LoadMethod method, List<ValueMatrixIT.Case> cases,
            List<String> setup, List<String> sync) throws Exception {
        source.execute("CREATE DATABASE copied", "CREATE DATABASE synced");
        source.execute(setup.toArray(String[]::new));
        try (Connection connection = source.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET time_zone = '+00:00', sql_mode = '" + ZERO_DATES + "'");
            for (int i = 0; i < cases.size(); i++) {
                create(statement, "copied", cases, i);
                insert(statement, "copied", cases, i);
            }
        }
        TaskConfig task = Replication.task(target, TaskMode.ALL, List.of("copied", "synced", "app"), new LoadOptions(false, false, 2, 4, method), null);
        try (Replication.Running running = Replication.Running.start(task, Replication.source(source, true));
                Connection connection = source.connect(); Statement statement = connection.createStatement()) {
            awaitCaughtUp(source, target, running, 1);
            statement.execute("SET time_zone = '+03:00', sql_mode = '" + ZERO_DATES + "'");
            for (int i = 0; i < cases.size(); i++) {
                create(statement, "synced", cases, i);
                insert(statement, "synced", cases, i);
                statement.execute("UPDATE synced.t" + i + " SET id = id + 100, note = 'moved' WHERE id % 2 = 0");
                statement.execute("UPDATE copied.t" + i + " SET note = 'touched'");
                statement.execute("DELETE FROM copied.t" + i + " WHERE id = 1");
            }
            for (String change : sync) {
                statement.execute(change);
            }
            awaitCaughtUp(source, target, running, 2);
        }
        assertSameData(source, target, "copied", "synced");
    }

    private static void create(Statement statement, String database, List<ValueMatrixIT.Case> cases, int i) throws Exception {
        statement.execute("CREATE TABLE " + database + ".t" + i + " (id INT PRIMARY KEY, v " + cases.get(i).type()
                + ", note VARCHAR(10))");
    }

    private static void insert(Statement statement, String database, List<ValueMatrixIT.Case> cases, int i) throws Exception {
        List<String> literals = cases.get(i).literals();
        StringBuilder insert = new StringBuilder("INSERT INTO " + database + ".t" + i + " (id, v) VALUES (0, NULL)");
        for (int row = 0; row < literals.size(); row++) {
            insert.append(", (").append(row + 1).append(", ").append(literals.get(row)).append(")");
        }
        statement.execute(insert.toString());
    }
}
