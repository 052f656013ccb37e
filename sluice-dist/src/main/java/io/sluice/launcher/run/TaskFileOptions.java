package io.sluice.launcher.run;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The task-file arguments {@code run} and {@code check} share: a task.yaml with its source files, or a job.json. */
final class TaskFileOptions
{
    @Parameters(index = "0", paramLabel = "TASK.yaml|JOB.json", description = "The task file: DM task.yaml, or a dtle job.json (v1 nomad job or v2 API job config).")
    Path taskFile;

    @Option(names = "--source", paramLabel = "SOURCE.yaml", description = "A source file (DM source.yaml format); one per upstream in mysql-instances. Not used with job.json.")
    List<Path> sourceFiles = new ArrayList<>();

    TaskInput read()
    {
        return TaskInput.read(taskFile, sourceFiles);
    }
}
