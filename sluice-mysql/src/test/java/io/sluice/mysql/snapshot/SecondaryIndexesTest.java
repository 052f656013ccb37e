package io.sluice.mysql.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.mysql.sink.MetaStore.DeferredIndex;
import org.junit.jupiter.api.Test;

class SecondaryIndexesTest {
    @Test
    void plainKeysAreSplitOffAndTheRestStaysValid() {
        String create = """
                CREATE TABLE `shop`.`orders` (
                  `id` int(11) NOT NULL,
                  `k` int(11) NOT NULL DEFAULT 0,
                  `c` char(120) NOT NULL DEFAULT '',
                  `note` varchar(20) DEFAULT 'KEY `x` (`y`),',
                  PRIMARY KEY (`id`),
                  UNIQUE KEY `uc` (`c`),
                  KEY `k_1` (`k`),
                  KEY `we``ird` (`k`,`c`(10)) COMMENT 'a, b'
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci""";
        SecondaryIndexes.Split split = SecondaryIndexes.split(create);
        assertThat(split.deferred()).containsExactly(
                new DeferredIndex("k_1", "KEY `k_1` (`k`)"),
                new DeferredIndex("we`ird", "KEY `we``ird` (`k`,`c`(10)) COMMENT 'a, b'"));
        assertThat(split.createTable()).isEqualTo("""
                CREATE TABLE `shop`.`orders` (
                  `id` int(11) NOT NULL,
                  `k` int(11) NOT NULL DEFAULT 0,
                  `c` char(120) NOT NULL DEFAULT '',
                  `note` varchar(20) DEFAULT 'KEY `x` (`y`),',
                  PRIMARY KEY (`id`),
                  UNIQUE KEY `uc` (`c`)
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci""");
    }

    @Test
    void keyInTheMiddleKeepsTheCommas() {
        String create = "CREATE TABLE `t` (\n  `a` int(11) DEFAULT NULL,\n  KEY `ia` (`a`),\n  `b` int(11) DEFAULT NULL\n) ENGINE=InnoDB";
        SecondaryIndexes.Split split = SecondaryIndexes.split(create);
        assertThat(split.createTable()).isEqualTo("CREATE TABLE `t` (\n  `a` int(11) DEFAULT NULL,\n  `b` int(11) DEFAULT NULL\n) ENGINE=InnoDB");
        assertThat(split.deferred()).extracting(DeferredIndex::name).containsExactly("ia");
    }

    @Test
    void foreignKeysUniqueOnlyAndUnusualTextAreLeftAlone() {
        String withForeignKey = "CREATE TABLE `t` (\n  `a` int(11) DEFAULT NULL,\n  KEY `ia` (`a`),\n  CONSTRAINT `f` FOREIGN KEY (`a`) REFERENCES `p` (`id`)\n) ENGINE=InnoDB";
        assertThat(SecondaryIndexes.split(withForeignKey).deferred()).isEmpty();
        assertThat(SecondaryIndexes.split(withForeignKey).createTable()).isEqualTo(withForeignKey);
        String uniqueOnly = "CREATE TABLE `t` (\n  `a` int(11) NOT NULL,\n  PRIMARY KEY (`a`),\n  UNIQUE KEY `u` (`a`)\n) ENGINE=InnoDB";
        assertThat(SecondaryIndexes.split(uniqueOnly).createTable()).isEqualTo(uniqueOnly);
        String fulltext = "CREATE TABLE `t` (\n  `a` text DEFAULT NULL,\n  FULLTEXT KEY `ft` (`a`)\n) ENGINE=InnoDB";
        assertThat(SecondaryIndexes.split(fulltext).deferred()).isEmpty();
        assertThat(SecondaryIndexes.split("CREATE TABLE t (a INT, KEY (a))").deferred()).isEmpty();
    }
}
