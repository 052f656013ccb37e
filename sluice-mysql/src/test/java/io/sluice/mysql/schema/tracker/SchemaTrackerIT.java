package io.sluice.mysql.schema.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.shyiko.mysql.binlog.BinaryLogFileReader;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import io.sluice.core.event.DdlEvent;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;
import io.sluice.mysql.schema.InformationSchemaLoader;
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
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tracker against the oracle: after each DDL statement, executed on a real MariaDB and fed to
 * the tracker with the same text, every table's tracked schema equals what
 * {@link InformationSchemaLoader} reads from the server. Then the same DDL, as the binlog logged
 * it, replayed into a tracker restored from the state serialized before the first statement.
 */
@ExtendWith(MariaDbExtension.class)
class SchemaTrackerIT {
    /** One DDL statement and the default database it runs in; fromBinlog: feed the text the binlog logged instead of the one executed. */
    private record Step(String database, String sql, boolean fromBinlog) {}

    private static Step step(String sql) {
        return new Step("app", sql, false);
    }

    private static Step step(String database, String sql) {
        return new Step(database, sql, false);
    }

    private static final List<Step> STEPS = List.of(
            step("""
                    CREATE TABLE all_types (
                      id int(10) unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
                      i integer, b bool, t1 tinyint(1) unsigned zerofill, s smallint, m mediumint, bi bigint unsigned, m1 middleint, i8 int8,
                      d decimal, d2 dec(5,2), n numeric(7), fx fixed(4,1), du decimal(6,3) unsigned,
                      f float, f2 float(30), f3 float(7,3), r real, dp double precision, dbl double(10,2) unsigned,
                      bt bit, bt7 bit(7),
                      da date, ti time(2), dt datetime(6), ts timestamp(3) NULL, ts2 timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, ts3 timestamp, y year,
                      c char, c5 char(5), cv character varying(20), v varchar(10), nc national char(3), nv nvarchar(4), ncv national character varying(5),
                      tt tinytext, tx text, mt mediumtext, lt longtext, t100 text(100), t10 text(10), lg long, lv long varchar,
                      bn binary, b3 binary(3), vb varbinary(7), tb tinyblob, bl blob, b10 blob(10), mb mediumblob, lb longblob, lvb long varbinary,
                      e enum('a','it''s','b\\\\c','d\\'e') NOT NULL, st set('x','y','z'),
                      j json, g point, ge geometry NOT NULL, ls linestring, pg polygon, mp multipoint, gc geometrycollection
                    ) ENGINE=InnoDB"""),
            step("""
                    CREATE TABLE charsets (
                      a varchar(3) COLLATE latin1_bin, b varchar(3) CHARACTER SET latin1, c varchar(3), d char(2) BINARY, e nchar(2),
                      f varchar(3) CHARSET utf8 COLLATE utf8_bin, g varchar(3) CHARACTER SET binary, h text CHARACTER SET binary,
                      i char(2) charset 'ascii', k set('p','q') CHARACTER SET latin1 COLLATE latin1_bin, l enum('q') COLLATE latin1_bin,
                      m tinytext CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL, n varchar(4) CHARACTER SET gbk
                    ) COLLATE latin1_german1_ci"""),
            step("CREATE TABLE legacy.t (a varchar(3), b text, c enum('x'), d varchar(2) CHARACTER SET utf8mb4)"),
            step("legacy", "CREATE TABLE t2 (a varchar(3) NOT NULL, PRIMARY KEY (a)) DEFAULT CHARSET = utf8mb3"),
            step("CREATE TABLE keys_t (a int auto_increment, b int, c int, d int, key(a), unique(b,c), unique key (b), unique (c), unique key b_2x(d), unique(b))"),
            step("ALTER TABLE keys_t ADD UNIQUE (A), ADD UNIQUE (a), ADD INDEX (b)"),
            step("ALTER TABLE keys_t DROP INDEX b_2x, DROP KEY a_2, ADD CONSTRAINT cc UNIQUE (d), ADD CONSTRAINT uu UNIQUE KEY kk (d, b)"),
            step("CREATE TABLE dropk (a int, b int, c int, UNIQUE (c), KEY k (b, c), UNIQUE KEY ab (a, b))"),
            step("ALTER TABLE dropk DROP COLUMN c"),
            step("CREATE TABLE alt (id int NOT NULL, a varchar(3), b int, c int, d int) DEFAULT CHARSET=latin1"),
            step("ALTER TABLE alt ADD COLUMN x int AFTER id, ADD y int FIRST, ADD (p int, q varchar(4))"),
            step("ALTER TABLE alt DROP COLUMN p, DROP q, MODIFY a varchar(5) NOT NULL FIRST, CHANGE b bb bigint AFTER c"),
            step("ALTER TABLE alt MODIFY COLUMN c int unsigned NULL"),
            step("ALTER TABLE alt RENAME COLUMN c TO cc, ADD PRIMARY KEY (id), ADD UNIQUE KEY uk (x, cc), ADD INDEX (y)"),
            step("ALTER TABLE alt CHANGE COLUMN cc c2 int, DROP PRIMARY KEY, DROP INDEX uk, ADD UNIQUE (c2), ADD CONSTRAINT pk PRIMARY KEY (x)"),
            step("ALTER TABLE alt DEFAULT CHARSET=utf8mb4, ADD d2 varchar(3)"),
            step("ALTER TABLE alt COLLATE utf8mb4_unicode_ci, ADD e varchar(3)"),
            step("ALTER TABLE alt CHARACTER SET ascii"),
            step("ALTER TABLE alt MODIFY a varchar(5), ADD f text"),
            step("ALTER TABLE alt RENAME INDEX c2 TO c2_unique"),
            step("CREATE UNIQUE INDEX ui ON alt (d)"),
            step("CREATE INDEX ix ON alt (e(2), f(10))"),
            step("DROP INDEX ix ON alt"),
            step("DROP INDEX ui ON app.alt"),
            step("ALTER TABLE alt ALGORITHM=COPY, LOCK=SHARED, ENGINE=InnoDB, COMMENT 'x', ADD INDEX (bb), ALTER COLUMN bb SET DEFAULT 5"),
            step("CREATE TABLE conv (a text, b varchar(200), c tinytext, d mediumtext, e enum('x'), f varchar(10) COLLATE utf8mb4_bin, "
                    + "g text CHARACTER SET utf8mb3, h json, i int, k set('s')) DEFAULT CHARSET=latin1"),
            step("ALTER TABLE conv CONVERT TO CHARACTER SET utf8mb4"),
            step("ALTER TABLE conv CONVERT TO CHARACTER SET ascii, ADD l varchar(3) CHARACTER SET utf8mb4, MODIFY b varchar(20) CHARACTER SET latin1"),
            step("ALTER TABLE conv CONVERT TO CHARACTER SET latin1 COLLATE latin1_bin"),
            step("ALTER TABLE conv CONVERT TO CHARACTER SET binary"),
            step("CREATE TABLE copy LIKE alt"),
            step("CREATE TABLE legacy.copy2 LIKE app.charsets"),
            step("RENAME TABLE copy TO copy_renamed, legacy.copy2 TO app.copy2"),
            step("ALTER TABLE copy_renamed RENAME TO legacy.copy3"),
            step("ALTER TABLE legacy.copy3 ADD z int, RENAME TO renamed_back"),
            step("ALTER TABLE renamed_back RENAME renamed_again"),
            step("DROP TABLE renamed_again, copy2"),
            step("TRUNCATE TABLE alt"),
            step("CREATE DATABASE latin DEFAULT CHARACTER SET latin1"),
            step("CREATE TABLE latin.t (a varchar(10), b char(2) CHARACTER SET utf8mb4, c text)"),
            step("ALTER DATABASE latin CHARACTER SET utf8mb3 COLLATE utf8mb3_bin"),
            step("latin", "CREATE TABLE t2 (a varchar(10))"),
            step("latin", "ALTER TABLE t ADD d varchar(2)"),
            step("CREATE SCHEMA gone COLLATE ascii_bin"),
            step("CREATE TABLE gone.t (a varchar(3))"),
            step("DROP DATABASE gone"),
            step("CREATE TABLE ifs (id int, a int)"),
            step("ALTER TABLE ifs ADD COLUMN IF NOT EXISTS a bigint, ADD COLUMN IF NOT EXISTS b int, DROP COLUMN IF EXISTS zz"),
            step("CREATE TABLE IF NOT EXISTS ifs (other int)"),
            step("CREATE OR REPLACE TABLE ifs (x int PRIMARY KEY, y varchar(3) NOT NULL)"),
            step("ALTER TABLE ifs ADD INDEX IF NOT EXISTS i (y), DROP INDEX IF EXISTS nope"),
            step("ALTER TABLE ifs ADD UNIQUE INDEX IF NOT EXISTS i (x), ADD UNIQUE INDEX IF NOT EXISTS u (x)"),
            step("CREATE UNIQUE INDEX IF NOT EXISTS u ON ifs (y)"),
            step("CREATE TABLE t_serial (u serial, v int unique, w int key, ts timestamp)"),
            step("CREATE TABLE `Mixed` (`Id` int, `Name` varchar(3), PRIMARY KEY (`ID`), UNIQUE KEY `Name_UK` (`name`), UNIQUE KEY `name_a` (`id`))"),
            step("ALTER TABLE `Mixed` CHANGE `name` `NAME` varchar(4), ADD `we``ird col` int"),
            step("CREATE TABLE gen (a int, b int AS (a * 2) VIRTUAL, c varchar(10) AS (concat(a)) PERSISTENT)"),
            step("CREATE TABLE json_t (id int PRIMARY KEY, doc json NOT NULL, s varchar(3) DEFAULT 'x' CHECK (s <> 'y')) DEFAULT CHARSET=latin1"),
            step("CREATE TABLE order_t (a int, b int, c int, d int, e int, UNIQUE KEY uk_a (a), UNIQUE KEY ukA (b), UNIQUE KEY UKb (c), "
                    + "UNIQUE KEY uk1 (d), UNIQUE KEY u_k (e), UNIQUE KEY `Äb` (a, b))"),
            step("ALTER TABLE order_t DROP CONSTRAINT uk1"),
            step("ALTER TABLE order_t ADD PRIMARY KEY (e2), CHANGE e e2 bigint NOT NULL FIRST"),
            step("ALTER TABLE order_t DROP INDEX `PRIMARY`, ADD f int AUTO_INCREMENT NULL, ADD KEY (f), MODIFY a int PRIMARY KEY"),
            step("ALTER TABLE order_t DROP COLUMN c, ADD COLUMN (g varchar(3), h varchar(3)), ADD UNIQUE (g), ADD UNIQUE (G, h)"),
            step("ALTER TABLE order_t CONVERT TO CHARACTER SET DEFAULT"),
            step("latin", "ALTER DATABASE CHARACTER SET latin1"),
            step("latin", "CREATE TABLE t3 (a varchar(3), b varchar(3) COLLATE latin1_general_cs)"),
            step("RENAME TABLE latin.t3 TO latin.t4, latin.t4 TO app.t5"),
            step("CREATE TABLE like_paren (LIKE t5)"),
            step("CREATE OR REPLACE TABLE like_paren LIKE charsets"),
            step("CREATE TABLE fk_parent (id int PRIMARY KEY)"),
            step("CREATE TABLE fk_child (id int, pid int, CONSTRAINT fk1 FOREIGN KEY (pid) REFERENCES fk_parent (id) ON DELETE CASCADE, UNIQUE (id))"),
            step("ALTER TABLE fk_child DROP FOREIGN KEY fk1"),
            step("CREATE TABLE part (id int NOT NULL, v varchar(3), PRIMARY KEY (id)) "
                    + "PARTITION BY RANGE (id) (PARTITION p0 VALUES LESS THAN (10), PARTITION p1 VALUES LESS THAN (20))"),
            step("ALTER TABLE part ADD PARTITION (PARTITION p2 VALUES LESS THAN (30))"),
            fromBinlogOf(step("CREATE TABLE sel AS SELECT id, a, e FROM alt")),
            step("CREATE USER 'someone'@'%' IDENTIFIED BY 'pw'"),
            step("GRANT SELECT ON app.* TO 'someone'@'%'"),
            step("CREATE VIEW v AS SELECT * FROM alt"),
            step("CREATE PROCEDURE p() BEGIN SELECT 1; END"),
            step("CREATE TRIGGER trg BEFORE INSERT ON ifs FOR EACH ROW SET NEW.y = 'a'"),
            step("CREATE TEMPORARY TABLE tmp (a int)"),
            step("DROP TEMPORARY TABLE tmp"));

