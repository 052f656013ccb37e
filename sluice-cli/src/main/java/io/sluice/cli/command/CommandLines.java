package io.sluice.cli.command;

import io.sluice.cli.http.MasterUnreachableException;
import io.sluice.cli.output.ReplyPrinter;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.List;

/**
 * Builds the picocli command line of sluicectl: every dmctl command under the root, cobra-style help, and
 * the mapping of outcomes to exit statuses (0 success, 1 failed reply or unreachable master, 2 usage).
 * One is built per invocation, and in the REPL per line, so no option value survives into the next.
 */
public final class CommandLines
{
    public static final int USAGE_ERROR = 2;
    private static final String HELP_SECTION = "cobra";

    private CommandLines() {}

    public static CommandLine create(RootCommand root)
    {
        CommandLine commandLine = new CommandLine(root);
        List.of(
                        new OperateSourceCommand(),
                        new StartTaskCommand(),
                        new CheckTaskCommand(),
                        new QueryStatusCommand(),
                        new PauseTaskCommand(),
                        new ResumeTaskCommand(),
                        new StopTaskCommand(),
                        new UpdateTaskCommand(),
                        new QueryErrorCommand(),
                        new SqlSkipCommand(),
                        new SqlReplaceCommand(),
                        new SqlInjectCommand(),
                        new RefreshWorkerTasksCommand(),
                        new UpdateMasterConfigCommand(),
                        new ListMemberCommand(),
                        new ShowDdlLocksCommand(),
                        new UnlockDdlLockCommand(),
                        new BreakDdlLockCommand(),
                        new HelpCommand())
                .forEach(commandLine::addSubcommand);
        for (RelayKind kind : RelayKind.values()) {
            CommandLine relay = new CommandLine(new RelayCommand(kind));
            relay.getCommandSpec().name(kind.commandName());
            relay.getCommandSpec().usageMessage().description(kind.description()).customSynopsis(kind.synopsis());
            commandLine.addSubcommand(kind.commandName(), relay);
        }

        Session session = root.session();
        commandLine.setOut(session.out());
        commandLine.setErr(session.err());
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(Ansi.OFF));
        // a SQL text or a file name may start with '@'; picocli would read it as an argument file
        commandLine.setExpandAtFiles(false);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(usageErrorHandler(session.err()));
        commandLine.setExecutionExceptionHandler(failureHandler(root.printer(), session.err()));
        useCobraHelp(commandLine);
        return commandLine;
    }

    private static void useCobraHelp(CommandLine commandLine)
    {
        commandLine.setHelpSectionKeys(List.of(HELP_SECTION));
        commandLine.getHelpSectionMap().put(HELP_SECTION, help -> CobraHelp.render(help.commandSpec()));
        commandLine.getSubcommands().values().forEach(CommandLines::useCobraHelp);
    }

    private static IParameterExceptionHandler usageErrorHandler(PrintWriter err)
    {
        return (ParameterException e, String[] args) -> {
            err.println("Error: " + e.getMessage());
            UnmatchedArgumentException.printSuggestions(e, err);
            err.println();
            e.getCommandLine().usage(err);
            err.flush();
            return USAGE_ERROR;
        };
    }

    private static IExecutionExceptionHandler failureHandler(ReplyPrinter printer, PrintWriter err)
    {
        return (e, commandLine, parseResult) -> {
            if (e instanceof MasterUnreachableException || e instanceof CommandFailure) {
                return printer.printFailure(e.getMessage());
            }
            // a bug, not a user error: keep the trace for the report, and still answer in the usual shape
            e.printStackTrace(err);
            err.flush();
            return printer.printFailure("sluicectl failed: " + e);
        };
    }
}
