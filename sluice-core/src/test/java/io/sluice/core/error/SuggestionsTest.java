package io.sluice.core.error;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestionsTest
{
    private static final List<String> KEYS = List.of("name", "task-mode", "meta-schema", "target-database");

    @Test
    void testDistance()
    {
        assertThat(Suggestions.distance("name", "name")).isZero();
        assertThat(Suggestions.distance("nmae", "name")).isEqualTo(1);
        assertThat(Suggestions.distance("nam", "name")).isEqualTo(1);
        assertThat(Suggestions.distance("names", "name")).isEqualTo(1);
        assertThat(Suggestions.distance("task_mod", "task-mode")).isEqualTo(2);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    }

    @Test
    void testClosest()
    {
        assertThat(Suggestions.closest("nmae", KEYS)).contains("name");
        assertThat(Suggestions.closest("taskmode", KEYS)).contains("task-mode");
        assertThat(Suggestions.closest("target-db", KEYS)).isEmpty();
        assertThat(Suggestions.closest("anything", List.of())).isEmpty();
        assertThat(Suggestions.didYouMean("meta_schema", KEYS)).isEqualTo("; did you mean 'meta-schema'?");
        assertThat(Suggestions.didYouMean("colour", KEYS)).isEmpty();
    }
}
