package io.sluice.mysql.schema.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.event.DdlEvent;
import io.sluice.core.schema.Column;
import io.sluice.core.schema.ColumnType;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/** DDL sequences applied without a server; the expected values are what MariaDB 10.11's information_schema shows. */
class SchemaTrackerTest {
    private static final TableId T = new TableId("app", "t");

    private static SchemaTracker tracker(String... createTables) {
        return SchemaTracker.fromCreateStatements(Map.of("app", List.of(createTables)), Map.of("app", "utf8mb4"));
    }

    private static void ddl(SchemaTracker tracker, String... statements) {
        for (String statement : statements) {
            tracker.onDdl(new DdlEvent("app", statement));
        }
    }

    private static Column column(SchemaTracker tracker, TableId table, String name) {
        return tracker.schemaOf(table, null).column(name).orElseThrow(() -> new AssertionError("no column " + name));
    }

    private static List<String> names(TableSchema schema) {
        return schema.columns().stream().map(Column::name).toList();
    }

    private static Column text(String name, ColumnType type, long length, String charset, String collation, boolean nullable) {
        return new Column(name, type, false, length, 0, 0, 0, charset, collation, List.of(), nullable);
    }

    private static Column bytes(String name, ColumnType type, long length) {
        return new Column(name, type, false, length, 0, 0, 0, null, null, List.of(), true);
    }

