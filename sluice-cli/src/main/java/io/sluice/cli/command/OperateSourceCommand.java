package io.sluice.cli.command;

import io.sluice.cli.http.MasterClient;
import io.sluice.cli.http.MasterReply;
import io.sluice.cli.http.MasterUnreachableException;
import io.sluice.cli.http.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code operate-source create|update|stop|show}: registers, changes, stops or lists upstream sources.
 * {@code create} and {@code update} send the text of each source.yaml; {@code stop} and {@code show} take
 * source ids, or source files whose {@code source-id} is used.
 */
@Command(name = "operate-source",
        description = "`create`/`update`/`stop`/`show` upstream MySQL/MariaDB source",
        customSynopsis = "sluicectl operate-source <operate-type> [config-file ...|source-id ...] [flags]")
public final class OperateSourceCommand
        extends MasterCommand
{
    /** The four operations; lower case because the user types them so. */
    enum Operation
    {
        create, update, stop, show
    }

    @Parameters(index = "0", paramLabel = "<operate-type>", description = "create, update, stop or show")
    Operation operation;

    @Parameters(index = "1..*", paramLabel = "<config-file|source-id>")
    List<String> arguments = new ArrayList<>();

    @Override
    protected void validate()
    {
        if (arguments.isEmpty() && operation != Operation.show) {
            throw usageError("operate-source " + operation + " needs at least one "
                    + (operation == Operation.stop ? "source id or source file" : "source file"));
        }
    }

    @Override
    protected MasterReply send(MasterClient client)
            throws MasterUnreachableException
    {
        return switch (operation) {
            case create -> client.post("/api/v1/sources", new Requests.SourceConfigs(configs()));
            case update -> client.put("/api/v1/sources", new Requests.SourceConfigs(configs()));
            case stop -> client.post("/api/v1/sources/stop", new Requests.SourceIds(sourceIds()));
            case show -> client.get("/api/v1/sources", Query.empty().addAll("source", sourceIds()));
        };
    }

    private List<String> configs()
    {
        return arguments.stream()
                .map(path -> ConfigFiles.read(path, "source file"))
                .toList();
    }

    private List<String> sourceIds()
    {
        return arguments.stream()
                .map(OperateSourceCommand::sourceId)
                .toList();
    }

    private static String sourceId(String argument)
    {
        if (Files.isRegularFile(Path.of(argument))) {
            return ConfigFiles.sourceId(argument, ConfigFiles.read(argument, "source file"));
        }
        String lower = argument.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".toml")) {
            // clearly meant as a file; sending it as an id would answer "no such source", which misleads
            ConfigFiles.read(argument, "source file");
        }
        return argument;
    }
}
