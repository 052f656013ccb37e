package io.sluice.mysql.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link ServerFacts} as a server would report them, for checks no test server can exercise (MySQL above all). */
final class Facts {
    private String version = "8.0.36";
    private final Map<String, String> variables = new LinkedHashMap<>();
    private long threadsConnected = 1;
    private String currentUser = "dm@%";
    private final List<String> grants = new ArrayList<>();
    private final List<ServerFacts.BinlogFile> logs = new ArrayList<>();
    private String doDb = "";
    private String ignoreDb = "";
    private String oldestGtid;
    private final Map<String, String> unavailable = new LinkedHashMap<>();

    private Facts() {}

    /** A MySQL 8.0 source as DM's docs recommend it: row binlog, full images, GTIDs on. */
    static Facts mysql() {
        Facts facts = new Facts();
        facts.variables.putAll(Map.of("log_bin", "ON", "binlog_format", "ROW", "binlog_row_image", "FULL", "server_id", "1",
                "gtid_mode", "ON", "enforce_gtid_consistency", "ON", "max_connections", "151", "max_user_connections", "0",
                "lower_case_table_names", "0"));
        facts.logs.add(new ServerFacts.BinlogFile("binlog.000001", 1000));
        return facts;
    }

    /** A MariaDB 10.11 source with the testkit's settings. */
    static Facts mariaDb() {
        Facts facts = new Facts();
        facts.version = "10.11.6-MariaDB-log";
        facts.variables.putAll(Map.of("log_bin", "ON", "binlog_format", "ROW", "binlog_row_image", "FULL", "server_id", "7",
                "gtid_strict_mode", "ON", "gtid_binlog_pos", "0-7-12", "max_connections", "151", "max_user_connections", "0",
                "lower_case_table_names", "0"));
        facts.logs.add(new ServerFacts.BinlogFile("mysql-bin.000002", 592));
        facts.logs.add(new ServerFacts.BinlogFile("mysql-bin.000003", 428));
        facts.oldestGtid = "0-7-11";
        return facts;
    }

    Facts version(String version) {
        this.version = version;
        return this;
    }

    Facts variable(String name, String value) {
        if (value == null) {
            variables.remove(name);
        }
        else {
            variables.put(name, value);
        }
        return this;
    }

    Facts threadsConnected(long threads) {
        this.threadsConnected = threads;
        return this;
    }

    Facts user(String user) {
        this.currentUser = user;
        return this;
    }

    Facts grant(String line) {
        grants.add(line);
        return this;
    }

    Facts binlogFilters(String doDb, String ignoreDb) {
        this.doDb = doDb;
        this.ignoreDb = ignoreDb;
        return this;
    }

    Facts noBinaryLogs() {
        logs.clear();
        oldestGtid = null;
        return this;
    }

    Facts unavailable(String fact, String reason) {
        unavailable.put(fact, reason);
        return this;
    }

    ServerFacts build() {
        return new ServerFacts(version, variables, threadsConnected, currentUser, grants, logs, doDb, ignoreDb, oldestGtid, unavailable);
    }
}