    @Test
    void mapsEveryTypeAndAliasAsInformationSchemaDoes() {
        SchemaTracker tracker = tracker("""
                CREATE TABLE t (
                  id int(11) unsigned NOT NULL AUTO_INCREMENT,
                  i integer, b bool, bo boolean, t1 int1, m middleint, i8 int8, z int zerofill,
                  d decimal, d2 dec(5,2), n numeric(7), fx fixed(4,1), du decimal(6,3) unsigned,
                  f float, f2 float(30), f3 float(7,3), r real, dp double precision, dbl double(10,2),
                  bt bit, bt7 bit(7),
                  da date, ti time(2), dt datetime(6), ts timestamp(3) NULL, y year(4),
                  c char, c5 char(5), cv character varying(20), v varchar(10),
                  tt tinytext, tx text, mt mediumtext, lt longtext, t100 text(100), t10 text(10), lg long, lv long varchar,
                  bn binary, b3 binary(3), vb varbinary(7), tb tinyblob, bl blob, b10 blob(10), mb mediumblob, lb longblob, lvb long varbinary,
                  e enum('a','it''s','b\\\\c') NOT NULL, s set('x','y'),
                  j json, g point, ge geometry,
                  PRIMARY KEY (id)
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci""");
        TableSchema schema = tracker.schemaOf(T, null);
        assertThat(names(schema)).startsWith("id", "i", "b", "bo", "t1", "m", "i8", "z");
        assertThat(schema.primaryKey()).containsExactly("id");
        assertThat(column(tracker, T, "id")).isEqualTo(new Column("id", ColumnType.INT, true, 0, 0, 0, 0, null, null, List.of(), false));
        assertThat(column(tracker, T, "i").type()).isEqualTo(ColumnType.INT);
        assertThat(column(tracker, T, "b").type()).isEqualTo(ColumnType.TINYINT);
        assertThat(column(tracker, T, "bo").type()).isEqualTo(ColumnType.TINYINT);
        assertThat(column(tracker, T, "t1").type()).isEqualTo(ColumnType.TINYINT);
        assertThat(column(tracker, T, "m").type()).isEqualTo(ColumnType.MEDIUMINT);
        assertThat(column(tracker, T, "i8").type()).isEqualTo(ColumnType.BIGINT);
        assertThat(column(tracker, T, "z").unsigned()).isTrue();
        assertThat(column(tracker, T, "d")).isEqualTo(new Column("d", ColumnType.DECIMAL, false, 0, 10, 0, 0, null, null, List.of(), true));
        assertThat(column(tracker, T, "d2")).extracting(Column::precision, Column::scale).containsExactly(5, 2);
        assertThat(column(tracker, T, "n")).extracting(Column::type, Column::precision, Column::scale).containsExactly(ColumnType.DECIMAL, 7, 0);
        assertThat(column(tracker, T, "fx")).extracting(Column::precision, Column::scale).containsExactly(4, 1);
        assertThat(column(tracker, T, "du").unsigned()).isTrue();
        assertThat(column(tracker, T, "f").type()).isEqualTo(ColumnType.FLOAT);
        assertThat(column(tracker, T, "f2").type()).isEqualTo(ColumnType.DOUBLE);
        assertThat(column(tracker, T, "f3").type()).isEqualTo(ColumnType.FLOAT);
        assertThat(column(tracker, T, "r").type()).isEqualTo(ColumnType.DOUBLE);
        assertThat(column(tracker, T, "dp").type()).isEqualTo(ColumnType.DOUBLE);
        assertThat(column(tracker, T, "dbl").type()).isEqualTo(ColumnType.DOUBLE);
        assertThat(column(tracker, T, "bt").length()).isEqualTo(1);
        assertThat(column(tracker, T, "bt7").length()).isEqualTo(7);
        assertThat(column(tracker, T, "ti").fsp()).isEqualTo(2);
        assertThat(column(tracker, T, "dt").fsp()).isEqualTo(6);
        assertThat(column(tracker, T, "ts")).extracting(Column::fsp, Column::nullable).containsExactly(3, true);
        assertThat(column(tracker, T, "y").type()).isEqualTo(ColumnType.YEAR);
        String cs = "utf8mb4";
        String co = "utf8mb4_general_ci";
        assertThat(column(tracker, T, "c")).isEqualTo(text("c", ColumnType.CHAR, 1, cs, co, true));
        assertThat(column(tracker, T, "c5")).isEqualTo(text("c5", ColumnType.CHAR, 5, cs, co, true));
        assertThat(column(tracker, T, "cv")).isEqualTo(text("cv", ColumnType.VARCHAR, 20, cs, co, true));
        assertThat(column(tracker, T, "tt")).isEqualTo(text("tt", ColumnType.TINYTEXT, 255, cs, co, true));
        assertThat(column(tracker, T, "tx")).isEqualTo(text("tx", ColumnType.TEXT, 65_535, cs, co, true));
        assertThat(column(tracker, T, "mt")).isEqualTo(text("mt", ColumnType.MEDIUMTEXT, 16_777_215, cs, co, true));
        assertThat(column(tracker, T, "lt")).isEqualTo(text("lt", ColumnType.LONGTEXT, 4_294_967_295L, cs, co, true));
        assertThat(column(tracker, T, "t100").type()).isEqualTo(ColumnType.TEXT); // 100 chars * 4 bytes > 255
        assertThat(column(tracker, T, "t10").type()).isEqualTo(ColumnType.TINYTEXT);
        assertThat(column(tracker, T, "lg").type()).isEqualTo(ColumnType.MEDIUMTEXT);
        assertThat(column(tracker, T, "lv").type()).isEqualTo(ColumnType.MEDIUMTEXT);
        assertThat(column(tracker, T, "bn")).isEqualTo(bytes("bn", ColumnType.BINARY, 1));
        assertThat(column(tracker, T, "b3")).isEqualTo(bytes("b3", ColumnType.BINARY, 3));
        assertThat(column(tracker, T, "vb")).isEqualTo(bytes("vb", ColumnType.VARBINARY, 7));
        assertThat(column(tracker, T, "tb")).isEqualTo(bytes("tb", ColumnType.TINYBLOB, 255));
        assertThat(column(tracker, T, "bl")).isEqualTo(bytes("bl", ColumnType.BLOB, 65_535));
        assertThat(column(tracker, T, "b10")).isEqualTo(bytes("b10", ColumnType.TINYBLOB, 255));
        assertThat(column(tracker, T, "mb")).isEqualTo(bytes("mb", ColumnType.MEDIUMBLOB, 16_777_215));
        assertThat(column(tracker, T, "lb")).isEqualTo(bytes("lb", ColumnType.LONGBLOB, 4_294_967_295L));
        assertThat(column(tracker, T, "lvb")).isEqualTo(bytes("lvb", ColumnType.MEDIUMBLOB, 16_777_215));
        assertThat(column(tracker, T, "e")).isEqualTo(new Column("e", ColumnType.ENUM, false, 0, 0, 0, 0, cs, co, List.of("a", "it's", "b\\c"), false));
        assertThat(column(tracker, T, "s").members()).containsExactly("x", "y");
        assertThat(column(tracker, T, "j")).isEqualTo(text("j", ColumnType.LONGTEXT, 4_294_967_295L, "utf8mb4", "utf8mb4_bin", true));
        assertThat(column(tracker, T, "g").type()).isEqualTo(ColumnType.POINT);
        assertThat(column(tracker, T, "ge").type()).isEqualTo(ColumnType.GEOMETRY);
    }

