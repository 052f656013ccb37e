package io.sluice.mysql.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.shyiko.mysql.binlog.BinaryLogFileReader;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import io.sluice.core.event.DdlEvent;
import io.sluice.core.rule.EventType;
import io.sluice.core.schema.TableId;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rewritten DDL against a real MariaDB: each statement runs on the source databases (app...),
 * the DDL the binlog logged for it is rewritten through the routes and runs on the target
 * databases (tgt...) of the same server, and then the target mirrors the source: the same
 * databases, tables and views under the routed names, each SHOW CREATE equal modulo names, the
 * same rows. Data changes are made on both sides by the test itself.
 */
@ExtendWith(MariaDbExtension.class)
class DdlRewriterIT {
    /** Tables of app renamed on the target; every other table keeps its name in its routed database. */
    private static final Map<String, String> RENAMED = Map.of("orders", "orders_all", "we`ird", "we`ird2");

    /** Databases app and app_* go to tgt and tgt_*; app's orders and `we``ird` are renamed. */
    private static TableId route(TableId id) {
        if (!id.database().startsWith("app")) {
            return id;
        }
        String table = id.database().equals("app") ? RENAMED.getOrDefault(id.table(), id.table()) : id.table();
        return new TableId(routeDatabase(id.database()), table);
    }

    private static String routeDatabase(String database) {
        return database.startsWith("app") ? "tgt" + database.substring("app".length()) : database;
    }

    /**
     * A statement run on the source in a default database; targetDml: the same data change for the
     * target (not DDL: the test applies it on both sides); asExecuted: rewrite the executed text,
     * not the one logged (CREATE TABLE ... SELECT is logged as a plain CREATE TABLE plus rows).
     */
    private record Step(String database, String sql, String targetDml, boolean asExecuted) {}

    private static Step step(String sql) {
        return new Step("app", sql, null, false);
    }

    private static Step step(String database, String sql) {
        return new Step(database, sql, null, false);
    }

    private static Step asExecuted(String sql) {
        return new Step("app", sql, null, true);
    }

    private static Step dml(String source, String target) {
        return new Step("app", source, target, false);
    }

