package io.sluice.cli.command;

import java.io.InputStream;
import java.io.PrintWriter;

import static java.util.Objects.requireNonNull;

/**
 * Where one sluicectl run reads and writes: stdin for the REPL, stdout for replies, stderr for usage errors.
 * {@code systemStdin} tells the REPL that {@code in} is the process's stdin, so it may open the system
 * terminal (line editing, Ctrl-C) instead of reading the stream as a dumb terminal.
 */
public record Session(InputStream in, PrintWriter out, PrintWriter err, boolean systemStdin)
{
    public Session
    {
        requireNonNull(in, "in is null");
        requireNonNull(out, "out is null");
        requireNonNull(err, "err is null");
    }
}