    @Test
    void resolvesCharsetAndCollationFromColumnTableAndDatabase() {
        SchemaTracker tracker = SchemaTracker.fromCreateStatements(Map.of(), Map.of("app", "utf8mb4", "old", "latin1", "", "utf8mb4 utf8mb4_general_ci"));
        ddl(tracker,
                "CREATE TABLE t (a varchar(3) COLLATE latin1_bin, b varchar(3) CHARACTER SET latin1, c varchar(3), "
                        + "d char(2) BINARY, e nchar(2), f national varchar(5), g varchar(3) CHARSET utf8 COLLATE utf8_bin, "
                        + "h varchar(3) CHARACTER SET binary, i text CHARACTER SET binary, j char(2) charset 'ascii', "
                        + "k set('p') CHARACTER SET latin1 COLLATE latin1_bin, l enum('q') COLLATE latin1_bin) COLLATE latin1_german1_ci");
        assertThat(column(tracker, T, "a")).extracting(Column::charset, Column::collation).containsExactly("latin1", "latin1_bin");
        assertThat(column(tracker, T, "b")).extracting(Column::charset, Column::collation).containsExactly("latin1", "latin1_swedish_ci");
        assertThat(column(tracker, T, "c")).extracting(Column::charset, Column::collation).containsExactly("latin1", "latin1_german1_ci");
        assertThat(column(tracker, T, "d")).extracting(Column::charset, Column::collation).containsExactly("latin1", "latin1_bin");
        assertThat(column(tracker, T, "e")).extracting(Column::charset, Column::collation).containsExactly("utf8mb3", "utf8mb3_general_ci");
        assertThat(column(tracker, T, "f")).extracting(Column::type, Column::charset).containsExactly(ColumnType.VARCHAR, "utf8mb3");
        assertThat(column(tracker, T, "g")).extracting(Column::charset, Column::collation).containsExactly("utf8mb3", "utf8mb3_bin");
        assertThat(column(tracker, T, "h")).isEqualTo(bytes("h", ColumnType.VARBINARY, 3));
        assertThat(column(tracker, T, "i")).isEqualTo(bytes("i", ColumnType.BLOB, 65_535));
        assertThat(column(tracker, T, "j")).extracting(Column::charset, Column::collation).containsExactly("ascii", "ascii_general_ci");
        assertThat(column(tracker, T, "k")).extracting(Column::charset, Column::collation).containsExactly("latin1", "latin1_bin");
        assertThat(column(tracker, T, "l")).extracting(Column::charset, Column::collation).containsExactly("latin1", "latin1_bin");

        // the database default applies to tables without one, at the time they are created
        ddl(tracker, "CREATE TABLE old.t (a varchar(3), b text CHARACTER SET utf8mb4)");
        TableId old = new TableId("old", "t");
        assertThat(column(tracker, old, "a")).extracting(Column::charset, Column::collation).containsExactly("latin1", "latin1_swedish_ci");
        assertThat(column(tracker, old, "b")).extracting(Column::charset, Column::collation).containsExactly("utf8mb4", "utf8mb4_general_ci");
        ddl(tracker, "ALTER DATABASE old DEFAULT CHARACTER SET = utf8mb3 DEFAULT COLLATE = utf8mb3_bin");
        assertThat(column(tracker, old, "a").charset()).isEqualTo("latin1");
        ddl(tracker, "CREATE TABLE old.t2 (a varchar(3))", "CREATE DATABASE fresh", "CREATE TABLE fresh.t (a varchar(3))",
                "CREATE SCHEMA IF NOT EXISTS `gb` /*!40100 DEFAULT CHARACTER SET gbk */", "CREATE TABLE gb.t (a varchar(3))");
        assertThat(column(tracker, new TableId("old", "t2"), "a").collation()).isEqualTo("utf8mb3_bin");
        assertThat(column(tracker, new TableId("fresh", "t"), "a").collation()).isEqualTo("utf8mb4_general_ci");
        assertThat(column(tracker, new TableId("gb", "t"), "a").collation()).isEqualTo("gbk_chinese_ci");
        ddl(tracker, "DROP DATABASE old");
        assertThat(tracker.trackedTables()).doesNotContain(old);
    }

