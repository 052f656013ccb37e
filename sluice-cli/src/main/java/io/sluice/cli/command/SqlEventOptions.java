package io.sluice.cli.command;

import picocli.CommandLine.Option;

import java.util.regex.Pattern;

/**
 * Which binlog event a {@code sql-skip} or {@code sql-replace} applies to: exactly one of a binlog position
 * or a {@code ~}-prefixed SQL regex, as in dmctl. {@code --source} picks the subtask of a task with several
 * sources. Checked here so that a wrong combination is a usage error, not a round trip.
 */
public final class SqlEventOptions
{
    private static final Pattern BINLOG_POS = Pattern.compile(".+:\\d+");

    @Option(names = {"-b", "--binlog-pos"}, paramLabel = "binlog-pos",
            description = "position used to match binlog event if matched the sql-skip operation will be applied. The format like \"mysql-bin|000001.000003:3270\"")
    String binlogPos;

    @Option(names = "--sql-pattern", paramLabel = "sql-pattern",
            description = "SQL pattern used to match the DDL converted by optimistic sharding DDL, starts with ~ for a regex, e.g. \"~(?i)ALTER\\s+TABLE\"")
    String sqlPattern;

    @Option(names = "--source", paramLabel = "source-id", description = "the source of the subtask, when the task has several")
    String source;

    /** Returns null when the options are consistent, else what is wrong. */
    String problem(String command)
    {
        if (binlogPos == null && sqlPattern == null) {
            return command + " needs exactly one of --binlog-pos FILE:POS and --sql-pattern ~REGEX; got neither";
        }
        if (binlogPos != null && sqlPattern != null) {
            return command + " needs exactly one of --binlog-pos FILE:POS and --sql-pattern ~REGEX; got both";
        }
        if (binlogPos != null && !BINLOG_POS.matcher(binlogPos).matches()) {
            return "--binlog-pos '" + binlogPos + "' is not FILE:POS, e.g. mysql-bin.000001:1234";
        }
        if (sqlPattern != null && (!sqlPattern.startsWith("~") || sqlPattern.length() == 1)) {
            return "--sql-pattern '" + sqlPattern + "' must be a regex after '~', e.g. ~(?i)ALTER\\s+TABLE";
        }
        return null;
    }
}
