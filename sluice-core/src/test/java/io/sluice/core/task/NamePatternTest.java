package io.sluice.core.task;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamePatternTest
{
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            orders       | orders      | true
            orders       | ORDERS      | true
            orders       | orders_2024 | false
            order*       | order       | true
            order*       | orders_2024 | true
            order*       | my_order    | false
            t?           | t1          | true
            t?           | t           | false
            t[1-3]       | t2          | true
            t[1-3]       | t4          | false
            t[13]        | t3          | true
            t[!1-3]      | t4          | true
            t[!1-3]      | t1          | false
            t[!]         | t!          | true
            t[-]         | t-          | true
            t[^]         | t^          | true
            t[a-c]x      | tbx         | true
            a[b          | a[b         | true
            a.b          | a.b         | true
            a.b          | acb         | false
            a+b(c)       | a+b(c)      | true
            ~^t\\d+$     | t12         | true
            ~^t\\d+$     | t12x        | false
            ~log         | access_log  | true
            ~^log        | access_log  | false
            ~^Sales$     | SALES       | true
            straße       | STRASSE     | false
            Ünïcode*     | ünïcode_1   | true
            """)
    void testMatches(String pattern, String name, boolean expected)
    {
        assertThat(NamePattern.parse(pattern).matches(name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""       | pattern is empty
            ~        | '~' must be followed by a regular expression
            a*b      | invalid wildcard 'a*b': '*' is allowed only once, as the last character; use a '~' regular expression for other patterns
            **       | invalid wildcard '**': '*' is allowed only once, as the last character; use a '~' regular expression for other patterns
            t[]      | invalid wildcard 't[]': '[]' is an empty character class, which matches nothing
            t[z-a]   | invalid wildcard 't[z-a]': range 'z-a' is reversed
            ~(a      | invalid regular expression '(a': Unclosed group at index 2
            ~a{2,1}  | invalid regular expression 'a{2,1}': Illegal repetition range at index 5
            """)
    void testInvalid(String pattern, String message)
    {
        assertThatThrownBy(() -> NamePattern.parse(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void testAccessors()
    {
        NamePattern regex = NamePattern.parse("~^a");
        assertThat(regex.isRegex()).isTrue();
        assertThat(regex.text()).isEqualTo("~^a");
        assertThat(regex.toString()).isEqualTo("~^a");
        assertThat(regex).isEqualTo(NamePattern.parse("~^a"));
        assertThat(NamePattern.parse("a*").isRegex()).isFalse();
    }
}
