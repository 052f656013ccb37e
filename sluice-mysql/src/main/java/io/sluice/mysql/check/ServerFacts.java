package io.sluice.mysql.check;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server-level checks need to know about one MySQL or MariaDB server, read in one pass so
 * that the checks themselves are plain functions (and MySQL's answers, which no test server can
 * give, can be fed to them from recorded output). A fact the user may not read (SHOW BINARY LOGS
 * without BINLOG MONITOR, say) is absent and its reason kept in {@link #unavailable()}, so one
 * missing privilege fails the items that need it instead of the whole precheck.
 *
 * @param version {@code SELECT VERSION()}, e.g. {@code 10.11.6-MariaDB-log} or {@code 8.0.36}
 * @param variables global variables by lower-case name; absent when the server does not have them
 * @param threadsConnected {@code Threads_connected}, or -1 when unknown
 * @param currentUser {@code CURRENT_USER()}, e.g. {@code repl@%}
 * @param grantLines {@code SHOW GRANTS}
 * @param binaryLogs {@code SHOW BINARY LOGS}, oldest first; empty when binary logging is off or unreadable
 * @param binlogDoDb {@code Binlog_Do_DB} of {@code SHOW MASTER STATUS}, comma separated, "" when none
 * @param binlogIgnoreDb {@code Binlog_Ignore_DB} of {@code SHOW MASTER STATUS}
 * @param oldestBinlogGtid MariaDB only: {@code BINLOG_GTID_POS(oldest binlog, 4)}, the GTID position the oldest
 *     binlog starts after ("" when nothing was ever purged), or null when unknown
 * @param unavailable reasons facts are missing, by fact ({@code "binary logs"}, {@code "grants"}...)
 */
record ServerFacts(String version, Map<String, String> variables, long threadsConnected, String currentUser, List<String> grantLines,
        List<BinlogFile> binaryLogs, String binlogDoDb, String binlogIgnoreDb, String oldestBinlogGtid, Map<String, String> unavailable) {
    static final String BINARY_LOGS = "binary logs";
    static final String GRANTS = "grants";
    static final String MASTER_STATUS = "master status";

    private static final List<String> VARIABLES = List.of(
            "log_bin", "binlog_format", "binlog_row_image", "server_id", "gtid_strict_mode", "gtid_mode", "enforce_gtid_consistency",
            "gtid_purged", "gtid_executed", "gtid_binlog_pos", "max_connections", "max_user_connections", "lower_case_table_names");
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)");

    /** One binlog file the server still has. */
    record BinlogFile(String name, long size) {
        BinlogFile {
            requireNonNull(name, "name is null");
        }
    }

    ServerFacts {
        requireNonNull(version, "version is null");
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(variables, "variables is null")));
        requireNonNull(currentUser, "currentUser is null");
        grantLines = List.copyOf(requireNonNull(grantLines, "grantLines is null"));
        binaryLogs = List.copyOf(requireNonNull(binaryLogs, "binaryLogs is null"));
        requireNonNull(binlogDoDb, "binlogDoDb is null");
        requireNonNull(binlogIgnoreDb, "binlogIgnoreDb is null");
        unavailable = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(unavailable, "unavailable is null")));
    }

    /** Reads the facts; fails only when the connection itself fails, since VERSION() and the variables are readable by anyone. */
    static ServerFacts read(Connection connection) throws SQLException {
        String version = scalar(connection, "SELECT VERSION()");
        String currentUser = scalar(connection, "SELECT CURRENT_USER()");
        Map<String, String> variables = new LinkedHashMap<>();
        String names = String.join(", ", VARIABLES.stream().map(name -> "'" + name + "'").toList());
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SHOW GLOBAL VARIABLES WHERE Variable_name IN (" + names + ")")) {
            while (rs.next()) {
                variables.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
            }
        }
        long threads = -1;
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Threads_connected'")) {
            if (rs.next()) {
                threads = Long.parseLong(rs.getString(2));
            }
        }
        Map<String, String> unavailable = new LinkedHashMap<>();
        List<String> grants = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SHOW GRANTS")) {
            while (rs.next()) {
                grants.add(rs.getString(1));
            }
        }
        catch (SQLException e) {
            unavailable.put(GRANTS, e.getMessage());
        }
        List<BinlogFile> logs = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) {
                logs.add(new BinlogFile(rs.getString(1), rs.getLong(2)));
            }
        }
        catch (SQLException e) {
            unavailable.put(BINARY_LOGS, e.getMessage());
        }
        String doDb = "";
        String ignoreDb = "";
        boolean mariaDb = isMariaDb(version);
        // MySQL 8.4 renamed SHOW MASTER STATUS
        String show = !mariaDb && atLeast(version, 8, 4) ? "SHOW BINARY LOG STATUS" : "SHOW MASTER STATUS";
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(show)) {
            if (rs.next()) {
                doDb = nullToEmpty(rs.getString(3));
                ignoreDb = nullToEmpty(rs.getString(4));
            }
        }
        catch (SQLException e) {
            unavailable.put(MASTER_STATUS, e.getMessage());
        }
        String oldestGtid = null;
        if (mariaDb && !logs.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT BINLOG_GTID_POS(?, 4)")) {
                statement.setString(1, logs.getFirst().name());
                try (ResultSet rs = statement.executeQuery()) {
                    oldestGtid = rs.next() ? nullToEmpty(rs.getString(1)) : null;
                }
            }
            catch (SQLException e) {
                unavailable.put("oldest binlog GTID", e.getMessage());
            }
        }
        return new ServerFacts(version, variables, threads, currentUser, grants, logs, doDb, ignoreDb, oldestGtid, unavailable);
    }

    /** The same facts with the server's error messages passed through {@code redact} (which removes passwords). */
    ServerFacts redacted(UnaryOperator<String> redact) {
        Map<String, String> messages = new LinkedHashMap<>();
        unavailable.forEach((fact, message) -> messages.put(fact, redact.apply(message)));
        return new ServerFacts(version, variables, threadsConnected, currentUser, grantLines, binaryLogs, binlogDoDb, binlogIgnoreDb, oldestBinlogGtid, messages);
    }

    boolean mariaDb() {
        return isMariaDb(version);
    }

    /** The variable's value, or empty when the server has no such variable. */
    Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    /** Whether a boolean variable is ON (or 1). */
    boolean on(String name) {
        return variable(name).map(value -> value.equalsIgnoreCase("ON") || value.equals("1")).orElse(false);
    }

    long number(String name, long otherwise) {
        try {
            return variable(name).map(Long::parseLong).orElse(otherwise);
        }
        catch (NumberFormatException e) {
            return otherwise;
        }
    }

    Grants grants() {
        return Grants.parse(grantLines, number("lower_case_table_names", 0) == 0);
    }

    /** Major, minor and patch, or empty when VERSION() does not start with them. */
    Optional<int[]> versionNumbers() {
        return numbers(version);
    }

    /** {@code 'user'@'host'} of {@link #currentUser()}, quoted for a GRANT statement. */
    String grantee() {
        int at = currentUser.lastIndexOf('@');
        String user = at < 0 ? currentUser : currentUser.substring(0, at);
        String host = at < 0 ? "%" : currentUser.substring(at + 1);
        return quote(user) + "@" + quote(host);
    }

    /** The flavour and version as people write it, e.g. {@code MariaDB 10.11.6} or {@code MySQL 8.0.36}. */
    String product() {
        return (mariaDb() ? "MariaDB " : "MySQL ") + versionNumbers().map(n -> n[0] + "." + n[1] + "." + n[2]).orElse(version);
    }

    static boolean isMariaDb(String version) {
        return version.toLowerCase(Locale.ROOT).contains("mariadb");
    }

    static boolean atLeast(String version, int major, int minor) {
        return numbers(version).map(n -> n[0] > major || (n[0] == major && n[1] >= minor)).orElse(false);
    }

    private static Optional<int[]> numbers(String version) {
        Matcher matcher = VERSION.matcher(version);
        if (!matcher.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3))});
        }
        catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private static String scalar(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return nullToEmpty(rs.getString(1));
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
