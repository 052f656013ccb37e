package io.sluice.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the task, source and server config files that commands send. The master parses them; sluicectl
 * only reads their text and, where the REST path needs it, one top-level key: the task name of
 * {@code update-task} and the {@code source-id} of {@code operate-source stop}.
 */
final class ConfigFiles
{
    // the wrappers of a dtle API v2 job (docs/jobs.md); a bare object holds job_id itself
    private static final List<String> JOB_WRAPPERS = List.of("migration_job_config", "sync_job_config", "subscription_job_config", "job_config");

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new JsonMapper();

    private ConfigFiles() {}

    /** The text of a file, or a {@link CommandFailure} naming the path and what is wrong with it. */
    static String read(String path, String kind)
    {
        Path file = Path.of(path);
        if (Files.isDirectory(file)) {
            throw new CommandFailure("cannot read the " + kind + " '" + path + "': it is a directory");
        }
        try {
            return Files.readString(file);
        }
        catch (NoSuchFileException e) {
            throw new CommandFailure("cannot read the " + kind + " '" + path + "': no such file (relative paths start at " + Path.of("").toAbsolutePath() + ")");
        }
        catch (AccessDeniedException e) {
            throw new CommandFailure("cannot read the " + kind + " '" + path + "': permission denied");
        }
        catch (CharacterCodingException e) {
            throw new CommandFailure("cannot read the " + kind + " '" + path + "': it is not UTF-8 text");
        }
        catch (IOException e) {
            throw new CommandFailure("cannot read the " + kind + " '" + path + "': " + e.getMessage(), e);
        }
    }

    /**
     * The task name of a task file: {@code name:} of a DM task.yaml, or of a dtle job.json its
     * {@code Job.ID} / {@code ID}, {@code job_id} / {@code job_name} (possibly inside an API v2 wrapper), or
     * 2.x {@code Name}.
     */
    static String taskName(String path, String text)
    {
        JsonNode root = tree(path, text, "task file");
        String name = isJson(text) ? jobName(root) : textOf(root.path("name"));
        if (name == null) {
            throw new CommandFailure("the task file '" + path + "' has no task name ("
                    + (isJson(text) ? "Job.ID, job_id or Name" : "a top-level 'name:'") + "); update-task needs it to find the task");
        }
        return name;
    }

    /** The {@code source-id} of a DM source.yaml. */
    static String sourceId(String path, String text)
    {
        String id = textOf(tree(path, text, "source file").path("source-id"));
        if (id == null) {
            throw new CommandFailure("the source file '" + path + "' has no top-level 'source-id:'");
        }
        return id;
    }

    private static String jobName(JsonNode root)
    {
        JsonNode job = root.path("Job").isObject() ? root.path("Job") : root;
        for (String wrapper : JOB_WRAPPERS) {
            if (job.path(wrapper).isObject()) {
                job = job.path(wrapper);
                break;
            }
        }
        for (String key : List.of("ID", "job_id", "job_name", "Name")) {
            String name = textOf(job.path(key));
            if (name != null) {
                return name;
            }
        }
        return null;
    }

    private static JsonNode tree(String path, String text, String kind)
    {
        try {
            JsonNode root = (isJson(text) ? JSON : YAML).readTree(text);
            if (root == null || !root.isObject()) {
                throw new CommandFailure("the " + kind + " '" + path + "' is not a " + (isJson(text) ? "JSON object" : "YAML mapping"));
            }
            return root;
        }
        catch (JsonProcessingException e) {
            throw new CommandFailure("cannot parse the " + kind + " '" + path + "': " + e.getOriginalMessage());
        }
    }

    private static boolean isJson(String text)
    {
        return text.stripLeading().startsWith("{");
    }

    private static String textOf(JsonNode node)
    {
        if (node.isTextual() && !node.textValue().isBlank()) {
            return node.textValue().strip();
        }
        // YAML reads "name: 123" as a number; a task may well be named that
        return node.isNumber() ? node.asText() : null;
    }
}
