package io.sluice.mysql.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.config.Secret;
import io.sluice.core.rule.EventFilters;
import io.sluice.core.rule.InstanceRules;
import io.sluice.core.rule.PartitionIdRule;
import io.sluice.core.rule.RouteRule;
import io.sluice.core.rule.TableMatcher;
import io.sluice.core.rule.TableRoutes;
import io.sluice.core.schema.TableId;
import io.sluice.core.task.BlockAllowList;
import io.sluice.core.task.Endpoint;
import io.sluice.core.task.InstanceConfig;
import io.sluice.core.task.LoadOptions;
import io.sluice.core.task.NamePattern;
import io.sluice.core.task.SourceConfig;
import io.sluice.core.task.StartMeta;
import io.sluice.core.task.SyncOptions;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;
import io.sluice.mysql.rule.TableRules;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The precheck against real MariaDB servers: a healthy source and target pass every item, and each
 * misconfiguration a DBA can make fails (or warns on) exactly its item, with a message naming the
 * problem and a fix to run. Servers whose settings a test needs to differ are started per test;
 * the others share one source and one target, each test in its own databases.
 */
@ExtendWith(MariaDbExtension.class)
class TaskPrecheckIT {
    private static final String SOURCE_ID = "mysql-replica-01";

    @Sandbox
    static MariaDbServer source;
    @Sandbox
    static MariaDbServer target;

    @BeforeAll
    static void createHealthySchema() {
        source.execute("CREATE DATABASE healthy",
                "CREATE TABLE healthy.orders (id BIGINT PRIMARY KEY, note VARCHAR(20)) DEFAULT CHARSET=utf8mb4",
                "CREATE TABLE healthy.legacy (code CHAR(4) NOT NULL, name VARCHAR(20), UNIQUE KEY (code)) DEFAULT CHARSET=latin1",
                "INSERT INTO healthy.orders VALUES (1, 'one')");
    }

    @Test
    void healthySourceAndTargetPassEveryItem() {
        PrecheckReport report = check(task("healthy", TaskMode.ALL, endpoint(target), List.of(instance(SOURCE_ID, null, "healthy"))), sourceConfig(source, true));
        assertThat(report.results()).allSatisfy(result -> assertThat(result.state()).as(result.name() + " on " + result.source() + ": " + result.message())
                .isEqualTo(CheckState.PASS));
        assertThat(report.results()).hasSize(17);
        assertThat(report.result(PrecheckItem.TABLE_SCHEMA, SOURCE_ID).orElseThrow().message()).isEqualTo("2 selected tables are ready to replicate");
        Map<String, Object> json = report.toDmJson();
        assertThat(json.get("result")).isEqualTo(true);
        assertThat(((Map<?, ?>) json.get("checks")).get("summary")).isEqualTo(Map.of("passed", true, "total", 17, "successful", 17, "failed", 0, "warning", 0));

        // incremental from the current position, by file and by GTID, into tables that exist on the target
        target.execute("CREATE DATABASE healthy", "CREATE TABLE healthy.orders (id BIGINT PRIMARY KEY, note VARCHAR(20))",
                "CREATE TABLE healthy.legacy (code CHAR(4) NOT NULL, name VARCHAR(20), UNIQUE KEY (code)) DEFAULT CHARSET=latin1");
        try {
            List<String> status = source.query("SHOW MASTER STATUS").getFirst();
            String gtid = source.query("SELECT @@gtid_binlog_pos").getFirst().getFirst();
            for (boolean byGtid : List.of(false, true)) {
                StartMeta meta = byGtid ? new StartMeta(null, null, gtid) : new StartMeta(status.get(0), Long.parseLong(status.get(1)), null);
                PrecheckReport incremental = check(task("healthy", TaskMode.INCREMENTAL, endpoint(target), List.of(instance(SOURCE_ID, meta, "healthy"))),
                        sourceConfig(source, byGtid));
                assertThat(incremental.results()).allSatisfy(result -> assertThat(result.state()).as(result.name() + ": " + result.message())
                        .isEqualTo(CheckState.PASS));
                assertThat(incremental.result(PrecheckItem.META_POSITION, SOURCE_ID).orElseThrow().message()).contains("is in the source's binlog");
            }
        }
        finally {
            target.execute("DROP DATABASE healthy");
        }
    }

