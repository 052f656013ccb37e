package io.sluice.server.master;

import static java.util.Objects.requireNonNull;

/**
 * A sql-skip, sql-replace or sql-inject request as ZooKeeper keeps it until the subtask reports it
 * applied: the subtask it is for, the kind ({@code skip}, {@code replace}, {@code inject}), where it
 * applies (binlog position or SQL pattern; none for inject) and the statements to run.
 */
public record StoredOperator(String id, String task, String source, String kind, String binlogPos, String sqlPattern, String sqls) {
    public StoredOperator {
        requireNonNull(id, "id is null");
        requireNonNull(task, "task is null");
        requireNonNull(source, "source is null");
        requireNonNull(kind, "kind is null");
    }
}
