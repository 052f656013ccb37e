package io.sluice.config;

import io.sluice.core.config.Secret;
import io.sluice.core.rule.EventFilterRule;
import io.sluice.core.rule.EventFilters;
import io.sluice.core.rule.EventType;
import io.sluice.core.rule.InstanceRules;
import io.sluice.core.rule.PartitionIdRule;
import io.sluice.core.rule.RouteRule;
import io.sluice.core.rule.RowPredicateRule;
import io.sluice.core.rule.TableMatcher;
import io.sluice.core.rule.TableRoutes;
import io.sluice.core.schema.TableId;
import io.sluice.core.task.BlockAllowList;
import io.sluice.core.task.Endpoint;
import io.sluice.core.task.InstanceConfig;
import io.sluice.core.task.LoadOptions;
import io.sluice.core.task.NamePattern;
import io.sluice.core.task.ShardMode;
import io.sluice.core.task.StartMeta;
import io.sluice.core.task.SyncOptions;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden test: a DM task file that uses every key Sluice reads, and the exact model it becomes,
 * origins included. The line numbers in the expected origins are those of the text block below.
 */
class DmTaskFileTest
{
    @TempDir
    static Path directory;

    private static String ca;
    private static String cert;
    private static String key;

    @BeforeAll
    static void createTlsFiles()
            throws IOException
    {
        // Only their existence is checked when the task is read.
        ca = Files.writeString(directory.resolve("ca.pem"), "ca").toString();
        cert = Files.writeString(directory.resolve("client.pem"), "cert").toString();
        key = Files.writeString(directory.resolve("client.key"), "key").toString();
    }

    private static String task()
    {
        return """
                # A DM task using every key Sluice reads.
                name: shard-merge
                task-mode: all
                shard-mode: optimistic
                is-sharding: true
                strict-optimistic-shard-mode: true
                meta-schema: dm_meta
                case-sensitive: false
                ignore-checking-items: ["auto_increment_ID", "schema_of_shard_tables"]
                online-ddl: false
                clean-dump-file: true
                enable-heartbeat: false
                heartbeat-update-interval: 1
                heartbeat-report-interval: 10

                target-database:
                  host: "10.0.0.2"
                  port: 3306
                  user: "root"
                  password: "s3cr3t"
                  max-allowed-packet: 67108864
                  session:
                    lock_wait_timeout: 50
                    sql_quote_show_create: ON
                    tx_isolation: "READ-COMMITTED"
                  security:
                    ssl-ca: "CA"
                    ssl-cert: "CERT"
                    ssl-key: "KEY"

                mysql-instances:
                  - source-id: "mysql-replica-01"
                    meta:
                      binlog-name: binlog.000001
                      binlog-pos: 4
                    block-allow-list: "bal-1"
                    route-rules: ["route-schema", "route-table"]
                    filter-rules: ["filter-ddl", "filter-sql"]
                    column-mapping-rules: ["instance-1-id"]
                    expression-filters: ["even-c"]
                    mydumper-config-name: "global"
                    loader-config-name: "global"
                    syncer-config-name: "global"
                  - source-id: "mysql-replica-02"
                    black-white-list: "bal-1"
                    route-rules: ["route-schema", "route-table"]
                    filter-rules: ["filter-ddl"]
                    column-mapping-rules: ["instance-2-id"]
                    expression-filters: ["updates", "deletes"]
                    mydumper:
                      threads: 8
                      rows: 20000
                      chunk-filesize: 64
                      statement-size: 1000000
                      skip-tz-utc: true
                      extra-args: "--consistency none"
                      mydumper-path: "./bin/mydumper"
                      where: ""
                    mydumper-thread: 16
                    loader:
                      pool-size: 4
                      dir: "./dumped_data"
                      import-mode: logical
                      on-duplicate: error
                      on-duplicate-logical: error
                      on-duplicate-physical: none
                      sorting-dir-physical: "./sort"
                      disk-quota-physical: "10GiB"
                      checksum-physical: required
                      analyze: optional
                      range-concurrency: 16
                      compress-kv-pairs: "gz"
                      pd-addr: "127.0.0.1:2379"
                    loader-thread: 0
                    syncer:
                      worker-count: 8
                      batch: 100
                      safe-mode: false
                    syncer-thread: 32

                block-allow-list:
                  bal-1:
                    do-dbs: ["shard_*"]

                routes:
                  route-schema:
                    schema-pattern: "shard_*"
                    target-schema: "merged"
                  route-table:
                    schema-pattern: "shard_*"
                    table-pattern: "orders_*"
                    target-schema: "merged"
                    target-table: "orders"

                filters:
                  filter-ddl:
                    schema-pattern: "shard_*"
                    events: ["drop database", "Truncate  Table"]
                    action: Ignore
                  filter-sql:
                    schema-pattern: "shard_*"
                    table-pattern: "orders_?"
                    sql-pattern: ["^ALTER\\\\s+TABLE.*DROP"]
                    action: error

                column-mappings:
                  instance-1-id:
                    schema-pattern: "shard_*"
                    table-pattern: "orders_*"
                    source-column: "id"
                    target-column: "id"
                    expression: "partition id"
                    arguments: ["1", "shard", "orders", "_"]
                  instance-2-id:
                    schema-pattern: "shard_*"
                    table-pattern: "orders_*"
                    target-column: "id"
                    expression: "partition id"
                    arguments: [2, "", "orders"]

                expression-filter:
                  even-c:
                    schema: "shard_1"
                    table: "orders_1"
                    insert-value-expr: "c % 2 = 0"
                  updates:
                    schema: "shard_2"
                    table: "orders_2"
                    update-old-value-expr: "c > 1"
                    update-new-value-expr: "c < 10"
                  deletes:
                    schema: "shard_2"
                    table: "orders_2"
                    delete-value-expr: "status = 'archived'"

                mydumpers:
                  global:
                    threads: 4
                    rows: 20000
                    chunk-filesize: "64"
                    skip-tz-utc: true
                    extra-args: ""

                loaders:
                  global:
                    pool-size: 12
                    dir: "./dumped_data"

                syncers:
                  global:
                    worker-count: 16
                    batch: 100
                    queue-size: 1024
                    checkpoint-flush-interval: 30
                    compact: true
                    multiple-rows: true
                    max-retry: 100
                    safe-mode: false
                    safe-mode-duration: "60s"
                    enable-ansi-quotes: false
                    auto-fix-gtid: false
                    enable-gtid: false
                    disable-detect: false
                    meta-file: ""

                loader:
                  drop-table-if-exists: true
                  skip-create-table: false
                """.replace("\"CA\"", "\"" + ca + "\"").replace("\"CERT\"", "\"" + cert + "\"").replace("\"KEY\"", "\"" + key + "\"");
    }