    @Test
    void keepsInvisibleColumnsAndColumnsNamedInvisible() {
        // SHOW CREATE TABLE's form, then ALTERs adding, changing and indexing such columns
        SchemaTracker tracker = tracker("CREATE TABLE t (id int(11) NOT NULL, `hidden` int(11) DEFAULT NULL INVISIBLE, "
                + "invisible varchar(3) INVISIBLE, PRIMARY KEY (id), KEY k (invisible))");
        assertThat(names(tracker.schemaOf(T, null))).containsExactly("id", "hidden", "invisible");
        ddl(tracker, "ALTER TABLE t ADD COLUMN x int INVISIBLE AFTER invisible, ADD invisible2 int, CHANGE invisible invisible varchar(5) INVISIBLE");
        assertThat(names(tracker.schemaOf(T, null))).containsExactly("id", "hidden", "invisible", "x", "invisible2");
        assertThat(column(tracker, T, "invisible").length()).isEqualTo(5);
        ddl(tracker, "ALTER TABLE t MODIFY x bigint INVISIBLE, DROP COLUMN invisible2");
        assertThat(column(tracker, T, "x").type()).isEqualTo(ColumnType.BIGINT);
        assertThat(names(tracker.schemaOf(T, null))).containsExactly("id", "hidden", "invisible", "x");
    }

    @Test
    void appliesEveryAlterForm() {
        SchemaTracker tracker = tracker("CREATE TABLE t (id int NOT NULL, a varchar(3), b int, c int) DEFAULT CHARSET=latin1");
        ddl(tracker, "ALTER TABLE t ADD COLUMN x int AFTER id, ADD y int FIRST, ADD (p int, q int)");
        assertThat(names(tracker.schemaOf(T, null))).containsExactly("y", "id", "x", "a", "b", "c", "p", "q");
        ddl(tracker, "ALTER TABLE app.t DROP COLUMN p, DROP q, MODIFY a varchar(5) NOT NULL FIRST, CHANGE b bb bigint AFTER c");
        assertThat(names(tracker.schemaOf(T, null))).containsExactly("a", "y", "id", "x", "c", "bb");
        assertThat(column(tracker, T, "a")).isEqualTo(text("a", ColumnType.VARCHAR, 5, "latin1", "latin1_swedish_ci", false));
        assertThat(column(tracker, T, "bb").type()).isEqualTo(ColumnType.BIGINT);
        ddl(tracker, "ALTER TABLE t RENAME COLUMN c TO cc, ADD PRIMARY KEY (id), ADD UNIQUE KEY uk (x, cc), ADD INDEX (y)");
        TableSchema schema = tracker.schemaOf(T, null);
        assertThat(schema.primaryKey()).containsExactly("id");
        assertThat(schema.uniqueKeys()).containsExactly(List.of("x", "cc"));
        ddl(tracker, "ALTER TABLE t CHANGE cc c2 int, DROP PRIMARY KEY, DROP INDEX uk, ADD UNIQUE (c2), ADD CONSTRAINT pk PRIMARY KEY (x)");
        schema = tracker.schemaOf(T, null);
        assertThat(schema.primaryKey()).containsExactly("x");
        assertThat(schema.uniqueKeys()).containsExactly(List.of("c2"));
        assertThat(column(tracker, T, "id").nullable()).isFalse();
        assertThat(column(tracker, T, "x").nullable()).isFalse(); // primary key columns are NOT NULL
        // the default charset changes only columns added or redefined later
        ddl(tracker, "ALTER TABLE t DEFAULT CHARSET=utf8mb4, ADD d varchar(3)", "ALTER TABLE t COLLATE utf8mb4_unicode_ci, ADD e varchar(3)");
        assertThat(column(tracker, T, "a").charset()).isEqualTo("latin1");
        assertThat(column(tracker, T, "d").collation()).isEqualTo("utf8mb4_general_ci");
        assertThat(column(tracker, T, "e").collation()).isEqualTo("utf8mb4_unicode_ci");
        ddl(tracker, "ALTER TABLE t MODIFY a varchar(5)");
        assertThat(column(tracker, T, "a").collation()).isEqualTo("utf8mb4_unicode_ci");
        ddl(tracker, "ALTER TABLE t RENAME TO t2");
        assertThat(tracker.trackedTables()).containsExactly(new TableId("app", "t2"));
        ddl(tracker, "RENAME TABLE t2 TO other.t3, other.t3 TO t");
        assertThat(tracker.trackedTables()).containsExactly(T);
        ddl(tracker, "ALTER TABLE t ADD z int, RENAME TO t4", "ALTER TABLE t4 RENAME t");
        assertThat(column(tracker, T, "z").type()).isEqualTo(ColumnType.INT);
        ddl(tracker, "CREATE UNIQUE INDEX ui ON t (z)", "CREATE INDEX i ON app.t (e(2), d)", "DROP INDEX i ON t");
        assertThat(tracker.schemaOf(T, null).uniqueKeys()).containsExactly(List.of("c2"), List.of("z"));
        ddl(tracker, "TRUNCATE TABLE t", "DROP TABLE IF EXISTS t, nothere /* generated by server */");
        assertThat(tracker.trackedTables()).isEmpty();
    }

