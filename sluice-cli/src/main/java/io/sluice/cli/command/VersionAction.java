package io.sluice.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.cli.http.MasterReply;
import io.sluice.cli.http.MasterUnreachableException;
import io.sluice.cli.http.Query;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * {@code -V}: the version of sluicectl and, when the master answers, of the server. An unreachable master is
 * not an error here: the client version alone is still the answer to "which sluicectl is this".
 */
final class VersionAction
{
    private static final List<String> VERSION_FIELDS = List.of("version", "releaseVersion", "Release Version", "serverVersion");

    private final RootCommand root;

    VersionAction(RootCommand root)
    {
        this.root = requireNonNull(root, "root is null");
    }

    int run()
    {
        root.printer().printLine("sluicectl " + ClientVersion.get());
        try {
            MasterReply reply = root.client().get("/api/v1/version", Query.empty());
            if (reply.status() / 100 == 2) {
                root.printer().printLine("server " + serverVersion(reply.body()) + " at " + root.masterAddress());
            }
        }
        catch (MasterUnreachableException ignored) {
            // the client version was the question; the master's absence is not part of the answer
        }
        return 0;
    }

    private static String serverVersion(JsonNode body)
    {
        for (String field : VERSION_FIELDS) {
            if (body.path(field).isTextual()) {
                return body.path(field).textValue();
            }
        }
        return body.toString();
    }
}
