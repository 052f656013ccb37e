package io.sluice.launcher;

import io.sluice.launcher.binlog.BinlogCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sluice} command line: the entry point of {@code bin/sluice}. Subcommands own their
 * work; this class only wires them and maps errors to exit codes.
 */
@Command(name = "sluice",
        mixinStandardHelpOptions = true,
        versionProvider = SluiceVersion.class,
        description = "Sluice moves and keeps data in sync between MySQL-compatible databases.",
        subcommands = {BinlogCommand.class, CommandLine.HelpCommand.class})
public final class Sluice {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; used by tests instead of {@link #main}. */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new Sluice());
        commandLine.setExecutionExceptionHandler(new ErrorReporter());
        return commandLine.execute(args);
    }
}
