package io.sluice.cli.command;

/**
 * A command that failed before or instead of asking the master (a file that cannot be read, a task file
 * without a name). It is printed as {@code {"result": false, "msg": ...}} with exit status 1, like a failed
 * reply, because the command line was well formed.
 */
public class CommandFailure
        extends RuntimeException
{
    public CommandFailure(String message)
    {
        super(message);
    }

    public CommandFailure(String message, Throwable cause)
    {
        super(message, cause);
    }
}
