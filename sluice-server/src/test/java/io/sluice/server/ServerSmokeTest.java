package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * A server without any database: it starts on the embedded ZooKeeper, answers version, members,
 * encrypt/decrypt round trips under its install key (owner-only file), serves its API document, and
 * answers unknown tasks and relay commands with the documented errors.
 */
class ServerSmokeTest {
    @TempDir
    Path dataDir;

    @Test
    void startsAndAnswers() throws Exception {
        try (ServerHarness harness = new ServerHarness(dataDir)) {
            assertThat(harness.get("/api/v1/version").json().get("version").asText()).isEqualTo("test");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("secret.key")))).isEqualTo("rw-------");

            ServerHarness.Reply encrypted = harness.post("/api/v1/secrets/encrypt", Map.of("plaintext", "s3cret-pw"));
            String ciphertext = encrypted.json().get("ciphertext").asText();
            assertThat(ciphertext).doesNotContain("s3cret-pw");
            assertThat(harness.post("/api/v1/secrets/encrypt", Map.of("plaintext", "s3cret-pw")).json().get("ciphertext").asText()).isNotEqualTo(ciphertext);
            assertThat(harness.post("/api/v1/secrets/decrypt", Map.of("ciphertext", ciphertext)).json().get("plaintext").asText()).isEqualTo("s3cret-pw");
            ServerHarness.Reply garbage = harness.post("/api/v1/secrets/decrypt", Map.of("ciphertext", "bm90LW91cnM="));
            assertThat(garbage.status()).isEqualTo(400);
            assertThat(garbage.json().get("msg").asText()).contains("not a password encrypted by Sluice");

            ServerHarness.Reply members = harness.get("/api/v1/members");
            assertThat(members.result()).isTrue();
            assertThat(members.json().at("/members/0/leader/name").asText()).isEqualTo("sluice-1");
            assertThat(members.json().at("/members/2/workers/workers/0/name").asText()).isEqualTo("127.0.0.1:8262");

            ServerHarness.Reply missing = harness.post("/api/v1/tasks/nope/pause", Map.of());
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.json().get("result").asBoolean()).isFalse();
            assertThat(missing.json().get("msg").asText()).contains("Task 'nope' does not exist");

            ServerHarness.Reply relay = harness.post("/api/v1/relay/pause-relay", Map.of());
            assertThat(relay.status()).isEqualTo(501);
            assertThat(relay.json().get("msg").asText()).contains("no relay log");

            ServerHarness.Reply status = harness.get("/api/v1/status");
            assertThat(status.result()).isTrue();
            assertThat(status.json().at("/workers/0/subTaskStatus").size()).isZero();

            assertThat(harness.get("/api/openapi.json").json().get("openapi").asText()).startsWith("3.");
        }
        // the same data dir again: the key is kept, so old ciphertexts still open
        try (ServerHarness again = new ServerHarness(dataDir)) {
            assertThat(again.get("/api/v1/status").result()).isTrue();
        }
    }
}
