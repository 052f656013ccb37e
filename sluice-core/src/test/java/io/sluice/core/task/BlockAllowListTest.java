package io.sluice.core.task;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

class BlockAllowListTest
{
    private static final BlockAllowList DO_DBS = rule(List.of("test*"), List.of(), List.of(), List.of());
    private static final BlockAllowList IGNORE_DBS = rule(List.of(), List.of("log*", "tmp"), List.of(), List.of());
    private static final BlockAllowList DO_AND_IGNORE_DBS = rule(List.of("app*"), List.of("app_old"), List.of(), List.of());
    private static final BlockAllowList DO_TABLES = rule(List.of(), List.of(), List.of(table("test[123]", "t[1-5]"), table("shop", "orders")), List.of());
    private static final BlockAllowList REGEX_TABLES = rule(List.of(), List.of(), List.of(table("~^shop_\\d+$", "~^order_")), List.of());
    private static final BlockAllowList IGNORE_TABLES = rule(List.of(), List.of(), List.of(), List.of(table("test", "log"), table("~tmp", "*")));
    private static final BlockAllowList DO_AND_IGNORE_TABLES = rule(List.of(), List.of(), List.of(table("test", "t*")), List.of(table("test", "t_tmp"), table("test", "x")));
    private static final BlockAllowList IGNORED_DB_WITH_DO_TABLE = rule(List.of(), List.of("secret"), List.of(table("secret", "t"), table("open", "t")), List.of());
    private static final BlockAllowList DO_DBS_AND_DO_TABLES = rule(List.of("app"), List.of(), List.of(table("app", "t1"), table("other", "t1")), List.of());
    private static final BlockAllowList WILDCARDS = rule(List.of("db?", "x[!0-9]", "a.b", "c[d"), List.of(), List.of(), List.of());
    private static final BlockAllowList EVERYTHING_EVEN_SYSTEM = rule(List.of("*", "mysql", "~.*"), List.of(), List.of(), List.of());

