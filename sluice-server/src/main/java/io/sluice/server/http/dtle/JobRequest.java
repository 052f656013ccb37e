package io.sluice.server.http.dtle;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.server.http.Json;
import io.sluice.server.security.PasswordCipher;

import java.util.List;
import java.util.Optional;

/**
 * A job config as the v2 API receives it, made ready for the task service: the job object taken out
 * of its wrapper, {@code job_id} given dtle's {@code -<type>} suffix (so the task is named as
 * detail, pause and delete name it), and {@code is_mysql_password_encrypted} checked and removed
 * (passwords encrypted with this server's key are decrypted by the task service; dtle's RSA keys
 * do not exist here). {@link #text()} is what the task service parses and stores.
 */
record JobRequest(String name, JobType type, ObjectNode job, boolean encrypted) {
    private static final List<String> WRAPPERS = List.of("migration_job_config", "sync_job_config", "subscription_job_config", "job_config");
    private static final List<String> ENCRYPTED_FLAGS = List.of("is_mysql_password_encrypted", "is_password_encrypted");

    JobRequest {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(job, "job is null");
    }

    /** The job of a create or update request to {@code /v2/job/<type>/...}. */
    static JobRequest of(JsonNode body, JobType type) {
        JsonNode job = body.get(type.wrapper());
        if (job == null) {
            for (String wrapper : WRAPPERS) {
                if (body.has(wrapper) && !wrapper.equals("job_config")) {
                    throw DtleHttp.badRequest("The request holds '" + wrapper + "', but this endpoint creates " + type.apiName() + " jobs and takes '" + type.wrapper() + "'.",
                            "Send it to /v2/job/" + wrapper.replace("_job_config", "") + "/..., or wrap the job in '" + type.wrapper() + "'.");
                }
            }
            job = body.has("job_config") ? body.get("job_config") : body.has("job_id") || body.has("src_task") ? body : null;
        }
        if (job == null || !job.isObject()) {
            throw DtleHttp.badRequest("The request needs the job as a JSON object in '" + type.wrapper() + "'.",
                    "Send {\"" + type.wrapper() + "\": {\"job_id\": \"demo\", \"src_task\": {...}, \"dest_task\": {...}}}; see GET /api.");
        }
        return normalize((ObjectNode) job, Optional.of(type));
    }

    /** A job to validate: named as given, typed as sync unless its name says otherwise. */
    static JobRequest forValidation(ObjectNode job) {
        return normalize(job, Optional.empty());
    }

    private static JobRequest normalize(ObjectNode given, Optional<JobType> type) {
        ObjectNode job = given.deepCopy();
        String id = text(job, "job_id").or(() -> text(job, "job_name"))
                .orElseThrow(() -> DtleHttp.badRequest("The job config has no 'job_id'.", "Add \"job_id\": \"<name>\"; the job is named \"<job_id>-<job type>\"."));
        if (id.isBlank()) {
            throw DtleHttp.badRequest("The job config's 'job_id' is blank.", "Give the job a name in job_id.");
        }
        if (type.isPresent() && !id.endsWith(type.get().suffix())) {
            id = id + type.get().suffix();
        }
        if (job.has("job_id")) {
            job.put("job_id", id);
        }
        else {
            job.put("job_name", id);
        }
        boolean encrypted = false;
        for (String flag : ENCRYPTED_FLAGS) {
            JsonNode value = job.get(flag);
            if (value != null && value.isBoolean() && value.asBoolean()) {
                encrypted = true;
                job.remove(flag);
            }
            else if (value != null && value.isBoolean()) {
                job.remove(flag);
            }
        }
        if (encrypted) {
            for (String side : List.of("src_task", "dest_task")) {
                JsonNode password = job.path(side).path("mysql_connection_config").path("mysql_password");
                if (password.isTextual() && !password.asText().isEmpty() && !PasswordCipher.looksEncrypted(password.asText())) {
                    throw DtleHttp.badRequest("'" + side + ".mysql_connection_config.mysql_password' is not a password encrypted by this Sluice server, "
                            + "but is_mysql_password_encrypted is true. dtle's RSA-encrypted passwords cannot be read: Sluice has no rsa_private_key_path.",
                            "Encrypt the password with POST /api/v1/secrets/encrypt (or 'sluicectl -encrypt'), or send it in clear with is_mysql_password_encrypted=false.");
                }
            }
        }
        JobType jobType = type.orElseGet(() -> {
            for (JobType candidate : JobType.values()) {
                if (job.path("job_id").asText().endsWith(candidate.suffix())) {
                    return candidate;
                }
            }
            return JobType.SYNC;
        });
        return new JobRequest(id, jobType, job, encrypted);
    }

    /** The text handed to the task service: the job in its type's wrapper. */
    String text() {
        ObjectNode wrapped = Json.MAPPER.createObjectNode();
        wrapped.set(type.wrapper(), job);
        return wrapped.toString();
    }

    /** Reads a v2 job back from the text a task was stored with; empty when the task was not submitted in the v2 shape. */
    static Optional<ObjectNode> stored(String text) {
        if (!text.stripLeading().startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode root = Json.MAPPER.readTree(text);
            for (String wrapper : WRAPPERS) {
                if (root.path(wrapper).isObject()) {
                    return Optional.of((ObjectNode) root.get(wrapper));
                }
            }
            if (root.isObject() && root.has("src_task")) {
                return Optional.of((ObjectNode) root);
            }
            return Optional.empty();
        }
        catch (Exception e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(ObjectNode job, String field) {
        JsonNode value = job.get(field);
        return value != null && value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    }
}
