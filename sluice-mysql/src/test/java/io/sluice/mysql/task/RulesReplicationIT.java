package io.sluice.mysql.task;

import static io.sluice.mysql.task.RuleTasks.assertSameRows;
import static io.sluice.mysql.task.RuleTasks.awaitSynced;
import static io.sluice.mysql.task.RuleTasks.databaseExists;
import static io.sluice.mysql.task.RuleTasks.exact;
import static io.sluice.mysql.task.RuleTasks.load;
import static io.sluice.mysql.task.RuleTasks.pattern;
import static io.sluice.mysql.task.RuleTasks.regex;
import static io.sluice.mysql.task.RuleTasks.rules;
import static io.sluice.mysql.task.RuleTasks.start;
import static io.sluice.mysql.task.RuleTasks.tables;
import static io.sluice.mysql.task.RuleTasks.task;
import static io.sluice.mysql.task.RuleTasks.withFilters;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.rule.ColumnMapRule;
import io.sluice.core.rule.DoIgnoreSelection;
import io.sluice.core.rule.EventFilterRule;
import io.sluice.core.rule.EventFilters;
import io.sluice.core.rule.EventType;
import io.sluice.core.rule.InstanceRules;
import io.sluice.core.rule.PartitionIdRule;
import io.sluice.core.rule.RouteRule;
import io.sluice.core.rule.RowPredicateRule;
import io.sluice.core.rule.TableMatcher;
import io.sluice.core.rule.TableRoutes;
import io.sluice.core.task.BlockAllowList;
import io.sluice.core.task.InstanceConfig;
import io.sluice.core.task.NamePattern;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import io.sluice.testkit.TableChecksum;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The per-instance rules end to end between real MariaDB servers, after the scenarios of the dtle
 * manual (data split by Where, aggregation of sources, schema and table mapping, ColumnMapFrom,
 * SqlFilter, the ReplicateDoDb/ReplicateIgnoreDb examples) and DM's task features (shard merge
 * with routes and partition id, binlog event filters, expression filters). Each test copies,
 * syncs changes made while the task runs, and ends comparing target rows with what the source
 * and the rules imply.
 */
@ExtendWith(MariaDbExtension.class)
class RulesReplicationIT {

    /** dtle manual "MySQL 的数据分散": rows with a&lt;5 go to one target, a&gt;=5 to another, also when an update moves them. */
    @Test
    void whereSplitsOneTableAcrossTwoTargets(@Sandbox MariaDbServer source, @Sandbox MariaDbServer low, @Sandbox MariaDbServer high) throws Exception {
        source.execute("CREATE DATABASE demo", "CREATE TABLE demo.demo_tbl (a INT PRIMARY KEY, b VARCHAR(20))",
                "INSERT INTO demo.demo_tbl VALUES (1, 'one'), (3, 'three'), (4, 'four'), (5, 'five'), (6, 'six'), (8, 'eight'), (9, 'nine')");
        TableMatcher table = exact("demo", "demo_tbl");
        TaskConfig toLow = task("dtle-demo-src-dst1", low, TaskMode.ALL, "mysql-src", where(table, "a<5"), load(false));
        TaskConfig toHigh = task("dtle-demo-src-dst2", high, TaskMode.ALL, "mysql-src", where(table, "a>=5"), load(false));
        try (RuleTasks.Runs runs = new RuleTasks.Runs()) {
            Replication.Running first = runs.add(start(toLow, source));
            Replication.Running second = runs.add(start(toHigh, source));
            awaitSynced(source, first, second);
            assertSplit(source, low, high);

            source.execute("INSERT INTO demo.demo_tbl VALUES (0, 'zero'), (10, 'ten')",
                    "UPDATE demo.demo_tbl SET b = CONCAT(b, '!') WHERE a IN (3, 6)",
                    // rows crossing the boundary: a delete on one target, an insert on the other
                    "UPDATE demo.demo_tbl SET a = 7 WHERE a = 1",
                    "UPDATE demo.demo_tbl SET a = 2, b = 'two' WHERE a = 8",
                    "DELETE FROM demo.demo_tbl WHERE a IN (4, 9)",
                    "UPDATE demo.demo_tbl SET b = 'both' WHERE a IN (0, 10)");
            awaitSynced(source, first, second);
        }
        assertSplit(source, low, high);
        assertThat(low.query("SELECT a FROM demo.demo_tbl ORDER BY a")).containsExactly(List.of("0"), List.of("2"), List.of("3"));
        assertThat(high.query("SELECT a FROM demo.demo_tbl ORDER BY a")).containsExactly(List.of("5"), List.of("6"), List.of("7"), List.of("10"));
    }

