package io.sluice.mysql.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.DdlEvent;
import io.sluice.core.schema.TableId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

class DdlRewriterTest {
    /**
     * The routes under test: database app goes to tgt, where orders becomes orders_all and
     * `we``ird` becomes `we``ird2`; the table legacy.orders alone goes to tgt.legacy_orders; the
     * shards shard_1.t and shard_2.t merge into merged.t. Everything else keeps its name.
     */
    static TableId route(TableId id) {
        return switch (id.database()) {
            case "app" -> new TableId("tgt", APP_TABLES.getOrDefault(id.table(), id.table()));
            case "legacy" -> id.table().equals("orders") ? new TableId("tgt", "legacy_orders") : id;
            case "shard_1", "shard_2" -> id.table().startsWith("t") ? new TableId("merged", "t") : id;
            default -> id;
        };
    }

    static String routeDatabase(String database) {
        return database.equals("app") ? "tgt" : database;
    }

    private static final Map<String, String> APP_TABLES = Map.of("orders", "orders_all", "we`ird", "we`ird2");

    private static DdlEvent rewrite(String database, String sql) {
        return DdlRewriter.rewrite(new DdlEvent(database, sql), DdlRewriterTest::route, DdlRewriterTest::routeDatabase);
    }

    private record Case(String database, String sql, String expected) {
        @Override
        public String toString() {
            return database + ": " + sql;
        }
    }

    private static Case ddl(String database, String sql, String expected) {
        return new Case(database, sql, expected);
    }