    @Test
    void convertToCharacterSetGrowsTextTypesAndOverridesEveryColumn() {
        SchemaTracker tracker = tracker("CREATE TABLE t (a text, b varchar(200), c tinytext, d mediumtext, e enum('x'), "
                + "f varchar(10) COLLATE utf8mb4_bin, g text CHARACTER SET utf8mb3, h json, i int) DEFAULT CHARSET=latin1");
        ddl(tracker, "ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4");
        assertThat(column(tracker, T, "a").type()).isEqualTo(ColumnType.MEDIUMTEXT);
        assertThat(column(tracker, T, "b")).isEqualTo(text("b", ColumnType.VARCHAR, 200, "utf8mb4", "utf8mb4_general_ci", true));
        assertThat(column(tracker, T, "c").type()).isEqualTo(ColumnType.TEXT);
        assertThat(column(tracker, T, "d").type()).isEqualTo(ColumnType.LONGTEXT);
        assertThat(column(tracker, T, "e").collation()).isEqualTo("utf8mb4_general_ci");
        assertThat(column(tracker, T, "f").collation()).isEqualTo("utf8mb4_general_ci");
        assertThat(column(tracker, T, "g").type()).isEqualTo(ColumnType.MEDIUMTEXT);
        assertThat(column(tracker, T, "h").collation()).isEqualTo("utf8mb4_general_ci");
        ddl(tracker, "ALTER TABLE t ADD j varchar(3)");
        assertThat(column(tracker, T, "j").charset()).isEqualTo("utf8mb4");

        ddl(tracker, "ALTER TABLE t CONVERT TO CHARACTER SET ascii, ADD k varchar(3) CHARACTER SET utf8mb4");
        assertThat(column(tracker, T, "k").charset()).isEqualTo("ascii");
        ddl(tracker, "ALTER TABLE t CONVERT TO CHARSET binary");
        assertThat(column(tracker, T, "b")).isEqualTo(bytes("b", ColumnType.VARBINARY, 200));
        assertThat(column(tracker, T, "e")).extracting(Column::charset, Column::collation).containsExactly("binary", "binary");
        assertThat(SchemaTracker.deserialize(tracker.serialize()).schemaOf(T, null)).isEqualTo(tracker.schemaOf(T, null));
    }

