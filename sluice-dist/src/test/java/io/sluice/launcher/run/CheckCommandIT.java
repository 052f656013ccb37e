package io.sluice.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.launcher.Sluice;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/**
 * {@code sluice check}: DM's check-task JSON for a healthy pair (exit 0), and for a source whose
 * binlog is not ROW-based (exit 1, the failing item with its fix); the password never appears.
 */
@ExtendWith(MariaDbExtension.class)
class CheckCommandIT {
    @Sandbox
    MariaDbServer target;
    @TempDir
    Path dir;

    @Test
    void healthySourcePassesEveryItem(@Sandbox MariaDbServer source) throws Exception {
        source.execute("CREATE DATABASE shop", "CREATE TABLE shop.orders (id INT PRIMARY KEY, note VARCHAR(20))");
        Result result = check(source);
        assertThat(result.exitCode).as(result.output).isZero();
        JsonNode json = new ObjectMapper().readTree(result.output);
        assertThat(json.get("result").asBoolean()).isTrue();
        assertThat(json.at("/checks/summary/failed").asInt()).isZero();
        assertThat(json.at("/checks/summary/total").asInt()).isGreaterThan(10);
    }

    @Test
    void statementBasedBinlogFailsWithTheFix(@Sandbox(binlogFormat = "STATEMENT") MariaDbServer source) throws Exception {
        source.execute("CREATE DATABASE shop", "CREATE TABLE shop.orders (id INT PRIMARY KEY, note VARCHAR(20))");
        Result result = check(source);
        assertThat(result.exitCode).as(result.output).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(result.output);
        assertThat(json.get("result").asBoolean()).isFalse();
        JsonNode format = null;
        for (JsonNode item : json.at("/checks/results")) {
            if (item.get("name").asText().contains("binlog_format")) {
                format = item;
            }
        }
        assertThat(format).as(result.output).isNotNull();
        assertThat(format.get("state").asText()).isEqualTo("fail");
        assertThat(format.get("instruction").asText()).contains("ROW");
        assertThat(result.output).doesNotContain(source.password()).doesNotContain(target.password());
    }

    private Result check(MariaDbServer source) throws Exception {
        Path task = SluiceProcess.taskFile(dir, "check-test", target, "\"shop\"", 1000);
        Path sourceFile = SluiceProcess.sourceFile(dir, source);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Sluice.run(new PrintWriter(out), new PrintWriter(err), "check", task.toString(), "--source", sourceFile.toString());
        return new Result(exit, out + err.toString());
    }

    private record Result(int exitCode, String output) {
    }
}