    static Stream<Arguments> tables()
    {
        return Stream.of(
                // do-dbs: only matching databases pass, matched without case.
                row("do-dbs prefix wildcard", DO_DBS, "test1", "t", true),
                row("do-dbs '*' matches the empty rest", DO_DBS, "test", "t", true),
                row("do-dbs is case-insensitive", DO_DBS, "TEST2", "T", true),
                row("do-dbs rejects other databases", DO_DBS, "prod", "t", false),
                // ignore-dbs: matching databases fail, all others pass.
                row("ignore-dbs prefix wildcard", IGNORE_DBS, "log_2024", "t", false),
                row("ignore-dbs plain name", IGNORE_DBS, "tmp", "t", false),
                row("ignore-dbs plain name is not a prefix", IGNORE_DBS, "tmpx", "t", true),
                row("ignore-dbs lets others pass", IGNORE_DBS, "app", "t", true),
                // Both set: do-dbs decides alone, ignore-dbs is not consulted (as in MySQL and DM).
                row("do-dbs wins over ignore-dbs", DO_AND_IGNORE_DBS, "app_old", "t", true),
                row("do-dbs still excludes", DO_AND_IGNORE_DBS, "web", "t", false),
                // do-tables: wildcards with classes, plain names.
                row("do-tables class and range", DO_TABLES, "test1", "t3", true),
                row("do-tables database outside class", DO_TABLES, "test4", "t1", false),
                row("do-tables table outside range", DO_TABLES, "test2", "t6", false),
                row("do-tables plain names", DO_TABLES, "shop", "orders", true),
                row("do-tables other table of a listed database", DO_TABLES, "shop", "users", false),
                // ~regex: found anywhere unless anchored.
                row("regex both parts", REGEX_TABLES, "shop_01", "order_2024", true),
                row("regex database anchored at both ends", REGEX_TABLES, "shop_x", "order_1", false),
                row("regex table anchored at start", REGEX_TABLES, "shop_1", "my_order_1", false),
                row("regex is case-insensitive", REGEX_TABLES, "SHOP_7", "Order_1", true),
                // ignore-tables.
                row("ignore-tables plain", IGNORE_TABLES, "test", "log", false),
                row("ignore-tables case-insensitive", IGNORE_TABLES, "test", "LOG", false),
                row("ignore-tables other table passes", IGNORE_TABLES, "test", "t", true),
                row("ignore-tables unanchored regex", IGNORE_TABLES, "mytmpdb", "anything", false),
                // Both set: a do-tables match wins over ignore-tables; no match fails.
                row("do-tables wins over ignore-tables", DO_AND_IGNORE_TABLES, "test", "t_tmp", true),
                row("ignore-tables applies when no do-table matches", DO_AND_IGNORE_TABLES, "test", "x", false),
                row("non-empty do-tables excludes the rest", DO_AND_IGNORE_TABLES, "test", "y", false),
                // Across levels the schema level decides first: an ignored database hides do-tables.
                row("ignore-dbs wins over do-tables", IGNORED_DB_WITH_DO_TABLE, "secret", "t", false),
                row("do-tables in a non-ignored database", IGNORED_DB_WITH_DO_TABLE, "open", "t", true),
                row("do-dbs excludes do-tables of other databases", DO_DBS_AND_DO_TABLES, "other", "t1", false),
                row("do-dbs and do-tables both match", DO_DBS_AND_DO_TABLES, "app", "t1", true),
                row("do-dbs matches but do-tables does not", DO_DBS_AND_DO_TABLES, "app", "t2", false),
                // Wildcard details.
                row("'?' is exactly one character", WILDCARDS, "db1", "t", true),
                row("'?' is not two characters", WILDCARDS, "db12", "t", false),
                row("'?' is not zero characters", WILDCARDS, "db", "t", false),
                row("negated class", WILDCARDS, "xa", "t", true),
                row("negated class excludes", WILDCARDS, "x1", "t", false),
                row("'.' is literal in a wildcard", WILDCARDS, "a.b", "t", true),
                row("'.' does not match any character", WILDCARDS, "axb", "t", false),
                row("unclosed '[' is literal", WILDCARDS, "c[d", "t", true),
                // System schemas never pass, whatever the rules.
                row("mysql with allow-all", BlockAllowList.allowAll(), "mysql", "user", false),
                row("system schemas ignore case", BlockAllowList.allowAll(), "MySQL", "user", false),
                row("information_schema", BlockAllowList.allowAll(), "information_schema", "tables", false),
                row("performance_schema", BlockAllowList.allowAll(), "performance_schema", "threads", false),
                row("sys", BlockAllowList.allowAll(), "sys", "x", false),
                row("allow-all passes user tables", BlockAllowList.allowAll(), "app", "t", true),
                row("do-dbs naming mysql", EVERYTHING_EVEN_SYSTEM, "mysql", "user", false),
                row("do-dbs '*' still excludes sys", EVERYTHING_EVEN_SYSTEM, "sys", "x", false),
                row("do-dbs '*' passes user tables", EVERYTHING_EVEN_SYSTEM, "app", "t", true));
    }

    @ParameterizedTest
    @MethodSource("tables")
    void testAllowsTable(BlockAllowList rule, String database, String table, boolean expected)
    {
        assertThat(rule.allowsTable(database, table)).isEqualTo(expected);
    }

    @Test
    void testAllowsDatabaseUsesOnlyTheSchemaLevel()
    {
        assertThat(DO_DBS.allowsDatabase("test9")).isTrue();
        assertThat(DO_DBS.allowsDatabase("prod")).isFalse();
        assertThat(IGNORE_DBS.allowsDatabase("logs")).isFalse();
        assertThat(IGNORE_DBS.allowsDatabase("app")).isTrue();
        assertThat(DO_AND_IGNORE_DBS.allowsDatabase("app_old")).isTrue();
        // As in DM, do-tables does not restrict statements on databases themselves.
        assertThat(DO_TABLES.allowsDatabase("unrelated")).isTrue();
        assertThat(DO_TABLES.allowsTable("unrelated", "t1")).isFalse();
        assertThat(IGNORED_DB_WITH_DO_TABLE.allowsDatabase("secret")).isFalse();
        assertThat(BlockAllowList.allowAll().allowsDatabase("performance_schema")).isFalse();
        assertThat(EVERYTHING_EVEN_SYSTEM.allowsDatabase("INFORMATION_SCHEMA")).isFalse();
    }

