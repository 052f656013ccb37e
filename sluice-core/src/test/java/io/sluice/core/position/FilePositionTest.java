package io.sluice.core.position;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilePositionTest
{
    @Test
    void testParseAndFormat()
    {
        FilePosition position = FilePosition.parse("mysql-bin.000003:4");
        assertThat(position.file()).isEqualTo("mysql-bin.000003");
        assertThat(position.position()).isEqualTo(4);
        assertThat(position.toString()).isEqualTo("mysql-bin.000003:4");
        assertThat(FilePosition.parse(position.toString())).isEqualTo(position);
    }

    @Test
    void testParseToleratesSurroundingWhitespace()
    {
        assertThat(FilePosition.parse("  mysql-bin.000003:4\n")).isEqualTo(new FilePosition("mysql-bin.000003", 4));
    }

    @Test
    void testPositionBounds()
    {
        assertThat(FilePosition.parse("mysql-bin.000001:0")).isEqualTo(new FilePosition("mysql-bin.000001", 0));
        assertThat(FilePosition.parse("mysql-bin.000001:9223372036854775807").position()).isEqualTo(Long.MAX_VALUE);
        // Leading zeros are accepted but not reproduced.
        assertThat(FilePosition.parse("mysql-bin.000001:0004").toString()).isEqualTo("mysql-bin.000001:4");
    }

    @Test
    void testFileNameWithoutIndexOrWithInnerSpace()
    {
        assertThat(FilePosition.parse("binlog:120")).isEqualTo(new FilePosition("binlog", 120));
        assertThat(FilePosition.parse("my bin.000002:4")).isEqualTo(new FilePosition("my bin.000002", 4));
    }

    @Test
    void testFileIndex()
    {
        assertThat(new FilePosition("mysql-bin.000003", 4).fileIndex()).isEqualTo(3);
        assertThat(new FilePosition("binlog.1000000", 4).fileIndex()).isEqualTo(1_000_000);
        assertThat(new FilePosition("host.name-bin.000042", 4).fileIndex()).isEqualTo(42);
        assertThat(new FilePosition("mysql-bin.9223372036854775807", 4).fileIndex()).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql-bin", "mysql-bin.", "mysql-bin.index", "mysql-bin.00a1", "mysql-bin.-1", "mysql-bin.99999999999999999999"})
    void testFileIndexMissing(String file)
    {
        assertThatThrownBy(() -> new FilePosition(file, 4).fileIndex())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'" + file + "'");
    }

    @Test
    void testCompareToOrdersByIndexThenPosition()
    {
        FilePosition a = new FilePosition("mysql-bin.000003", 4);
        FilePosition b = new FilePosition("mysql-bin.000003", 1000);
        FilePosition c = new FilePosition("mysql-bin.000004", 4);
        // Numeric, not lexicographic: .999999 comes before .1000000.
        FilePosition d = new FilePosition("mysql-bin.999999", 4);
        FilePosition e = new FilePosition("mysql-bin.1000000", 4);

        List<FilePosition> positions = new ArrayList<>(List.of(e, c, b, d, a));
        positions.sort(null);
        assertThat(positions).containsExactly(a, b, c, d, e);

        assertThat(a.compareTo(new FilePosition("mysql-bin.000003", 4))).isZero();
        assertThat(a).isLessThan(b);
        assertThat(b).isLessThan(c);
    }

    @Test
    void testCompareToWithoutIndex()
    {
        FilePosition noIndexA = new FilePosition("alpha", 500);
        FilePosition noIndexA2 = new FilePosition("alpha", 600);
        FilePosition noIndexB = new FilePosition("beta", 4);
        FilePosition indexed = new FilePosition("aaa.000001", 4);

        List<FilePosition> positions = new ArrayList<>(List.of(indexed, noIndexB, noIndexA2, noIndexA));
        positions.sort(null);
        assertThat(positions).containsExactly(noIndexA, noIndexA2, noIndexB, indexed);
        assertThat(indexed.compareTo(noIndexA)).isPositive();
        assertThat(noIndexA.compareTo(indexed)).isNegative();
    }

    @Test
    void testCompareToIsConsistentWithEquals()
    {
        FilePosition a = new FilePosition("a-bin.000003", 4);
        FilePosition b = new FilePosition("b-bin.000003", 4);
        FilePosition padded = new FilePosition("a-bin.3", 4);
        assertThat(a.compareTo(b)).isNegative();
        assertThat(b.compareTo(a)).isPositive();
        assertThat(a.compareTo(padded)).isNotZero();
        assertThat(Integer.signum(a.compareTo(padded))).isEqualTo(-Integer.signum(padded.compareTo(a)));
    }

    @Test
    void testConstructorValidation()
    {
        assertThatThrownBy(() -> new FilePosition(null, 4))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("file is null");
        assertThatThrownBy(() -> new FilePosition("", 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
        assertThatThrownBy(() -> new FilePosition("  ", 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
        assertThatThrownBy(() -> new FilePosition("a:b", 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("':'");
        assertThatThrownBy(() -> new FilePosition(" mysql-bin.000001", 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whitespace");
        assertThatThrownBy(() -> new FilePosition("mysql\u0000bin.000001", 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control");
        assertThatThrownBy(() -> new FilePosition("mysql-bin.000001", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("position must not be negative: -1");
    }

    @Test
    void testParseNull()
    {
        assertThatThrownBy(() -> FilePosition.parse(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("text is null");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "   ",
            "mysql-bin.000003",
            "mysql-bin.000003:",
            ":4",
            "  :4",
            "mysql-bin.000003:-1",
            "mysql-bin.000003:+4",
            "mysql-bin.000003:abc",
            "mysql-bin.000003:4.5",
            "mysql-bin.000003:4 5",
            "mysql-bin.000003: 4",
            "mysql-bin.000003 :4",
            "mysql-bin.000003:9223372036854775808",
            "mysql-bin.000003:99999999999999999999",
            "a:b:4",
            "mysql-bin.000003:4,",
            "mysql\u0001bin.000003:4",
    })
    void testMalformed(String text)
    {
        assertThatThrownBy(() -> FilePosition.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid binlog file position '" + text + "': expected file:position such as mysql-bin.000003:4 (");
    }
}
