package io.sluice.cli.command;

import picocli.CommandLine.Option;

/** {@code -h, --help} on every command, as cobra gives each dmctl command. */
public final class HelpOption
{
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "help for this command")
    boolean requested;
}
