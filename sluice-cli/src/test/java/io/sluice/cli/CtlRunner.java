package io.sluice.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static java.nio.charset.StandardCharsets.UTF_8;

/** Runs {@link SluiceCtl#run} in process and captures its exit status, stdout and stderr. */
final class CtlRunner
{
    record Result(int exitCode, String out, String err) {}

    private CtlRunner() {}

    /** Runs against the fake master: {@code --master-addr} is put before the arguments. */
    static Result against(FakeMaster master, String... args)
    {
        List<String> all = new ArrayList<>(List.of("--master-addr", master.address()));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    static Result run(String... args)
    {
        return withStdin("", args);
    }

    static Result withStdin(String stdin, String... args)
    {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        InputStream in = new ByteArrayInputStream(stdin.getBytes(UTF_8));
        int exitCode = SluiceCtl.run(args, in, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exitCode, out.toString(), err.toString());
    }
}
