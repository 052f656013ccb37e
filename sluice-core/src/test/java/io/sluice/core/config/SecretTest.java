package io.sluice.core.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretTest
{
    @ParameterizedTest
    @ValueSource(strings = {"", "hunter2", "******", "p@ss word\n", "ünïcødé-🔑"})
    void testToStringNeverReveals(String value)
    {
        Secret secret = new Secret(value);
        assertThat(secret.toString()).isEqualTo("******");
        assertThat(String.valueOf(secret)).isEqualTo("******");
        assertThat("password=" + secret).isEqualTo("password=******");
        assertThat("%s".formatted(secret)).isEqualTo("******");
        assertThat(List.of(secret).toString()).isEqualTo("[******]");
        assertThat(Map.of("password", secret).toString()).isEqualTo("{password=******}");
        assertThat(secret.reveal()).isEqualTo(value);
    }

    @Test
    void testToStringDoesNotContainTheValue()
    {
        assertThat(new Secret("s3cr3t-value").toString()).doesNotContain("s3cr3t");
    }

    @Test
    void testIsEmpty()
    {
        assertThat(new Secret("").isEmpty()).isTrue();
        assertThat(new Secret(" ").isEmpty()).isFalse();
        assertThat(new Secret("x").isEmpty()).isFalse();
    }

    @Test
    void testEquality()
    {
        assertThat(new Secret("a")).isEqualTo(new Secret("a"));
        assertThat(new Secret("a")).hasSameHashCodeAs(new Secret("a"));
        assertThat(new Secret("a")).isNotEqualTo(new Secret("b"));
        assertThat(new Secret("a")).isNotEqualTo(new Secret("A"));
        assertThat(new Secret("")).isEqualTo(new Secret(""));
        Secret secret = new Secret("a");
        assertThat(secret).isEqualTo(secret);
        assertThat(secret).isNotEqualTo("a");
        assertThat(secret).isNotEqualTo(null);
    }

    @Test
    void testNullRejected()
    {
        assertThatThrownBy(() -> new Secret(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("value is null");
    }
}
