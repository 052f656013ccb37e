package io.sluice.launcher.binlog;

import picocli.CommandLine.Command;

/** {@code sluice binlog ...}: tools to look at a source's binlog. */
@Command(name = "binlog",
        description = "Inspect a source's binlog.",
        mixinStandardHelpOptions = true,
        subcommands = BinlogTailCommand.class)
public final class BinlogCommand {}