    @Test
    void namesUnnamedKeysAsMariaDbAndOrdersUniqueKeysByName() {
        SchemaTracker tracker = tracker("CREATE TABLE t (a int auto_increment, b int, c int, d int, key(a), unique(b,c), "
                + "unique key (b), unique (c), unique key b_2x(d), unique(b))");
        TableSchema schema = tracker.schemaOf(T, null);
        // named b, b_2, c, b_2x, b_3; in information_schema's INDEX_NAME order: b, b_2, b_2x, b_3, c
        assertThat(schema.uniqueKeys()).containsExactly(List.of("b", "c"), List.of("b"), List.of("d"), List.of("b"), List.of("c"));
        assertThat(column(tracker, T, "a").nullable()).isFalse();
        ddl(tracker, "ALTER TABLE t ADD UNIQUE (A), ADD UNIQUE (a), ADD INDEX (b)", "ALTER TABLE t DROP INDEX b_2x, DROP INDEX a_2");
        // a_2, a_3 (a is taken by KEY (a)), b_4 is not unique; then a_2 is dropped
        assertThat(tracker.schemaOf(T, null).uniqueKeys()).containsExactly(List.of("a"), List.of("b", "c"), List.of("b"), List.of("b"), List.of("c"));
        // key columns take the column's own spelling
        ddl(tracker, "CREATE TABLE t2 (Id int, UNIQUE KEY k (ID))");
        assertThat(tracker.schemaOf(new TableId("app", "t2"), null).uniqueKeys()).containsExactly(List.of("Id"));
        ddl(tracker, "CREATE TABLE t3 (u serial, v int unique, w int primary key)");
        TableSchema t3 = tracker.schemaOf(new TableId("app", "t3"), null);
        assertThat(t3.primaryKey()).containsExactly("w");
        assertThat(t3.uniqueKeys()).containsExactly(List.of("u"), List.of("v"));
        assertThat(t3.columns().getFirst()).isEqualTo(new Column("u", ColumnType.BIGINT, true, 0, 0, 0, 0, null, null, List.of(), false));
    }

    @Test
    void dropsAColumnFromItsIndexes() {
        SchemaTracker tracker = tracker("CREATE TABLE t (a int, b int, c int, UNIQUE (c), KEY k (b, c))");
        ddl(tracker, "ALTER TABLE t DROP COLUMN c, ADD UNIQUE (b)");
        assertThat(tracker.schemaOf(T, null).uniqueKeys()).containsExactly(List.of("b"));
    }

    @Test
    void createTableLikeCopiesTheSource() {
        SchemaTracker tracker = tracker("CREATE TABLE t (id int PRIMARY KEY, a varchar(3) CHARACTER SET latin1)");
        ddl(tracker, "CREATE TABLE copy LIKE t", "CREATE TABLE other.copy (LIKE app.t)");
        assertThat(tracker.schemaOf(new TableId("app", "copy"), null).columns()).isEqualTo(tracker.schemaOf(T, null).columns());
        assertThat(tracker.schemaOf(new TableId("other", "copy"), null).primaryKey()).containsExactly("id");
    }

    @Test
    void ifExistsClausesAndCreateOrReplace() {
        SchemaTracker tracker = tracker("CREATE TABLE t (id int, a int)");
        ddl(tracker, "ALTER TABLE t ADD COLUMN IF NOT EXISTS a bigint, ADD COLUMN IF NOT EXISTS b int, DROP COLUMN IF EXISTS zz",
                "CREATE TABLE IF NOT EXISTS t (other int)",
                "ALTER TABLE t ADD INDEX IF NOT EXISTS i (a), DROP INDEX IF EXISTS nope",
                "CREATE INDEX IF NOT EXISTS i ON t (b)", "DROP INDEX IF EXISTS i2 ON t");
        assertThat(names(tracker.schemaOf(T, null))).containsExactly("id", "a", "b");
        assertThat(column(tracker, T, "a").type()).isEqualTo(ColumnType.INT);
        ddl(tracker, "CREATE OR REPLACE TABLE t (x int)");
        assertThat(names(tracker.schemaOf(T, null))).containsExactly("x");
    }

    @Test
    void timestampsAreNotNullWithoutExplicitDefaultsForTimestamp() {
        SchemaTracker tracker = SchemaTracker.deserialize("""
                -- sluice schema tracker state v1
                -- server-default utf8mb4 utf8mb4_general_ci
                -- explicit-defaults-for-timestamp false
                """);
        ddl(tracker, "CREATE TABLE t (a timestamp, b timestamp NULL, c datetime)");
        assertThat(column(tracker, T, "a").nullable()).isFalse();
        assertThat(column(tracker, T, "b").nullable()).isTrue();
        assertThat(column(tracker, T, "c").nullable()).isTrue();
    }