    private static final List<Step> STEPS = List.of(
            step("/* created by the app */ CREATE TABLE orders (\n  id int NOT NULL, -- the key\n  note varchar(20) CHARACTER SET latin1,\n  PRIMARY KEY (id)\n)"
                    + " ENGINE=InnoDB /*!40101 DEFAULT CHARSET=utf8mb4 */"),
            dml("INSERT INTO orders VALUES (1, 'a'), (2, 'b'), (12, 'c')", "INSERT INTO orders_all VALUES (1, 'a'), (2, 'b'), (12, 'c')"),
            step("CREATE TABLE IF NOT EXISTS orders (id int)"),
            step("CREATE TABLE `we``ird` (`a``b` int, ünï varchar(3))"),
            step("CREATE TABLE ünï (ä int PRIMARY KEY)"),
            // an unqualified REFERENCES name is in the child's database (app), not in the default one
            step("other", "CREATE TABLE app.child (id int PRIMARY KEY, oid int, rid int, "
                    + "CONSTRAINT fk_o FOREIGN KEY (oid) REFERENCES orders (id) ON DELETE CASCADE, CONSTRAINT fk_r FOREIGN KEY (rid) REFERENCES other.ref (id))"),
            step("CREATE TABLE copy LIKE orders"),
            step("CREATE TABLE parts (a int NOT NULL, b int AS (a * 2) VIRTUAL, c varchar(10) AS (concat(a, 'x')) PERSISTENT) "
                    + "PARTITION BY RANGE (a) (PARTITION p0 VALUES LESS THAN (10), PARTITION p1 VALUES LESS THAN MAXVALUE)"),
            dml("INSERT INTO parts (a) VALUES (1), (20)", "INSERT INTO parts (a) VALUES (1), (20)"),
            step("CREATE TABLE parts_x LIKE parts"),
            step("ALTER TABLE parts_x REMOVE PARTITIONING"),
            step("ALTER TABLE parts EXCHANGE PARTITION p0 WITH TABLE parts_x"),
            step("CREATE TABLE hashed (a int) /*!50100 PARTITION BY HASH (a) PARTITIONS 3 */"),
            step("CREATE OR REPLACE TABLE versioned (a int, b int INVISIBLE) WITH SYSTEM VERSIONING"),
            step("ALTER TABLE orders ADD COLUMN c INT, ADD INDEX ic (c), ALTER COLUMN note SET DEFAULT 'n'"),
            step("", "ALTER TABLE app.orders ADD COLUMN IF NOT EXISTS c INT"),
            step("ALTER TABLE copy ADD d int, MODIFY note varchar(30)"),
            step("ALTER TABLE copy CHANGE d d2 bigint"),
            step("ALTER TABLE child ADD CONSTRAINT fk_c FOREIGN KEY (oid) REFERENCES copy (id)"),
            step("ALTER TABLE `we``ird` ADD INDEX (`a``b`)"),
            step("CREATE INDEX i_note ON orders (note(5))"),
            step("DROP INDEX i_note ON orders"),
            step("CREATE UNIQUE INDEX u_a ON parts (a)"),
            step("RENAME TABLE copy TO copy2, hashed TO hashed2"),
            step("ALTER TABLE copy2 RENAME TO copy3"),
            step("RENAME TABLE orders TO orders_old"),
            step("RENAME TABLE orders_old TO orders"),
            step("TRUNCATE TABLE hashed2"),
            asExecuted("CREATE TABLE summary AS SELECT id, note FROM orders WHERE id > 1"),
            step("CREATE VIEW v_orders AS SELECT o.id, o.note, r.id AS rid FROM orders o LEFT JOIN other.ref r ON r.id = o.id"),
            step("CREATE OR REPLACE VIEW v_ids AS SELECT orders.id FROM orders WHERE orders.id < 10"),
            step("CREATE TABLE m1 (a int) ENGINE=MyISAM"),
            step("CREATE TABLE m2 (a int) ENGINE=MyISAM"),
            step("CREATE TABLE mrg (a int) ENGINE=MERGE UNION=(m1, m2) INSERT_METHOD=LAST"),
            step("DROP VIEW v_ids"),
            step("DROP TABLE IF EXISTS missing, mrg"),
            step("CREATE DATABASE IF NOT EXISTS app_extra CHARACTER SET latin1"),
            step("app_extra", "CREATE TABLE t (a varchar(3))"),
            step("ALTER DATABASE app_extra CHARACTER SET utf8mb4"),
            step("ALTER DATABASE COLLATE utf8mb4_bin"),
            step("app_extra", "CREATE TABLE t2 LIKE app.ünï"),
            step("app_extra", "DROP DATABASE app_extra"),
            step("DROP TABLE child, copy3"));

    @Test
    void rewrittenBinlogDdlBuildsTheRoutedMirrorOfTheSource(@Sandbox MariaDbServer server) throws Exception {
        server.execute("CREATE DATABASE app", "CREATE DATABASE tgt", "CREATE DATABASE other",
                "CREATE TABLE other.ref (id int PRIMARY KEY)", "INSERT INTO other.ref VALUES (1), (12)");
        int rewritten = 0;
        for (Step step : STEPS) {
            if (step.targetDml() != null) {
                execute(server, "app", step.sql());
                execute(server, "tgt", step.targetDml());
                continue;
            }
            long before = binlogPosition(server);
            execute(server, step.database(), step.sql());
            List<DdlEvent> logged = step.asExecuted() ? List.of() : ddlSince(server, before);
            if (logged.isEmpty()) {
                // also what MariaDB does not log, such as CREATE TABLE IF NOT EXISTS of an existing table
                logged = List.of(new DdlEvent(step.database(), step.sql()));
            }
            for (DdlEvent ddl : logged) {
                assertThat(DdlKinds.of(ddl)).as(ddl.sql()).isNotEmpty();
                DdlEvent target = DdlRewriter.rewrite(ddl, DdlRewriterIT::route, DdlRewriterIT::routeDatabase);
                assertThat(target).as("rewritten %s", ddl.sql()).isNotEqualTo(ddl);
                // MariaDB logs CREATE/DROP DATABASE with the database itself as default, which the target may not have yet
                boolean namesItsDatabase = DdlKinds.of(target).contains(EventType.CREATE_DATABASE) || DdlKinds.of(target).contains(EventType.DROP_DATABASE);
                execute(server, namesItsDatabase ? "" : target.database(), target.sql());
                rewritten++;
            }
            assertTargetMirrorsSource(server, step.sql());
        }
        assertThat(rewritten).isGreaterThanOrEqualTo(STEPS.size() - 2);
    }