    /**
     * A Where on a utf8mb4_unicode_ci column selects what the server selects, in the copy and in
     * sync: 'straße' = 'STRASSE' (an expansion), trailing spaces ignored, 'Äpfel' LIKE 'apf%'.
     */
    @Test
    void whereOnAUnicodeCollationSelectsWhatTheServerSelects(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        String predicate = "name = 'STRASSE' OR name LIKE 'apf%'";
        source.execute("CREATE DATABASE uca",
                "CREATE TABLE uca.words (id INT PRIMARY KEY, name VARCHAR(40) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci)",
                "INSERT INTO uca.words VALUES (1, 'straße'), (2, 'Strasse '), (3, 'strase'), (4, 'Äpfel'), (5, 'apfel'), (6, 'birne'), (7, NULL)");
        TaskConfig task = task("uca-where", target, TaskMode.ALL, "mysql-src", where(exact("uca", "words"), predicate), load(false));
        String selected = "SELECT id, name FROM uca.words WHERE " + predicate + " ORDER BY id";
        String copied = "SELECT id, name FROM uca.words ORDER BY id";
        try (RuleTasks.Runs runs = new RuleTasks.Runs()) {
            Replication.Running running = runs.add(start(task, source));
            awaitSynced(source, running);
            assertSameRows(source, selected, target, copied);

            source.execute("INSERT INTO uca.words VALUES (8, 'STRAßE'), (9, 'apfelmus'), (10, 'strasze')",
                    // into the predicate (an insert on the target), out of it (a delete), and within it
                    "UPDATE uca.words SET name = 'strasse' WHERE id = 3",
                    "UPDATE uca.words SET name = 'strasze' WHERE id = 1",
                    "UPDATE uca.words SET name = 'APFEL' WHERE id = 5",
                    "DELETE FROM uca.words WHERE id = 4");
            awaitSynced(source, running);
        }
        assertSameRows(source, selected, target, copied);
        assertThat(target.query("SELECT id FROM uca.words ORDER BY id")).containsExactly(List.of("2"), List.of("3"), List.of("5"), List.of("8"), List.of("9"));
    }

    private static void assertSplit(MariaDbServer source, MariaDbServer low, MariaDbServer high) {
        assertSameRows(source, "SELECT a, b FROM demo.demo_tbl WHERE a < 5 ORDER BY a", low, "SELECT a, b FROM demo.demo_tbl ORDER BY a");
        assertSameRows(source, "SELECT a, b FROM demo.demo_tbl WHERE a >= 5 ORDER BY a", high, "SELECT a, b FROM demo.demo_tbl ORDER BY a");
    }

    /**
     * dtle manual "MySQL的汇聚复制": two jobs, one per source, fill one target table. The second job
     * starts once the first has created the table (see {@link #twoJobsStartedTogetherAggregateIntoOneTable}).
     */
    @Test
    void twoJobsAggregateTwoSourcesIntoOneTable(@Sandbox MariaDbServer source1, @Sandbox MariaDbServer source2, @Sandbox MariaDbServer target)
            throws Exception {
        aggregate(source1, source2, target, false);
    }

    /** The same two jobs started together, as two dtle jobs are: both find the target table missing and both create it. */
    @Test
    void twoJobsStartedTogetherAggregateIntoOneTable(@Sandbox MariaDbServer source1, @Sandbox MariaDbServer source2, @Sandbox MariaDbServer target)
            throws Exception {
        aggregate(source1, source2, target, true);
    }

    private static void aggregate(MariaDbServer source1, MariaDbServer source2, MariaDbServer target, boolean together) throws Exception {
        source1.execute("CREATE DATABASE demo", "CREATE TABLE demo.demo_tbl (a INT PRIMARY KEY)", "INSERT INTO demo.demo_tbl VALUES (1), (2), (3)");
        source2.execute("CREATE DATABASE demo", "CREATE TABLE demo.demo_tbl (a INT PRIMARY KEY)", "INSERT INTO demo.demo_tbl VALUES (4), (5), (6)");
        DoIgnoreSelection selection = new DoIgnoreSelection(List.of(exact("demo", "demo_tbl")), List.of());
        TaskConfig job1 = task("dtle-demo-src1-dst", target, TaskMode.ALL, "mysql-src1", rules(selection), load(false));
        TaskConfig job2 = task("dtle-demo-src2-dst", target, TaskMode.ALL, "mysql-src2", rules(selection), load(false));
        try (RuleTasks.Runs runs = new RuleTasks.Runs()) {
            Replication.Running first = runs.add(start(job1, source1));
            if (!together) {
                awaitSynced(source1, first);
            }
            Replication.Running second = runs.add(start(job2, source2));
            awaitSynced(source1, first);
            awaitSynced(source2, second);
            source1.execute("INSERT INTO demo.demo_tbl VALUES (11)");
            source2.execute("INSERT INTO demo.demo_tbl VALUES (12)");
            awaitSynced(source1, first);
            awaitSynced(source2, second);
        }
        List<List<String>> union = new ArrayList<>(source1.query("SELECT a FROM demo.demo_tbl"));
        union.addAll(source2.query("SELECT a FROM demo.demo_tbl"));
        union.sort(Comparator.comparingInt(row -> Integer.parseInt(row.getFirst())));
        assertThat(target.query("SELECT a FROM demo.demo_tbl ORDER BY a")).containsExactlyElementsOf(union)
                .containsExactly(List.of("1"), List.of("2"), List.of("3"), List.of("4"), List.of("5"), List.of("6"), List.of("11"), List.of("12"));
    }

    /**
     * DM shard merge: one task with two mysql-instances and shard-mode routes shard_*.t_* into
     * merged.t; partition id keeps the shards' auto-increment ids apart. The shards' identical
     * ALTER TABLE is applied once, and dropping a shard does not drop the merged table.
     */
    @Test
    void shardModeMergesShardsWithPartitionIds(@Sandbox MariaDbServer source1, @Sandbox MariaDbServer source2, @Sandbox MariaDbServer target)
            throws Exception {
        mergeShards(source1, source2, target, false);
    }

    /** The same with both subtasks started together, as the run command starts them. */
    @Test
    void shardSubtasksStartedTogetherMergeShards(@Sandbox MariaDbServer source1, @Sandbox MariaDbServer source2, @Sandbox MariaDbServer target)
            throws Exception {
        mergeShards(source1, source2, target, true);
    }

