package io.sluice.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.cli.http.MasterReply;
import io.sluice.cli.http.MasterUnreachableException;

import java.util.Map;

/**
 * {@code -encrypt TEXT} and {@code -decrypt TEXT}. The key is the server's per-install key and never leaves
 * it, so both ask the master; like dmctl they print just the resulting line, and the JSON reply only when
 * the master refused.
 */
enum SecretAction
{
    ENCRYPT("/api/v1/secrets/encrypt", "plaintext", "ciphertext"),
    DECRYPT("/api/v1/secrets/decrypt", "ciphertext", "plaintext");

    private final String path;
    private final String inputField;
    private final String outputField;

    SecretAction(String path, String inputField, String outputField)
    {
        this.path = path;
        this.inputField = inputField;
        this.outputField = outputField;
    }

    int run(RootCommand root, String text)
            throws MasterUnreachableException
    {
        MasterReply reply = root.client().post(path, Map.of(inputField, text));
        if (!reply.succeeded()) {
            return root.printer().print(reply);
        }
        JsonNode output = reply.body().path(outputField);
        if (!output.isTextual()) {
            return root.printer().printFailure("the master's reply to " + path + " has no \"" + outputField + "\"; is it an older Sluice server?");
        }
        root.printer().printLine(output.textValue());
        return 0;
    }
}
