package io.sluice.mysql.check;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The items about a server's version and binlog settings: {@code version}, {@code server_id},
 * {@code binlog_enable}, {@code binlog_format}, {@code binlog_row_image} and {@code gtid}. They
 * hold in every task mode, because a Sluice subtask records binlog positions even for a full copy.
 * Pure functions of {@link ServerFacts}.
 */
final class ServerChecks {
    // the oldest releases Sluice reads and writes; anything newer than the newest tested is a warning
    private static final int[] MIN_MYSQL = {5, 7};
    private static final int[] MAX_TESTED_MYSQL = {8, 4};
    private static final int[] MIN_MARIADB = {10, 5};

    private ServerChecks() {}

    static CheckResult version(String source, ServerFacts facts) {
        Optional<int[]> numbers = facts.versionNumbers();
        String product = facts.product();
        if (numbers.isEmpty()) {
            return CheckResult.of(PrecheckItem.VERSION, source, List.of(Finding.warn(
                    "cannot read a version number from VERSION()='" + facts.version() + "'",
                    "Check that the server is MySQL 5.7 or later or MariaDB 10.5 or later.")), "");
        }
        int major = numbers.get()[0];
        int minor = numbers.get()[1];
        if (facts.mariaDb()) {
            if (compare(major, minor, MIN_MARIADB) < 0) {
                return CheckResult.of(PrecheckItem.VERSION, source, List.of(Finding.fail(
                        product + " is older than MariaDB 10.5, the oldest release Sluice supports",
                        "Upgrade the server to MariaDB 10.5 or later.")), "");
            }
            return CheckResult.passed(PrecheckItem.VERSION, source, product + " is supported");
        }
        if (compare(major, minor, MIN_MYSQL) < 0) {
            return CheckResult.of(PrecheckItem.VERSION, source, List.of(Finding.fail(
                    product + " is older than MySQL 5.7, the oldest release Sluice supports",
                    "Upgrade the server to MySQL 5.7 or later.")), "");
        }
        if (compare(major, minor, MAX_TESTED_MYSQL) > 0) {
            return CheckResult.of(PrecheckItem.VERSION, source, List.of(Finding.warn(
                    product + " is newer than MySQL 8.4, the newest release Sluice is tested with",
                    "Run the task against a test copy first, or use MySQL 8.4 or earlier.")), "");
        }
        return CheckResult.passed(PrecheckItem.VERSION, source, product + " is supported");
    }

    static CheckResult serverId(String source, ServerFacts facts) {
        long serverId = facts.number("server_id", -1);
        if (serverId == 0) {
            return CheckResult.of(PrecheckItem.SERVER_ID, source, List.of(Finding.fail(
                    "server_id is 0: the source refuses to serve replicas",
                    "Add `server_id = <a number unique among your servers>` under [mysqld] in my.cnf and restart the source "
                            + "(or SET GLOBAL server_id = <number> and add the my.cnf line so it survives a restart).")), "");
        }
        return CheckResult.passed(PrecheckItem.SERVER_ID, source, "server_id is " + serverId);
    }

    static CheckResult binlogEnable(String source, ServerFacts facts) {
        if (facts.on("log_bin")) {
            return CheckResult.passed(PrecheckItem.BINLOG_ENABLE, source, "log_bin is ON");
        }
        return CheckResult.of(PrecheckItem.BINLOG_ENABLE, source, List.of(Finding.fail(
                "binary logging is off (log_bin=" + facts.variable("log_bin").orElse("unknown") + "): there is no binlog to replicate from",
                "Add `log_bin = mysql-bin`, `binlog_format = ROW` and `binlog_row_image = FULL` under [mysqld] in my.cnf and restart the source "
                        + "(log_bin cannot be changed at runtime).")), "");
    }

