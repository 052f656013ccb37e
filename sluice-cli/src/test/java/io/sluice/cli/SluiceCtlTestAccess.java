package io.sluice.cli;

/** Lets tests of other packages run sluicectl without a master. */
public final class SluiceCtlTestAccess
{
    private SluiceCtlTestAccess() {}

    public static String out(String... args)
    {
        return CtlRunner.run(args).out();
    }

    public static int exitCode(String... args)
    {
        return CtlRunner.run(args).exitCode();
    }
}