    @Test
    void testCompleteTask()
    {
        List<String> checked = new ArrayList<>();
        TaskConfig task = TaskFiles.readTask(task(), "task.yaml", expression -> {
            checked.add(expression);
            return Optional.empty();
        });

        Map<String, String> session = new LinkedHashMap<>();
        session.put("lock_wait_timeout", "50");
        session.put("sql_quote_show_create", "ON");
        session.put("tx_isolation", "READ-COMMITTED");
        Endpoint target = new Endpoint("10.0.0.2", 3306, "root", new Secret("s3cr3t"), session,
                Optional.of(new Endpoint.Tls(Optional.of(ca), Optional.of(cert), Optional.of(key), List.of())));

        NamePattern shards = NamePattern.parse("shard_*", false);
        NamePattern orders = NamePattern.parse("orders_*", false);
        BlockAllowList bal = new BlockAllowList(List.of("shard_*"), List.of(), List.of(), List.of());
        TableRoutes routes = new TableRoutes(List.of(
                new RouteRule(new TableMatcher(shards, Optional.empty()), Optional.of("merged"), Optional.empty(), "task.yaml:86:3 routes.route-schema"),
                new RouteRule(TableMatcher.of(shards, orders), Optional.of("merged"), Optional.of("orders"), "task.yaml:89:3 routes.route-table")));
        EventFilterRule filterDdl = new EventFilterRule(new TableMatcher(shards, Optional.empty()),
                EnumSet.of(EventType.DROP_DATABASE, EventType.TRUNCATE_TABLE), List.of(), EventFilterRule.Action.IGNORE,
                "task.yaml:96:3 filters.filter-ddl");
        EventFilterRule filterSql = new EventFilterRule(TableMatcher.of(shards, NamePattern.parse("orders_?", false)),
                Set.of(), List.of("^ALTER\\s+TABLE.*DROP"), EventFilterRule.Action.ERROR, "task.yaml:100:3 filters.filter-sql");
        PartitionIdRule instance1Id = new PartitionIdRule(TableMatcher.of(shards, orders), "id", Optional.of(1), Optional.of("shard"),
                Optional.of("orders"), Optional.of("_"), "task.yaml:107:3 column-mappings.instance-1-id");
        PartitionIdRule instance2Id = new PartitionIdRule(TableMatcher.of(shards, orders), "id", Optional.of(2), Optional.empty(),
                Optional.of("orders"), Optional.empty(), "task.yaml:114:3 column-mappings.instance-2-id");
        RowPredicateRule evenC = new RowPredicateRule(TableMatcher.of(NamePattern.exact("shard_1", false), NamePattern.exact("orders_1", false)),
                Optional.empty(), Optional.of("c % 2 = 0"), Optional.empty(), Optional.empty(), Optional.empty(), "task.yaml:122:3 expression-filter.even-c");
        TableMatcher shard2Orders2 = TableMatcher.of(NamePattern.exact("shard_2", false), NamePattern.exact("orders_2", false));
        RowPredicateRule updates = new RowPredicateRule(shard2Orders2, Optional.empty(), Optional.empty(), Optional.of("c > 1"), Optional.of("c < 10"),
                Optional.empty(), "task.yaml:126:3 expression-filter.updates");
        RowPredicateRule deletes = new RowPredicateRule(shard2Orders2, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("status = 'archived'"), "task.yaml:131:3 expression-filter.deletes");

        TaskConfig expected = new TaskConfig(
                "shard-merge",
                TaskMode.ALL,
                "dm_meta",
                target,
                List.of(
                        new InstanceConfig("mysql-replica-01", new StartMeta("binlog.000001", 4L, null),
                                new InstanceRules(bal, new EventFilters(List.of(filterDdl, filterSql)), List.of(evenC), List.of(), List.of(instance1Id), routes)),
                        new InstanceConfig("mysql-replica-02", null,
                                new InstanceRules(bal, new EventFilters(List.of(filterDdl)), List.of(updates, deletes), List.of(), List.of(instance2Id), routes))),
                // copy threads: the largest of 4, 12 (global) and 16 (mydumper-thread over threads: 8), 4 (loader-thread 0 is unset)
                new LoadOptions(true, false, 20000, 16),
                // workers: the largest of 16 (global) and 32 (syncer-thread over worker-count: 8)
                new SyncOptions(32, 100, SyncOptions.DEFAULT_GROUP_AGE, false),
                Optional.of(ShardMode.OPTIMISTIC),
                false,
                List.of("auto_increment_ID", "schema_of_shard_tables"));

        assertThat(task).isEqualTo(expected);
        // Identical components do not prove the origins: compare them one by one as well.
        assertThat(task.instances().getFirst().rules().routes().rules()).extracting(RouteRule::origin)
                .containsExactly("task.yaml:86:3 routes.route-schema", "task.yaml:89:3 routes.route-table");
        assertThat(task.instances().getFirst().rules().eventFilters().rules()).extracting(EventFilterRule::origin)
                .containsExactly("task.yaml:96:3 filters.filter-ddl", "task.yaml:100:3 filters.filter-sql");
        assertThat(task.instances().get(1).rules().rowPredicates()).extracting(RowPredicateRule::origin)
                .containsExactly("task.yaml:126:3 expression-filter.updates", "task.yaml:131:3 expression-filter.deletes");
        assertThat(checked).containsExactly("c % 2 = 0", "c > 1", "c < 10", "status = 'archived'");
        assertThat(task.target().session()).containsExactly(
                Map.entry("lock_wait_timeout", "50"), Map.entry("sql_quote_show_create", "ON"), Map.entry("tx_isolation", "READ-COMMITTED"));
        assertThat(task.toString()).doesNotContain("s3cr3t");

        // The rules behave as DM documents them.
        InstanceRules first = task.instances().getFirst().rules();
        assertThat(first.routes().route(new TableId("SHARD_3", "orders_7"))).isEqualTo(new TableId("merged", "orders"));
        assertThat(first.routes().route(new TableId("shard_3", "customers"))).isEqualTo(new TableId("merged", "customers"));
        assertThat(first.routes().route(new TableId("other", "orders_1"))).isEqualTo(new TableId("other", "orders_1"));
        assertThat(first.eventFilters().decide("shard_1", null, EventType.parse("drop database"), "DROP DATABASE shard_1").verdict())
                .isEqualTo(EventFilters.Verdict.IGNORE);
        assertThat(first.eventFilters().decide("shard_1", "orders_1", EventType.parse("alter table"), "alter table orders_1 drop c").verdict())
                .isEqualTo(EventFilters.Verdict.ERROR);
        assertThat(first.eventFilters().decide("shard_1", "orders_1", EventType.parse("insert"), null).verdict())
                .isEqualTo(EventFilters.Verdict.APPLY);
    }