    private static Step fromBinlogOf(Step step) {
        return new Step(step.database(), step.sql(), true);
    }

    @Test
    void tracksEveryDdlFormExactlyLikeInformationSchema(@Sandbox MariaDbServer server) throws Exception {
        server.execute("CREATE DATABASE app",
                "CREATE DATABASE legacy DEFAULT CHARACTER SET latin1",
                "CREATE TABLE app.pre (id int PRIMARY KEY, name varchar(20) CHARACTER SET latin1, note text, u varchar(5) UNIQUE)",
                "CREATE TABLE legacy.pre (id int, v varchar(5), UNIQUE KEY (v, id))");
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            SchemaTracker tracker = SchemaTracker.load(connection, (database, table) -> true);
            assertMatchesServer(tracker, connection, "load");
            String initialState = tracker.serialize();
            BinlogPosition start = BinlogPosition.current(server, statement);

            String currentDatabase = "";
            for (Step step : STEPS) {
                if (!step.database().equals(currentDatabase)) {
                    statement.execute("USE " + TableId.quote(step.database()));
                    currentDatabase = step.database();
                }
                BinlogPosition before = BinlogPosition.current(server, statement);
                statement.execute(step.sql());
                if (step.fromBinlog()) {
                    // with binlog_format=ROW the source logs CREATE ... SELECT as a CREATE TABLE with the resulting columns
                    List<DdlEvent> logged = before.ddlSince();
                    assertThat(logged).as(step.sql()).singleElement().extracting(DdlEvent::sql).asString().startsWith("CREATE TABLE");
                    logged.forEach(tracker::onDdl);
                }
                else {
                    tracker.onDdl(new DdlEvent(step.database(), step.sql()));
                }
                assertMatchesServer(tracker, connection, step.sql());
            }

            // the serialized state decodes exactly as the tracker it came from
            SchemaTracker restored = SchemaTracker.deserialize(tracker.serialize());
            assertMatchesServer(restored, connection, "deserialized");
            assertThat(restored.serialize()).isEqualTo(tracker.serialize());

            // the DDL as the binlog logged it, replayed from the state saved before the first statement
            SchemaTracker replayed = SchemaTracker.deserialize(initialState);
            List<DdlEvent> logged = start.ddlSince();
            assertThat(logged).hasSizeGreaterThan(STEPS.size() - 4); // all but CREATE TEMPORARY TABLE (not logged) and ignorable ones
            logged.forEach(replayed::onDdl);
            assertMatchesServer(replayed, connection, "replayed from the binlog");

            // MariaDB's invisible columns (the parser knows no such attribute: the tracker reads around it)
            String invisible = "ALTER TABLE alt ADD COLUMN hidden int INVISIBLE";
            statement.execute(invisible);
            tracker.onDdl(new DdlEvent("app", invisible));
            assertMatchesServer(tracker, connection, "with an invisible column");
        }
    }

    @Test
    void loadReadsOnlyTheTablesTheFilterAccepts(@Sandbox MariaDbServer server) throws Exception {
        server.execute("CREATE DATABASE app", "CREATE DATABASE other DEFAULT CHARACTER SET latin1",
                "CREATE TABLE app.keep (id int PRIMARY KEY, u uuid)", "CREATE TABLE app.skip (id int)", "CREATE TABLE other.keep (v varchar(3))");
        try (Connection connection = server.connect()) {
            SchemaTracker tracker = SchemaTracker.load(connection, (database, table) -> table.equals("keep"));
            assertThat(tracker.trackedTables()).containsExactly(new TableId("app", "keep"), new TableId("other", "keep"));
            InformationSchemaLoader loader = new InformationSchemaLoader(() -> connection);
            TableId other = new TableId("other", "keep");
            assertThat(tracker.schemaOf(other, null)).isEqualTo(loader.load(other));
            // MariaDB's own types (here UUID) read the same as with the loader
            TableId keep = new TableId("app", "keep");
            assertThat(tracker.schemaOf(keep, null)).isEqualTo(loader.load(keep));
            // a database created later without a charset takes the server's default
            server.execute("CREATE DATABASE later", "CREATE TABLE later.keep (v varchar(3))");
            tracker.onDdl(new DdlEvent("", "CREATE DATABASE later"));
            tracker.onDdl(new DdlEvent("", "CREATE TABLE later.keep (v varchar(3))"));
            TableId later = new TableId("later", "keep");
            assertThat(tracker.schemaOf(later, null)).isEqualTo(loader.load(later));
        }
    }

    /** The tracker knows exactly the server's tables, each with the schema information_schema shows. */
    private static void assertMatchesServer(SchemaTracker tracker, Connection connection, String after) throws SQLException {
        Set<TableId> onServer = new TreeSet<>(Comparator.comparing(TableId::database).thenComparing(TableId::table));
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE' "
                        + "AND TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')")) {
            while (rs.next()) {
                onServer.add(new TableId(rs.getString(1), rs.getString(2)));
            }
        }
        assertThat(tracker.trackedTables()).as("tables after %s", after).containsExactlyElementsOf(onServer);
        InformationSchemaLoader loader = new InformationSchemaLoader(() -> connection);
        for (TableId table : onServer) {
            TableSchema expected = loader.load(table);
            assertThat(tracker.schemaOf(table, null)).as("%s after %s", table, after).isEqualTo(expected);
        }
    }

    /** A binlog position of the sandbox's single binlog file, and the DDL logged after it. */
    private record BinlogPosition(Path file, long position) {
        static BinlogPosition current(MariaDbServer server, Statement statement) throws SQLException {
            try (ResultSet rs = statement.executeQuery("SHOW MASTER STATUS")) {
                rs.next();
                return new BinlogPosition(server.dataDir().resolve(rs.getString("File")), rs.getLong("Position"));
            }
        }

        /**
         * The statements logged after this position, except transaction boundaries, with the
         * database the event carries, read from the binlog file as the binlog reader reads them
         * (SHOW BINLOG EVENTS hides the database of CREATE/ALTER/DROP DATABASE events).
         */
        List<DdlEvent> ddlSince() throws IOException {
            List<DdlEvent> events = new ArrayList<>();
            try (BinaryLogFileReader reader = new BinaryLogFileReader(file.toFile())) {
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
}
