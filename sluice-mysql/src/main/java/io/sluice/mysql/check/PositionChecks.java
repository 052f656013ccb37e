package io.sluice.mysql.check;

import io.sluice.core.position.BinlogPosition;
import io.sluice.core.position.FilePosition;
import io.sluice.core.position.MariaDbGtid;
import io.sluice.core.position.MariaDbGtidList;
import io.sluice.core.position.MySqlGtidSet;
import io.sluice.core.task.InstanceConfig;
import io.sluice.core.task.SourceConfig;
import io.sluice.core.task.StartMeta;
import io.sluice.core.task.TaskMode;
import io.sluice.mysql.sink.SubtaskState;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code meta_position} item: the position replication will start from is still in the
 * source's binlog. That position is the subtask's checkpoint on the target when there is one (a
 * restart resumes there, whatever the mode), otherwise the {@code meta} of an incremental task,
 * read as the subtask reads it: the GTID set when the source has {@code enable-gtid} (or the meta
 * has no file), the binlog file and offset otherwise. A file position must name a binlog the source
 * still lists in SHOW BINARY LOGS, within its size; a MariaDB GTID position must not lie before
 * the GTID position the oldest binlog starts after (BINLOG_GTID_POS of it); a MySQL GTID set must
 * contain {@code gtid_purged} and nothing outside {@code gtid_executed}.
 */
final class PositionChecks {
    private PositionChecks() {}

    /**
     * @param checkpoint the subtask's checkpoint on the target, if it has one
     * @param metaSchema the target's meta schema, named in fixes for a lost checkpoint position
     */
    static CheckResult metaPosition(String source, ServerFacts facts, SourceConfig config, InstanceConfig instance, TaskMode mode,
            Optional<SubtaskState> checkpoint, String metaSchema, String taskName) {
        if (checkpoint.isPresent()) {
            SubtaskState state = checkpoint.get();
            if (state.stage() == SubtaskState.Stage.FINISHED) {
                return CheckResult.passed(PrecheckItem.META_POSITION, source, "the subtask finished its full copy; it reads no binlog");
            }
            BinlogPosition position = config.enableGtid() && state.position().gtid() != null ? state.position().gtid() : state.position().file();
            String fix = "The subtask cannot resume without losing changes: delete its checkpoint (DELETE FROM `" + metaSchema.replace("`", "``")
                    + "`.`checkpoint` WHERE task = '" + taskName.replace("'", "''") + "' AND source = '" + source.replace("'", "''") + "'), empty its target tables and copy again with task-mode all; "
                    + "keep binlogs longer (binlog_expire_logs_seconds, expire_logs_days) so that a paused task can resume.";
            return check(source, facts, position, "the checkpoint saved on the target", fix);
        }
        if (mode != TaskMode.INCREMENTAL) {
            return CheckResult.passed(PrecheckItem.META_POSITION, source, "task-mode " + mode.configName() + " starts at the position of its own copy");
        }
        StartMeta meta = instance.meta();
        if (meta == null) {
            return CheckResult.passed(PrecheckItem.META_POSITION, source, "no meta and no checkpoint: replication starts at the current end of the binlog");
        }
        BinlogPosition position = config.enableGtid() || meta.binlogName() == null
                ? meta.position().orElseThrow()
                : new FilePosition(meta.binlogName(), meta.binlogPos() == null ? StartMeta.FIRST_EVENT_POSITION : meta.binlogPos());
        String fix = "Set the meta of " + source + " in the task to a position the source still has (see SHOW BINARY LOGS), restore the missing binlogs, "
                + "or copy the data again with task-mode all; keep binlogs longer with binlog_expire_logs_seconds / expire_logs_days.";
        return check(source, facts, position, "the task's meta", fix);
    }

    private static CheckResult check(String source, ServerFacts facts, BinlogPosition position, String origin, String fix) {
        if (facts.binaryLogs().isEmpty()) {
            String reason = facts.unavailable().containsKey(ServerFacts.BINARY_LOGS)
                    ? "SHOW BINARY LOGS failed: " + facts.unavailable().get(ServerFacts.BINARY_LOGS) : "the source has no binlogs";
            String grant = facts.unavailable().containsKey(ServerFacts.BINARY_LOGS) && facts.on("log_bin")
                    ? "GRANT " + (facts.mariaDb() ? "BINLOG MONITOR" : "REPLICATION CLIENT") + " ON *.* TO " + facts.grantee() + ";"
                    : "Enable binary logging on the source (see binlog_enable).";
            return CheckResult.of(PrecheckItem.META_POSITION, source, List.of(Finding.fail(
                    "cannot check " + origin + " " + position + ": " + reason, grant)), "");
        }
        List<Finding> findings = switch (position) {
            case FilePosition file -> checkFile(facts, file, origin, fix);
            case MariaDbGtidList gtid -> checkMariaDb(facts, gtid, origin, fix);
            case MySqlGtidSet gtid -> checkMySql(facts, gtid, origin, fix);
        };
        return CheckResult.of(PrecheckItem.META_POSITION, source, findings, origin + " " + describe(position) + " is in the source's binlog");
    }

