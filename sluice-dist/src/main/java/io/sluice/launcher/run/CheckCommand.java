package io.sluice.launcher.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sluice.mysql.check.PrecheckReport;
import io.sluice.mysql.check.TaskPrecheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code sluice check TASK.yaml --source SOURCE.yaml ...} (or {@code JOB.json}): DM's check-task
 * without a server. Runs every precheck item against the real source and target servers, changes
 * nothing, and prints DM's check-task JSON; exit status 0 when no item failed, 1 otherwise.
 */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = {"Check a task before starting it (DM's check-task): privileges, binlog settings, versions, server ids,",
                "table keys and charsets, shard consistency, auto-increment conflicts, start positions, connections.",
                "Prints DM's check-task JSON; exit 0 when nothing failed. Items in ignore-checking-items are skipped."})
public final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TaskFileOptions files;

    @Override
    public Integer call() throws Exception {
        TaskInput input = files.read();
        PrecheckReport report = new TaskPrecheck(input.task(), input.sources().values()).run();
        PrintWriter out = spec.commandLine().getOut();
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report.toDmJson()));
        out.flush();
        return report.passed() ? 0 : 1;
    }
}
