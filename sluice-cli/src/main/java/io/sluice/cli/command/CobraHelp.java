package io.sluice.cli.command;

import io.sluice.cli.http.GoDurations;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders usage help in cobra's layout, which dmctl users know from {@code help start-task}: the
 * description, {@code Usage:} with the command's synopsis, {@code Flags:}, and {@code -w} under
 * {@code Global Flags:}. The root's help is the {@code Available Commands:} listing.
 */
final class CobraHelp
{
    private CobraHelp() {}

    static String render(CommandSpec spec)
    {
        return spec.parent() == null ? renderRoot(spec) : renderCommand(spec);
    }

    private static String renderRoot(CommandSpec spec)
    {
        StringBuilder text = new StringBuilder();
        text.append(firstLine(spec.usageMessage().description())).append("\n\n");
        text.append("Usage:\n  ").append(synopsis(spec)).append("\n\n");
        text.append("Available Commands:\n");
        Map<String, CommandSpec> commands = new TreeMap<>();
        spec.subcommands().forEach((name, line) -> commands.put(name, line.getCommandSpec()));
        int width = commands.keySet().stream().mapToInt(String::length).max().orElse(0) + 1;
        commands.forEach((name, command) -> text.append("  ").append(pad(name, width))
                .append(firstLine(command.usageMessage().description())).append('\n'));
        text.append("\nFlags:\n").append(flags(spec.name(), spec.options()));
        text.append("\nUse \"").append(spec.name()).append(" [command] --help\" for more information about a command.\n");
        text.append("Global flags take Go style (-master-addr) and GNU style (--master-addr).\n");
        return text.toString();
    }

    private static String renderCommand(CommandSpec spec)
    {
        List<OptionSpec> own = new ArrayList<>();
        List<OptionSpec> global = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            (option.longestName().equals("--worker") && option.shortestName().equals("-w") ? global : own).add(option);
        }
        StringBuilder text = new StringBuilder();
        text.append(firstLine(spec.usageMessage().description())).append("\n\n");
        text.append("Usage:\n  ").append(synopsis(spec)).append("\n\n");
        text.append("Flags:\n").append(flags(spec.name(), own));
        if (!global.isEmpty()) {
            text.append("\nGlobal Flags:\n").append(flags(spec.name(), global));
        }
        return text.toString();
    }

    private static String flags(String commandName, Collection<OptionSpec> options)
    {
        List<String[]> rows = new ArrayList<>();
        for (OptionSpec option : options) {
            rows.add(new String[] {names(option) + typeWord(option), usage(commandName, option)});
        }
        int width = rows.stream().mapToInt(row -> row[0].length()).max().orElse(0) + 3;
        StringBuilder text = new StringBuilder();
        rows.forEach(row -> text.append("  ").append(pad(row[0], width)).append(row[1]).append('\n'));
        return text.toString();
    }

    private static String names(OptionSpec option)
    {
        String[] names = option.names();
        boolean hasShort = names[0].length() == 2 || !names[0].startsWith("--");
        // cobra aligns long-only flags under the long names of "-x, --long" rows
        return (hasShort ? "" : "    ") + String.join(", ", names);
    }

    private static String typeWord(OptionSpec option)
    {
        Class<?> type = option.type();
        if (type == boolean.class || type == Boolean.class) {
            return "";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return " strings";
        }
        if (type == Duration.class) {
            return " duration";
        }
        return " string";
    }

    private static String usage(String commandName, OptionSpec option)
    {
        if (option.usageHelp()) {
            return "help for " + commandName;
        }
        String usage = firstLine(option.description());
        Object initial = option.initialValue();
        if (initial instanceof Duration duration) {
            usage += " (default \"" + GoDurations.format(duration) + "\")";
        }
        else if (initial instanceof String text && !text.isEmpty()) {
            usage += " (default \"" + text + "\")";
        }
        return usage;
    }

    private static String synopsis(CommandSpec spec)
    {
        String[] custom = spec.usageMessage().customSynopsis();
        return custom.length > 0 ? custom[0] : spec.qualifiedName() + " [flags]";
    }

    private static String firstLine(String[] lines)
    {
        return lines.length == 0 ? "" : lines[0];
    }

    private static String pad(String text, int width)
    {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }
}
