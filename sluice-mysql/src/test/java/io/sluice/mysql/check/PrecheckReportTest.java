package io.sluice.mysql.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class PrecheckReportTest {
    private static final String SOURCE = "mysql-replica-01";

    @Test
    void dmJsonListsRunItemsWithErrorsAndSummary() {
        PrecheckReport report = new PrecheckReport("test", List.of(
                CheckResult.passed(PrecheckItem.VERSION, SOURCE, "MariaDB 10.11.6 is supported"),
                CheckResult.of(PrecheckItem.BINLOG_FORMAT, SOURCE, List.of(Finding.fail("binlog_format is STATEMENT", "SET GLOBAL binlog_format = 'ROW'")), ""),
                CheckResult.skipped(PrecheckItem.AUTO_INCREMENT_ID, SOURCE),
                CheckResult.of(PrecheckItem.CONN_NUMBER, CheckResult.TARGET, List.of(Finding.warn("few connections left", "Raise max_connections")), "")));

        Map<String, Object> json = report.toDmJson();

        assertThat(json).containsOnlyKeys("result", "msg", "checks");
        assertThat(json.get("result")).isEqualTo(false);
        assertThat((String) json.get("msg")).isEqualTo("pre-check failed: 1 of 3 checks failed (binlog_format); skipped by ignore-checking-items: auto_increment_ID");
        Map<?, ?> checks = (Map<?, ?>) json.get("checks");
        assertThat(checks.get("summary")).isEqualTo(Map.of("passed", false, "total", 3, "successful", 1, "failed", 1, "warning", 1));
        List<?> results = (List<?>) checks.get("results");
        assertThat(results).hasSize(3);
        assertThat(results.get(0)).isEqualTo(Map.of("id", 0, "name", "version", "desc", PrecheckItem.VERSION.description(), "state", "success",
                "errors", List.of(), "instruction", "", "extra", "source mysql-replica-01"));
        assertThat(results.get(1)).isEqualTo(Map.of("id", 1, "name", "binlog_format", "desc", PrecheckItem.BINLOG_FORMAT.description(), "state", "fail",
                "errors", List.of(Map.of("severity", "fail", "short_error", "binlog_format is STATEMENT")),
                "instruction", "SET GLOBAL binlog_format = 'ROW'", "extra", "source mysql-replica-01"));
        Map<?, ?> target = (Map<?, ?>) results.get(2);
        assertThat(target.get("id")).isEqualTo(2);
        assertThat(target.get("name")).isEqualTo("conn_number");
        assertThat(target.get("state")).isEqualTo("warn");
        assertThat(target.get("extra")).isEqualTo("target");
        assertThat(target.get("errors")).isEqualTo(List.of(Map.of("severity", "warn", "short_error", "few connections left")));
        // the key order of DM's answer, for readers of the printed document
        assertThat(List.copyOf(((Map<?, ?>) results.get(0)).keySet())).isEqualTo(List.of("id", "name", "desc", "state", "errors", "instruction", "extra"));
        assertThat(List.copyOf(checks.keySet())).isEqualTo(List.of("results", "summary"));
    }

    @Test
    void warningsDoNotFailTheReport() {
        PrecheckReport report = new PrecheckReport("test", List.of(
                CheckResult.passed(PrecheckItem.VERSION, SOURCE, "ok"),
                CheckResult.of(PrecheckItem.TABLE_SCHEMA, SOURCE, List.of(Finding.warn("`a`.`b` has no primary key", "Add a primary key")), "")));
        assertThat(report.passed()).isTrue();
        assertThat(report.warnings()).hasSize(1);
        Map<String, Object> json = report.toDmJson();
        assertThat(json.get("result")).isEqualTo(true);
        assertThat(json.get("msg")).isEqualTo("pre-check is passed with 1 warning");
        assertThat(new PrecheckReport("empty", List.of()).toDmJson().get("msg")).isEqualTo("pre-check is passed");
    }

    @Test
    void resultJoinsFindingsTakesTheWorstStateAndSaysEachFixOnce() {
        CheckResult result = CheckResult.of(PrecheckItem.TABLE_SCHEMA, SOURCE, List.of(
                Finding.warn("`a`.`t1` has no key", "Add a primary key."),
                Finding.fail("`a`.`t2` uses charset x", "Convert it."),
                Finding.warn("`a`.`t3` has no key", "Add a primary key.")), "unused");
        assertThat(result.state()).isEqualTo(CheckState.FAIL);
        assertThat(result.name()).isEqualTo("table_schema");
        assertThat(result.message()).isEqualTo("`a`.`t1` has no key; `a`.`t2` uses charset x; `a`.`t3` has no key");
        assertThat(result.instruction()).isEqualTo("Add a primary key. Convert it.");
        assertThat(CheckResult.of(PrecheckItem.TABLE_SCHEMA, SOURCE, List.of(), "3 tables are fine").message()).isEqualTo("3 tables are fine");
    }

    @Test
    void resultStateMustMatchItsFindings() {
        assertThatThrownBy(() -> new CheckResult(PrecheckItem.VERSION, SOURCE, CheckState.PASS, "m", "", List.of(Finding.fail("bad", "fix"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Finding(CheckState.PASS, "m", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itemsAreNamedExactlyAsDmNamesThem() {
        assertThat(PrecheckItem.fromConfigName("auto_increment_ID")).contains(PrecheckItem.AUTO_INCREMENT_ID);
        assertThat(PrecheckItem.fromConfigName("AUTO_INCREMENT_ID")).isEmpty();
        assertThat(List.of(PrecheckItem.values()).stream().map(PrecheckItem::configName)).containsExactly(
                "version", "server_id", "binlog_enable", "binlog_format", "binlog_row_image", "binlog_db", "gtid", "replication_privilege",
                "dump_privilege", "meta_position", "conn_number", "table_schema", "schema_of_shard_tables", "auto_increment_ID", "target_privilege");
    }
}
