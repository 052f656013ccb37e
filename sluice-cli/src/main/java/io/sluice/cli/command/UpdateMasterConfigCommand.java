package io.sluice.cli.command;

import io.sluice.cli.http.MasterClient;
import io.sluice.cli.http.MasterReply;
import io.sluice.cli.http.MasterUnreachableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code update-master-config}: sends a new server config file to the master. */
@Command(name = "update-master-config",
        description = "update configure of dm-master",
        customSynopsis = "sluicectl update-master-config <config_file> [flags]")
public final class UpdateMasterConfigCommand
        extends MasterCommand
{
    @Parameters(paramLabel = "<config_file>", description = "the server's config file")
    String file;

    @Override
    protected MasterReply send(MasterClient client)
            throws MasterUnreachableException
    {
        return client.put("/api/v1/master/config", new Requests.Config(ConfigFiles.read(file, "master config file")));
    }
}