    private static void mergeShards(MariaDbServer source1, MariaDbServer source2, MariaDbServer target, boolean together) throws Exception {
        String shard = "(id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, v VARCHAR(20))";
        source1.execute("CREATE DATABASE shard_1", "CREATE TABLE shard_1.t_1 " + shard, "CREATE TABLE shard_1.t_2 " + shard,
                "INSERT INTO shard_1.t_1 (v) VALUES ('a'), ('b'), ('c')", "INSERT INTO shard_1.t_2 (v) VALUES ('a'), ('b'), ('c')");
        source2.execute("CREATE DATABASE shard_2", "CREATE TABLE shard_2.t_1 " + shard, "INSERT INTO shard_2.t_1 (v) VALUES ('a'), ('b'), ('c')");
        TaskConfig task = RuleTasks.shardTask("shard-merge", target,
                List.of(new InstanceConfig("mysql-replica-01", null, shardRules(1)), new InstanceConfig("mysql-replica-02", null, shardRules(2))),
                load(false));
        try (RuleTasks.Runs runs = new RuleTasks.Runs()) {
            Replication.Running first = runs.add(start(task, task.instances().get(0), RuleTasks.source(source1, "mysql-replica-01")));
            if (!together) {
                // workaround for the bug shardSubtasksStartedTogetherMergeShards shows: the second subtask starts once merged.t exists
                awaitSynced(source1, first);
            }
            Replication.Running second = runs.add(start(task, task.instances().get(1), RuleTasks.source(source2, "mysql-replica-02")));
            awaitSynced(source1, first);
            awaitSynced(source2, second);
            assertThat(target.query("SELECT id, v FROM merged.t ORDER BY id")).containsExactlyElementsOf(expectedMerged(source1, source2, List.of(), "id, v"));

            source1.execute("ALTER TABLE shard_1.t_1 ADD COLUMN c INT", "ALTER TABLE shard_1.t_2 ADD COLUMN c INT",
                    "INSERT INTO shard_1.t_1 (v, c) VALUES ('d', 4)", "INSERT INTO shard_1.t_2 (v, c) VALUES ('d', 4)",
                    "UPDATE shard_1.t_1 SET c = 10 WHERE id = 1", "DELETE FROM shard_1.t_2 WHERE id = 2");
            source2.execute("ALTER TABLE shard_2.t_1 ADD COLUMN c INT", "INSERT INTO shard_2.t_1 (v, c) VALUES ('d', 4)",
                    "UPDATE shard_2.t_1 SET v = 'B', c = 2 WHERE id = 2");
            awaitSynced(source1, first);
            awaitSynced(source2, second);
            assertThat(target.query("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'merged' AND TABLE_NAME = 't' ORDER BY ORDINAL_POSITION"))
                    .containsExactly(List.of("id"), List.of("v"), List.of("c"));

            List<List<String>> droppedShard = encode(source1.query("SELECT id, v, c FROM shard_1.t_2"), 1, 1, 2);
            source1.execute("DROP TABLE shard_1.t_2", "INSERT INTO shard_1.t_1 (v, c) VALUES ('e', 5)");
            awaitSynced(source1, first);
            assertThat(target.query("SELECT id, v, c FROM merged.t ORDER BY id"))
                    .containsExactlyElementsOf(expectedMerged(source1, source2, droppedShard, "id, v, c"));
        }
        assertThat(databaseExists(target, "shard_1")).isFalse();
        assertThat(databaseExists(target, "shard_2")).isFalse();
    }

    private static InstanceRules shardRules(int instanceId) {
        TableMatcher shards = pattern("shard_*", "t_*");
        TableRoutes routes = new TableRoutes(List.of(
                new RouteRule(pattern("shard_*", null), Optional.of("merged"), Optional.empty(), "routes.shard-schema"),
                new RouteRule(shards, Optional.of("merged"), Optional.of("t"), "routes.shard-table")));
        PartitionIdRule partitionId = new PartitionIdRule(shards, "id", Optional.of(instanceId), Optional.of("shard_"), Optional.of("t_"), Optional.empty(),
                "column-mappings.instance-" + instanceId);
        return new InstanceRules(new BlockAllowList(List.of("shard_*"), List.of(), List.of(), List.of()), EventFilters.none(), List.of(), List.of(),
                List.of(partitionId), routes);
    }

    /** The merged table's rows: every shard's current rows, plus those of dropped shards, with partition ids, ordered by id. */
    private static List<List<String>> expectedMerged(MariaDbServer source1, MariaDbServer source2, List<List<String>> dropped, String columns) {
        List<List<String>> rows = new ArrayList<>(dropped);
        rows.addAll(encode(source1.query("SELECT " + columns + " FROM shard_1.t_1"), 1, 1, 1));
        if (tables(source1, "shard_1").contains("t_2")) {
            rows.addAll(encode(source1.query("SELECT " + columns + " FROM shard_1.t_2"), 1, 1, 2));
        }
        rows.addAll(encode(source2.query("SELECT " + columns + " FROM shard_2.t_1"), 2, 2, 1));
        rows.sort(Comparator.comparingLong(row -> Long.parseLong(row.getFirst())));
        return rows;
    }

    /** DM's partition id: {@code (instance << 59) | (schema << 52) | (table << 44) | id} in the first column. */
    private static List<List<String>> encode(List<List<String>> rows, long instance, long schema, long table) {
        List<List<String>> encoded = new ArrayList<>();
        for (List<String> row : rows) {
            List<String> copy = new ArrayList<>(row);
            copy.set(0, Long.toString((instance << 59) | (schema << 52) | (table << 44) | Long.parseLong(row.getFirst())));
            encoded.add(copy);
        }
        return encoded;
    }