    static CheckResult binlogFormat(String source, ServerFacts facts) {
        String format = facts.variable("binlog_format").orElse("unknown");
        if (format.equalsIgnoreCase("ROW")) {
            return CheckResult.passed(PrecheckItem.BINLOG_FORMAT, source, "binlog_format is ROW");
        }
        return CheckResult.of(PrecheckItem.BINLOG_FORMAT, source, List.of(Finding.fail(
                "binlog_format is " + format + ", but Sluice replicates row events and needs binlog_format=ROW",
                "Run SET GLOBAL binlog_format = 'ROW' on the source and add `binlog_format = ROW` under [mysqld] in my.cnf; "
                        + "sessions already connected keep the old format until they reconnect.")), "");
    }

    static CheckResult binlogRowImage(String source, ServerFacts facts) {
        Optional<String> image = facts.variable("binlog_row_image");
        // servers before binlog_row_image existed always log full images
        if (image.isEmpty() || image.get().equalsIgnoreCase("FULL")) {
            return CheckResult.passed(PrecheckItem.BINLOG_ROW_IMAGE, source, "binlog_row_image is FULL");
        }
        return CheckResult.of(PrecheckItem.BINLOG_ROW_IMAGE, source, List.of(Finding.fail(
                "binlog_row_image is " + image.get() + ", so updates and deletes log only some columns; Sluice needs FULL images "
                        + "to replay changes exactly (tables without a key, restarts during the copy)",
                "Run SET GLOBAL binlog_row_image = 'FULL' on the source and add `binlog_row_image = FULL` under [mysqld] in my.cnf.")), "");
    }

    static CheckResult gtid(String source, ServerFacts facts, boolean enableGtid) {
        if (facts.mariaDb()) {
            boolean strict = facts.on("gtid_strict_mode");
            if (!enableGtid) {
                return CheckResult.passed(PrecheckItem.GTID, source, "enable-gtid is false: positions are binlog file and offset"
                        + (strict ? "" : " (gtid_strict_mode is OFF)"));
            }
            if (strict) {
                return CheckResult.passed(PrecheckItem.GTID, source, "gtid_strict_mode is ON");
            }
            return CheckResult.of(PrecheckItem.GTID, source, List.of(Finding.warn(
                    "enable-gtid is true but gtid_strict_mode is OFF: the source may log GTIDs out of order, and a GTID position "
                            + "may then skip or repeat transactions after a failover",
                    "Run SET GLOBAL gtid_strict_mode = ON on the source and add `gtid_strict_mode = ON` under [mysqld] in my.cnf, "
                            + "or set enable-gtid: false in the source file.")), "");
        }
        String mode = facts.variable("gtid_mode").orElse("OFF").toUpperCase(Locale.ROOT);
        String consistency = facts.variable("enforce_gtid_consistency").orElse("OFF").toUpperCase(Locale.ROOT);
        if (!enableGtid) {
            return CheckResult.passed(PrecheckItem.GTID, source, "enable-gtid is false: positions are binlog file and offset (gtid_mode is " + mode + ")");
        }
        if (mode.equals("ON") && consistency.equals("ON")) {
            return CheckResult.passed(PrecheckItem.GTID, source, "gtid_mode and enforce_gtid_consistency are ON");
        }
        return CheckResult.of(PrecheckItem.GTID, source, List.of(Finding.warn(
                "enable-gtid is true but gtid_mode is " + mode + " and enforce_gtid_consistency is " + consistency
                        + ": Sluice falls back to binlog file positions, which do not survive a failover to another server",
                "Set `gtid_mode = ON` and `enforce_gtid_consistency = ON` under [mysqld] in my.cnf (online: SET GLOBAL "
                        + "enforce_gtid_consistency = ON, then gtid_mode = OFF_PERMISSIVE, ON_PERMISSIVE, ON), or set enable-gtid: false in the source file.")), "");
    }

    private static int compare(int major, int minor, int[] version) {
        return major != version[0] ? Integer.compare(major, version[0]) : Integer.compare(minor, version[1]);
    }
}