    private static final List<Case> REWRITTEN = List.of(
            ddl("app", "CREATE TABLE t (id int PRIMARY KEY)", "CREATE TABLE `tgt`.`t` (id int PRIMARY KEY)"),
            ddl("app", "CREATE TABLE IF NOT EXISTS orders (id int) ENGINE=InnoDB /*!40101 DEFAULT CHARSET=utf8mb4 */",
                    "CREATE TABLE IF NOT EXISTS `tgt`.`orders_all` (id int) ENGINE=InnoDB /*!40101 DEFAULT CHARSET=utf8mb4 */"),
            ddl("", "CREATE TABLE `app`.`orders` (\n  `id` int(11) NOT NULL, -- the key\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB",
                    "CREATE TABLE `tgt`.`orders_all` (\n  `id` int(11) NOT NULL, -- the key\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB"),
            ddl("other", "CREATE TABLE app . /* spaced */ orders (id int)", "CREATE TABLE `tgt`.`orders_all` (id int)"),
            ddl("app", "CREATE OR REPLACE TABLE t (a int INVISIBLE, b int) WITH SYSTEM VERSIONING PAGE_COMPRESSED=1",
                    "CREATE OR REPLACE TABLE `tgt`.`t` (a int INVISIBLE, b int) WITH SYSTEM VERSIONING PAGE_COMPRESSED=1"),
            ddl("app", "CREATE TABLE v (a int, s timestamp(6) GENERATED ALWAYS AS ROW START INVISIBLE, e timestamp(6) GENERATED ALWAYS AS ROW END INVISIBLE, "
                    + "PERIOD FOR SYSTEM_TIME(s, e), c varchar(100) COMPRESSED, d blob COMPRESSED=zlib, KEY k (a) IGNORED, KEY (c) NOT IGNORED) WITH SYSTEM VERSIONING",
                    "CREATE TABLE `tgt`.`v` (a int, s timestamp(6) GENERATED ALWAYS AS ROW START INVISIBLE, e timestamp(6) GENERATED ALWAYS AS ROW END INVISIBLE, "
                            + "PERIOD FOR SYSTEM_TIME(s, e), c varchar(100) COMPRESSED, d blob COMPRESSED=zlib, KEY k (a) IGNORED, KEY (c) NOT IGNORED) WITH SYSTEM VERSIONING"),
            ddl("app", "DROP TABLE orders;", "DROP TABLE `tgt`.`orders_all`;"),
            ddl("app", "CREATE TABLE `we``ird` (`a``b` int)", "CREATE TABLE `tgt`.`we``ird2` (`a``b` int)"),
            ddl("app", "CREATE TABLE ünï (ä int, b varchar(3) CHARSET utf8mb4 COMMENT 'ö')", "CREATE TABLE `tgt`.`ünï` (ä int, b varchar(3) CHARSET utf8mb4 COMMENT 'ö')"),
            ddl("app", "CREATE TABLE t2 LIKE orders", "CREATE TABLE `tgt`.`t2` LIKE `tgt`.`orders_all`"),
            ddl("app", "CREATE TABLE t2 (LIKE other.t)", "CREATE TABLE `tgt`.`t2` (LIKE other.t)"),
            ddl("app", "CREATE TABLE child (id int, pid int, CONSTRAINT fk FOREIGN KEY (pid) REFERENCES orders (id) ON DELETE CASCADE, "
                    + "oid int REFERENCES other.t(id))",
                    "CREATE TABLE `tgt`.`child` (id int, pid int, CONSTRAINT fk FOREIGN KEY (pid) REFERENCES `tgt`.`orders_all` (id) ON DELETE CASCADE, "
                            + "oid int REFERENCES other.t(id))"),
            // unqualified REFERENCES names are in the database of the table being created or altered
            ddl("other", "ALTER TABLE app.c ADD FOREIGN KEY (pid) REFERENCES orders (id)", "ALTER TABLE `tgt`.`c` ADD FOREIGN KEY (pid) REFERENCES `tgt`.`orders_all` (id)"),
            ddl("other", "CREATE TABLE app.c (pid int, FOREIGN KEY (pid) REFERENCES orders (id), qid int REFERENCES q (id))",
                    "CREATE TABLE `tgt`.`c` (pid int, FOREIGN KEY (pid) REFERENCES `tgt`.`orders_all` (id), qid int REFERENCES `tgt`.`q` (id))"),
            ddl("app", "CREATE TABLE other.c (pid int, FOREIGN KEY (pid) REFERENCES p (id))", "CREATE TABLE other.c (pid int, FOREIGN KEY (pid) REFERENCES `other`.`p` (id))"),
            ddl("app", "CREATE TABLE p (a int, b int AS (a * 2) VIRTUAL, c varchar(10) GENERATED ALWAYS AS (concat(a, 'x')) STORED) "
                    + "PARTITION BY RANGE (a) (PARTITION p0 VALUES LESS THAN (10), PARTITION p1 VALUES LESS THAN MAXVALUE)",
                    "CREATE TABLE `tgt`.`p` (a int, b int AS (a * 2) VIRTUAL, c varchar(10) GENERATED ALWAYS AS (concat(a, 'x')) STORED) "
                            + "PARTITION BY RANGE (a) (PARTITION p0 VALUES LESS THAN (10), PARTITION p1 VALUES LESS THAN MAXVALUE)"),
            ddl("app", "CREATE TABLE p (a int) /*!50100 PARTITION BY HASH (a) PARTITIONS 4 */", "CREATE TABLE `tgt`.`p` (a int) /*!50100 PARTITION BY HASH (a) PARTITIONS 4 */"),
            ddl("app", "CREATE TABLE m (a int) ENGINE=MERGE UNION=(t1, other.t2) INSERT_METHOD=LAST",
                    "CREATE TABLE `tgt`.`m` (a int) ENGINE=MERGE UNION=(`tgt`.`t1`, other.t2) INSERT_METHOD=LAST"),
            ddl("app", "ALTER TABLE m UNION (orders)", "ALTER TABLE `tgt`.`m` UNION (`tgt`.`orders_all`)"),
            ddl("app", "CREATE TEMPORARY TABLE t (a int)", "CREATE TEMPORARY TABLE `tgt`.`t` (a int)"),
            ddl("app", "ALTER TABLE orders ADD COLUMN c INT, DROP COLUMN d", "ALTER TABLE `tgt`.`orders_all` ADD COLUMN c INT, DROP COLUMN d"),
            ddl("", "ALTER TABLE app.orders ADD COLUMN IF NOT EXISTS c INT AFTER id", "ALTER TABLE `tgt`.`orders_all` ADD COLUMN IF NOT EXISTS c INT AFTER id"),
            ddl("app", "ALTER ONLINE TABLE t WAIT 10 ADD INDEX i (c), ALGORITHM=INPLACE", "ALTER ONLINE TABLE `tgt`.`t` WAIT 10 ADD INDEX i (c), ALGORITHM=INPLACE"),
            ddl("app", "ALTER TABLE t ALTER COLUMN c SET DEFAULT 5, MODIFY d bigint, CHANGE e f int", "ALTER TABLE `tgt`.`t` ALTER COLUMN c SET DEFAULT 5, MODIFY d bigint, CHANGE e f int"),
            ddl("app", "ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (p) REFERENCES orders (id)", "ALTER TABLE `tgt`.`t` ADD CONSTRAINT fk FOREIGN KEY (p) REFERENCES `tgt`.`orders_all` (id)"),
            ddl("app", "ALTER TABLE t RENAME TO orders", "ALTER TABLE `tgt`.`t` RENAME TO `tgt`.`orders_all`"),
            ddl("app", "ALTER TABLE t ADD c int, RENAME u", "ALTER TABLE `tgt`.`t` ADD c int, RENAME `tgt`.`u`"),
            ddl("app", "ALTER TABLE t EXCHANGE PARTITION p0 WITH TABLE orders", "ALTER TABLE `tgt`.`t` EXCHANGE PARTITION p0 WITH TABLE `tgt`.`orders_all`"),
            ddl("app", "/*!40000 ALTER TABLE `orders` DISABLE KEYS */", "/*!40000 ALTER TABLE `tgt`.`orders_all` DISABLE KEYS */"),
            ddl("app", "RENAME TABLE a TO b, orders TO c, other.x TO other.y", "RENAME TABLE `tgt`.`a` TO `tgt`.`b`, `tgt`.`orders_all` TO `tgt`.`c`, other.x TO other.y"),
            ddl("app", "RENAME TABLES IF EXISTS a WAIT 2 TO b", "RENAME TABLES IF EXISTS `tgt`.`a` WAIT 2 TO `tgt`.`b`"),
            ddl("app", "DROP TABLE IF EXISTS a, orders, other.t /* generated by server */",
                    "DROP TABLE IF EXISTS `tgt`.`a`, `tgt`.`orders_all`, other.t /* generated by server */"),
            ddl("app", "DROP TEMPORARY TABLE t", "DROP TEMPORARY TABLE `tgt`.`t`"),
            ddl("app", "TRUNCATE orders", "TRUNCATE `tgt`.`orders_all`"),
            ddl("other", "TRUNCATE TABLE app.t", "TRUNCATE TABLE `tgt`.`t`"),
            ddl("app", "CREATE INDEX i ON orders (c)", "CREATE INDEX i ON `tgt`.`orders_all` (c)"),
            ddl("app", "CREATE UNIQUE INDEX IF NOT EXISTS i USING BTREE ON t (c(10))", "CREATE UNIQUE INDEX IF NOT EXISTS i USING BTREE ON `tgt`.`t` (c(10))"),
            ddl("app", "DROP INDEX `i` ON orders", "DROP INDEX `i` ON `tgt`.`orders_all`"),
            ddl("other", "CREATE TABLE t (a int)", null),
            ddl("other", "CREATE TABLE t2 LIKE app.orders", "CREATE TABLE `other`.`t2` LIKE `tgt`.`orders_all`"),
            ddl("legacy", "ALTER TABLE orders ADD c int", "ALTER TABLE `tgt`.`legacy_orders` ADD c int"),
            ddl("legacy", "ALTER TABLE other ADD c int", null),
            ddl("app", "CREATE DATABASE IF NOT EXISTS app CHARACTER SET utf8mb4", "CREATE DATABASE IF NOT EXISTS `tgt` CHARACTER SET utf8mb4"),
            ddl("", "CREATE SCHEMA `app`", "CREATE SCHEMA `tgt`"),
            ddl("", "CREATE DATABASE other", null),
            ddl("app", "DROP DATABASE app", "DROP DATABASE `tgt`"),
            ddl("other", "ALTER DATABASE app DEFAULT CHARACTER SET latin1", "ALTER DATABASE `tgt` DEFAULT CHARACTER SET latin1"),
            ddl("app", "ALTER DATABASE CHARACTER SET latin1", "ALTER DATABASE CHARACTER SET latin1"),
            ddl("app", "CREATE VIEW v AS SELECT 1 AS one", "CREATE VIEW `tgt`.`v` AS SELECT 1 AS one"),
            ddl("app", "DROP VIEW IF EXISTS v, other.w", "DROP VIEW IF EXISTS `tgt`.`v`, other.w"),
            ddl("app", "CREATE TABLE s AS SELECT id FROM orders WHERE id > 1",
                    "CREATE TABLE `tgt`.`s` AS SELECT id\nFROM `tgt`.`orders_all` `orders`\nWHERE id > 1"),
            ddl("app", "CREATE OR REPLACE ALGORITHM=MERGE DEFINER=`root`@`localhost` SQL SECURITY DEFINER VIEW `v` AS "
                    + "select `orders`.`id` AS `id` from `orders` join other.t o on o.id = orders.id WITH CASCADED CHECK OPTION",
                    "CREATE OR REPLACE ALGORITHM=MERGE DEFINER=`root`@`localhost` SQL SECURITY DEFINER VIEW `tgt`.`v` AS "
                            + "SELECT `orders`.`id` AS `id`\nFROM `tgt`.`orders_all` `orders`\n\tJOIN `other`.`t` o ON o.id = orders.id WITH CASCADED CHECK OPTION"),
            ddl("app", "CREATE VIEW v AS WITH x AS (SELECT a FROM t) SELECT * FROM x",
                    "CREATE VIEW `tgt`.`v` AS WITH x AS (\n\t\tSELECT a\n\t\tFROM `tgt`.`t`\n\t)\nSELECT *\nFROM x"),
            ddl("other", "CREATE VIEW v AS SELECT * FROM t", null),
            // the keywords place the names, so a statement Druid cannot parse keeps its text when nothing changes
            ddl("other", "ALTER TABLE t ALTER INDEX i IGNORED", null),
            ddl("other", "ALTER TABLE t CONVERT PARTITION p TO TABLE u", null),
            // only the default database changes: same text, names already qualified
            ddl("app", "CREATE TABLE other.t (a int)", "CREATE TABLE other.t (a int)"),
            ddl("app", "DROP TABLE IF EXISTS shard_1.x", "DROP TABLE IF EXISTS shard_1.x"));

