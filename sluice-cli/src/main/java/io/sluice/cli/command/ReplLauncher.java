package io.sluice.cli.command;

/**
 * Starts the interactive session when sluicectl is given no command. An interface so that the command
 * package does not depend on the REPL, which itself builds command lines from this package.
 */
@FunctionalInterface
public interface ReplLauncher
{
    int start(RootCommand root);
}