    /**
     * dtle manual "dtle mapping": schemas matching (\w*)src(\w*) become rename${1}, demo becomes
     * demoRename, tables of demo2 matching (\w*)Shard(\w*) become ${1}Rename, also for DDL and for
     * a table created while the task runs; unselected schemas and tables stay away.
     */
    @Test
    void routesRenameSchemasAndTables(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        String table = " (id INT PRIMARY KEY, v VARCHAR(20))";
        String rows = " VALUES (1, 'a'), (2, 'b'), (3, 'c')";
        for (String database : List.of("test1src", "test2src", "cust", "demo")) {
            source.execute("CREATE DATABASE " + database, "CREATE TABLE " + database + ".t" + table, "INSERT INTO " + database + ".t" + rows);
        }
        source.execute("CREATE DATABASE demo2");
        for (String name : List.of("test1Shard", "test2Shard", "customer")) {
            source.execute("CREATE TABLE demo2." + name + table, "INSERT INTO demo2." + name + rows);
        }
        TableMatcher srcSchemas = regex(NamePattern.regex("(\\w*)src(\\w*)", false), null);
        TableMatcher demo = exact("demo", null);
        TableMatcher shards = regex(NamePattern.exact("demo2", false), "(\\w*)Shard(\\w*)");
        TableRoutes routes = new TableRoutes(List.of(
                new RouteRule(srcSchemas, Optional.of("rename${1}"), Optional.empty(), "ReplicateDoDb[0].TableSchemaRename"),
                new RouteRule(demo, Optional.of("demoRename"), Optional.empty(), "ReplicateDoDb[1].TableSchemaRename"),
                new RouteRule(shards, Optional.empty(), Optional.of("${1}Rename"), "ReplicateDoDb[2].Tables[0].TableRename")));
        InstanceRules rules = new InstanceRules(new DoIgnoreSelection(List.of(srcSchemas, demo, shards), List.of()), EventFilters.none(),
                List.of(), List.of(), List.of(), routes);
        TaskConfig task = task("dtle-mapping", target, TaskMode.ALL, "mysql-src", rules, load(false));
        try (Replication.Running running = start(task, source)) {
            awaitSynced(source, running);
            assertRouted(source, target);

            source.execute("INSERT INTO test1src.t VALUES (4, 'd')", "UPDATE test2src.t SET v = 'B' WHERE id = 2", "DELETE FROM demo.t WHERE id = 3",
                    "INSERT INTO cust.t VALUES (4, 'd')", "INSERT INTO demo2.customer VALUES (4, 'd')",
                    "UPDATE demo2.test1Shard SET v = 'A' WHERE id = 1", "DELETE FROM demo2.test2Shard WHERE id = 1");
            awaitSynced(source, running);
            assertRouted(source, target);

            // DDL through the routes: qualified, and unqualified under USE of a renamed schema or table
            source.execute("ALTER TABLE demo2.test1Shard ADD COLUMN extra INT", "INSERT INTO demo2.test1Shard VALUES (5, 'e', 50)",
                    "UPDATE demo2.test1Shard SET extra = 1 WHERE id = 1",
                    "ALTER TABLE test1src.t ADD COLUMN note VARCHAR(10)", "UPDATE test1src.t SET note = 'n' WHERE id = 4",
                    "USE test2src", "ALTER TABLE t ADD COLUMN z INT", "INSERT INTO t VALUES (5, 'e', 5)",
                    "USE demo2", "ALTER TABLE test2Shard ADD COLUMN y INT", "INSERT INTO test2Shard VALUES (5, 'e', 5)",
                    "CREATE TABLE demo2.test3Shard (id INT PRIMARY KEY, v VARCHAR(20))", "INSERT INTO demo2.test3Shard VALUES (1, 'x'), (2, 'y')",
                    "UPDATE demo2.test3Shard SET v = 'Y' WHERE id = 2",
                    "CREATE TABLE demo2.other (id INT PRIMARY KEY)", "INSERT INTO demo2.other VALUES (1)");
            awaitSynced(source, running);
            assertRouted(source, target);
            assertThat(tables(target, "demo2")).containsExactly("test1Rename", "test2Rename", "test3Rename");
            assertSameRows(source, "SELECT * FROM demo2.test3Shard ORDER BY id", target, "SELECT * FROM demo2.test3Rename ORDER BY id");

            // the manual's test3src -> renametest3: a schema created while the task runs, and a rename between routed names
            source.execute("CREATE DATABASE test3src", "CREATE TABLE test3src.t" + table, "INSERT INTO test3src.t" + rows,
                    "RENAME TABLE demo2.test3Shard TO demo2.test4Shard", "INSERT INTO demo2.test4Shard VALUES (3, 'z')");
            awaitSynced(source, running);
        }
        assertRouted(source, target);
        assertThat(databaseExists(target, "test3src")).isFalse();
        assertThat(TableChecksum.of(target, "renametest3")).isEqualTo(TableChecksum.of(source, "test3src"));
        assertThat(tables(target, "demo2")).containsExactly("test1Rename", "test2Rename", "test4Rename");
        assertSameRows(source, "SELECT * FROM demo2.test4Shard ORDER BY id", target, "SELECT * FROM demo2.test4Rename ORDER BY id");
    }

