package io.sluice.server.security;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The install's secret key: 32 random bytes made on the first start and kept in
 * {@code DATA_DIR/secret.key}, readable by the owner only. Every password in the server's metadata
 * and every {@code -encrypt} output is sealed with it; losing the file means re-entering passwords.
 */
public final class InstallKey {
    public static final String FILE_NAME = "secret.key";

    private InstallKey() {}

    /** Reads the key under {@code dataDir}, creating it (owner-only) on the first call. */
    public static byte[] loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
                    return key;
                }
                catch (FileAlreadyExistsException raced) {
                    // another process made it first: use theirs
                }
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (key.length != 32) {
                throw new IllegalArgumentException("expected 32 bytes, found " + key.length);
            }
            return key;
        }
        catch (IOException | IllegalArgumentException e) {
            throw new SluiceException(ErrorCode.SECRET_INVALID, "Cannot read or create the install key " + file + ": " + e.getMessage(),
                    "Check the data dir's permissions; if the file is damaged, move it away (passwords encrypted with it must then be encrypted again).", e);
        }
    }
}
