package io.sluice.cli.command;

import java.util.List;

/** The statements argument of {@code sql-replace} and {@code sql-inject}. */
final class SqlTexts
{
    private SqlTexts() {}

    /** dmctl joins the words after the task name with spaces, so quoting is optional. */
    static String join(List<String> words)
    {
        return String.join(" ", words).strip();
    }

    /** dmctl's rule: every statement ends with ';', which is also how the server splits them. */
    static void requireTerminated(MasterCommand command, String sqls)
    {
        if (!sqls.endsWith(";")) {
            throw command.usageError(command.spec.name() + ": each SQL must end with ';' (got \"" + sqls + "\")");
        }
    }
}