    private static void assertRouted(MariaDbServer source, MariaDbServer target) {
        assertSameRows(source, "SELECT * FROM test1src.t ORDER BY id", target, "SELECT * FROM renametest1.t ORDER BY id");
        assertSameRows(source, "SELECT * FROM test2src.t ORDER BY id", target, "SELECT * FROM renametest2.t ORDER BY id");
        assertSameRows(source, "SELECT * FROM demo.t ORDER BY id", target, "SELECT * FROM demoRename.t ORDER BY id");
        assertSameRows(source, "SELECT * FROM demo2.test1Shard ORDER BY id", target, "SELECT * FROM demo2.test1Rename ORDER BY id");
        assertSameRows(source, "SELECT * FROM demo2.test2Shard ORDER BY id", target, "SELECT * FROM demo2.test2Rename ORDER BY id");
        assertThat(TableChecksum.of(target, "renametest1")).isEqualTo(TableChecksum.of(source, "test1src"));
        assertThat(TableChecksum.of(target, "renametest2")).isEqualTo(TableChecksum.of(source, "test2src"));
        assertThat(TableChecksum.of(target, "demoRename")).isEqualTo(TableChecksum.of(source, "demo"));
        for (String database : List.of("test1src", "test2src", "cust", "demo")) {
            assertThat(databaseExists(target, database)).as("database %s on the target", database).isFalse();
        }
        assertThat(tables(target, "demo2")).doesNotContain("customer", "test1Shard", "test2Shard", "other");
    }

