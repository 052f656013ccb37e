package io.sluice.mysql.schema.tracker;

import io.sluice.core.schema.TableId;

import java.util.HashMap;
import java.util.Map;

/**
 * Everything the tracker knows: the tables, each database's default charset, the server's
 * defaults. DDL is applied to a copy that replaces the state only when the whole statement
 * applied, so a failed statement leaves the state as it was.
 */
final class TrackerState {
    private final Map<TableId, TrackedTable> tables;
    private final Map<String, DefaultCharset> databases;
    private final Charsets charsets;
    private DefaultCharset serverDefault;
    private boolean explicitDefaultsForTimestamp;

    TrackerState() {
        this(new HashMap<>(), new HashMap<>(), new Charsets(), new DefaultCharset("utf8mb4", "utf8mb4_general_ci"), true);
    }

    private TrackerState(Map<TableId, TrackedTable> tables, Map<String, DefaultCharset> databases, Charsets charsets,
            DefaultCharset serverDefault, boolean explicitDefaultsForTimestamp) {
        this.tables = tables;
        this.databases = databases;
        this.charsets = charsets;
        this.serverDefault = serverDefault;
        this.explicitDefaultsForTimestamp = explicitDefaultsForTimestamp;
    }

    TrackerState copy() {
        return new TrackerState(new HashMap<>(tables), new HashMap<>(databases), charsets.copy(), serverDefault, explicitDefaultsForTimestamp);
    }

    Map<TableId, TrackedTable> tables() {
        return tables;
    }

    /** Database name -> default charset, for databases whose default is known. */
    Map<String, DefaultCharset> databases() {
        return databases;
    }

    /** A database's default, the server's when the database's is not known. */
    DefaultCharset databaseDefault(String database) {
        return databases.getOrDefault(database, serverDefault);
    }

    Charsets charsets() {
        return charsets;
    }

    DefaultCharset serverDefault() {
        return serverDefault;
    }

    void serverDefault(DefaultCharset value) {
        serverDefault = value;
    }

    boolean explicitDefaultsForTimestamp() {
        return explicitDefaultsForTimestamp;
    }

    void explicitDefaultsForTimestamp(boolean value) {
        explicitDefaultsForTimestamp = value;
    }

    /** Forgets a database's tables and default. */
    void dropDatabase(String database) {
        databases.remove(database);
        tables.keySet().removeIf(id -> id.database().equals(database));
    }
}
