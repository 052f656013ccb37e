package io.sluice.core.task;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * What a task does, as DM's {@code task-mode} names it: {@link #FULL} copies the existing rows
 * and stops, {@link #INCREMENTAL} replicates binlog changes from a start position, and
 * {@link #ALL} copies the existing rows and then replicates changes from the point the copy was
 * consistent with.
 */
public enum TaskMode
{
    ALL,
    FULL,
    INCREMENTAL;

    /**
     * Reads the name used in task files ({@code all}, {@code full} or {@code incremental}),
     * ignoring case.
     *
     * @throws IllegalArgumentException for any other text, listing the valid values
     */
    public static TaskMode parse(String text)
    {
        requireNonNull(text, "text is null");
        for (TaskMode mode : values()) {
            if (mode.name().equalsIgnoreCase(text)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("Invalid task mode '%s': expected one of %s".formatted(text, validValues()));
    }

    /** The name used in task files, e.g. {@code incremental}. */
    public String configName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    private static String validValues()
    {
        return Arrays.stream(values()).map(TaskMode::configName).collect(Collectors.joining(", "));
    }
}
