package io.sluice.config;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.rule.ExpressionSyntax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Golden messages for invalid DM rules and unit settings: each case is a file and the exact reason,
 * which starts with {@code task.yaml:line:column}.
 */
class DmTaskFileErrorsTest
{
    // Seven lines; cases appending to it start at line 8, inside the single mysql-instances entry
    // when indented by four spaces.
    private static final String BASE = """
            name: test
            task-mode: all
            target-database:
              host: 127.0.0.1
              user: root
            mysql-instances:
              - source-id: mysql-01
            """;

    // Stands in for the MySQL module's parser: '==' is the one mistake it knows.
    private static final ExpressionSyntax SYNTAX = expression -> expression.contains("==")
            ? Optional.of("'==' is not a MySQL operator, use '='")
            : Optional.empty();

    static Stream<Arguments> errors()
    {
        return Stream.of(
                // References from mysql-instances
                error("unknown route rule with a close name",
                        BASE + "    route-rules: [route-2]\nroutes:\n  route-1: {schema-pattern: a, target-schema: b}\n",
                        "task.yaml:8:19: route rule 'route-2' is not defined; did you mean 'route-1'?"),
                error("unknown filter rule, none defined",
                        BASE + "    filter-rules: [f1]\n",
                        "task.yaml:8:20: filter rule 'f1' is not defined"),
                error("unknown column mapping rule",
                        BASE + "    column-mapping-rules:\n      - cm-1\n",
                        "task.yaml:9:9: column mapping rule 'cm-1' is not defined"),
                error("unknown expression filter",
                        BASE + "    expression-filters: [even]\nexpression-filter:\n  evens: {schema: s, table: t, insert-value-expr: 'a = 1'}\n",
                        "task.yaml:8:26: expression filter 'even' is not defined; did you mean 'evens'?"),
                error("unknown mydumper config",
                        BASE + "    mydumper-config-name: globl\nmydumpers:\n  global: {threads: 4}\n",
                        "task.yaml:8:27: mydumper config 'globl' is not defined; did you mean 'global'?"),
                error("unknown loader config",
                        BASE + "    loader-config-name: global\n",
                        "task.yaml:8:25: loader config 'global' is not defined"),
                error("unknown syncer config",
                        BASE + "    syncer-config-name: global\n",
                        "task.yaml:8:25: syncer config 'global' is not defined"),
                error("rule listed twice",
                        BASE + "    filter-rules: [f, f]\nfilters:\n  f: {schema-pattern: a, events: [insert], action: Ignore}\n",
                        "task.yaml:8:23: filter rule 'f' is listed twice in 'mysql-instances[0].filter-rules' (items 0 and 1)"),
                error("rule names as a string",
                        BASE + "    route-rules: r\n",
                        "task.yaml:8:18: 'route-rules' in 'mysql-instances[0]' must be a list, but is a string"),
                error("rule defined but not used",
                        BASE + "routes:\n  r: {schema-pattern: a, target-schema: b}\nfilters:\n  f: {schema-pattern: a, action: Do}\n",
                        "task.yaml:9:3: route rule 'r' is defined in 'routes' but no entry of 'mysql-instances' uses it"),
                error("unit config defined but not used",
                        BASE + "syncers:\n  global: {worker-count: 4}\n",
                        "task.yaml:9:3: syncer config 'global' is defined in 'syncers' but no entry of 'mysql-instances' uses it"),
                error("duplicate rule name",
                        BASE + "routes:\n  r: {schema-pattern: a, target-schema: b}\n  r: {schema-pattern: c, target-schema: d}\n",
                        "task.yaml:10:3: duplicate key 'r'; it is already set at line 9"),
                // Top level
                error("bad shard-mode",
                        BASE + "shard-mode: optimistc\n",
                        "task.yaml:8:13: 'shard-mode' at the top level of the task file must be pessimistic or optimistic, but is 'optimistc'; did you mean 'optimistic'?"),
                error("strict optimistic mode without optimistic mode",
                        BASE + "is-sharding: true\nstrict-optimistic-shard-mode: true\n",
                        "task.yaml:9:31: 'strict-optimistic-shard-mode' at the top level of the task file is true, which needs 'shard-mode: optimistic'"),
                error("case-sensitive not a boolean",
                        BASE + "case-sensitive: sometimes\n",
                        "task.yaml:8:17: 'case-sensitive' at the top level of the task file must be true or false, but is a string"),
                error("unknown checking item",
                        BASE + "ignore-checking-items: [binlog_fromat]\n",
                        "task.yaml:8:25: unknown checking item 'binlog_fromat' in 'ignore-checking-items[0]'; did you mean 'binlog_format'?"),
                error("checking item names are case-sensitive in DM",
                        BASE + "ignore-checking-items: [auto_increment_id]\n",
                        "task.yaml:8:25: unknown checking item 'auto_increment_id' in 'ignore-checking-items[0]'; did you mean 'auto_increment_ID'?"),
                error("online-ddl true",
                        BASE + "online-ddl: true\n",
                        "task.yaml:8:13: 'online-ddl: true' at the top level of the task file is not supported yet by Sluice"),
                // routes
                error("target-table without table-pattern",
                        BASE + "    route-rules: [r]\nroutes:\n  r:\n    schema-pattern: shop\n    target-schema: merged\n    target-table: orders\n",
                        "task.yaml:13:5: 'target-table' in 'routes.r' needs a 'table-pattern': a route without one moves whole schemas and keeps table names"),
                error("route without target-schema",
                        BASE + "    route-rules: [r]\nroutes:\n  r:\n    schema-pattern: shop\n",
                        "task.yaml:10:3: missing required key 'target-schema' in 'routes.r'"),
                error("route without schema-pattern",
                        BASE + "    route-rules: [r]\nroutes:\n  r: {target-schema: merged}\n",
                        "task.yaml:10:3: missing required key 'schema-pattern' in 'routes.r'"),
                error("route with extract-table",
                        BASE + "    route-rules: [r]\nroutes:\n  r:\n    schema-pattern: shop\n    target-schema: merged\n    extract-table: {table-regexp: 'x', target-column: c}\n",
                        "task.yaml:13:5: 'extract-table' is not supported yet by Sluice"),
                error("unknown key in a route",
                        BASE + "    route-rules: [r]\nroutes:\n  r:\n    schema-pattern: shop\n    target-shema: merged\n",
                        "task.yaml:12:5: unknown key 'target-shema' in 'routes.r'; did you mean 'target-schema'?"),
                error("regular expression in a route pattern",
                        BASE + "    route-rules: [r]\nroutes:\n  r: {schema-pattern: \"~^shop\", target-schema: merged}\n",
                        "task.yaml:10:23: 'schema-pattern' in 'routes.r' is a regular expression, but DM's routes, filters and column mappings take wildcards only"),
                error("invalid wildcard in a route",
                        BASE + "    route-rules: [r]\nroutes:\n  r: {schema-pattern: shop, table-pattern: \"*_log\", target-schema: merged}\n",
                        "task.yaml:10:44: invalid pattern in 'routes.r.table-pattern': invalid wildcard '*_log': '*' is allowed only once, as the last character; use a '~' regular expression for other patterns"),
                error("two routes with the same patterns and different targets",
                        BASE + "    route-rules: [r1, r2]\nroutes:\n  r1: {schema-pattern: \"shop_*\", table-pattern: \"t_*\", target-schema: a, target-table: t}\n"
                                + "  r2: {schema-pattern: \"SHOP_*\", table-pattern: \"t_*\", target-schema: b, target-table: t}\n",
                        "task.yaml:8:23: route rules 'r1' and 'r2' in 'mysql-instances[0].route-rules' both match shop_*.t_* but route it to a.t and b.t"),
                error("two schema routes with the same pattern",
                        BASE + "    route-rules: [r1, r2]\nroutes:\n  r1: {schema-pattern: shop, target-schema: a}\n  r2: {schema-pattern: shop, target-schema: b}\n",
                        "task.yaml:8:23: route rules 'r1' and 'r2' in 'mysql-instances[0].route-rules' both match shop but route it to a and b"),
                error("route as a list",
                        BASE + "    route-rules: [r]\nroutes:\n  r: [a]\n",
                        "task.yaml:10:6: 'routes.r' must be a mapping, but is a list"),
                // filters
                error("unknown event name",
                        BASE + "    filter-rules: [f]\nfilters:\n  f:\n    schema-pattern: shop\n    events: [\"insert\", \"truncate  tabel\"]\n    action: Ignore\n",
                        "task.yaml:12:24: unknown binlog event 'truncate  tabel' in 'filters.f.events[1]'; did you mean 'truncate table'?"),
                error("bad regular expression in sql-pattern",
                        BASE + "    filter-rules: [f]\nfilters:\n  f:\n    schema-pattern: shop\n    sql-pattern: [\"^DROP (TABLE\"]\n    action: Ignore\n",
                        "task.yaml:12:19: invalid sql-pattern in 'filters.f.sql-pattern[0]': Unclosed group at index 12"),
                error("bad action",
                        BASE + "    filter-rules: [f]\nfilters:\n  f: {schema-pattern: shop, events: [insert], action: Skip}\n",
                        "task.yaml:10:55: 'action' in 'filters.f' must be Do, Ignore or Error, but is 'Skip'"),
                error("filter without action",
                        BASE + "    filter-rules: [f]\nfilters:\n  f: {schema-pattern: shop, events: [insert]}\n",
                        "task.yaml:10:3: missing required key 'action' in 'filters.f'"),
                error("unknown key in a filter",
                        BASE + "    filter-rules: [f]\nfilters:\n  f: {schema-pattern: shop, event: [insert], action: Do}\n",
                        "task.yaml:10:29: unknown key 'event' in 'filters.f'; did you mean 'events'?"),
                // column-mappings
                error("add prefix",
                        BASE + "    column-mapping-rules: [c]\ncolumn-mappings:\n  c: {schema-pattern: s, target-column: id, expression: \"add prefix\", arguments: [x]}\n",
                        "task.yaml:10:57: column mapping expression 'add prefix' in 'column-mappings.c' is not supported yet by Sluice"),
                error("misspelt expression",
                        BASE + "    column-mapping-rules: [c]\ncolumn-mappings:\n  c: {schema-pattern: s, target-column: id, expression: \"partition-id\", arguments: ['1', a, b]}\n",
                        "task.yaml:10:57: unknown column mapping expression 'partition-id' in 'column-mappings.c'; did you mean 'partition id'?"),
                error("partition id with two arguments",
                        BASE + "    column-mapping-rules: [c]\ncolumn-mappings:\n  c:\n    schema-pattern: s\n    target-column: id\n    expression: partition id\n    arguments: ['1', a]\n",
                        "task.yaml:14:5: 'column-mappings.c.arguments' must list 3 or 4 arguments for partition id, but lists 2"),
                error("instance id too large",
                        BASE + "    column-mapping-rules: [c]\ncolumn-mappings:\n  c:\n    schema-pattern: s\n    target-column: id\n    expression: partition id\n    arguments: ['16', s, t]\n",
                        "task.yaml:14:17: the instance id '16' in 'column-mappings.c.arguments[0]' must be a whole number between 0 and 15, as it has 4 bits"),
                error("partition id on two columns",
                        BASE + "    column-mapping-rules: [c]\ncolumn-mappings:\n  c:\n    schema-pattern: s\n    source-column: uid\n    target-column: id\n    expression: partition id\n    arguments: ['1', s, t]\n",
                        "task.yaml:12:20: 'source-column' in 'column-mappings.c' is 'uid' but 'target-column' is 'id'; partition id rewrites the value of one column in place"),
                error("partition id without target-column",
                        BASE + "    column-mapping-rules: [c]\ncolumn-mappings:\n  c: {schema-pattern: s, expression: partition id, arguments: ['1', s, t]}\n",
                        "task.yaml:10:3: missing required key 'target-column' in 'column-mappings.c'"),
                error("create-table-query",
                        BASE + "    column-mapping-rules: [c]\ncolumn-mappings:\n  c:\n    schema-pattern: s\n    create-table-query: CREATE TABLE t (id BIGINT)\n",
                        "task.yaml:12:5: 'create-table-query' is not supported yet by Sluice"),
                // expression-filter
                error("expression syntax error",
                        BASE + "    expression-filters: [e]\nexpression-filter:\n  e:\n    schema: s\n    table: t\n    insert-value-expr: \"c == 1\"\n",
                        "task.yaml:13:24: invalid expression 'c == 1' in 'expression-filter.e.insert-value-expr': '==' is not a MySQL operator, use '='"),
                error("insert and update expressions in one rule",
                        BASE + "    expression-filters: [e]\nexpression-filter:\n  e:\n    schema: s\n    table: t\n    insert-value-expr: \"c = 1\"\n    update-new-value-expr: \"c = 2\"\n",
                        "task.yaml:14:5: 'insert-value-expr' and 'update-new-value-expr' cannot both be set in 'expression-filter.e': a rule filters inserts, updates or deletes"),
                error("update and delete expressions in one rule",
                        BASE + "    expression-filters: [e]\nexpression-filter:\n  e:\n    schema: s\n    table: t\n    delete-value-expr: \"c = 1\"\n    update-old-value-expr: \"c = 2\"\n",
                        "task.yaml:14:5: 'delete-value-expr' and 'update-old-value-expr' cannot both be set in 'expression-filter.e': a rule filters inserts, updates or deletes"),
                error("expression filter without expression",
                        BASE + "    expression-filters: [e]\nexpression-filter:\n  e:\n    schema: s\n    table: t\n    delete-value-expr: \"\"\n",
                        "task.yaml:10:3: 'expression-filter.e' sets no expression"),
                error("expression filter without table",
                        BASE + "    expression-filters: [e]\nexpression-filter:\n  e: {schema: s, insert-value-expr: 'a = 1'}\n",
                        "task.yaml:10:3: missing required key 'table' in 'expression-filter.e'"),
                error("unknown key in an expression filter",
                        BASE + "    expression-filters: [e]\nexpression-filter:\n  e: {schema: s, table: t, insert-value-exp: 'a = 1'}\n",
                        "task.yaml:10:28: unknown key 'insert-value-exp' in 'expression-filter.e'; did you mean 'insert-value-expr'?"),
                // mydumpers, loaders, syncers
                error("inline and named mydumper",
                        BASE + "    mydumper-config-name: global\n    mydumper:\n      threads: 4\nmydumpers:\n  global: {threads: 8}\n",
                        "task.yaml:9:5: 'mydumper-config-name' and 'mydumper' cannot both be set in 'mysql-instances[0]'"),
                error("inline and named syncer, inline first",
                        BASE + "    syncer: {batch: 10}\n    syncer-config-name: global\nsyncers:\n  global: {batch: 10}\n",
                        "task.yaml:9:5: 'syncer-config-name' and 'syncer' cannot both be set in 'mysql-instances[0]'"),
                error("negative threads",
                        BASE + "    mydumper: {threads: -1}\n",
                        "task.yaml:8:25: 'threads' in 'mysql-instances[0].mydumper' must be between 1 and 64, but is -1"),
                error("negative mydumper-thread",
                        BASE + "    mydumper-thread: -2\n",
                        "task.yaml:8:22: 'mydumper-thread' in 'mysql-instances[0]' must be between 0 and 64, but is -2"),
                error("zero pool-size",
                        BASE + "    loader-config-name: g\nloaders:\n  g:\n    pool-size: 0\n",
                        "task.yaml:11:16: 'pool-size' in 'loaders.g' must be between 1 and 64, but is 0"),
                error("too many sync workers",
                        BASE + "    syncer-thread: 300\n",
                        "task.yaml:8:20: 'syncer-thread' in 'mysql-instances[0]' must be between 0 and 256, but is 300"),
                error("batch as a string",
                        BASE + "    syncer: {batch: \"100\"}\n",
                        "task.yaml:8:21: 'batch' in 'mysql-instances[0].syncer' must be an integer, but is a string"),
                error("unknown key in mydumpers",
                        BASE + "    mydumper-config-name: g\nmydumpers:\n  g: {thread: 4}\n",
                        "task.yaml:10:7: unknown key 'thread' in 'mydumpers.g'; did you mean 'threads'?"),
                error("unknown key in an inline loader",
                        BASE + "    loader: {poolsize: 4}\n",
                        "task.yaml:8:14: unknown key 'poolsize' in 'mysql-instances[0].loader'; did you mean 'pool-size'?"),
                error("unknown key in syncers",
                        BASE + "    syncer-config-name: g\nsyncers:\n  g: {worker_count: 4}\n",
                        "task.yaml:10:7: unknown key 'worker_count' in 'syncers.g'; did you mean 'worker-count'?"),
                error("mydumper where",
                        BASE + "    mydumper: {where: \"id > 10\"}\n",
                        "task.yaml:8:23: 'where' in 'mysql-instances[0].mydumper' is not supported yet by Sluice: it would copy only some rows"),
                error("mydumper extra-args choosing tables",
                        BASE + "    mydumper: {extra-args: \"--consistency none -T shop.orders\"}\n",
                        "task.yaml:8:28: 'extra-args' in 'mysql-instances[0].mydumper' passes '-T', which chooses what is copied; Sluice does not run dumpling and copies what the block-allow list selects"),
                error("physical import",
                        BASE + "    loader: {import-mode: physical}\n",
                        "task.yaml:8:27: 'import-mode: physical' in 'mysql-instances[0].loader' is not supported by Sluice: it imports sorted files into TiDB's storage"),
                error("on-duplicate replace",
                        BASE + "    loader: {on-duplicate-logical: replace}\n",
                        "task.yaml:8:36: 'on-duplicate-logical: replace' in 'mysql-instances[0].loader' is not supported by Sluice: the copy stops when a target table already holds a row with the same key"),
                error("unknown on-duplicate",
                        BASE + "    loader: {on-duplicate: replce}\n",
                        "task.yaml:8:28: 'on-duplicate' in 'mysql-instances[0].loader' must be one of replace, error, ignore, but is 'replce'; did you mean 'replace'?"),
                error("enable-ansi-quotes true",
                        BASE + "    syncer: {enable-ansi-quotes: true}\n",
                        "task.yaml:8:34: 'enable-ansi-quotes: true' in 'mysql-instances[0].syncer' is not supported yet by Sluice: it parses DDL with MySQL's default quoting"),
                error("bad safe-mode-duration",
                        BASE + "    syncer: {safe-mode-duration: 60 seconds}\n",
                        "task.yaml:8:34: 'safe-mode-duration' in 'mysql-instances[0].syncer' must be a duration such as 60s or 1m30s, but is '60 seconds'"),
                error("safe mode with a zero duration",
                        BASE + "    syncer: {safe-mode: true, safe-mode-duration: 0s}\n",
                        "task.yaml:8:51: 'safe-mode-duration' in 'mysql-instances[0].syncer' is zero, which contradicts 'safe-mode: true'"),
                error("different rows per instance",
                        BASE + "    mydumper: {rows: 1000}\n  - source-id: mysql-02\n    mydumper: {rows: 2000}\n",
                        "task.yaml:10:22: 'mysql-instances[1].mydumper.rows' is 2000, but 'mysql-instances[0].mydumper.rows' at line 8 is 1000; Sluice applies one chunk size to all sources of a task"),
                error("different safe mode per instance",
                        BASE + "    syncer-config-name: a\n  - source-id: mysql-02\n    syncer-config-name: b\nsyncers:\n  a: {safe-mode: true}\n  b: {safe-mode: false}\n",
                        "task.yaml:13:18: 'syncers.b.safe-mode' is false, but 'syncers.a.safe-mode' at line 12 is true; Sluice applies one safe mode to all sources of a task"),
                error("copy threads set twice",
                        BASE + "    loader-thread: 8\nloader:\n  copy-threads: 4\n",
                        "task.yaml:10:3: 'copy-threads' in 'loader' and 'mysql-instances[0].loader-thread' at line 8 both set how many tables are copied at once"),
                error("unknown key in Sluice's loader block",
                        BASE + "loader:\n  pool-size: 8\n",
                        "task.yaml:9:3: unknown key 'pool-size' in 'loader'"),
                // target-database
                error("session variable Sluice sets itself",
                        BASE.replace("  user: root", "  user: root\n  session:\n    Time_Zone: \"+08:00\""),
                        "task.yaml:7:5: 'Time_Zone' in 'target-database.session' cannot be set: Sluice sets it itself on every connection"),
                error("session variable name not an identifier",
                        BASE.replace("  user: root", "  user: root\n  session:\n    sql-mode: ANSI"),
                        "task.yaml:7:5: 'sql-mode' in 'target-database.session' is not a system variable name"),
                error("session variable set twice",
                        BASE.replace("  user: root", "  user: root\n  session:\n    lock_wait_timeout: 5\n    LOCK_WAIT_TIMEOUT: 6"),
                        "task.yaml:8:5: 'LOCK_WAIT_TIMEOUT' in 'target-database.session' is already set as 'lock_wait_timeout' at line 7; variable names do not depend on case"),
                error("session as a list",
                        BASE.replace("  user: root", "  user: root\n  session: [a]"),
                        "task.yaml:6:12: 'target-database.session' must be a mapping, but is a list"),
                error("cert-allowed-cn",
                        BASE.replace("  user: root", "  user: root\n  security:\n    cert-allowed-cn: [dm]"),
                        "task.yaml:7:5: 'cert-allowed-cn' is not supported yet by Sluice"),
                error("unknown key in security",
                        BASE.replace("  user: root", "  user: root\n  security:\n    ssl-ca-path: ca.pem"),
                        "task.yaml:7:5: unknown key 'ssl-ca-path' in 'target-database.security'"),
                error("missing CA file",
                        BASE.replace("  user: root", "  user: root\n  security:\n    ssl-ca: /nonexistent/ca.pem"),
                        "task.yaml:7:13: 'ssl-ca' in 'target-database.security' names '/nonexistent/ca.pem', which does not exist or is not a readable file"),
                error("security without certificates",
                        BASE.replace("  user: root", "  user: root\n  security: {ssl-ca: \"\"}"),
                        "task.yaml:6:3: 'target-database.security' sets no certificate, so the connection would not use TLS"),
                error("unknown key in target-database",
                        BASE.replace("  user: root", "  user: root\n  sesion: {}"),
                        "task.yaml:6:3: unknown key 'sesion' in 'target-database'; did you mean 'session'?"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void testError(String yaml, String reason)
    {
        assertThatThrownBy(() -> TaskFiles.readTask(yaml, "task.yaml", SYNTAX))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CONFIG);
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.fix()).isNotBlank();
                });
    }

    @Test
    void testClientCertificateNeedsKey(@TempDir Path directory)
            throws IOException
    {
        Path cert = Files.writeString(directory.resolve("client.pem"), "cert");
        String yaml = BASE.replace("  user: root", "  user: root\n  security:\n    ssl-cert: \"" + cert + "\"");
        assertThatThrownBy(() -> TaskFiles.readTask(yaml, "task.yaml"))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.reason()).isEqualTo("task.yaml:7:5: 'ssl-cert' in 'target-database.security' needs 'ssl-key' as well: a client certificate is used together with its private key");
                    assertThat(e.fix()).isEqualTo("Add 'ssl-key' with the path of the PEM file, or remove 'ssl-cert'.");
                });
    }

    @Test
    void testExpressionsAreUncheckedByDefault()
    {
        String yaml = BASE + "    expression-filters: [e]\nexpression-filter:\n  e: {schema: s, table: t, insert-value-expr: \"c == 1\"}\n";
        assertThat(TaskFiles.readTask(yaml, "task.yaml").instances().getFirst().rules().rowPredicates().getFirst().insertValueExpr())
                .contains("c == 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "collation_compatible: strict",
            "online-ddl-scheme: gh-ost",
            "shadow-table-rules: [\"^_(.+)_(?:new|gho)$\"]",
            "trash-table-rules: [\"^_(.+)_(?:ghc|del|old)$\"]",
            "validators: {}",
            "timezone: Asia/Shanghai",
            "remove-meta: true",
            "enable-ansi-quotes: true",
            "ansi-quotes: true",
            "mariadb2tidb: {mode: off}",
            "experimental: {async-checkpoint-flush: true}",
    })
    void testTopLevelKeysNotSupportedYet(String line)
    {
        String key = line.substring(0, line.indexOf(':'));
        assertThatThrownBy(() -> TaskFiles.readTask(BASE + line + "\n", "task.yaml"))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.reason()).isEqualTo("task.yaml:8:1: '" + key + "' is not supported yet by Sluice");
                    assertThat(e.fix()).startsWith("Remove '" + key + "' from the task file;");
                });
    }

    @Test
    void testFixes()
    {
        assertThat(fix(BASE + "    route-rules: [route-3]\nroutes:\n  route-1: {schema-pattern: a, target-schema: b}\n  route-2: {schema-pattern: c, target-schema: d}\n"))
                .isEqualTo("Define 'route-3' under the top-level 'routes', or use one of: route-1, route-2.");
        assertThat(fix(BASE + "    route-rules: [r1, r2]\nroutes:\n  r1: {schema-pattern: a, target-schema: b}\n  r2: {schema-pattern: a, target-schema: c}\n"))
                .isEqualTo("Remove one of the two from 'mysql-instances[0].route-rules', or give them different patterns: each table may match one route with a table pattern and one without.");
        assertThat(fix(BASE + "    filter-rules: [f]\n"))
                .isEqualTo("Define 'f' under a top-level 'filters' block, or remove the reference.");
        assertThat(fix(BASE + "routes:\n  r: {schema-pattern: a, target-schema: b}\n"))
                .isEqualTo("Name it in 'route-rules' of the mysql-instances entries it is meant for, or remove it; DM rejects unused rules too.");
        assertThat(fix(BASE + "    mydumper-config-name: g\n    mydumper: {}\nmydumpers:\n  g:\n"))
                .isEqualTo("Keep either 'mydumper-config-name' (a name from the top-level 'mydumpers') or the inline 'mydumper' block.");
        assertThat(fix(BASE + "timezone: UTC\n"))
                .isEqualTo("Remove 'timezone' from the task file; Sluice rejects settings it cannot apply rather than replicate without them. Sluice exchanges TIMESTAMP values in UTC, which needs no time zone setting.");
        assertThat(fix(BASE + "    mydumper: {rows: 1}\n  - source-id: b\n    mydumper: {rows: 2}\n"))
                .isEqualTo("Use the same value for every mysql-instances entry, for example by naming one shared config.");
    }

    private static String fix(String yaml)
    {
        try {
            TaskFiles.readTask(yaml, "task.yaml");
        }
        catch (SluiceException e) {
            return e.fix();
        }
        throw new AssertionError("no error for:\n" + yaml);
    }

    private static Arguments error(String description, String yaml, String reason)
    {
        return argumentSet(description, yaml, reason);
    }
}