    static Stream<Arguments> rewritten() {
        return REWRITTEN.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rewritten")
    void identityRoutesReturnTheInput(Case ddl) {
        DdlEvent input = new DdlEvent(ddl.database(), ddl.sql());
        assertThat(DdlRewriter.rewrite(input, id -> id, database -> database)).isSameAs(input);
    }

    /** Every prefix of every statement: kinds never fail, a rewrite returns or is refused with a SluiceException. */
    @Test
    void cutStatementsAreRefusedNotFailed() {
        int refused = 0;
        for (Case ddl : REWRITTEN) {
            for (int length = 1; length <= ddl.sql().length(); length++) {
                String prefix = ddl.sql().substring(0, length);
                if (prefix.isBlank()) {
                    continue;
                }
                DdlEvent cut = new DdlEvent(ddl.database(), prefix);
                assertThat(DdlKinds.of(cut)).isNotNull();
                try {
                    DdlRewriter.rewrite(cut, DdlRewriterTest::route, DdlRewriterTest::routeDatabase);
                }
                catch (SluiceException e) {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.SCHEMA_DDL_UNSUPPORTED);
                    refused++;
                }
            }
        }
        assertThat(refused).isGreaterThan(100);
    }

    /**
     * Druid 1.2.28 reads an alias without AS ({@code SELECT id ident}) with commons-lang3, which it
     * declares optional: without it on the class path such a query is refused, not failed.
     */
    @Test
    void queryAliasWithoutAs() {
        String expected = "CREATE VIEW `tgt`.`v` AS SELECT id AS ident\nFROM `tgt`.`orders_all` `orders`";
        try {
            assertThat(rewrite("app", "CREATE VIEW v AS SELECT id ident FROM orders").sql()).isEqualTo(expected);
        }
        catch (SluiceException e) {
            assertThat(e.reason()).contains("the SQL parser cannot read its query (the parser needs a class that is not on the class path: org/apache/commons/lang3/tuple/Pair)");
        }
    }