    /** dtle manual "列mapping": ColumnMapFrom ["val1", "id"] into a pre-created (val2, id) table. */
    @Test
    void columnMapFromFillsTargetColumnsByPosition(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE demo", "CREATE TABLE demo.colmap (id INT PRIMARY KEY, val1 INT, val2 INT)",
                "INSERT INTO demo.colmap VALUES (1, 10, 100), (2, 20, 200), (3, 30, 300)");
        target.execute("CREATE DATABASE demo", "CREATE TABLE demo.colmap (val2 INT, id INT PRIMARY KEY)");
        TableMatcher colmap = exact("demo", "colmap");
        InstanceRules rules = new InstanceRules(new DoIgnoreSelection(List.of(colmap), List.of()), EventFilters.none(), List.of(),
                List.of(new ColumnMapRule(colmap, List.of("val1", "id"), "ReplicateDoDb[0].Tables[0].ColumnMapFrom")), List.of(), TableRoutes.none());
        TaskConfig task = task("dtle-colmap", target, TaskMode.ALL, "mysql-src", rules, load(true));
        try (Replication.Running running = start(task, source)) {
            awaitSynced(source, running);
            assertColumnMapped(source, target);
            source.execute("INSERT INTO demo.colmap VALUES (4, 40, 400), (5, 50, 500)", "UPDATE demo.colmap SET val1 = 21 WHERE id = 2",
                    "UPDATE demo.colmap SET val2 = 333 WHERE id = 3", "DELETE FROM demo.colmap WHERE id = 1",
                    "UPDATE demo.colmap SET id = 6, val1 = 60 WHERE id = 5");
            awaitSynced(source, running);
        }
        assertColumnMapped(source, target);
        assertThat(target.query("SELECT val2, id FROM demo.colmap ORDER BY id"))
                .containsExactly(List.of("21", "2"), List.of("30", "3"), List.of("40", "4"), List.of("60", "6"));
    }

    /** A column-mapped target keeps its own definition: ALTER TABLE on the source is not replicated, rows keep flowing by the map. */
    @Test
    void columnMappedTargetKeepsItsDefinitionThroughSourceAlter(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE demo", "CREATE TABLE demo.colmap (id INT PRIMARY KEY, val1 INT, val2 INT)",
                "INSERT INTO demo.colmap VALUES (1, 10, 100), (2, 20, 200)");
        target.execute("CREATE DATABASE demo", "CREATE TABLE demo.colmap (val2 INT, id INT PRIMARY KEY)");
        TableMatcher colmap = exact("demo", "colmap");
        InstanceRules rules = new InstanceRules(new DoIgnoreSelection(List.of(colmap), List.of()), EventFilters.none(), List.of(),
                List.of(new ColumnMapRule(colmap, List.of("val1", "id"), "ReplicateDoDb[0].Tables[0].ColumnMapFrom")), List.of(), TableRoutes.none());
        TaskConfig task = task("dtle-colmap-ddl", target, TaskMode.ALL, "mysql-src", rules, load(true));
        try (Replication.Running running = start(task, source)) {
            awaitSynced(source, running);
            source.execute("ALTER TABLE demo.colmap ADD COLUMN val3 INT", "INSERT INTO demo.colmap VALUES (3, 30, 300, 3000)",
                    "ALTER TABLE demo.colmap DROP COLUMN val2", "UPDATE demo.colmap SET val1 = 11 WHERE id = 1", "INSERT INTO demo.colmap VALUES (4, 40, 4000)");
            awaitSynced(source, running);
        }
        assertColumnMapped(source, target);
    }

    private static void assertColumnMapped(MariaDbServer source, MariaDbServer target) {
        assertSameRows(source, "SELECT val1, id FROM demo.colmap ORDER BY id", target, "SELECT val2, id FROM demo.colmap ORDER BY id");
        assertThat(target.query("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'demo' AND TABLE_NAME = 'colmap' ORDER BY ORDINAL_POSITION"))
                .containsExactly(List.of("val2"), List.of("id"));
    }

    /**
     * DM binlog event filters (Ignore delete, Ignore truncate table, Do insert only, Ignore by
     * sql-pattern) and dtle's SqlFilter NoDMLUpdate and NoDDL, as two tasks on one source.
     */
    @Test
    void eventFiltersDropTheEventsTheyName(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE db", "CREATE DATABASE dj");
        for (String table : List.of("db.t1", "db.t2", "db.t3", "db.t4", "dj.u", "dj.w", "dj.x")) {
            source.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, v INT)", "INSERT INTO " + table + " VALUES (1, 1), (2, 2), (3, 3)");
        }
        source.execute("INSERT INTO db.t1 VALUES (4, 4), (5, 5)");
        EventFilters dmFilters = new EventFilters(List.of(
                new EventFilterRule(exact("db", "t1"), EventType.parse("delete"), List.of(), EventFilterRule.Action.IGNORE, "filters.no-delete"),
                new EventFilterRule(exact("db", "t2"), EventType.parse("truncate table"), List.of(), EventFilterRule.Action.IGNORE, "filters.no-truncate"),
                new EventFilterRule(exact("db", "t3"), EventType.parse("insert"), List.of(), EventFilterRule.Action.DO, "filters.only-insert"),
                new EventFilterRule(exact("db", "t4"), Set.of(), List.of("^ALTER\\s+TABLE\\s+\\S*t4\\s+ADD"), EventFilterRule.Action.IGNORE, "filters.no-add")));
        TableMatcher everything = pattern("*", null);
        EventFilters sqlFilter = new EventFilters(List.of(
                new EventFilterRule(everything, EventType.parse("update"), List.of(), EventFilterRule.Action.IGNORE, "SqlFilter[0] (NoDMLUpdate)"),
                new EventFilterRule(everything, EventType.parse("all ddl"), List.of(), EventFilterRule.Action.IGNORE, "SqlFilter[1] (NoDDL)")));
        TaskConfig dm = task("dm-filters", target, TaskMode.ALL, "mysql-replica-01",
                withFilters(new BlockAllowList(List.of("db"), List.of(), List.of(), List.of()), dmFilters), load(false));
        TaskConfig dtle = task("dtle-sqlfilter", target, TaskMode.ALL, "mysql-src",
                withFilters(new DoIgnoreSelection(List.of(exact("dj", null)), List.of()), sqlFilter), load(false));
        try (RuleTasks.Runs runs = new RuleTasks.Runs()) {
            Replication.Running first = runs.add(start(dm, source));
            Replication.Running second = runs.add(start(dtle, source));
            awaitSynced(source, first, second);
            TableChecksum.assertSame(source, target, "db");
            TableChecksum.assertSame(source, target, "dj");

            source.execute(
                    "INSERT INTO db.t1 VALUES (6, 6)", "UPDATE db.t1 SET v = 100 WHERE id = 2", "DELETE FROM db.t1 WHERE id IN (3, 4)",
                    "TRUNCATE TABLE db.t2", "INSERT INTO db.t2 VALUES (4, 4), (5, 5)", "UPDATE db.t2 SET v = 40 WHERE id = 4", "DELETE FROM db.t2 WHERE id = 5",
                    "INSERT INTO db.t3 VALUES (4, 4)", "UPDATE db.t3 SET v = 10 WHERE id = 1", "DELETE FROM db.t3 WHERE id = 2",
                    "ALTER TABLE db.t4 ADD INDEX idx_v (v)", "ALTER TABLE db.t4 MODIFY v BIGINT", "INSERT INTO db.t4 VALUES (4, 4)",
                    "UPDATE db.t4 SET v = 30 WHERE id = 3", "DELETE FROM db.t4 WHERE id = 1",
                    "UPDATE dj.u SET v = 99 WHERE id = 1", "INSERT INTO dj.u VALUES (4, 4)", "DELETE FROM dj.u WHERE id = 2",
                    "ALTER TABLE dj.u ADD INDEX iv (v)", "TRUNCATE TABLE dj.w", "INSERT INTO dj.w VALUES (10, 10)", "UPDATE dj.w SET v = 11 WHERE id = 10",
                    "DROP TABLE dj.x", "CREATE TABLE dj.later (id INT PRIMARY KEY)");
            awaitSynced(source, first, second);
        }
        SoftAssertions soft = new SoftAssertions();
        // Ignore delete: every row ever inserted stays, updates apply
        soft.assertThat(target.query("SELECT id, v FROM db.t1 ORDER BY id")).as("db.t1, Ignore delete")
                .containsExactlyElementsOf(rows("1,1", "2,100", "3,3", "4,4", "5,5", "6,6"));
        // Ignore truncate table: the rows before it stay, later changes apply
        soft.assertThat(target.query("SELECT id, v FROM db.t2 ORDER BY id")).as("db.t2, Ignore truncate table")
                .containsExactlyElementsOf(rows("1,1", "2,2", "3,3", "4,40"));
        // Do insert only: updates and deletes dropped
        soft.assertThat(target.query("SELECT id, v FROM db.t3 ORDER BY id")).as("db.t3, Do insert")
                .containsExactlyElementsOf(rows("1,1", "2,2", "3,3", "4,4"));
        // sql-pattern: the ADD is ignored, the MODIFY and all rows replicated
        soft.assertThat(target.query("SELECT id, v FROM db.t4 ORDER BY id")).as("db.t4, sql-pattern")
                .containsExactlyElementsOf(source.query("SELECT id, v FROM db.t4 ORDER BY id"));
        soft.assertThat(target.query("SHOW INDEX FROM db.t4 WHERE Key_name = 'idx_v'")).as("db.t4 index added by an ignored ALTER").isEmpty();
        soft.assertThat(target.query("SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'db' AND TABLE_NAME = 't4' AND COLUMN_NAME = 'v'"))
                .as("db.t4.v after a replicated MODIFY").containsExactly(List.of("bigint"));
        // NoDMLUpdate: inserts and deletes only
        soft.assertThat(target.query("SELECT id, v FROM dj.u ORDER BY id")).as("dj.u, NoDMLUpdate").containsExactlyElementsOf(rows("1,1", "3,3", "4,4"));
        // NoDDL: no index, no truncate, no drop, no create
        soft.assertThat(target.query("SHOW INDEX FROM dj.u WHERE Key_name = 'iv'")).as("dj.u index, NoDDL").isEmpty();
        soft.assertThat(target.query("SELECT id, v FROM dj.w ORDER BY id")).as("dj.w, NoDDL truncate and NoDMLUpdate")
                .containsExactlyElementsOf(rows("1,1", "2,2", "3,3", "10,10"));
        soft.assertThat(tables(target, "dj")).as("dj tables, NoDDL drop and create").containsExactly("u", "w", "x");
        if (tables(target, "dj").contains("x")) {
            soft.assertThat(target.query("SELECT id, v FROM dj.x ORDER BY id")).as("dj.x, NoDDL drop").containsExactlyElementsOf(rows("1,1", "2,2", "3,3"));
        }
        soft.assertAll();
    }

    /**
     * A filter that drops a DDL adding a column, then a row naming that column: the target rejects
     * the row (DM stops the same way), and the error names the dropped DDL and the fix; once the DDL
     * is run on the target by hand, the task continues.
     */
    @Test
    void aRowNeedingADroppedDdlNamesTheDdl(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE a", "CREATE TABLE a.t4 (id INT PRIMARY KEY, v INT)", "INSERT INTO a.t4 VALUES (1, 1)");
        EventFilters filters = new EventFilters(List.of(
                new EventFilterRule(exact("a", "t4"), Set.of(), List.of("ADD\\s+COLUMN\\s+skipme"), EventFilterRule.Action.IGNORE, "filters.no-skipme")));
        TaskConfig task = task("dropped-ddl", target, TaskMode.ALL, "mysql-replica-01",
                withFilters(new BlockAllowList(List.of("a"), List.of(), List.of(), List.of()), filters), load(false));
        Replication.Running run = start(task, source);
        awaitSynced(source, run);
        source.execute("ALTER TABLE a.t4 ADD COLUMN skipme INT", "INSERT INTO a.t4 (id, v) VALUES (2, 2)");
        Throwable failure = run.awaitEnd(Duration.ofSeconds(60));
        assertThat(failure).isInstanceOf(SluiceException.class);
        SluiceException error = (SluiceException) failure;
        assertThat(error.errorCode()).isEqualTo(ErrorCode.TARGET_APPLY_FAILED);
        assertThat(error.reason()).contains("Unknown column 'skipme'").contains("dropped by a binlog event filter")
                .contains("ALTER TABLE a.t4 ADD COLUMN skipme INT");
        assertThat(error.fix()).contains("Run that DDL on the target by hand");
        target.execute("ALTER TABLE a.t4 ADD COLUMN skipme INT");
        try (RuleTasks.Runs runs = new RuleTasks.Runs()) {
            awaitSynced(source, runs.add(start(task, source)));
        }
        TableChecksum.assertSame(source, target, "a");
    }

    /**
     * DM expression-filter: inserts with even c or a skip/tmp state (REGEXP, without case as
     * utf8mb4_general_ci compares), the update from c = 1 to c = 2, deletes of closed rows are not replicated.
     */
    @Test
    void expressionFiltersSkipMatchingRows(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        source.execute("CREATE DATABASE ex", "CREATE TABLE ex.e (id INT PRIMARY KEY, c INT, state VARCHAR(10))",
                "INSERT INTO ex.e VALUES (1, 1, 'open'), (2, 2, 'open'), (3, 3, 'open'), (4, 4, 'closed'), (5, 5, 'open'), (6, NULL, 'open'), (7, 7, 'Skip-me')");
        TableMatcher table = exact("ex", "e");
        List<RowPredicateRule> filters = List.of(
                new RowPredicateRule(table, Optional.empty(), Optional.of("c % 2 = 0 OR state REGEXP '^(skip|tmp)'"), Optional.empty(), Optional.empty(), Optional.empty(), "expression-filter.even-c"),
                new RowPredicateRule(table, Optional.empty(), Optional.empty(), Optional.of("c = 1"), Optional.of("c = 2"), Optional.empty(), "expression-filter.one-to-two"),
                new RowPredicateRule(table, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("state RLIKE '^CLOS'"), "expression-filter.closed"));
        InstanceRules rules = new InstanceRules(new BlockAllowList(List.of("ex"), List.of(), List.of(), List.of()), EventFilters.none(), filters,
                List.of(), List.of(), TableRoutes.none());
        TaskConfig task = task("dm-expression-filter", target, TaskMode.ALL, "mysql-replica-01", rules, load(false));
        try (Replication.Running running = start(task, source)) {
            awaitSynced(source, running);
            // the copy leaves out even c as inserts do (NULL is not even)
            assertThat(target.query("SELECT id, c, state FROM ex.e ORDER BY id")).containsExactlyElementsOf(
                    rows("1,1,open", "3,3,open", "5,5,open", "6,NULL,open"));
            source.execute("INSERT INTO ex.e VALUES (10, 2, 'open'), (11, 3, 'open'), (12, NULL, 'open'), (13, 8, 'closed'), (14, 9, 'TMP')",
                    "UPDATE ex.e SET c = 2 WHERE id = 1", // c 1 -> 2: dropped
                    "UPDATE ex.e SET c = 7 WHERE id = 3",
                    "UPDATE ex.e SET c = 2 WHERE id = 5", // from 5, not 1: replicated
                    "UPDATE ex.e SET state = 'closed' WHERE id = 11",
                    "DELETE FROM ex.e WHERE id = 11", // closed: dropped
                    "DELETE FROM ex.e WHERE id = 6",
                    "UPDATE ex.e SET c = 1 WHERE id = 12", "UPDATE ex.e SET c = 2 WHERE id = 12");
            awaitSynced(source, running);
        }
        assertThat(target.query("SELECT id, c, state FROM ex.e ORDER BY id")).containsExactlyElementsOf(
                rows("1,1,open", "3,7,open", "5,2,open", "11,3,closed", "12,1,open"));
    }

    /** dtle manual "Job 示例": how ReplicateDoDb and ReplicateIgnoreDb combine, one target per job. */
    @Test
    void doAndIgnoreCombineAsInTheJobExamples(@Sandbox MariaDbServer source, @Sandbox MariaDbServer nothing, @Sandbox MariaDbServer allButTb1,
            @Sandbox MariaDbServer structureOnly, @Sandbox MariaDbServer allButDb1) throws Exception {
        source.execute("CREATE DATABASE db1", "CREATE TABLE db1.tb1 (id INT PRIMARY KEY)", "CREATE TABLE db1.tb2 (id INT PRIMARY KEY)",
                "INSERT INTO db1.tb1 VALUES (1)", "INSERT INTO db1.tb2 VALUES (1)",
                "CREATE DATABASE db2", "CREATE TABLE db2.tb1 (id INT PRIMARY KEY)", "INSERT INTO db2.tb1 VALUES (1)");
        TableMatcher db1 = exact("db1", null);
        TableMatcher tb1 = exact("db1", "tb1");
        TaskConfig ignoreDb = task("job-ignore-db", nothing, TaskMode.ALL, "mysql-src", rules(new DoIgnoreSelection(List.of(tb1), List.of(db1))), load(false));
        TaskConfig ignoreTable = task("job-ignore-table", allButTb1, TaskMode.ALL, "mysql-src", rules(new DoIgnoreSelection(List.of(db1), List.of(tb1))), load(false));
        TaskConfig sameTable = task("job-same-table", structureOnly, TaskMode.ALL, "mysql-src", rules(new DoIgnoreSelection(List.of(tb1), List.of(tb1))), load(false));
        // 忽略指定的库: ReplicateDoDb [] (every schema) and ReplicateIgnoreDb db1
        TaskConfig everythingButDb1 = task("job-all-but-db1", allButDb1, TaskMode.ALL, "mysql-src", rules(new DoIgnoreSelection(List.of(), List.of(db1))), load(false));
        try (RuleTasks.Runs runs = new RuleTasks.Runs()) {
            Replication.Running first = runs.add(start(ignoreDb, source));
            Replication.Running second = runs.add(start(ignoreTable, source));
            Replication.Running third = runs.add(start(sameTable, source));
            Replication.Running fourth = runs.add(start(everythingButDb1, source));
            awaitSynced(source, first, second, third, fourth);
            source.execute("INSERT INTO db1.tb1 VALUES (2)", "INSERT INTO db1.tb2 VALUES (2)", "ALTER TABLE db1.tb1 ADD COLUMN c INT",
                    "CREATE TABLE db1.tb3 (id INT PRIMARY KEY)", "INSERT INTO db1.tb3 VALUES (1)", "DELETE FROM db1.tb2 WHERE id = 1",
                    "INSERT INTO db2.tb1 VALUES (2)", "CREATE TABLE db2.tb2 (id INT PRIMARY KEY)", "INSERT INTO db2.tb2 VALUES (1)");
            awaitSynced(source, first, second, third, fourth);
        }
        assertThat(databaseExists(allButDb1, "db1")).isFalse();
        assertThat(TableChecksum.of(allButDb1, "db2")).isEqualTo(TableChecksum.of(source, "db2"));
        assertThat(tables(allButDb1, "db2")).containsExactly("tb1", "tb2");
        assertThat(databaseExists(nothing, "db1")).isFalse();
        assertThat(tables(allButTb1, "db1")).containsExactly("tb2", "tb3");
        assertSameRows(source, "SELECT id FROM db1.tb2 ORDER BY id", allButTb1, "SELECT id FROM db1.tb2 ORDER BY id");
        assertSameRows(source, "SELECT id FROM db1.tb3 ORDER BY id", allButTb1, "SELECT id FROM db1.tb3 ORDER BY id");
        assertThat(databaseExists(structureOnly, "db1")).isTrue();
        assertThat(tables(structureOnly, "db1")).isEmpty();
    }

    private static InstanceRules where(TableMatcher table, String predicate) {
        return new InstanceRules(new DoIgnoreSelection(List.of(table), List.of()), EventFilters.none(),
                List.of(RowPredicateRule.where(table, predicate, "ReplicateDoDb[0].Tables[0].Where")), List.of(), List.of(), TableRoutes.none());
    }

    /** Rows written as comma-separated values; NULL for SQL NULL. */
    private static List<List<String>> rows(String... rows) {
        List<List<String>> result = new ArrayList<>();
        for (String row : rows) {
            result.add(Arrays.stream(row.split(",")).map(value -> value.equals("NULL") ? null : value).toList());
        }
        return result;
    }
}
