package io.sluice.cli.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoDurationsTest
{
    @Test
    void parsesGoDurationText()
    {
        assertThat(GoDurations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(GoDurations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(GoDurations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDurations.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDurations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(GoDurations.parse("2us")).isEqualTo(Duration.ofNanos(2000));
        assertThat(GoDurations.parse("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void rejectsOtherText()
    {
        assertThatThrownBy(() -> GoDurations.parse("10")).hasMessageContaining("invalid duration '10'");
        assertThatThrownBy(() -> GoDurations.parse("10 m")).hasMessageContaining("invalid duration");
        assertThatThrownBy(() -> GoDurations.parse("")).hasMessageContaining("invalid duration");
        assertThatThrownBy(() -> GoDurations.parse("5d")).hasMessageContaining("invalid duration");
    }

    @Test
    void formatsAsGoDoes()
    {
        assertThat(GoDurations.format(Duration.ofMinutes(10))).isEqualTo("10m");
        assertThat(GoDurations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(GoDurations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(GoDurations.format(Duration.ofMillis(250))).isEqualTo("250ms");
    }
}
