package io.sluice.server.worker;

/**
 * A subtask's stage, as DM's query-status names them. New becomes Running, or Paused on an error;
 * Running becomes Paused (error or pause-task), Stopped (stop-task) or Finished (a full-mode task
 * done); Paused becomes Running (resume-task) or Stopped; Stopped becomes Running again only
 * through start-task.
 */
public enum Stage {
    NEW("New"),
    RUNNING("Running"),
    PAUSED("Paused"),
    STOPPED("Stopped"),
    FINISHED("Finished");

    private final String display;

    Stage(String display) {
        this.display = display;
    }

    /** The name query-status prints. */
    public String display() {
        return display;
    }

    public static Stage fromDisplay(String text) {
        for (Stage stage : values()) {
            if (stage.display.equalsIgnoreCase(text) || stage.name().equalsIgnoreCase(text)) {
                return stage;
            }
        }
        throw new IllegalArgumentException("unknown stage: " + text);
    }
}
