package io.sluice.testkit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(MariaDbExtension.class)
class TableChecksumIT
{
    private static final String CREATE_TABLE = "CREATE TABLE shop.items (" +
            "id INT PRIMARY KEY, name VARCHAR(50), price DECIMAL(10,2), ratio DOUBLE, created DATETIME(6), touched TIMESTAMP(3) NULL, " +
            "payload BLOB, doc JSON, kind ENUM('a','b'), flags BIT(4), note TEXT CHARACTER SET latin1)";
    private static final String[] ROWS = {
            "(1, 'één', 9.99, 0.1, '2024-02-29 12:34:56.123456', '2024-01-01 00:00:00.5', x'00ff10', '{\"a\": [1, 2]}', 'a', b'1010', 'x')",
            "(2, '', 0, -1e300, NULL, NULL, '', 'null', 'b', b'0', '')",
            "(3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
    };

    @Sandbox
    private MariaDbServer source;

    @Sandbox(options = "default_time_zone=+05:00")
    private MariaDbServer target;

    @BeforeEach
    void createSchema()
    {
        for (MariaDbServer server : new MariaDbServer[] {source, target}) {
            server.execute(
                    "SET time_zone = '+00:00'",
                    "CREATE DATABASE shop",
                    CREATE_TABLE,
                    "CREATE TABLE shop.tags (tag VARCHAR(10))",
                    "CREATE VIEW shop.names AS SELECT name FROM shop.items");
        }
        source.execute("SET time_zone = '+00:00'", "INSERT INTO shop.items VALUES " + String.join(", ", ROWS));
        target.execute("SET time_zone = '+00:00'", "INSERT INTO shop.items VALUES " + ROWS[2] + ", " + ROWS[0] + ", " + ROWS[1]);
    }

    @Test
    void sameRowsInAnyOrderAndTimeZoneHaveTheSameChecksum()
    {
        Map<String, TableChecksum.Result> sourceChecksums = TableChecksum.of(source, "shop");

        assertThat(sourceChecksums).containsOnlyKeys("items", "tags");
        assertThat(sourceChecksums.get("items").rowCount()).isEqualTo(3);
        assertThat(sourceChecksums.get("tags")).isEqualTo(new TableChecksum.Result(0, "0:0"));
        assertThat(TableChecksum.of(target, "shop")).isEqualTo(sourceChecksums);
        TableChecksum.assertSame(source, target, "shop");
    }

    @Test
    void detectsAChangedRow()
    {
        Map<String, TableChecksum.Result> before = TableChecksum.of(target, "shop");
        target.execute("UPDATE shop.items SET price = 10.00 WHERE id = 1");

        assertThat(TableChecksum.of(target, "shop").get("items")).isNotEqualTo(before.get("items"));
        assertThat(TableChecksum.of(target, "shop").get("items").rowCount()).isEqualTo(3);
        assertThatThrownBy(() -> TableChecksum.assertSame(source, target, "shop"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("items: source 3 rows")
                .hasMessageContaining("in 1 table(s)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("tags"));
    }

    @Test
    void distinguishesNullsEmptyStringsShiftedValuesAndDuplicates()
    {
        assertDiffer("('x'), (NULL)", "('x'), ('')");
        assertDiffer("('a'), ('a')", "('b'), ('b')");
        assertDiffer("('a'), ('a'), ('b')", "('a'), ('b'), ('b')");
        source.execute("CREATE TABLE shop.pairs (a VARCHAR(5), b VARCHAR(5))", "INSERT INTO shop.pairs VALUES ('x', NULL)");
        target.execute("CREATE TABLE shop.pairs (a VARCHAR(5), b VARCHAR(5))", "INSERT INTO shop.pairs VALUES (NULL, 'x')");
        assertThat(TableChecksum.of(source, "shop").get("pairs")).isNotEqualTo(TableChecksum.of(target, "shop").get("pairs"));
    }

    @Test
    void reportsMissingTablesAndDatabases()
    {
        source.execute("CREATE TABLE shop.extra (id INT)");
        target.execute("CREATE TABLE shop.other (id INT)");

        assertThatThrownBy(() -> TableChecksum.assertSame(source, target, "shop"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("extra: missing on target")
                .hasMessageContaining("other: missing on source");
        source.execute("CREATE DATABASE only_source");
        assertThatThrownBy(() -> TableChecksum.assertSame(source, target, "only_source"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("does not exist on target");
        assertThatThrownBy(() -> TableChecksum.of(target, "only_source"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void assertDiffer(String sourceRows, String targetRows)
    {
        source.execute("TRUNCATE shop.tags", "INSERT INTO shop.tags VALUES " + sourceRows);
        target.execute("TRUNCATE shop.tags", "INSERT INTO shop.tags VALUES " + targetRows);
        assertThat(TableChecksum.of(source, "shop").get("tags"))
                .as("%s vs %s", sourceRows, targetRows)
                .isNotEqualTo(TableChecksum.of(target, "shop").get("tags"));
    }
}
