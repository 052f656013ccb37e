package io.sluice.testkit;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TableChecksumTest
{
    @Test
    void differencesListMissingAndChangedTables()
    {
        Map<String, TableChecksum.Result> source = Map.of(
                "same", new TableChecksum.Result(1, "a:b"),
                "changed", new TableChecksum.Result(2, "c:d"),
                "only_source", new TableChecksum.Result(0, "0:0"));
        Map<String, TableChecksum.Result> target = Map.of(
                "same", new TableChecksum.Result(1, "a:b"),
                "changed", new TableChecksum.Result(2, "e:f"),
                "only_target", new TableChecksum.Result(0, "0:0"));

        assertThat(TableChecksum.differences(source, target)).containsExactly(
                "changed: source 2 rows, checksum c:d, target 2 rows, checksum e:f",
                "only_source: missing on target",
                "only_target: missing on source");
        assertThat(TableChecksum.differences(source, source)).isEmpty();
    }

    @Test
    void checksumSqlQuotesIdentifiersAndEncodesEachColumnType()
    {
        String sql = TableChecksum.checksumSql("d`b", "t", List.of(
                new TableChecksum.Column("id", "int"),
                new TableChecksum.Column("na`me", "varchar"),
                new TableChecksum.Column("data", "blob")));

        assertThat(sql)
                .contains("FROM `d``b`.`t`")
                .contains("IF(`id` IS NULL, 'N', HEX(CAST(`id` AS CHAR)))")
                .contains("IF(`na``me` IS NULL, 'N', HEX(CONVERT(`na``me` USING utf8mb4)))")
                .contains("IF(`data` IS NULL, 'N', HEX(`data`))");
    }
}
