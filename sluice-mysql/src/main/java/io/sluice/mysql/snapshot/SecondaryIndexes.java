package io.sluice.mysql.snapshot;

import static java.util.Objects.requireNonNull;

import io.sluice.mysql.sink.MetaStore.DeferredIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits the plain secondary indexes off a {@code CREATE TABLE} statement, so the copy can load a
 * table without them and build them once its rows are in: building an index over loaded rows costs
 * the target about a quarter less CPU than maintaining it row by row (docs/benchmarks.md). Only
 * non-unique {@code KEY}s are deferred: primary and unique keys stay, because they keep the copy
 * exactly-once (a duplicate must fail while loading, not when the index is built), and a table with
 * foreign keys keeps all its indexes, since InnoDB would create its own for them.
 */
public final class SecondaryIndexes {
    // SHOW CREATE TABLE writes one definition per line, indented by two spaces
    private static final Pattern PLAIN_KEY = Pattern.compile("^  KEY (`(?:[^`]|``)+`) \\(.*$");

    private SecondaryIndexes() {}

    /** The statement without its deferrable indexes, and those indexes; unchanged when none can be deferred. */
    public static Split split(String createTable) {
        requireNonNull(createTable, "createTable is null");
        String[] lines = createTable.split("\n", -1);
        if (createTable.contains("FOREIGN KEY") || lines.length < 3 || !lines[0].endsWith("(")) {
            return new Split(createTable, List.of());
        }
        int close = -1;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].startsWith(")")) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            return new Split(createTable, List.of());
        }
        List<String> kept = new ArrayList<>();
        List<DeferredIndex> deferred = new ArrayList<>();
        for (int i = 1; i < close; i++) {
            String definition = lines[i].endsWith(",") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            Matcher key = PLAIN_KEY.matcher(definition);
            if (key.matches()) {
                String quoted = key.group(1);
                deferred.add(new DeferredIndex(quoted.substring(1, quoted.length() - 1).replace("``", "`"), definition.strip()));
            }
            else {
                kept.add(definition);
            }
        }
        if (deferred.isEmpty() || kept.isEmpty()) {
            return new Split(createTable, List.of());
        }
        StringBuilder statement = new StringBuilder(lines[0]).append('\n');
        for (int i = 0; i < kept.size(); i++) {
            statement.append(kept.get(i)).append(i + 1 < kept.size() ? ",\n" : "\n");
        }
        for (int i = close; i < lines.length; i++) {
            statement.append(lines[i]).append(i + 1 < lines.length ? "\n" : "");
        }
        return new Split(statement.toString(), List.copyOf(deferred));
    }

    /** A CREATE TABLE statement and the indexes split off it. */
    public record Split(String createTable, List<DeferredIndex> deferred) {
        public Split {
            requireNonNull(createTable, "createTable is null");
            deferred = List.copyOf(requireNonNull(deferred, "deferred is null"));
        }
    }
}
