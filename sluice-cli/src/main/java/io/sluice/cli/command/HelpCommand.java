package io.sluice.cli.command;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code help [command]}: the command listing, or one command's usage, as cobra prints them for dmctl. */
@Command(name = "help",
        description = "Help about any command",
        customSynopsis = "sluicectl help [command] [flags]")
public final class HelpCommand
        implements Callable<Integer>
{
    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Parameters(arity = "0..1", paramLabel = "[command]", description = "the command to describe")
    String command;

    @Override
    public Integer call()
    {
        CommandLine parent = spec.commandLine().getParent();
        CommandLine target = command == null ? parent : parent.getSubcommands().get(command);
        if (target == null) {
            throw new ParameterException(spec.commandLine(), "unknown command \"" + command + "\" for \"sluicectl\"; 'help' lists the commands");
        }
        root.printer().printLine(target.getUsageMessage().stripTrailing());
        return 0;
    }
}
