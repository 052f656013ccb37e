package io.sluice.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.cli.http.MasterReply;

import java.io.PrintWriter;

import static java.util.Objects.requireNonNull;

/**
 * Prints replies on stdout the way dmctl does and turns them into the exit status: 0 when the reply says
 * {@code "result": true}, 1 otherwise. Errors that never reached the master are printed in the same
 * {@code {"result": false, "msg": ...}} shape, so a script reads one format whatever went wrong.
 */
public final class ReplyPrinter
{
    public static final int SUCCESS = 0;
    public static final int FAILURE = 1;

    private final PrintWriter out;

    public ReplyPrinter(PrintWriter out)
    {
        this.out = requireNonNull(out, "out is null");
    }

    public int print(MasterReply reply)
    {
        out.println(Json.pretty(PasswordRedactor.redact(reply.body())));
        out.flush();
        return reply.succeeded() ? SUCCESS : FAILURE;
    }

    public int printFailure(String message)
    {
        out.println(Json.pretty(errorNode(message)));
        out.flush();
        return FAILURE;
    }

    /** Prints one line of text (the ciphertext of -encrypt, the version), not JSON. */
    public void printLine(String line)
    {
        out.println(line);
        out.flush();
    }

    public static JsonNode errorNode(String message)
    {
        ObjectNode error = Json.mapper().createObjectNode();
        error.put("result", false);
        error.put("msg", message);
        return error;
    }
}
