package io.sluice.launcher.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sluice.mysql.check.PrecheckReport;
import io.sluice.mysql.check.TaskPrecheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    @Parameters(index = "0", paramLabel = "TASK.yaml|JOB.json", description = "The task file: DM task.yaml, or a dtle job.json.")
    Path taskFile;

    @Option(names = "--source", paramLabel = "SOURCE.yaml", description = "A source file (DM source.yaml format); one per upstream in mysql-instances. Not used with job.json.")
    List<Path> sourceFiles = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        TaskInput input = TaskInput.read(taskFile, sourceFiles);
        PrecheckReport report = new TaskPrecheck(input.task(), input.sources().values()).run();
        PrintWriter out = spec.commandLine().getOut();
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report.toDmJson()));
        out.flush();
        return report.passed() ? 0 : 1;
    }
}
