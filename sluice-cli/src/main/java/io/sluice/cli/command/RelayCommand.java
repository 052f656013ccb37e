package io.sluice.cli.command;

import io.sluice.cli.http.MasterClient;
import io.sluice.cli.http.MasterReply;
import io.sluice.cli.http.MasterUnreachableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The relay commands ({@code pause-relay}, {@code purge-relay}, ...). Sluice reads the binlog directly and
 * has no relay unit, so the master answers each with the reason (HTTP 501); sluicectl forwards the command
 * so that the answer comes from the server, which owns it. dmctl's arguments are accepted and not sent.
 */
@Command
public final class RelayCommand
        extends WorkerCommand
{
    private final RelayKind kind;

    // dmctl's relay arguments (purge-relay --filename, migrate-relay's positions): accepted for scripts, unused
    @Unmatched
    List<String> ignored = new ArrayList<>();

    public RelayCommand(RelayKind kind)
    {
        this.kind = requireNonNull(kind, "kind is null");
    }

    public RelayKind kind()
    {
        return kind;
    }

    @Override
    protected MasterReply send(MasterClient client)
            throws MasterUnreachableException
    {
        return client.post("/api/v1/relay/" + kind.commandName(), new Requests.Workers(workers()));
    }
}
