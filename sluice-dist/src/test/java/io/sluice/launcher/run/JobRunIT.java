package io.sluice.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * dtle job files run by {@code sluice run JOB.json} as real processes, reproducing the seed's
 * "MySQL 的数据分散" (one source split across two targets by {@code Where a<5} / {@code a>=5})
 * including updates that move rows across the boundary and a SIGKILL of one job mid-sync. The
 * seed's job names the table {@code demo_tb1} while creating {@code demo_tbl}; the jobs here use the
 * table the seed creates.
 */
@ExtendWith(MariaDbExtension.class)
class JobRunIT {
    @Sandbox
    MariaDbServer source;
    @Sandbox
    MariaDbServer target1;
    @Sandbox
    MariaDbServer target2;
    @TempDir
    Path dir;

    @Test
    void splitsOneTableAcrossTwoTargetsByWhere() throws Exception {
        source.execute("CREATE DATABASE demo", "CREATE TABLE demo.demo_tbl (a INT PRIMARY KEY, b VARCHAR(20))",
                "INSERT INTO demo.demo_tbl SELECT seq, CONCAT('v', seq) FROM demo.seq_1_to_9");
        for (MariaDbServer target : List.of(target1, target2)) {
            target.execute("CREATE DATABASE demo", "CREATE TABLE demo.demo_tbl (a INT PRIMARY KEY, b VARCHAR(20))");
        }
        Path job1 = job("dtle-demo-src-dst1", target1, "a<5");
        Path job2 = job("dtle-demo-src-dst2", target2, "a>=5");
        Process first = SluiceProcess.startJob(job1, dir.resolve("data"), dir.resolve("job1.log"));
        Process second = SluiceProcess.startJob(job2, dir.resolve("data"), dir.resolve("job2.log"));
        try {
            await(() -> log("job1.log").contains("] Sync ") && log("job2.log").contains("] Sync "), first, second);
            source.execute("INSERT INTO demo.demo_tbl VALUES (0, 'zero'), (10, 'ten')",
                    "UPDATE demo.demo_tbl SET b = 'moved-up', a = 15 WHERE a = 1",
                    "UPDATE demo.demo_tbl SET a = 1 WHERE a = 8");
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            source.execute("UPDATE demo.demo_tbl SET b = 'changed' WHERE a IN (2, 9)",
                    "DELETE FROM demo.demo_tbl WHERE a IN (3, 6)",
                    "INSERT INTO demo.demo_tbl VALUES (4, 'four') ON DUPLICATE KEY UPDATE b = 'four-again'");
            first = SluiceProcess.startJob(job1, dir.resolve("data"), dir.resolve("job1-again.log"));
            Process restarted = first;
            await(() -> rows(target1).equals(rows(source, "a < 5")) && rows(target2).equals(rows(source, "a >= 5")), restarted, second);
        }
        finally {
            first.destroy();
            second.destroy();
            first.waitFor(60, TimeUnit.SECONDS);
            second.waitFor(60, TimeUnit.SECONDS);
        }
        assertThat(rows(target1)).isEqualTo(rows(source, "a < 5")).contains("0|zero", "1|v8");
        assertThat(rows(target2)).isEqualTo(rows(source, "a >= 5")).contains("15|moved-up", "10|ten").doesNotContain("8|v8");
    }

    private Path job(String id, MariaDbServer target, String where) throws Exception {
        Path file = dir.resolve(id + ".json");
        Files.writeString(file, """
                {
                  "Job": {
                    "ID": "%s",
                    "Datacenters": ["dc1"],
                    "TaskGroups": [{
                      "Name": "src",
                      "Tasks": [{
                        "Name": "src",
                        "Driver": "dtle",
                        "Config": {
                          "Gtid": "",
                          "ReplicateDoDb": [{
                            "TableSchema": "demo",
                            "Tables": [{ "TableName": "demo_tbl", "Where": "%s" }]
                          }],
                          "ConnectionConfig": { "Host": "127.0.0.1", "Port": %d, "User": "%s", "Password": "%s" }
                        }
                      }]
                    }, {
                      "Name": "dest",
                      "Tasks": [{
                        "Name": "dest",
                        "Driver": "dtle",
                        "Config": {
                          "ConnectionConfig": { "Host": "127.0.0.1", "Port": %d, "User": "%s", "Password": "%s" }
                        }
                      }]
                    }]
                  }
                }
                """.formatted(id, where, source.port(), source.user(), source.password(), target.port(), target.user(), target.password()));
        return file;
    }

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name));
        }
        catch (java.io.IOException e) {
            return "";
        }
    }

    private static List<String> rows(MariaDbServer server) {
        return rows(server, "TRUE");
    }

    private static List<String> rows(MariaDbServer server, String where) {
        return server.query("SELECT CONCAT(a, '|', b) FROM demo.demo_tbl WHERE " + where + " ORDER BY a").stream()
                .map(row -> String.valueOf(row.getFirst())).toList();
    }

    private void await(BooleanSupplier condition, Process... processes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!condition.getAsBoolean()) {
            for (Process process : processes) {
                if (!process.isAlive()) {
                    throw new AssertionError("sluice exited with " + process.exitValue() + ":\n" + log("job1.log") + "\n" + log("job2.log") + "\n" + log("job1-again.log"));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out:\n" + log("job1.log") + "\n" + log("job2.log") + "\n" + log("job1-again.log"));
            }
            Thread.sleep(200);
        }
    }
}
