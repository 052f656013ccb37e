package io.sluice.config;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Golden messages for invalid task files: each case is a file and the exact reason, which starts
 * with {@code task.yaml:line:column}.
 */
class TaskFileErrorsTest
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

    static Stream<Arguments> errors()
    {
        return Stream.of(
                // Keys
                error("unknown key close to a known one",
                        "nmae: test\n",
                        "task.yaml:1:1: unknown key 'nmae' at the top level of the task file; did you mean 'name'?"),
                error("unknown key with underscore",
                        BASE + "meta_schema: m\n",
                        "task.yaml:8:1: unknown key 'meta_schema' at the top level of the task file; did you mean 'meta-schema'?"),
                error("unknown key far from every known one",
                        BASE + "colour: blue\n",
                        "task.yaml:8:1: unknown key 'colour' at the top level of the task file"),
                error("unknown key in target-database",
                        BASE.replace("  user: root", "  usr: root"),
                        "task.yaml:5:3: unknown key 'usr' in 'target-database'; did you mean 'user'?"),
                error("unknown key in an instance",
                        BASE + "    sourceid: x\n",
                        "task.yaml:8:5: unknown key 'sourceid' in 'mysql-instances[0]'; did you mean 'source-id'?"),
                error("unknown key in meta, too far for a suggestion",
                        BASE + "    meta:\n      binlog-file: mysql-bin.000001\n",
                        "task.yaml:9:7: unknown key 'binlog-file' in 'mysql-instances[0].meta'"),
                error("unknown key in a rule",
                        BASE + "block-allow-list:\n  rule-1:\n    do-db: [a]\n",
                        "task.yaml:10:5: unknown key 'do-db' in 'block-allow-list.rule-1'; did you mean 'do-dbs'?"),
                error("unknown key in a table pattern",
                        BASE + "block-allow-list:\n  rule-1:\n    do-tables:\n    - db-name: a\n      table-name: t\n",
                        "task.yaml:12:7: unknown key 'table-name' in 'block-allow-list.rule-1.do-tables[0]'; did you mean 'tbl-name'?"),
                error("unknown key in loader",
                        BASE + "loader:\n  threads: 8\n",
                        "task.yaml:9:3: unknown key 'threads' in 'loader'"),
                error("duplicate key",
                        BASE + "name: again\n",
                        "task.yaml:8:1: duplicate key 'name'; it is already set at line 1"),
                error("DM key not supported yet, top level",
                        BASE + "shadow-table-rules:\n  - \"^_(.+)_(?:new|gho)$\"\n",
                        "task.yaml:8:1: 'shadow-table-rules' is not supported yet by Sluice"),
                error("DM key not supported yet, instance",
                        BASE + "    validator-config-name: \"global\"\n",
                        "task.yaml:8:5: 'validator-config-name' is not supported yet by Sluice"),
                error("DM key not supported yet, target-database",
                        BASE.replace("  user: root", "  user: root\n  security:\n    cert-allowed-cn: [dm]"),
                        "task.yaml:7:5: 'cert-allowed-cn' is not supported yet by Sluice"),
                // Missing keys point at the block that lacks them.
                error("missing name",
                        BASE.replace("name: test\n", ""),
                        "task.yaml:1:1: missing required key 'name' at the top level of the task file"),
                error("missing task-mode, root block starts after a comment",
                        "# my task\n" + BASE.replace("task-mode: all\n", ""),
                        "task.yaml:2:1: missing required key 'task-mode' at the top level of the task file"),
                error("missing target-database",
                        "name: test\ntask-mode: all\nmysql-instances:\n  - source-id: a\n",
                        "task.yaml:1:1: missing required key 'target-database' at the top level of the task file"),
                error("missing user",
                        BASE.replace("  user: root\n", ""),
                        "task.yaml:3:1: missing required key 'user' in 'target-database'"),
                error("missing mysql-instances",
                        BASE.substring(0, BASE.indexOf("mysql-instances")),
                        "task.yaml:1:1: missing required key 'mysql-instances' at the top level of the task file"),
                error("missing source-id",
                        BASE.replace("- source-id: mysql-01", "- meta:\n      binlog-name: mysql-bin.000001"),
                        "task.yaml:7:5: missing required key 'source-id' in 'mysql-instances[0]'"),
                error("missing tbl-name",
                        BASE + "block-allow-list:\n  rule-1:\n    ignore-tables:\n    - db-name: a\n",
                        "task.yaml:11:7: missing required key 'tbl-name' in 'block-allow-list.rule-1.ignore-tables[0]'"),
                error("key without value",
                        BASE.replace("name: test", "name:"),
                        "task.yaml:1:1: 'name' at the top level of the task file has no value"),
                error("empty string",
                        BASE.replace("name: test", "name: ''"),
                        "task.yaml:1:7: 'name' at the top level of the task file must not be empty"),
                // Types and ranges
                error("port as a string",
                        BASE.replace("  user: root", "  user: root\n  port: \"3306\""),
                        "task.yaml:6:9: 'port' in 'target-database' must be an integer, but is a string"),
                error("port out of range",
                        BASE.replace("  user: root", "  user: root\n  port: 70000"),
                        "task.yaml:6:9: 'port' in 'target-database' must be between 1 and 65535, but is 70000"),
                error("port beyond long",
                        BASE.replace("  user: root", "  user: root\n  port: 99999999999999999999"),
                        "task.yaml:6:9: 'port' in 'target-database' must be between 1 and 65535, but is 99999999999999999999"),
                error("host as a list",
                        BASE.replace("host: 127.0.0.1", "host: [a, b]"),
                        "task.yaml:4:9: 'host' in 'target-database' must be a string, but is a list"),
                error("target-database as a string",
                        BASE.replace("target-database:\n  host: 127.0.0.1\n  user: root", "target-database: localhost"),
                        "task.yaml:3:18: 'target-database' must be a mapping, but is a string"),
                error("task-mode not a mode",
                        BASE.replace("task-mode: all", "task-mode: alll"),
                        "task.yaml:2:12: 'task-mode' at the top level of the task file must be one of all, full, incremental, but is 'alll'"),
                error("meta-schema too long",
                        BASE + "meta-schema: " + "m".repeat(65) + "\n",
                        "task.yaml:8:14: 'meta-schema' at the top level of the task file must be at most 64 characters long, as MySQL limits schema names"),
                error("unknown load method",
                        BASE + "loader:\n  load-method: bulk\n",
                        "task.yaml:9:16: 'load-method' in 'loader' must be one of insert, load-data, but is 'bulk'"),
                error("copy-threads above the limit",
                        BASE + "loader:\n  copy-threads: 65\n",
                        "task.yaml:9:17: 'copy-threads' in 'loader' must be between 1 and 64, but is 65"),
                error("chunk-rows zero",
                        BASE + "loader:\n  chunk-rows: 0\n",
                        "task.yaml:9:15: 'chunk-rows' in 'loader' must be at least 1, but is 0"),
                error("boolean as a string",
                        BASE + "loader:\n  drop-table-if-exists: \"true\"\n",
                        "task.yaml:9:25: 'drop-table-if-exists' in 'loader' must be true or false, but is a string"),
                error("do-dbs as a string",
                        BASE + "block-allow-list:\n  rule-1:\n    do-dbs: test\n",
                        "task.yaml:10:13: 'do-dbs' in 'block-allow-list.rule-1' must be a list, but is a string"),
                error("rule as a list",
                        BASE + "block-allow-list:\n  rule-1: [a]\n",
                        "task.yaml:9:11: 'block-allow-list.rule-1' must be a mapping, but is a list"),
                // mysql-instances
                error("no instances",
                        BASE.replace("mysql-instances:\n  - source-id: mysql-01\n", "mysql-instances: []\n"),
                        "task.yaml:6:1: 'mysql-instances' at the top level of the task file must list at least one source"),
                error("instances as a mapping",
                        BASE.replace("  - source-id: mysql-01", "  source-id: mysql-01"),
                        "task.yaml:7:3: 'mysql-instances' at the top level of the task file must be a list, but is a mapping"),
                error("instance as a string",
                        BASE.replace("  - source-id: mysql-01", "  - mysql-01"),
                        "task.yaml:7:5: 'mysql-instances[0]' must be a mapping, but is a string"),
                error("duplicate source-id",
                        BASE + "  - source-id: mysql-02\n  - source-id: mysql-01\n",
                        "task.yaml:9:16: duplicate source-id 'mysql-01'; mysql-instances[0] at line 7 already uses it"),
                // meta
                error("binlog-pos without binlog-name",
                        BASE + "    meta:\n      binlog-pos: 4\n      binlog-gtid: \"0-1-100\"\n",
                        "task.yaml:9:7: 'binlog-pos' in 'mysql-instances[0].meta' needs a 'binlog-name' for the file it is an offset in"),
                error("meta without a position",
                        BASE + "    meta:\n      binlog-name: \"\"\n      binlog-gtid: \"\"\n",
                        "task.yaml:8:5: 'mysql-instances[0].meta' must set 'binlog-name' or 'binlog-gtid'"),
                error("negative binlog-pos",
                        BASE + "    meta:\n      binlog-name: mysql-bin.000001\n      binlog-pos: -4\n",
                        "task.yaml:10:19: 'binlog-pos' in 'mysql-instances[0].meta' must be zero or more, but is -4"),
                error("binlog-gtid not a GTID set",
                        BASE + "    meta:\n      binlog-gtid: \"mysql-bin.000001:4\"\n",
                        "task.yaml:9:20: 'binlog-gtid' in 'mysql-instances[0].meta' is not a valid GTID set: binlog GTID set 'mysql-bin.000001:4' is a file position, not a GTID set; put the file in binlog-name and the offset in binlog-pos"),
                error("binlog-name with a colon",
                        BASE + "    meta:\n      binlog-name: \"mysql-bin:1\"\n",
                        "task.yaml:9:20: 'binlog-name' in 'mysql-instances[0].meta' is not a valid binlog file name: file must not contain ':': 'mysql-bin:1'"),
                // block-allow-list
                error("undefined rule with a close name",
                        BASE + "    block-allow-list: rule-2\nblock-allow-list:\n  rule-1:\n    do-dbs: [a]\n",
                        "task.yaml:8:23: block-allow-list rule 'rule-2' is not defined; did you mean 'rule-1'?"),
                error("undefined rule and no rules",
                        BASE + "    block-allow-list: mine\n",
                        "task.yaml:8:23: block-allow-list rule 'mine' is not defined"),
                error("both names at the top level",
                        BASE + "block-allow-list:\n  a: {}\nblack-white-list:\n  b: {}\n",
                        "task.yaml:10:1: 'block-allow-list' and 'black-white-list' cannot both be set at the top level of the task file; 'black-white-list' is the old name of 'block-allow-list'"),
                error("both names in an instance",
                        BASE + "    black-white-list: a\n    block-allow-list: a\nblock-allow-list:\n  a: {}\n",
                        "task.yaml:9:5: 'black-white-list' and 'block-allow-list' cannot both be set in 'mysql-instances[0]'; 'black-white-list' is the old name of 'block-allow-list'"),
                error("invalid regex in do-dbs",
                        BASE + "block-allow-list:\n  rule-1:\n    do-dbs: [\"~^test(\"]\n",
                        "task.yaml:10:14: invalid pattern in 'block-allow-list.rule-1.do-dbs[0]': invalid regular expression '^test(': Unclosed group at index 6"),
                error("invalid regex in a table name",
                        BASE + "block-allow-list:\n  rule-1:\n    do-tables:\n    - db-name: \"~^shop\"\n      tbl-name: \"~order[\"\n",
                        "task.yaml:12:17: invalid pattern in 'block-allow-list.rule-1.do-tables[0].tbl-name': invalid regular expression 'order[': Unclosed character class at index 5"),
                error("invalid wildcard in ignore-dbs",
                        BASE + "block-allow-list:\n  rule-1:\n    ignore-dbs:\n    - ok\n    - \"*_tmp\"\n",
                        "task.yaml:12:7: invalid pattern in 'block-allow-list.rule-1.ignore-dbs[1]': invalid wildcard '*_tmp': '*' is allowed only once, as the last character; use a '~' regular expression for other patterns"),
                // YAML itself
                error("mapping value in a plain scalar",
                        "name: a: b\n",
                        "task.yaml:1:8: invalid YAML: mapping values are not allowed here"),
                error("tab indentation",
                        "name: x\ntarget-database:\n  host: h\n\tuser: u\n",
                        "task.yaml:4:1: invalid YAML: while scanning for the next token: found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)"),
                error("unclosed flow list",
                        "name: x\nmysql-instances: [a, b\n",
                        "task.yaml:3:1: invalid YAML: while parsing a flow sequence: expected ',' or ']', but got <stream end> (the construct starts at line 2, column 18)"),
                error("two documents",
                        BASE + "---\nname: other\n",
                        "task.yaml:9:1: the task file contains more than one YAML document"),
                error("alias",
                        BASE.replace("name: test", "name: &n test\nmeta-schema: *n"),
                        "task.yaml:2:14: YAML aliases (values starting with '*') are not supported"),
                error("empty file",
                        "",
                        "task.yaml:1:1: the task file is empty"),
                error("only comments",
                        "# nothing yet\n",
                        "task.yaml:1:1: the task file is empty"),
                error("a list, not a mapping",
                        "- name: x\n",
                        "task.yaml:1:1: the task file must be a YAML mapping of keys to values, but is a list"),
                error("a scalar, not a mapping",
                        "just text\n",
                        "task.yaml:1:1: the task file must be a YAML mapping of keys to values, but is a string"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void testError(String yaml, String reason)
    {
        assertThatThrownBy(() -> TaskFiles.readTask(yaml, "task.yaml"))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CONFIG);
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.fix()).isNotBlank();
                    assertThat(e.getMessage()).isEqualTo("SLUICE-10002 INVALID_CONFIG: " + reason + " Fix: " + e.fix());
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "timezone: Asia/Shanghai",
            "collation_compatible: strict",
            "remove-meta: true",
    })
    void testTopLevelKeysNotSupportedYet(String line)
    {
        String key = line.substring(0, line.indexOf(':'));
        assertThatThrownBy(() -> TaskFiles.readTask(BASE + line + "\n", "task.yaml"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.reason())
                        .isEqualTo("task.yaml:8:1: '" + key + "' is not supported yet by Sluice"));
    }

    @Test
    void testFixes()
    {
        assertThat(fix(BASE + "validators:\n  global: {}\n"))
                .isEqualTo("Remove 'validators' from the task file; Sluice rejects settings it cannot apply rather than replicate without them. Sluice has no continuous data validation yet.");
        assertThat(fix(BASE + "nmae: x\n"))
                .isEqualTo("Correct or remove the key. Keys allowed here: name, task-mode, shard-mode, is-sharding, strict-optimistic-shard-mode, "
                        + "meta-schema, case-sensitive, ignore-checking-items, target-database, mysql-instances, block-allow-list, black-white-list, routes, "
                        + "filters, column-mappings, expression-filter, mydumpers, loaders, syncers, loader, online-ddl, clean-dump-file, enable-heartbeat, "
                        + "heartbeat-update-interval, heartbeat-report-interval.");
        assertThat(fix(BASE.replace("  user: root\n", "")))
                .isEqualTo("Add 'user: <value>' in 'target-database'.");
        assertThat(fix(BASE + "    block-allow-list: rule-3\nblock-allow-list:\n  rule-1: {}\n  rule-2: {}\n"))
                .isEqualTo("Define 'rule-3' under the top-level 'block-allow-list', or use one of: rule-1, rule-2.");
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