    @Test
    void testLegacySharding()
    {
        TaskConfig task = TaskFiles.readTask("""
                name: t
                task-mode: all
                is-sharding: true
                target-database: {host: h, user: u}
                mysql-instances: [{source-id: s}]
                """, "task.yaml");
        assertThat(task.shardMode()).contains(ShardMode.PESSIMISTIC);
        assertThat(TaskFiles.readTask("""
                name: t
                task-mode: all
                is-sharding: false
                shard-mode: Pessimistic
                target-database: {host: h, user: u}
                mysql-instances: [{source-id: s}]
                """, "task.yaml").shardMode()).contains(ShardMode.PESSIMISTIC);
        assertThat(TaskFiles.readTask("""
                name: t
                task-mode: all
                target-database: {host: h, user: u}
                mysql-instances: [{source-id: s}]
                """, "task.yaml").shardMode()).isEmpty();
    }

    @Test
    void testCaseSensitiveNames()
    {
        String yaml = """
                name: t
                task-mode: all
                case-sensitive: CS
                target-database: {host: h, user: u}
                mysql-instances: [{source-id: s, route-rules: [r], expression-filters: [e]}]
                routes:
                  r: {schema-pattern: "Shop*", target-schema: merged}
                expression-filter:
                  e: {schema: Shop, table: Orders, delete-value-expr: "1 = 1"}
                """;
        TaskConfig sensitive = TaskFiles.readTask(yaml.replace("CS", "true"), "task.yaml");
        assertThat(sensitive.caseSensitive()).isTrue();
        InstanceRules rules = sensitive.instances().getFirst().rules();
        assertThat(rules.routes().route(new TableId("shop1", "t"))).isEqualTo(new TableId("shop1", "t"));
        assertThat(rules.routes().route(new TableId("Shop1", "t"))).isEqualTo(new TableId("merged", "t"));
        assertThat(rules.rowPredicates().getFirst().matcher().matches("shop", "orders")).isFalse();

        TaskConfig insensitive = TaskFiles.readTask(yaml.replace("CS", "false"), "task.yaml");
        InstanceRules loose = insensitive.instances().getFirst().rules();
        assertThat(loose.routes().route(new TableId("shop1", "t"))).isEqualTo(new TableId("merged", "t"));
        assertThat(loose.rowPredicates().getFirst().matcher().matches("shop", "orders")).isTrue();
    }