    @Test
    void testIsSystemSchema()
    {
        assertThat(BlockAllowList.isSystemSchema("mysql")).isTrue();
        assertThat(BlockAllowList.isSystemSchema("SYS")).isTrue();
        assertThat(BlockAllowList.isSystemSchema("mysql2")).isFalse();
        assertThat(BlockAllowList.isSystemSchema("sluice_meta")).isFalse();
    }

    @Test
    void testInvalidPatternsFailAtConstruction()
    {
        assertThatThrownBy(() -> rule(List.of("~^test("), List.of(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid pattern '~^test(' in do-dbs: invalid regular expression '^test(': Unclosed group");
        assertThatThrownBy(() -> rule(List.of(), List.of("a*b"), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid pattern 'a*b' in ignore-dbs: invalid wildcard 'a*b': '*' is allowed only once, as the last character; use a '~' regular expression for other patterns");
        assertThatThrownBy(() -> rule(List.of(), List.of(), List.of(table("db", "~[")), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid pattern 'db.~[' in do-tables: invalid regular expression '[': Unclosed character class");
        assertThatThrownBy(() -> rule(List.of(), List.of(), List.of(), List.of(table("[z-a]", "t"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid pattern '[z-a].t' in ignore-tables: invalid wildcard '[z-a]': range 'z-a' is reversed");
    }

    @Test
    void testValueSemantics()
    {
        BlockAllowList rule = rule(List.of("a"), List.of("b"), List.of(table("c", "d")), List.of(table("e", "f")));
        assertThat(rule).isEqualTo(rule(List.of("a"), List.of("b"), List.of(table("c", "d")), List.of(table("e", "f"))));
        assertThat(rule).hasSameHashCodeAs(rule(List.of("a"), List.of("b"), List.of(table("c", "d")), List.of(table("e", "f"))));
        assertThat(rule).isNotEqualTo(BlockAllowList.allowAll());
        assertThat(rule.doDbs()).containsExactly("a");
        assertThat(rule.ignoreDbs()).containsExactly("b");
        assertThat(rule.doTables()).containsExactly(table("c", "d"));
        assertThat(rule.ignoreTables()).containsExactly(table("e", "f"));
        assertThat(rule.toString()).isEqualTo("BlockAllowList[doDbs=[a], ignoreDbs=[b], doTables=[c.d], ignoreTables=[e.f]]");
        assertThat(BlockAllowList.allowAll()).isEqualTo(rule(List.of(), List.of(), List.of(), List.of()));
    }

    @Test
    void testListsAreCopied()
    {
        List<String> doDbs = new ArrayList<>(List.of("a"));
        BlockAllowList rule = rule(doDbs, List.of(), List.of(), List.of());
        doDbs.add("b");
        assertThat(rule.doDbs()).containsExactly("a");
        assertThat(rule.allowsDatabase("b")).isFalse();
        assertThatThrownBy(() -> rule.doDbs().add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    private static Arguments row(String description, BlockAllowList rule, String database, String table, boolean expected)
    {
        return argumentSet(description + ": " + database + "." + table + (expected ? " passes" : " is filtered"), rule, database, table, expected);
    }

    private static BlockAllowList rule(List<String> doDbs, List<String> ignoreDbs, List<TableRef> doTables, List<TableRef> ignoreTables)
    {
        return new BlockAllowList(doDbs, ignoreDbs, doTables, ignoreTables);
    }

    private static TableRef table(String database, String table)
    {
        return new TableRef(database, table);
    }
}