    @Test
    void qualifiesEveryNameWhenOnlyTheDefaultDatabaseMoves() {
        // tables keep their names, but unqualified ones would resolve in the routed default database
        Function<TableId, TableId> tables = id -> id;
        UnaryOperator<String> databases = database -> database.equals("app") ? "tgt" : database;
        assertThat(DdlRewriter.rewrite(new DdlEvent("app", "ALTER TABLE t ADD c int"), tables, databases))
                .isEqualTo(new DdlEvent("tgt", "ALTER TABLE `app`.`t` ADD c int"));
        assertThat(DdlRewriter.rewrite(new DdlEvent("app", "RENAME TABLE a TO b"), tables, databases))
                .isEqualTo(new DdlEvent("tgt", "RENAME TABLE `app`.`a` TO `app`.`b`"));
        assertThat(DdlRewriter.rewrite(new DdlEvent("app", "CREATE VIEW other.v AS SELECT a FROM t"), tables, databases))
                .isEqualTo(new DdlEvent("tgt", "CREATE VIEW other.v AS SELECT a\nFROM `app`.`t`"));
        assertThat(DdlRewriter.rewrite(new DdlEvent("app", "CREATE DATABASE d"), tables, databases))
                .isEqualTo(new DdlEvent("tgt", "CREATE DATABASE d"));
    }

