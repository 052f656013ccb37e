package io.sluice.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.config.Secret;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

class PasswordCipherTest {
    private static final byte[] KEY = filled((byte) 7);

    @Test
    void roundTripsWithAFreshTextEachTime() {
        PasswordCipher cipher = new PasswordCipher(KEY);
        String first = cipher.encrypt("pässwörd; with 'quotes'");
        String second = cipher.encrypt("pässwörd; with 'quotes'");
        assertThat(first).isNotEqualTo(second);
        assertThat(PasswordCipher.looksEncrypted(first)).isTrue();
        assertThat(cipher.decrypt(first)).isEqualTo("pässwörd; with 'quotes'");
        assertThat(cipher.reveal(new Secret(second)).reveal()).isEqualTo("pässwörd; with 'quotes'");
        assertThat(cipher.decrypt(cipher.encrypt(""))).isEmpty();
    }

    @Test
    void plainPasswordsPassThrough() {
        PasswordCipher cipher = new PasswordCipher(KEY);
        for (String plain : new String[] {"123456", "secret", "VjX8cEeTX+qcvZ3bPaO4h0C80pe/1aU=", "", "a b c"}) {
            assertThat(PasswordCipher.looksEncrypted(plain)).as(plain).isFalse();
            assertThat(cipher.reveal(new Secret(plain)).reveal()).isEqualTo(plain);
        }
    }

    @Test
    void anotherInstallsCiphertextIsRefused() {
        String foreign = new PasswordCipher(filled((byte) 9)).encrypt("pw");
        assertThatThrownBy(() -> new PasswordCipher(KEY).reveal(new Secret(foreign)))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.SECRET_INVALID);
                    assertThat(e.reason()).contains("not made with this server's key");
                    assertThat(e.fix()).contains("-encrypt");
                });
        assertThatThrownBy(() -> new PasswordCipher(KEY).decrypt("plain"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.reason()).contains("not a password encrypted by Sluice"));
    }

    @Test
    void installKeyIsMadeOnceAndKept(@TempDir Path dir) {
        byte[] first = InstallKey.loadOrCreate(dir);
        byte[] again = InstallKey.loadOrCreate(dir);
        assertThat(first).hasSize(32).isEqualTo(again);
        assertThat(new PasswordCipher(again).decrypt(new PasswordCipher(first).encrypt("pw"))).isEqualTo("pw");
        assertThat(new PasswordCipher(first).toString()).doesNotContain(Arrays.toString(first));
    }

    private static byte[] filled(byte value) {
        byte[] key = new byte[32];
        Arrays.fill(key, value);
        return key;
    }
}
