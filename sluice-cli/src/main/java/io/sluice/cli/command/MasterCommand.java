package io.sluice.cli.command;

import io.sluice.cli.http.MasterClient;
import io.sluice.cli.http.MasterReply;
import io.sluice.cli.http.MasterUnreachableException;
import io.sluice.cli.http.Query;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * A dmctl command that sends one request to the master and prints its reply. Subclasses only say which
 * request; printing, the exit status and the "cannot reach the master" case are handled once, here and
 * in {@link CommandLines}.
 */
public abstract class MasterCommand
        implements Callable<Integer>
{
    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Override
    public final Integer call()
            throws MasterUnreachableException
    {
        if (!acceptsWorkers() && !root.workers().isEmpty()) {
            throw usageError(spec.name() + " does not select workers; drop -w");
        }
        validate();
        return root.printer().print(send(root.client()));
    }

    /** Checks the arguments beyond what picocli does; throws {@link #usageError} before anything is sent. */
    protected void validate() {}

    protected abstract MasterReply send(MasterClient client)
            throws MasterUnreachableException;

    protected boolean acceptsWorkers()
    {
        return false;
    }

    protected ParameterException usageError(String message)
    {
        return new ParameterException(spec.commandLine(), message);
    }

    protected static String taskPath(String task, String suffix)
    {
        return "/api/v1/tasks/" + Query.encodePathSegment(task) + suffix;
    }
}
