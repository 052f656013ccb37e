package io.sluice.cli;

import io.sluice.cli.command.CommandLines;
import io.sluice.cli.command.GlobalDefaults;
import io.sluice.cli.command.RootCommand;
import io.sluice.cli.command.Session;
import io.sluice.cli.repl.Repl;

import java.io.InputStream;
import java.io.PrintWriter;

/**
 * {@code sluicectl}, Sluice's dmctl: every dmctl command, sent to the server's HTTP API ({@code docs/api.md})
 * and answered with the JSON dmctl prints. Without a command it starts the REPL. {@link #run} is the whole
 * program without {@code System.exit}, for the tests and for embedding.
 */
public final class SluiceCtl
{
    private SluiceCtl() {}

    public static void main(String[] args)
    {
        PrintWriter out = new PrintWriter(System.out, true, System.out.charset());
        PrintWriter err = new PrintWriter(System.err, true, System.err.charset());
        System.exit(run(args, out, err));
    }

    /** Runs sluicectl on the process's stdin (used only by the REPL); returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err)
    {
        return run(new Session(System.in, out, err, true), args);
    }

    /** Runs sluicectl with the REPL reading {@code in} as a dumb terminal; returns the exit status. */
    public static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err)
    {
        return run(new Session(in, out, err, false), args);
    }

    private static int run(Session session, String[] args)
    {
        try (RootCommand root = new RootCommand(session, GlobalDefaults.dmctl(), new Repl())) {
            return CommandLines.create(root).execute(args);
        }
        finally {
            session.out().flush();
            session.err().flush();
        }
    }
}
