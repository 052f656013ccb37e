package io.sluice.mysql.schema.tracker;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An index of a tracked table. Non-unique indexes are kept too: their names take part in the
 * names MariaDB generates for unnamed keys.
 *
 * @param type {@code FULLTEXT} or {@code SPATIAL} for those index kinds; null otherwise
 */
record TrackedIndex(String name, Kind kind, String type, List<String> columns) {
    enum Kind { PRIMARY, UNIQUE, KEY }

    static final String PRIMARY_NAME = "PRIMARY";

    TrackedIndex {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        columns = List.copyOf(columns);
    }

    TrackedIndex withName(String newName) {
        return new TrackedIndex(newName, kind, type, columns);
    }

    TrackedIndex withColumns(List<String> newColumns) {
        return new TrackedIndex(name, kind, type, newColumns);
    }

    String render() {
        String columnList = columns.stream().map(Names::quote).collect(Collectors.joining(",", "(", ")"));
        return switch (kind) {
            case PRIMARY -> "PRIMARY KEY " + columnList;
            case UNIQUE -> "UNIQUE KEY " + Names.quote(name) + " " + columnList;
            case KEY -> (type == null ? "" : type + " ") + "KEY " + Names.quote(name) + " " + columnList;
        };
    }
}
