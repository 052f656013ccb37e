package io.sluice.server.security;

import static java.util.Objects.requireNonNull;

import io.sluice.core.config.Secret;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Encrypts database passwords for config files ({@code sluicectl -encrypt}) and decrypts them when a
 * server reads a config: AES-256-GCM under the install's key, a fresh nonce per call (so one password
 * encrypts differently each time, as dmctl's does), base64 text. A ciphertext starts with a version
 * byte and is authenticated, so text that is not one of ours is taken as a plain password, as DM does;
 * a ciphertext made under another install's key is refused rather than sent to the database as a
 * password.
 */
public final class PasswordCipher {
    private static final byte VERSION = 0x53;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MIN_CIPHERTEXT_BYTES = 1 + NONCE_BYTES + TAG_BITS / 8;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public PasswordCipher(byte[] key) {
        requireNonNull(key, "key is null");
        if (key.length != 32) {
            throw new IllegalArgumentException("key must be 32 bytes: " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    public String encrypt(String plaintext) {
        requireNonNull(plaintext, "plaintext is null");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[1 + NONCE_BYTES + sealed.length];
            out[0] = VERSION;
            System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, 1 + NONCE_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        }
        catch (GeneralSecurityException e) {
            throw new SluiceException(ErrorCode.INTERNAL, "This JVM cannot encrypt with AES-GCM: " + e.getMessage(), "Run Sluice on a standard JDK 21 or later.", e);
        }
    }

    /** Whether the text has the shape of a ciphertext of this format (it may still be another install's). */
    public static boolean looksEncrypted(String text) {
        byte[] bytes = decodeBase64(text);
        return bytes != null && bytes.length >= MIN_CIPHERTEXT_BYTES && bytes[0] == VERSION;
    }

    /** Decrypts a ciphertext made by {@link #encrypt}; fails with the fix when it is not one or not under this key. */
    public String decrypt(String ciphertext) {
        requireNonNull(ciphertext, "ciphertext is null");
        if (!looksEncrypted(ciphertext)) {
            throw new SluiceException(ErrorCode.SECRET_INVALID, "The text is not a password encrypted by Sluice.",
                    "Pass the output of 'sluicectl -encrypt' exactly as printed.");
        }
        byte[] bytes = decodeBase64(ciphertext);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 1, NONCE_BYTES));
            return new String(cipher.doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES), StandardCharsets.UTF_8);
        }
        catch (AEADBadTagException e) {
            throw new SluiceException(ErrorCode.SECRET_INVALID, "The encrypted password was not made with this server's key (another install, or a changed secret.key).",
                    "Encrypt the password again with 'sluicectl --master-addr <this server> -encrypt <password>', or write it in plain text.");
        }
        catch (GeneralSecurityException e) {
            throw new SluiceException(ErrorCode.INTERNAL, "This JVM cannot decrypt with AES-GCM: " + e.getMessage(), "Run Sluice on a standard JDK 21 or later.", e);
        }
    }

    /** The clear password: decrypted when the config holds a ciphertext of ours, as written otherwise. */
    public Secret reveal(Secret password) {
        requireNonNull(password, "password is null");
        String text = password.reveal();
        return looksEncrypted(text) ? new Secret(decrypt(text)) : password;
    }

    private static byte[] decodeBase64(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(text.strip());
        }
        catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "PasswordCipher[AES-256-GCM]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordCipher other && Arrays.equals(key.getEncoded(), other.key.getEncoded());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key.getEncoded());
    }
}
