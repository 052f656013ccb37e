package io.sluice.core.position;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinlogOffsetIdTest
{
    @Test
    void testParseAndFormat()
    {
        BinlogOffsetId id = BinlogOffsetId.parse("3@1234");
        assertThat(id).isEqualTo(new BinlogOffsetId(3, 1234));
        assertThat(id.toString()).isEqualTo("3@1234");
        assertThat(BinlogOffsetId.parse(id.toString())).isEqualTo(id);
        assertThat(BinlogOffsetId.parse(" 0@0\n")).isEqualTo(new BinlogOffsetId(0, 0));
    }

    @Test
    void testMaxValues()
    {
        BinlogOffsetId id = new BinlogOffsetId(Long.MAX_VALUE, Long.MAX_VALUE);
        assertThat(id.toString()).isEqualTo("9223372036854775807@9223372036854775807");
        assertThat(BinlogOffsetId.parse(id.toString())).isEqualTo(id);
    }

    @Test
    void testConstructorValidation()
    {
        assertThatThrownBy(() -> new BinlogOffsetId(-1, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fileIndex must not be negative: -1");
        assertThatThrownBy(() -> new BinlogOffsetId(3, -4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("offset must not be negative: -4");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            " ",
            "3",
            "@",
            "3@",
            "@1234",
            "-1@1234",
            "3@-1234",
            "+3@1234",
            "3@1234@5",
            "3@99999999999999999999",
            "9223372036854775808@1",
            "a@b",
            "3 @1234",
            "3@ 1234",
            "3:1234",
    })
    void testMalformed(String text)
    {
        assertThatThrownBy(() -> BinlogOffsetId.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid binlog offset transaction id '" + text + "': expected fileIndex@offset such as 3@1234 (");
    }
}