    @Test
    void refusesStatementsThatNameTablesOutsideItsGrammar() {
        assertRefused("app", "CREATE TRIGGER trg BEFORE INSERT ON orders FOR EACH ROW SET NEW.id = 1", "not a table, view or database statement");
        assertRefused("app", "GRANT SELECT ON app.* TO u", "not a table, view or database statement");
    }

    @Test
    void refusesRenamesAcrossARouteBoundary() {
        assertRefused("legacy", "RENAME TABLE orders TO orders_old",
                "renames legacy.orders to legacy.orders_old across a route boundary: legacy.orders routes to tgt.legacy_orders but legacy.orders_old keeps its name");
        assertRefused("legacy", "RENAME TABLE orders_new TO orders",
                "legacy.orders routes to tgt.legacy_orders but legacy.orders_new keeps its name");
        assertRefused("legacy", "ALTER TABLE orders ADD c int, RENAME TO orders_old", "across a route boundary");
        assertRefused("app", "RENAME TABLE a TO b, orders TO other.orders", "renames app.orders to other.orders across a route boundary");
        // a schema-level route moves both names: allowed
        assertThat(rewrite("app", "RENAME TABLE orders TO orders_old").sql()).isEqualTo("RENAME TABLE `tgt`.`orders_all` TO `tgt`.`orders_old`");
    }

    @Test
    void refusesRenamesWithinAMergedTarget() {
        assertRefused("shard_1", "RENAME TABLE t1 TO t2", "renames shard_1.t1 to shard_1.t2, which both route to merged.t, so on the target it would rename merged.t to itself");
        assertRefused("", "ALTER TABLE shard_1.t1 RENAME shard_2.t1", "which both route to merged.t");
    }

    @Test
    void refusesWhatDruidCannotReadWhenANameChanges() {
        assertRefused("app", "ALTER TABLE orders ALTER INDEX i IGNORED", "the SQL parser cannot read it (syntax error");
        assertRefused("app", "ALTER TABLE t CONVERT PARTITION p TO TABLE u", "the SQL parser cannot read it");
    }

    @Test
    void refusesWhenTheReadingsDisagree() {
        assertRefused("app", "CREATE TABLE a.b.c (x int)", "the parser read a table name as 'a.b.c'");
        assertRefused("app", "DROP TABLE t garbage", "Sluice cannot tell where it names tables (unexpected 'garbage')");
    }

    @Test
    void refusesUnqualifiedNamesWithoutDefaultDatabase() {
        assertRefused("", "CREATE TABLE t (a int)", "names table t without a database and there is no default database");
        assertRefused("", "ALTER DATABASE CHARACTER SET utf8mb4", "names no database and there is no default database");
    }

    @Test
    void refusesQueriesThatQualifyColumnsWithTheDatabase() {
        assertRefused("app", "CREATE VIEW v AS SELECT app.orders.id FROM orders", "its query names a column as database.table.column, which renaming app.orders to tgt.orders_all would break");
    }

    @Test
    void refusalNamesTheStatementAndTheFix() {
        assertThatThrownBy(() -> rewrite("legacy", "RENAME TABLE orders TO orders_old"))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.SCHEMA_DDL_UNSUPPORTED);
                    assertThat(e.reason()).startsWith("Cannot route the DDL statement 'RENAME TABLE orders TO orders_old' (default database legacy) to the target: ");
                    assertThat(e.fix()).contains("binlog event filter on 'rename table'");
                });
    }

    @Test
    void routeMustNotReturnNull() {
        assertThatThrownBy(() -> DdlRewriter.rewrite(new DdlEvent("app", "DROP TABLE t"), id -> null, database -> database))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("route returned null for app.t");
    }

    private static void assertRefused(String database, String sql, String reason) {
        assertThatThrownBy(() -> rewrite(database, sql))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.SCHEMA_DDL_UNSUPPORTED);
                    assertThat(e.reason()).contains(reason);
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rewritten")
    void rewritesNamesInPlace(Case ddl) {
        DdlEvent input = new DdlEvent(ddl.database(), ddl.sql());
        DdlEvent output = DdlRewriter.rewrite(input, DdlRewriterTest::route, DdlRewriterTest::routeDatabase);
        if (ddl.expected() == null) {
            assertThat(output).isSameAs(input);
        }
        else {
            assertThat(output.sql()).isEqualTo(ddl.expected());
            assertThat(output.database()).isEqualTo(routeDatabase(ddl.database()));
        }
    }
}
