package io.sluice.core.event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DdlEventTest
{
    @Test
    void testAccessors()
    {
        DdlEvent event = new DdlEvent("shop", "ALTER TABLE t ADD COLUMN c INT");
        assertThat(event.database()).isEqualTo("shop");
        assertThat(event.sql()).isEqualTo("ALTER TABLE t ADD COLUMN c INT");
        assertThat(event).isInstanceOf(ChangeEvent.class);
    }

    @Test
    void testNoDefaultDatabase()
    {
        DdlEvent event = new DdlEvent("", "CREATE DATABASE shop");
        assertThat(event.database()).isEmpty();
    }

    @Test
    void testSqlKeptExactly()
    {
        String sql = "  /* comment */ CREATE TABLE `a``b` (id INT)\n";
        assertThat(new DdlEvent("d", sql).sql()).isEqualTo(sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "\n", " \r\n\t ", "\u2003"})
    void testBlankSqlRejected(String sql)
    {
        assertThatThrownBy(() -> new DdlEvent("shop", sql))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DDL statement is empty");
    }

    @Test
    void testNullsRejected()
    {
        assertThatThrownBy(() -> new DdlEvent(null, "DROP TABLE t"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("database is null");
        assertThatThrownBy(() -> new DdlEvent("shop", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("sql is null");
    }

    @Test
    void testEquality()
    {
        assertThat(new DdlEvent("d", "DROP TABLE t")).isEqualTo(new DdlEvent("d", "DROP TABLE t"));
        assertThat(new DdlEvent("d", "DROP TABLE t")).isNotEqualTo(new DdlEvent("e", "DROP TABLE t"));
    }
}