    @Test
    void binlogOff(@Sandbox(logBin = false) MariaDbServer noBinlog) {
        CheckResult result = checkOne(noBinlog, PrecheckItem.BINLOG_ENABLE);
        assertThat(result.state()).isEqualTo(CheckState.FAIL);
        assertThat(result.message()).isEqualTo("binary logging is off (log_bin=OFF): there is no binlog to replicate from");
        assertThat(result.instruction()).contains("`log_bin = mysql-bin`").contains("restart the source");
    }

    @Test
    void statementBasedBinlog(@Sandbox(binlogFormat = "STATEMENT") MariaDbServer statementBased) {
        CheckResult result = checkOne(statementBased, PrecheckItem.BINLOG_FORMAT);
        assertThat(result.state()).isEqualTo(CheckState.FAIL);
        assertThat(result.message()).isEqualTo("binlog_format is STATEMENT, but Sluice replicates row events and needs binlog_format=ROW");
        assertThat(result.instruction()).contains("SET GLOBAL binlog_format = 'ROW'").contains("`binlog_format = ROW` under [mysqld] in my.cnf");
    }

    @Test
    void minimalRowImages(@Sandbox(binlogRowImage = "MINIMAL") MariaDbServer minimal) {
        CheckResult result = checkOne(minimal, PrecheckItem.BINLOG_ROW_IMAGE);
        assertThat(result.state()).isEqualTo(CheckState.FAIL);
        assertThat(result.message()).startsWith("binlog_row_image is MINIMAL");
        assertThat(result.instruction()).contains("SET GLOBAL binlog_row_image = 'FULL'").contains("`binlog_row_image = FULL`");
    }

    @Test
    void gtidStrictModeOffWarns(@Sandbox(gtidStrictMode = false) MariaDbServer lax) {
        CheckResult result = checkOne(lax, PrecheckItem.GTID);
        assertThat(result.state()).isEqualTo(CheckState.WARN);
        assertThat(result.message()).startsWith("enable-gtid is true but gtid_strict_mode is OFF");
        assertThat(result.instruction()).contains("SET GLOBAL gtid_strict_mode = ON").contains("`gtid_strict_mode = ON`");
    }

    @Test
    void binlogIgnoreDbHidingASelectedDatabase(@Sandbox(options = "binlog_ignore_db=hidden") MariaDbServer filtering) {
        filtering.execute("CREATE DATABASE hidden", "CREATE TABLE hidden.t (id INT PRIMARY KEY)");
        PrecheckReport report = check(task("binlog-db", TaskMode.ALL, endpoint(target), List.of(instance(SOURCE_ID, null, "hidden"))), sourceConfig(filtering, true));
        CheckResult result = report.result(PrecheckItem.BINLOG_DB, SOURCE_ID).orElseThrow();
        assertThat(result.state()).isEqualTo(CheckState.FAIL);
        assertThat(result.message()).isEqualTo("the source does not log changes to the selected database `hidden` (binlog-ignore-db=hidden): they could never be replicated");
        assertThat(result.instruction()).isEqualTo("Remove `binlog_ignore_db = hidden` from [mysqld] in my.cnf and restart the source.");
    }

    @Test
    void tooFewConnections(@Sandbox(options = "max_connections=10") MariaDbServer small) {
        TaskConfig task = new TaskConfig("conns", TaskMode.ALL, "sluice_meta", endpoint(target), List.of(instance(SOURCE_ID, null, "healthy")),
                new LoadOptions(false, false, 1000, 16), SyncOptions.defaults(), Optional.empty(), false, List.of());
        CheckResult result = check(task, sourceConfig(small, true)).result(PrecheckItem.CONN_NUMBER, SOURCE_ID).orElseThrow();
        assertThat(result.state()).isEqualTo(CheckState.FAIL);
        assertThat(result.message()).isEqualTo("max_connections is 10, but the task opens up to 18 connections here");
        assertThat(result.instruction()).contains("SET GLOBAL max_connections = 18");
    }

