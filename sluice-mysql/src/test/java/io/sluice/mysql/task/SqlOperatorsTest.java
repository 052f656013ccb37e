package io.sluice.mysql.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.position.FilePosition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

class SqlOperatorsTest {
    private static final FilePosition AT = FilePosition.parse("mysql-bin.000003:1234");

    @Test
    void splitsStatementsAtSemicolonsOutsideQuotesAndComments() {
        assertThat(SqlStatements.split("ALTER TABLE a ADD c INT; ALTER TABLE b ADD d INT;"))
                .containsExactly("ALTER TABLE a ADD c INT", "ALTER TABLE b ADD d INT");
        assertThat(SqlStatements.split("ALTER TABLE a ADD c VARCHAR(5) DEFAULT 'x;y'; CREATE TABLE `we;ird` (v INT COMMENT \"a;b\")"))
                .containsExactly("ALTER TABLE a ADD c VARCHAR(5) DEFAULT 'x;y'", "CREATE TABLE `we;ird` (v INT COMMENT \"a;b\")");
        assertThat(SqlStatements.split("ALTER TABLE a ADD c VARCHAR(5) DEFAULT 'it''s;\\';' ;"))
                .containsExactly("ALTER TABLE a ADD c VARCHAR(5) DEFAULT 'it''s;\\';'");
        assertThat(SqlStatements.split("/* a; b */ DROP TABLE x; -- c; d\nDROP TABLE y # e; f\n;"))
                .containsExactly("/* a; b */ DROP TABLE x", "-- c; d\nDROP TABLE y # e; f");
        assertThat(SqlStatements.split(" ; ;\n")).isEmpty();
        assertThat(SqlStatements.split("-- only a comment;\n")).isEmpty();
        // MySQL takes -- as a comment only before whitespace
        assertThat(SqlStatements.split("ALTER TABLE t ALTER c SET DEFAULT 5--1; DROP TABLE u"))
                .containsExactly("ALTER TABLE t ALTER c SET DEFAULT 5--1", "DROP TABLE u");
    }

    @Test
    void acceptsOnlyDdl() {
        assertThat(SqlStatements.parseDdl("create table t (id int);\n  RENAME TABLE t TO u; truncate u; drop table u;", "sql-inject")).hasSize(4);
        assertThatThrownBy(() -> SqlStatements.parseDdl("ALTER TABLE t ADD c INT; INSERT INTO t VALUES (1);", "sql-inject"))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.reason()).contains("sql-inject", "DML", "INSERT INTO t VALUES (1)");
                });
        assertThatThrownBy(() -> SqlStatements.parseDdl("BEGIN; ALTER TABLE t ADD c INT;", "sql-replace"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.reason()).contains("transaction", "BEGIN"));
        assertThatThrownBy(() -> SqlStatements.parseDdl("  ;  ", "sql-replace"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.reason()).contains("no statement"));
        assertThatThrownBy(() -> SqlOperator.replace("r", AT, List.of("COMMIT"))).isInstanceOf(SluiceException.class);
        assertThatThrownBy(() -> SqlInjection.parse("i", "UPDATE t SET a = 1")).isInstanceOf(SluiceException.class);
    }

    @Test
    void parsesPatternsAsDmWritesThem() {
        assertThat(SqlOperator.parsePattern("~(?i)alter table `app`").matcher("ALTER TABLE `app`.`t` ADD c INT").find()).isTrue();
        assertThat(SqlOperator.parsePattern("ADD COLUMN extra").matcher("ALTER TABLE t ADD COLUMN extra INT").find()).isTrue();
        assertThatThrownBy(() -> SqlOperator.parsePattern("~ADD (COLUMN"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> SqlOperator.parsePattern("~")).isInstanceOf(SluiceException.class);
    }

    @Test
    void operatorsNameTheirDdlOneWay() {
        assertThatThrownBy(() -> new SqlOperator("x", SqlOperator.Kind.SKIP, java.util.Optional.of(AT), java.util.Optional.of(Pattern.compile("a")), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SqlOperator("x", SqlOperator.Kind.REPLACE, java.util.Optional.of(AT), java.util.Optional.empty(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlOperator.skip("a\nb", AT)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SqlOperator.replace("r1", AT, List.of("ALTER TABLE t ADD c INT")).describe())
                .isEqualTo("sql-replace --binlog-pos mysql-bin.000003:1234 \"ALTER TABLE t ADD c INT;\" (id r1)");
    }

    @Test
    void matchesByPositionFirstThenByPatternInOrder() {
        SqlOperators operators = new SqlOperators();
        operators.add(SqlOperator.skip("p1", Pattern.compile("ADD COLUMN")));
        operators.add(SqlOperator.replace("p2", Pattern.compile("ADD"), List.of("ALTER TABLE t ADD d INT")));
        operators.add(SqlOperator.skip("at", AT));
        assertThat(operators.match(AT, "ALTER TABLE t ADD COLUMN c INT").orElseThrow().id()).isEqualTo("at");
        FilePosition elsewhere = FilePosition.parse("mysql-bin.000003:99");
        assertThat(operators.match(elsewhere, "ALTER TABLE t ADD COLUMN c INT").orElseThrow().id()).isEqualTo("p1");
        assertThat(operators.match(elsewhere, "ALTER TABLE t ADD INDEX (c)").orElseThrow().id()).isEqualTo("p2");
        assertThat(operators.match(elsewhere, "DROP TABLE t")).isEmpty();
    }

    @Test
    void rejectsDuplicateIdsAndPositions() {
        SqlOperators operators = new SqlOperators();
        operators.add(SqlOperator.skip("a", AT));
        assertThatThrownBy(() -> operators.add(SqlOperator.replace("b", AT, List.of("DROP TABLE t"))))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.reason()).contains("mysql-bin.000003:1234", "(id a)"));
        assertThatThrownBy(() -> operators.add(SqlInjection.parse("a", "DROP TABLE t;")))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.reason()).contains("'a'"));
        assertThat(operators.remove("a")).isTrue();
        assertThat(operators.remove("a")).isFalse();
        operators.add(SqlOperator.replace("b", AT, List.of("DROP TABLE t")));
        assertThat(operators.list()).extracting(SqlOperator::id).containsExactly("b");
    }

    @Test
    void consumingRemovesAndTellsTheListeners() {
        SqlOperators operators = new SqlOperators();
        List<String> told = new ArrayList<>();
        operators.addListener((id, at) -> told.add(id + "@" + at));
        operators.addListener((id, at) -> {
            throw new IllegalStateException("a broken listener does not stop the others or replication");
        });
        operators.add(SqlOperator.skip("s", AT));
        operators.add(SqlInjection.parse("i", "CREATE TABLE x (id INT);"));
        operators.add(SqlOperator.skip("kept", Pattern.compile("x")));
        operators.consumed("s", AT);
        assertThat(told).containsExactly("s@mysql-bin.000003:1234");
        assertThat(operators.list()).extracting(SqlOperator::id).containsExactly("kept");

        // applied before a restart: recorded on the target, still registered here
        operators.consumedEarlier(Map.of("i", AT, "gone", AT));
        assertThat(told).containsExactly("s@mysql-bin.000003:1234", "i@mysql-bin.000003:1234");
        assertThat(operators.injections()).isEmpty();
        assertThat(operators.isEmpty()).isFalse();
    }
}