    @Test
    void testUnitSettingsPerTask()
    {
        // Without DM settings, Sluice's own loader block and defaults apply.
        String base = """
                name: t
                task-mode: all
                target-database: {host: h, user: u}
                mysql-instances:
                  - source-id: a
                  - source-id: b
                """;
        TaskConfig plain = TaskFiles.readTask(base + "loader: {chunk-rows: 500, copy-threads: 2}\n", "task.yaml");
        assertThat(plain.load()).isEqualTo(new LoadOptions(false, false, 500, 2));
        assertThat(plain.sync()).isEqualTo(SyncOptions.defaults());

        // The shortcuts alone set the thread counts; the largest wins.
        TaskConfig shortcuts = TaskFiles.readTask(base.replace("- source-id: a", "- source-id: a\n    loader-thread: 3\n    syncer-thread: 2")
                .replace("- source-id: b", "- source-id: b\n    mydumper-thread: 5\n    syncer: {safe-mode: true, batch: 10}"), "task.yaml");
        assertThat(shortcuts.load()).isEqualTo(new LoadOptions(false, false, LoadOptions.DEFAULT_CHUNK_ROWS, 5));
        assertThat(shortcuts.sync()).isEqualTo(new SyncOptions(2, 10, SyncOptions.DEFAULT_GROUP_AGE, true));

        // A named config without settings means DM's defaults, which change nothing in Sluice.
        TaskConfig empty = TaskFiles.readTask(base.replace("- source-id: a", "- source-id: a\n    syncer-config-name: g") + "syncers:\n  g:\n", "task.yaml");
        assertThat(empty.sync()).isEqualTo(SyncOptions.defaults());
    }

    @Test
    void testSessionValuesAsWritten()
    {
        TaskConfig task = TaskFiles.readTask("""
                name: t
                task-mode: all
                target-database:
                  host: h
                  user: u
                  session: {sql_log_bin: 0, innodb_lock_wait_timeout: 0x10, group_concat_max_len: "1_024"}
                mysql-instances: [{source-id: s}]
                """, "task.yaml");
        assertThat(task.target().session()).containsExactly(
                Map.entry("sql_log_bin", "0"), Map.entry("innodb_lock_wait_timeout", "0x10"), Map.entry("group_concat_max_len", "1_024"));
        assertThat(task.target().tls()).isEmpty();
    }
}
