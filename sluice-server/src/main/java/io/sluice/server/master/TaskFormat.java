package io.sluice.server.master;

/** How a task was submitted: a DM task.yaml, or a dtle job.json that carries its own connections. */
public enum TaskFormat {
    DM_YAML,
    DTLE_JOB;

    /** JSON documents are dtle jobs; everything else is read as a DM task file. */
    public static TaskFormat detect(String text) {
        String trimmed = text.stripLeading();
        return trimmed.startsWith("{") ? DTLE_JOB : DM_YAML;
    }
}
