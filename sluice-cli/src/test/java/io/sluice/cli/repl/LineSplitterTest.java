package io.sluice.cli.repl;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LineSplitterTest
{
    @Test
    void splitsOnBlanks()
    {
        assertThat(LineSplitter.split("  query-status   -w w1\tshop ")).containsExactly("query-status", "-w", "w1", "shop");
    }

    @Test
    void quotesGroupWords()
    {
        assertThat(LineSplitter.split("sql-inject shop \"ALTER TABLE `t` ADD c INT;\" 'a \"b\"'"))
                .containsExactly("sql-inject", "shop", "ALTER TABLE `t` ADD c INT;", "a \"b\"");
    }

    @Test
    void backslashEscapesOnlyBlanksQuotesAndItself()
    {
        assertThat(LineSplitter.split("sql-skip --sql-pattern ~(?i)ALTER\\s+TABLE a\\ b \\\" \"x\\\"y\""))
                .containsExactly("sql-skip", "--sql-pattern", "~(?i)ALTER\\s+TABLE", "a b", "\"", "x\"y");
    }

    @Test
    void emptyQuotesAreAnArgument()
    {
        assertThat(LineSplitter.split("a \"\" b")).containsExactly("a", "", "b");
    }

    @Test
    void unclosedQuoteIsAnError()
    {
        assertThatThrownBy(() -> LineSplitter.split("a 'b")).hasMessage("unclosed single quote");
    }
}