    @Test
    void sourceUserWithoutReplicationSlave() {
        source.execute("CREATE USER 'norepl'@'127.0.0.1' IDENTIFIED BY 'pw-norepl-1'", "GRANT SELECT, BINLOG MONITOR ON *.* TO 'norepl'@'127.0.0.1'");
        SourceConfig limited = new SourceConfig(SOURCE_ID, true, endpoint(source, "norepl", "pw-norepl-1"));
        PrecheckReport report = check(task("norepl", TaskMode.ALL, endpoint(target), List.of(instance(SOURCE_ID, null, "healthy"))), limited);
        CheckResult result = report.result(PrecheckItem.REPLICATION_PRIVILEGE, SOURCE_ID).orElseThrow();
        assertThat(result.state()).isEqualTo(CheckState.FAIL);
        assertThat(result.message()).isEqualTo("the source user norepl@127.0.0.1 lacks REPLICATION SLAVE on *.*, which reading the binlog needs");
        assertThat(result.instruction()).isEqualTo("GRANT REPLICATION SLAVE ON *.* TO 'norepl'@'127.0.0.1';");
        assertThat(report.failures()).containsExactly(result);

        // the DBA knows better: the item is skipped and the task may start
        TaskConfig ignoring = new TaskConfig("norepl", TaskMode.ALL, "sluice_meta", endpoint(target), List.of(instance(SOURCE_ID, null, "healthy")),
                LoadOptions.defaults(), SyncOptions.defaults(), Optional.empty(), false, List.of("replication_privilege"));
        PrecheckReport skipped = check(ignoring, limited);
        assertThat(skipped.passed()).isTrue();
        CheckResult skippedResult = skipped.result(PrecheckItem.REPLICATION_PRIVILEGE, SOURCE_ID).orElseThrow();
        assertThat(skippedResult.state()).isEqualTo(CheckState.SKIPPED);
        assertThat(skippedResult.message()).isEqualTo("skipped: ignore-checking-items lists replication_privilege");
        Map<String, Object> json = skipped.toDmJson();
        assertThat((String) json.get("msg")).isEqualTo("pre-check is passed; skipped by ignore-checking-items: replication_privilege");
        assertThat((List<?>) ((Map<?, ?>) json.get("checks")).get("results")).hasSize(16)
                .noneSatisfy(entry -> assertThat(((Map<?, ?>) entry).get("name")).isEqualTo("replication_privilege"));
    }

    @Test
    void sourceUserWithoutSelect() {
        source.execute("CREATE USER 'noselect'@'127.0.0.1' IDENTIFIED BY 'pw-noselect-1'",
                "GRANT REPLICATION SLAVE, BINLOG MONITOR ON *.* TO 'noselect'@'127.0.0.1'");
        SourceConfig limited = new SourceConfig(SOURCE_ID, true, endpoint(source, "noselect", "pw-noselect-1"));
        PrecheckReport report = check(task("noselect", TaskMode.ALL, endpoint(target), List.of(instance(SOURCE_ID, null, "healthy"))), limited);
        CheckResult result = report.result(PrecheckItem.DUMP_PRIVILEGE, SOURCE_ID).orElseThrow();
        assertThat(result.state()).isEqualTo(CheckState.FAIL);
        assertThat(result.message()).isEqualTo("the source user noselect@127.0.0.1 lacks SELECT on database `healthy` named by the task, "
                + "which the copy and the schema reader need");
        assertThat(result.instruction()).isEqualTo("GRANT SELECT ON `healthy`.* TO 'noselect'@'127.0.0.1';");
        // the user sees no table, which table_schema says too
        assertThat(report.result(PrecheckItem.TABLE_SCHEMA, SOURCE_ID).orElseThrow().message()).isEqualTo("the task selects no table on this source");
    }

