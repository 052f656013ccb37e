package io.sluice.cli.command;

/** The six relay commands of dmctl with their help texts; {@link RelayCommand} serves them all. */
public enum RelayKind
{
    PAUSE("pause-relay", "pause dm-worker's relay unit", "sluicectl pause-relay <-w worker ...> [flags]"),
    RESUME("resume-relay", "resume dm-worker's relay unit", "sluicectl resume-relay <-w worker ...> [flags]"),
    PURGE("purge-relay", "purge dm-worker's relay log files according to specified filename",
            "sluicectl purge-relay <-w worker> [--filename] [--sub-dir] [flags]"),
    SWITCH_MASTER("switch-relay-master", "switch master server of dm-worker's relay unit", "sluicectl switch-relay-master <-w worker ...> [flags]"),
    MIGRATE("migrate-relay", "migrate dm-worker's relay unit", "sluicectl migrate-relay <worker> <binlogName> <binlogPos> [flags]"),
    UPDATE("update-relay", "update dm-worker's relay unit configure", "sluicectl update-relay [-w worker ...] <config_file> [flags]");

    private final String commandName;
    private final String description;
    private final String synopsis;

    RelayKind(String commandName, String description, String synopsis)
    {
        this.commandName = commandName;
        this.description = description;
        this.synopsis = synopsis;
    }

    public String commandName()
    {
        return commandName;
    }

    public String description()
    {
        return description;
    }

    public String synopsis()
    {
        return synopsis;
    }
}
