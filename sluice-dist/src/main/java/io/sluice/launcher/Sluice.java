package io.sluice.launcher;

import io.sluice.launcher.binlog.BinlogCommand;
import io.sluice.launcher.run.RunCommand;
import io.sluice.launcher.run.CheckCommand;
import io.sluice.launcher.server.ServerCommand;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code sluice} command line: the entry point of {@code bin/sluice}. Subcommands own their
 * work; this class only wires them and maps errors to exit codes.
 */
@Command(name = "sluice",
        mixinStandardHelpOptions = true,
        versionProvider = SluiceVersion.class,
        description = "Sluice moves and keeps data in sync between MySQL-compatible databases.",
        subcommands = {RunCommand.class, CheckCommand.class, ServerCommand.class, BinlogCommand.class, CommandLine.HelpCommand.class})
public final class Sluice {
    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(run(args));
    }

    /** Runs the command line on the process's stdout and stderr and returns its exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line writing to the given streams; what tests call instead of {@link #main}. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Sluice());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(new ErrorReporter());
        return commandLine.execute(args);
    }
}