    @Test
    void ignoresStatementsThatDefineNoTable() {
        SchemaTracker tracker = tracker("CREATE TABLE t (id int)");
        String before = tracker.serialize();
        ddl(tracker,
                "GRANT SELECT ON *.* TO 'u'@'%'",
                "CREATE USER 'x'@'%' IDENTIFIED BY 'p'",
                "CREATE VIEW v AS SELECT * FROM t",
                "CREATE OR REPLACE DEFINER=`root`@`localhost` VIEW v AS SELECT 1",
                "CREATE DEFINER=`root`@`localhost` PROCEDURE p() BEGIN SELECT 1; END",
                "CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW SET NEW.id = 1",
                "CREATE TEMPORARY TABLE tmp (a int)",
                "DROP TEMPORARY TABLE IF EXISTS tmp",
                "CREATE SEQUENCE s START WITH 1",
                "ANALYZE TABLE t",
                "FLUSH TABLES");
        assertThat(tracker.serialize()).isEqualTo(before);
    }

    @Test
    void unparseableDdlOnANeededTableFailsAndChangesNothing() {
        SchemaTracker tracker = tracker("CREATE TABLE t (id int)");
        String before = tracker.serialize();
        String statement = "ALTER TABLE t ADD COLUMN c int WITH SOME NONSENSE " + "x".repeat(300);
        assertThatThrownBy(() -> ddl(tracker, statement))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.SCHEMA_DDL_UNSUPPORTED);
                    assertThat(e.reason()).contains(statement.substring(0, 150)).doesNotContain(statement);
                    assertThat(e.fix()).contains("exclude").contains("restart the task");
                });
        assertThat(tracker.serialize()).isEqualTo(before);
        // an effect that cannot be determined: a column that does not exist
        assertThatThrownBy(() -> ddl(tracker, "ALTER TABLE t DROP COLUMN nope, ADD b int"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SCHEMA_DDL_UNSUPPORTED));
        assertThat(tracker.serialize()).isEqualTo(before);
    }

    @Test
    void problemsWithTablesTheCallerDoesNotNeedOnlyForgetThem() {
        SchemaTracker tracker = SchemaTracker.fromCreateStatements(
                Map.of("app", List.of("CREATE TABLE t (id int)", "CREATE TABLE skip (id int)")), Map.of(),
                (database, table) -> !table.equals("skip") && !table.startsWith("_"));
        ddl(tracker, "ALTER TABLE skip ADD COLUMN c int WITH SOME NONSENSE", "ALTER TABLE nowhere ADD x int",
                "ALTER TABLE nowhere ADD y int INVISIBLE");
        assertThat(tracker.trackedTables()).containsExactly(T);
        assertThatThrownBy(() -> ddl(tracker, "CREATE TABLE t9 (a int WITH SOME NONSENSE)"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SCHEMA_DDL_UNSUPPORTED));
        assertThatThrownBy(() -> ddl(tracker, "RENAME TABLE nowhere WAIT 1 TO t9"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SCHEMA_DDL_UNSUPPORTED));
        ddl(tracker, "CREATE TABLE _x (a int WITH SOME NONSENSE)");
        assertThat(tracker.trackedTables()).containsExactly(T);
        // gh-ost: shadow table created LIKE the original, altered, swapped in
        ddl(tracker, "CREATE TABLE `_t_gho` LIKE `t`", "ALTER TABLE `_t_gho` ADD COLUMN extra varchar(10)",
                "RENAME TABLE `t` TO `_t_del`, `_t_gho` TO `t`", "DROP TABLE IF EXISTS `_t_del`");
        assertThat(names(tracker.schemaOf(T, null))).containsExactly("id", "extra");
        // a needed name whose schema comes from an unknown table
        assertThatThrownBy(() -> ddl(tracker, "RENAME TABLE unknown_table TO t2"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SCHEMA_DDL_UNSUPPORTED));
        assertThatThrownBy(() -> ddl(tracker, "CREATE TABLE t5 LIKE unknown_table"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.reason()).contains("LIKE app.unknown_table"));
        ddl(tracker, "CREATE TABLE _ignored LIKE unknown_table");
        assertThat(tracker.trackedTables()).containsExactly(T);
    }

    @Test
    void unknownTablesAndUnsupportedTypesFailWhenTheirSchemaIsAsked() {
        SchemaTracker tracker = tracker("CREATE TABLE t (id int, v vector(4) NOT NULL)");
        assertThatThrownBy(() -> tracker.schemaOf(new TableId("app", "missing"), null))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SCHEMA_UNKNOWN_TABLE));
        assertThatThrownBy(() -> tracker.schemaOf(T, null))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SCHEMA_MISMATCH));
        assertThat(SchemaTracker.deserialize(tracker.serialize()).serialize()).isEqualTo(tracker.serialize());
    }

    @Test
    void mariaDbUuidInet6Inet4AreFixedWidthBinaryKeepingTheirNames() {
        SchemaTracker tracker = tracker("CREATE TABLE t (id UUID NOT NULL PRIMARY KEY, a INET6 DEFAULT '::1', b inet4 NULL)");
        TableSchema schema = tracker.schemaOf(T, null);
        assertThat(schema.columns()).extracting(Column::type).containsExactly(ColumnType.UUID, ColumnType.INET6, ColumnType.INET4);
        assertThat(schema.columns()).extracting(Column::length).containsExactly(16L, 16L, 4L);
        assertThat(schema.primaryKey()).containsExactly("id");
        SchemaTracker restored = SchemaTracker.deserialize(tracker.serialize());
        assertThat(restored.schemaOf(T, null)).isEqualTo(schema);
    }

    @Test
    void serializationRoundTripKeepsEverySchema() {
        SchemaTracker tracker = SchemaTracker.fromCreateStatements(
                Map.of("app", List.of(
                        "CREATE TABLE t (`we``ird` enum('a','it''s','b\\\\c','q\"') CHARACTER SET latin1, s set('1','2') COLLATE latin1_bin, "
                                + "id bigint unsigned NOT NULL, d decimal(12,4) unsigned, ts timestamp(6) NULL, t text, j json, v varbinary(9), "
                                + "bt bit(3), PRIMARY KEY (id), UNIQUE KEY `u``k` (`we``ird`, s), FULLTEXT KEY ft (t), KEY k (d))",
                        "CREATE TABLE `sp ace` (a char(3) BINARY NOT NULL) DEFAULT CHARSET=ascii")),
                Map.of("app", "utf8mb4_unicode_ci", "empty", "latin1", "", "latin1"));
        tracker.onDdl(new DdlEvent("app", "CREATE TABLE empty.t (a varchar(2))"));
        String state = tracker.serialize();
        SchemaTracker restored = SchemaTracker.deserialize(state);
        assertThat(restored.trackedTables()).isEqualTo(tracker.trackedTables());
        for (TableId table : tracker.trackedTables()) {
            assertThat(restored.schemaOf(table, null)).isEqualTo(tracker.schemaOf(table, null));
        }
        assertThat(restored.serialize()).isEqualTo(state);
        assertThat(column(restored, T, "we`ird").members()).containsExactly("a", "it's", "b\\c", "q\"");
        // defaults survive too: a later CREATE TABLE resolves the same way
        for (SchemaTracker each : List.of(tracker, restored)) {
            each.onDdl(new DdlEvent("app", "CREATE TABLE later (a varchar(1))"));
            each.onDdl(new DdlEvent("", "CREATE DATABASE brand_new"));
            each.onDdl(new DdlEvent("", "CREATE TABLE brand_new.t (a varchar(1))"));
        }
        assertThat(column(restored, new TableId("app", "later"), "a").collation()).isEqualTo("utf8mb4_unicode_ci");
        assertThat(column(restored, new TableId("brand_new", "t"), "a").collation()).isEqualTo("latin1_swedish_ci");
        assertThat(restored.serialize()).isEqualTo(tracker.serialize());
        assertThatThrownBy(() -> SchemaTracker.deserialize("garbage"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void abbreviatesLongStatementsTo200Characters() {
        assertThat(SchemaTracker.abbreviate("ALTER  TABLE\n t")).isEqualTo("ALTER TABLE t");
        assertThat(SchemaTracker.abbreviate("x".repeat(500))).hasSize(200).endsWith("...");
    }
}
