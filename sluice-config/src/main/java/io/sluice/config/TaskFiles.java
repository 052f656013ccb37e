package io.sluice.config;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.rule.ExpressionSyntax;
import io.sluice.core.task.SourceConfig;
import io.sluice.core.task.TaskConfig;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * Reads DM-style configuration files: a {@code task.yaml} into a {@link TaskConfig} and a DM v2
 * {@code source.yaml} into a {@link SourceConfig}. Every problem is a {@link SluiceException}
 * whose message starts with {@code file:line:column} and carries a fix; passwords are read as
 * plaintext and never appear in a message.
 */
public final class TaskFiles
{
    private static final String TASK_FILE = "task file";
    private static final String SOURCE_FILE = "source file";

    private TaskFiles() {}

    /** Reads a task file, leaving the syntax of its row expressions to be checked when the task starts. */
    public static TaskConfig readTask(Path file)
    {
        return readTask(file, ExpressionSyntax.UNCHECKED);
    }

    /**
     * Reads a task file; every {@code expression-filter} expression is checked with
     * {@code expressionSyntax}, and a problem is reported at the expression's position.
     */
    public static TaskConfig readTask(Path file, ExpressionSyntax expressionSyntax)
    {
        requireNonNull(file, "file is null");
        return readTask(readFile(file, TASK_FILE), file.toString(), expressionSyntax);
    }

    public static SourceConfig readSource(Path file)
    {
        requireNonNull(file, "file is null");
        return readSource(readFile(file, SOURCE_FILE), file.toString());
    }

    /**
     * Reads a task file from its text.
     *
     * @param fileName names the file in error messages
     */
    public static TaskConfig readTask(String yaml, String fileName)
    {
        return readTask(yaml, fileName, ExpressionSyntax.UNCHECKED);
    }

    /**
     * Reads a task file from its text, checking its row expressions with {@code expressionSyntax}.
     *
     * @param fileName names the file in error messages and in the rules' origins
     */
    public static TaskConfig readTask(String yaml, String fileName, ExpressionSyntax expressionSyntax)
    {
        requireNonNull(yaml, "yaml is null");
        requireNonNull(expressionSyntax, "expressionSyntax is null");
        ConfigFile file = new ConfigFile(requireNonNull(fileName, "fileName is null"), TASK_FILE);
        return TaskFileReader.read(YamlReader.read(yaml, file), file, expressionSyntax);
    }

    /**
     * Reads a source file from its text.
     *
     * @param fileName names the file in error messages
     */
    public static SourceConfig readSource(String yaml, String fileName)
    {
        requireNonNull(yaml, "yaml is null");
        ConfigFile file = new ConfigFile(requireNonNull(fileName, "fileName is null"), SOURCE_FILE);
        return SourceFileReader.read(YamlReader.read(yaml, file), file);
    }

    private static String readFile(Path file, String kind)
    {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (NoSuchFileException e) {
            throw new SluiceException(ErrorCode.INVALID_ARGUMENT,
                    "%s: the %s does not exist".formatted(file, kind),
                    "Check the path; relative paths are resolved against " + Path.of("").toAbsolutePath() + ".");
        }
        catch (CharacterCodingException e) {
            throw new SluiceException(ErrorCode.INVALID_CONFIG,
                    "%s: the %s is not valid UTF-8".formatted(file, kind),
                    "Save the file as UTF-8.");
        }
        catch (IOException e) {
            throw new SluiceException(ErrorCode.INVALID_ARGUMENT,
                    "%s: cannot read the %s: %s".formatted(file, kind, e),
                    "Check that the file exists and is readable by the user running Sluice.",
                    e);
        }
    }
}