    private static void execute(MariaDbServer server, String database, String sql) throws SQLException {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            if (!database.isEmpty()) {
                statement.execute("USE " + TableId.quote(database));
            }
            statement.execute(sql);
        }
        catch (SQLException e) {
            throw new SQLException("'" + sql + "' in " + database + " failed: " + e.getMessage(), e);
        }
    }

    /** Every source database has its routed twin with the same definition, tables, views and rows under the routed names. */
    private static void assertTargetMirrorsSource(MariaDbServer server, String after) {
        List<String> sources = column(server, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'app%' ORDER BY 1");
        List<String> targets = column(server, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'tgt%' ORDER BY 1");
        assertThat(targets).as("databases after %s", after).containsExactlyElementsOf(sources.stream().map(DdlRewriterIT::routeDatabase).toList());
        for (String database : sources) {
            String target = routeDatabase(database);
            assertThat(server.query("SHOW CREATE DATABASE " + TableId.quote(target)).getFirst().get(1))
                    .as("database %s after %s", target, after)
                    .isEqualTo(server.query("SHOW CREATE DATABASE " + TableId.quote(database)).getFirst().get(1)
                            .replace(TableId.quote(database), TableId.quote(target)));

            Map<String, String> expected = new TreeMap<>();
            for (List<String> row : server.query("SHOW FULL TABLES FROM " + TableId.quote(database))) {
                expected.put(route(new TableId(database, row.get(0))).table(), row.get(1));
            }
            Map<String, String> actual = new TreeMap<>();
            for (List<String> row : server.query("SHOW FULL TABLES FROM " + TableId.quote(target))) {
                actual.put(row.get(0), row.get(1));
            }
            assertThat(actual).as("tables of %s after %s", target, after).isEqualTo(expected);

            for (List<String> row : server.query("SHOW FULL TABLES FROM " + TableId.quote(database))) {
                TableId source = new TableId(database, row.get(0));
                TableId routed = route(source);
                if (!row.get(1).equals("VIEW")) {
                    assertThat(server.query("SHOW CREATE TABLE " + routed.quoted()).getFirst().get(1))
                            .as("%s after %s", routed, after)
                            .isEqualTo(renamed(database, server.query("SHOW CREATE TABLE " + source.quoted()).getFirst().get(1)));
                }
                assertThat(sortedRows(server, routed)).as("rows of %s after %s", routed, after).isEqualTo(sortedRows(server, source));
            }
        }
    }

    /** A source SHOW CREATE TABLE with app's renamed tables under their target names. */
    private static String renamed(String database, String definition) {
        if (!database.equals("app")) {
            return definition;
        }
        String result = definition;
        for (Map.Entry<String, String> entry : RENAMED.entrySet()) {
            result = result.replace(TableId.quote(entry.getKey()), TableId.quote(entry.getValue()));
        }
        return result;
    }

    private static List<String> sortedRows(MariaDbServer server, TableId table) {
        return server.query("SELECT * FROM " + table.quoted()).stream().map(Object::toString).sorted().toList();
    }

    private static List<String> column(MariaDbServer server, String sql) {
        return server.query(sql).stream().map(List::getFirst).toList();
    }

    private static long binlogPosition(MariaDbServer server) {
        return Long.parseLong(server.query("SHOW MASTER STATUS").getFirst().get(1));
    }

    /** The statements logged from a position on, except transaction boundaries, as the binlog reader sees them. */
    private static List<DdlEvent> ddlSince(MariaDbServer server, long position) throws IOException {
        String file = server.query("SHOW MASTER STATUS").getFirst().getFirst();
        Path path = server.dataDir().resolve(file);
        List<DdlEvent> events = new ArrayList<>();
        try (BinaryLogFileReader reader = new BinaryLogFileReader(path.toFile())) {
            for (Event event = reader.readEvent(); event != null; event = reader.readEvent()) {
                EventHeaderV4 header = event.getHeader();
                if (header.getPosition() < position || !(event.getData() instanceof QueryEventData query)) {
                    continue;
                }
                String sql = query.getSql().strip();
                if (!sql.equals("BEGIN") && !sql.equals("COMMIT")) {
                    events.add(new DdlEvent(query.getDatabase() == null ? "" : query.getDatabase(), sql));
                }
            }
        }
        return events;
    }
}