    private static List<Finding> checkFile(ServerFacts facts, FilePosition position, String origin, String fix) {
        List<ServerFacts.BinlogFile> logs = facts.binaryLogs();
        String range = "the source has " + logs.getFirst().name() + " to " + logs.getLast().name();
        for (ServerFacts.BinlogFile log : logs) {
            if (log.name().equals(position.file())) {
                if (position.position() > log.size()) {
                    return List.of(Finding.fail(origin + " " + position + " lies beyond the end of " + log.name() + " (" + log.size() + " bytes)", fix));
                }
                return List.of();
            }
        }
        OptionalLong index = index(position.file());
        OptionalLong oldest = index(logs.getFirst().name());
        String base = base(position.file());
        if (index.isPresent() && oldest.isPresent() && base.equals(base(logs.getFirst().name())) && index.getAsLong() < oldest.getAsLong()) {
            return List.of(Finding.fail(origin + " " + position + " is in a binlog the source has purged (" + range + ")", fix));
        }
        return List.of(Finding.fail(origin + " " + position + " names a binlog the source does not have (" + range + ")", fix));
    }

    private static List<Finding> checkMariaDb(ServerFacts facts, MariaDbGtidList start, String origin, String fix) {
        if (!facts.mariaDb()) {
            return List.of(Finding.fail(origin + " " + start + " is a MariaDB GTID position, but the source is " + facts.product(),
                    "Give binlog-gtid as a MySQL GTID set (uuid:1-N), or binlog-name and binlog-pos."));
        }
        List<Finding> findings = new ArrayList<>();
        if (facts.oldestBinlogGtid() == null) {
            String reason = facts.unavailable().getOrDefault("oldest binlog GTID", "unknown");
            return List.of(Finding.warn("cannot tell whether " + origin + " " + start + " was purged: BINLOG_GTID_POS failed: " + reason,
                    "GRANT BINLOG MONITOR, REPLICATION SLAVE ON *.* TO " + facts.grantee() + ";"));
        }
        MariaDbGtidList oldest = MariaDbGtidList.parse(facts.oldestBinlogGtid());
        for (MariaDbGtid purged : oldest.gtids()) {
            Optional<MariaDbGtid> from = start.forDomain(purged.domainId());
            if (from.isEmpty() || from.get().sequence() < purged.sequence()) {
                findings.add(Finding.fail(origin + " " + start + " needs domain " + purged.domainId() + " transactions after sequence "
                        + from.map(MariaDbGtid::sequence).orElse(0L) + ", but the source purged them: its oldest binlog "
                        + facts.binaryLogs().getFirst().name() + " starts after " + purged, fix));
            }
        }
        MariaDbGtidList current = MariaDbGtidList.parse(facts.variable("gtid_binlog_pos").orElse(""));
        for (MariaDbGtid gtid : start.gtids()) {
            Optional<MariaDbGtid> logged = current.forDomain(gtid.domainId());
            if (logged.isEmpty() || logged.get().sequence() < gtid.sequence()) {
                findings.add(Finding.fail(origin + " " + start + " contains " + gtid + ", which the source has not logged (gtid_binlog_pos="
                        + current + ")", "Check that " + origin + " belongs to this source; set it to a position at or before " + current + "."));
            }
        }
        return findings;
    }

    private static List<Finding> checkMySql(ServerFacts facts, MySqlGtidSet start, String origin, String fix) {
        if (facts.mariaDb()) {
            return List.of(Finding.fail(origin + " " + start + " is a MySQL GTID set, but the source is " + facts.product(),
                    "Give binlog-gtid as a MariaDB GTID position (domain-server-sequence), or binlog-name and binlog-pos."));
        }
        List<Finding> findings = new ArrayList<>();
        MySqlGtidSet purged = MySqlGtidSet.parse(facts.variable("gtid_purged").orElse(""));
        if (!start.containsAll(purged)) {
            findings.add(Finding.fail(origin + " " + start + " lacks transactions the source has purged: " + purged.subtract(start), fix));
        }
        MySqlGtidSet executed = MySqlGtidSet.parse(facts.variable("gtid_executed").orElse(""));
        MySqlGtidSet unknown = start.subtract(executed);
        if (!unknown.isEmpty()) {
            findings.add(Finding.fail(origin + " contains transactions the source never executed: " + unknown,
                    "Check that " + origin + " belongs to this source; it must be a subset of its gtid_executed."));
        }
        return findings;
    }

    private static String describe(BinlogPosition position) {
        return position instanceof FilePosition ? position.toString() : "GTID " + position;
    }

    private static OptionalLong index(String file) {
        int dot = file.lastIndexOf('.');
        try {
            return dot < 0 ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(file.substring(dot + 1)));
        }
        catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String base(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? file : file.substring(0, dot);
    }
}