    @Test
    void targetUserWithoutCreate() {
        target.execute("CREATE USER 'nocreate'@'127.0.0.1' IDENTIFIED BY 'pw-nocreate-1'",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON *.* TO 'nocreate'@'127.0.0.1'");
        PrecheckReport report = check(task("nocreate", TaskMode.ALL, endpoint(target, "nocreate", "pw-nocreate-1"), List.of(instance(SOURCE_ID, null, "healthy"))),
                sourceConfig(source, true));
        CheckResult result = report.result(PrecheckItem.TARGET_PRIVILEGE, CheckResult.TARGET).orElseThrow();
        assertThat(result.state()).isEqualTo(CheckState.FAIL);
        assertThat(result.message()).isEqualTo("the target user nocreate@127.0.0.1 lacks CREATE, DROP on database `healthy`, which creating and writing the "
                + "replicated tables needs; the target user nocreate@127.0.0.1 lacks CREATE on the meta schema `sluice_meta`, where Sluice keeps its checkpoints");
        assertThat(result.instruction()).isEqualTo("GRANT CREATE, DROP, ALTER, INDEX ON `healthy`.* TO 'nocreate'@'127.0.0.1'; "
                + "GRANT CREATE ON `sluice_meta`.* TO 'nocreate'@'127.0.0.1';");
        assertThat(report.failures()).containsExactly(result);
    }

    @Test
    void incrementalMetaInAPurgedBinlog(@Sandbox MariaDbServer purged) {
        purged.execute("CREATE DATABASE shop", "CREATE TABLE shop.t (id INT PRIMARY KEY)", "INSERT INTO shop.t VALUES (1)");
        String first = purged.query("SHOW MASTER STATUS").getFirst().getFirst();
        purged.execute("FLUSH BINARY LOGS", "INSERT INTO shop.t VALUES (2)", "FLUSH BINARY LOGS");
        String last = purged.query("SHOW MASTER STATUS").getFirst().getFirst();
        String oldest = purgeTo(purged, last);

        TaskConfig byFile = task("purged", TaskMode.INCREMENTAL, endpoint(target), List.of(instance(SOURCE_ID, new StartMeta(first, 4L, null), "shop")));
        CheckResult file = check(byFile, sourceConfig(purged, false)).result(PrecheckItem.META_POSITION, SOURCE_ID).orElseThrow();
        assertThat(file.state()).isEqualTo(CheckState.FAIL);
        assertThat(file.message()).isEqualTo("the task's meta " + first + ":4 is in a binlog the source has purged (the source has " + oldest + " to " + last + ")");
        assertThat(file.instruction()).startsWith("Set the meta of mysql-replica-01 in the task to a position the source still has (see SHOW BINARY LOGS)");

        String firstGtid = "0-" + purged.serverId() + "-1";
        TaskConfig byGtid = task("purged", TaskMode.INCREMENTAL, endpoint(target), List.of(instance(SOURCE_ID, new StartMeta(null, null, firstGtid), "shop")));
        CheckResult gtid = check(byGtid, sourceConfig(purged, true)).result(PrecheckItem.META_POSITION, SOURCE_ID).orElseThrow();
        assertThat(gtid.state()).isEqualTo(CheckState.FAIL);
        assertThat(gtid.message()).startsWith("the task's meta " + firstGtid + " needs domain 0 transactions after sequence 1, but the source purged them: "
                + "its oldest binlog " + oldest + " starts after 0-" + purged.serverId() + "-");
    }

    @Test
    void keylessTablesWarn() {
        source.execute("CREATE DATABASE keyless", "CREATE TABLE keyless.nokey (a INT, b INT)", "CREATE TABLE keyless.nullable_unique (a INT NULL, UNIQUE KEY (a))",
                "CREATE TABLE keyless.keyed (a INT NOT NULL, UNIQUE KEY (a))");
        PrecheckReport report = check(task("keyless", TaskMode.ALL, endpoint(target), List.of(instance(SOURCE_ID, null, "keyless"))), sourceConfig(source, true));
        CheckResult result = report.result(PrecheckItem.TABLE_SCHEMA, SOURCE_ID).orElseThrow();
        assertThat(result.state()).isEqualTo(CheckState.WARN);
        assertThat(result.message()).startsWith("`keyless`.`nokey`, `keyless`.`nullable_unique` have no primary key and no unique key on NOT NULL columns");
        assertThat(result.instruction()).contains("ADD PRIMARY KEY");
        assertThat(report.passed()).isTrue();
    }

    @Test
    void shardTablesWithDifferentColumnsMergedByARoute() {
        source.execute("CREATE DATABASE shard_cols_1", "CREATE TABLE shard_cols_1.t (id INT PRIMARY KEY, v INT)",
                "CREATE DATABASE shard_cols_2", "CREATE TABLE shard_cols_2.t (id INT PRIMARY KEY, v INT, extra VARCHAR(10))");
        // two instances read the one server as two sources: the check compares across sources
        RouteRule route = new RouteRule(matcher("shard_cols_*", "t"), Optional.of("merged_cols"), Optional.of("t"), "task.yaml routes.cols");
        TaskConfig task = task("shard-cols", TaskMode.ALL, endpoint(target), List.of(
                routed("source-a", "shard_cols_1", route, List.of()), routed("source-b", "shard_cols_2", route, List.of())));
        PrecheckReport report = check(task, new SourceConfig("source-a", true, endpoint(source)), new SourceConfig("source-b", true, endpoint(source)));
        for (String sourceId : List.of("source-a", "source-b")) {
            CheckResult result = report.result(PrecheckItem.SCHEMA_OF_SHARD_TABLES, sourceId).orElseThrow();
            assertThat(result.state()).isEqualTo(CheckState.FAIL);
            assertThat(result.message()).isEqualTo("tables merging into `merged_cols`.`t` have different columns: `shard_cols_1`.`t` on source-a has (id INT, v INT); "
                    + "`shard_cols_2`.`t` on source-b has (id INT, v INT, extra VARCHAR)");
            assertThat(result.instruction()).contains("ALTER TABLE ... ADD/DROP/MODIFY COLUMN");
        }
        assertThat(report.result(PrecheckItem.AUTO_INCREMENT_ID, "source-a").orElseThrow().state()).isEqualTo(CheckState.PASS);
    }

    @Test
    void autoIncrementCollisionOfMergedShards() {
        source.execute("CREATE DATABASE ai_1", "CREATE TABLE ai_1.t_1 (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, v INT)",
                "CREATE TABLE ai_1.t_2 (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, v INT)");
        RouteRule route = new RouteRule(matcher("ai_1", "t_*"), Optional.empty(), Optional.of("t"), "task.yaml routes.ai");
        PrecheckReport report = check(task("ai", TaskMode.ALL, endpoint(target), List.of(routed(SOURCE_ID, "ai_1", route, List.of()))), sourceConfig(source, true));
        CheckResult result = report.result(PrecheckItem.AUTO_INCREMENT_ID, SOURCE_ID).orElseThrow();
        assertThat(result.state()).isEqualTo(CheckState.FAIL);
        assertThat(result.findings()).hasSize(2);
        assertThat(result.findings().getFirst().message()).isEqualTo("`ai_1`.`t_1` on mysql-replica-01, `ai_1`.`t_2` on mysql-replica-01 merge into `ai_1`.`t`, "
                + "and `ai_1`.`t_1`.id is an auto-increment key: the tables' ids will collide on the target");
        assertThat(result.instruction()).contains("\"partition id\" on id").contains("auto_increment_ID to ignore-checking-items");
        assertThat(report.result(PrecheckItem.SCHEMA_OF_SHARD_TABLES, SOURCE_ID).orElseThrow().state()).isEqualTo(CheckState.PASS);

        PartitionIdRule partitionId = new PartitionIdRule(matcher("ai_*", "t_*"), "id", Optional.of(1), Optional.of("ai_"), Optional.of("t_"), Optional.empty(),
                "task.yaml column-mappings.ai");
        PrecheckReport separated = check(task("ai", TaskMode.ALL, endpoint(target), List.of(routed(SOURCE_ID, "ai_1", route, List.of(partitionId)))),
                sourceConfig(source, true));
        assertThat(separated.result(PrecheckItem.AUTO_INCREMENT_ID, SOURCE_ID).orElseThrow().state()).isEqualTo(CheckState.PASS);
    }

    @Test
    void wrongPasswordFailsTheSourceItemsAndNeverShowsThePassword() {
        String password = "Wr0ng-pa55word!";
        PrecheckReport report = check(task("badpw", TaskMode.ALL, endpoint(target), List.of(instance(SOURCE_ID, null, "healthy"))),
                new SourceConfig(SOURCE_ID, true, endpoint(source, source.user(), password)));
        assertThat(report.results()).filteredOn(result -> result.source().equals(SOURCE_ID)).hasSize(14)
                .allSatisfy(result -> {
                    assertThat(result.state()).isEqualTo(CheckState.FAIL);
                    assertThat(result.message()).contains("rejected user '" + source.user() + "'");
                });
        assertThat(report.results()).filteredOn(result -> result.source().equals(CheckResult.TARGET))
                .allSatisfy(result -> assertThat(result.state()).isEqualTo(CheckState.PASS));
        assertThat(report.toDmJson().toString()).doesNotContain(password).doesNotContain(source.password());
    }

    @Test
    void serverMessagesEchoingThePasswordAreRedacted() {
        // a contrived but real echo: the server quotes a rejected session value, here the target's password
        Endpoint echoing = new Endpoint("127.0.0.1", target.port(), target.user(), new Secret(target.password()),
                Map.of("default_storage_engine", target.password()), Optional.empty());
        PrecheckReport report = check(task("echo", TaskMode.ALL, echoing, List.of(instance(SOURCE_ID, null, "healthy"))), sourceConfig(source, true));
        CheckResult result = report.result(PrecheckItem.TARGET_PRIVILEGE, CheckResult.TARGET).orElseThrow();
        assertThat(result.state()).isEqualTo(CheckState.FAIL);
        assertThat(result.message()).contains("default_storage_engine").contains("******");
        assertThat(report.toDmJson().toString()).doesNotContain(target.password());
    }

    @Test
    void ignoringAllChecksNothing() {
        Endpoint nowhere = new Endpoint("127.0.0.1", 1, "nobody", new Secret("x"));
        TaskConfig task = new TaskConfig("all", TaskMode.ALL, "sluice_meta", nowhere, List.of(instance(SOURCE_ID, null, "healthy")),
                LoadOptions.defaults(), SyncOptions.defaults(), Optional.empty(), false, List.of("all"));
        PrecheckReport report = check(task, new SourceConfig(SOURCE_ID, true, nowhere));
        assertThat(report.results()).hasSize(17).allSatisfy(result -> assertThat(result.state()).isEqualTo(CheckState.SKIPPED));
        assertThat(report.passed()).isTrue();
    }

    private static CheckResult checkOne(MariaDbServer server, PrecheckItem item) {
        server.execute("CREATE DATABASE IF NOT EXISTS healthy", "CREATE TABLE IF NOT EXISTS healthy.orders (id BIGINT PRIMARY KEY)");
        PrecheckReport report = check(task(item.configName(), TaskMode.ALL, endpoint(target), List.of(instance(SOURCE_ID, null, "healthy"))),
                sourceConfig(server, true));
        return report.result(item, SOURCE_ID).orElseThrow();
    }

    private static PrecheckReport check(TaskConfig task, SourceConfig... sources) {
        return new TaskPrecheck(task, List.of(sources)).run();
    }

    @Test
    void aTableRenamedWhileTheTablesAreReadIsNoLongerSelected() throws Exception {
        source.execute("CREATE DATABASE racing", "CREATE TABLE racing.a (id INT PRIMARY KEY)", "CREATE TABLE racing.b (id INT PRIMARY KEY)");
        TableRules rules = new TableRules(InstanceRules.of(new BlockAllowList(List.of("racing"), List.of(), List.of(), List.of())), false);
        try (Connection connection = DriverManager.getConnection(source.jdbcUrl(), source.user(), source.password())) {
            // a DBA renames racing.a out of the selection after the listing and before its schema is read
            SourceTables tables = SourceTables.read(connection, rules, table -> List.of(), table -> {
                if (table.table().equals("a")) {
                    source.execute("RENAME TABLE racing.a TO racing.renamed");
                }
            });
            assertThat(tables.problems()).isEmpty();
            assertThat(tables.selected()).containsExactly(new TableId("racing", "b"));
            assertThat(tables.plans()).containsOnlyKeys(new TableId("racing", "b"));
        }
    }

    private static TaskConfig task(String name, TaskMode mode, Endpoint targetEndpoint, List<InstanceConfig> instances) {
        return new TaskConfig(name, mode, "sluice_meta", targetEndpoint, instances, LoadOptions.defaults(), SyncOptions.defaults(),
                Optional.empty(), false, List.of());
    }

    private static InstanceConfig instance(String sourceId, StartMeta meta, String database) {
        return new InstanceConfig(sourceId, meta, new BlockAllowList(List.of(database), List.of(), List.of(), List.of()));
    }

    private static InstanceConfig routed(String sourceId, String database, RouteRule route, List<PartitionIdRule> partitionIds) {
        return new InstanceConfig(sourceId, null, new InstanceRules(new BlockAllowList(List.of(database), List.of(), List.of(), List.of()), EventFilters.none(),
                List.of(), List.of(), partitionIds, new TableRoutes(List.of(route))));
    }

    private static TableMatcher matcher(String database, String table) {
        return TableMatcher.of(NamePattern.parse(database), NamePattern.parse(table));
    }

    private static SourceConfig sourceConfig(MariaDbServer server, boolean enableGtid) {
        return new SourceConfig(SOURCE_ID, enableGtid, endpoint(server));
    }

    private static Endpoint endpoint(MariaDbServer server) {
        return endpoint(server, server.user(), server.password());
    }

    private static Endpoint endpoint(MariaDbServer server, String user, String password) {
        return new Endpoint("127.0.0.1", server.port(), user, new Secret(password));
    }

    /**
     * Purges up to {@code last}. MariaDB keeps a binlog until its binlog checkpoint is written, which happens
     * asynchronously after the commit, so a purge right after FLUSH may leave one older file; retry briefly and
     * return the oldest binlog the server kept (at least the first one is gone, which is what the tests need).
     */
    private static String purgeTo(MariaDbServer server, String last) {
        String oldest = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            server.execute("PURGE BINARY LOGS TO '" + last + "'");
            oldest = server.query("SHOW BINARY LOGS").getFirst().getFirst();
            if (oldest.equals(last)) {
                return oldest;
            }
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return oldest;
    }
}
