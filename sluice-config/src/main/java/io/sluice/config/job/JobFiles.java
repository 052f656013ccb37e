package io.sluice.config.job;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.rule.ExpressionSyntax;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Reads dtle job files ({@code job.json}) into Sluice's task model. Three shapes are accepted: a
 * nomad job ({@code {"Job": {"ID", "TaskGroups": [...]}}}), an HTTP API v2 job
 * ({@code {"migration_job_config": {...}}}, {@code {"sync_job_config": {...}}} or the bare job
 * object) and a dtle 2.x job ({@code {"Name", "Tasks": [...]}}); docs/jobs.md describes every
 * field. Every problem is a {@link SluiceException} whose message starts with
 * {@code file:line:column} and carries a fix; passwords never appear in a message.
 */
public final class JobFiles
{
    private JobFiles() {}

    /**
     * Reads a job file.
     *
     * @param syntax checks each {@code Where} expression, so a typo is reported with its position
     */
    public static DtleJob read(Path file, ExpressionSyntax syntax)
    {
        requireNonNull(file, "file is null");
        return read(readFile(file), file.toString(), syntax);
    }

    /**
     * Reads a job file from its text.
     *
     * @param fileName names the file in error messages and rule origins
     */
    public static DtleJob read(String json, String fileName, ExpressionSyntax syntax)
    {
        requireNonNull(json, "json is null");
        requireNonNull(syntax, "syntax is null");
        JobFile file = new JobFile(requireNonNull(fileName, "fileName is null"));
        // A UTF-8 byte order mark, which some editors write, is not JSON.
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        return JobMapper.map(JobShapes.read(JsonTree.parse(text, file), file), syntax);
    }

    /**
     * Whether the file is a job file rather than a DM task file: its name ends with {@code .json},
     * or its content starts with <code>{</code> (after blanks and a byte order mark). A file that
     * cannot be read is not a job file; reading it as a task file reports why.
     */
    public static boolean looksLikeJob(Path file)
    {
        requireNonNull(file, "file is null");
        if (file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            return true;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4096);
            String text = new String(head, StandardCharsets.UTF_8);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\uFEFF' || Character.isWhitespace(c)) {
                    continue;
                }
                return c == '{';
            }
            return false;
        }
        catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static String readFile(Path file)
    {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (NoSuchFileException e) {
            throw new SluiceException(ErrorCode.INVALID_ARGUMENT,
                    "%s: the %s does not exist".formatted(file, JobFile.KIND),
                    "Check the path; relative paths are resolved against " + Path.of("").toAbsolutePath() + ".");
        }
        catch (CharacterCodingException e) {
            throw new SluiceException(ErrorCode.INVALID_CONFIG,
                    "%s: the %s is not valid UTF-8".formatted(file, JobFile.KIND),
                    "Save the file as UTF-8.");
        }
        catch (IOException e) {
            throw new SluiceException(ErrorCode.INVALID_ARGUMENT,
                    "%s: cannot read the %s: %s".formatted(file, JobFile.KIND, e.getMessage()),
                    "Check that the file exists and is readable.", e);
        }
    }
}
