package io.sluice.cli.command;

import io.sluice.cli.http.MasterClient;
import io.sluice.cli.http.MasterReply;
import io.sluice.cli.http.MasterUnreachableException;
import io.sluice.cli.http.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code list-member}: the leader, masters and workers of the cluster. The role flags combine (each adds
 * a {@code role} parameter); none means every role. Here {@code --worker} is DM 2.0's role flag, not the
 * global {@code -w}.
 */
@Command(name = "list-member",
        description = "list member information",
        customSynopsis = "sluicectl list-member [--leader] [--master] [--worker] [--name master-name/worker-name ...] [flags]")
public final class ListMemberCommand
        extends MasterCommand
{
    @Option(names = "--leader", description = "only to list leader information")
    boolean leader;

    @Option(names = "--master", description = "only to list master information")
    boolean master;

    @Option(names = "--worker", description = "only to list worker information")
    boolean worker;

    @Option(names = {"-n", "--name"}, split = ",", paramLabel = "name", description = "specify member names in choosing type")
    List<String> names = new ArrayList<>();

    @Override
    protected MasterReply send(MasterClient client)
            throws MasterUnreachableException
    {
        Query query = Query.empty();
        if (leader) {
            query.add("role", "leader");
        }
        if (master) {
            query.add("role", "master");
        }
        if (worker) {
            query.add("role", "worker");
        }
        return client.get("/api/v1/members", query.addAll("name", names));
    }
}
