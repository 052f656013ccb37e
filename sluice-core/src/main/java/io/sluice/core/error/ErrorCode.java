package io.sluice.core.error;

import static java.util.Objects.requireNonNull;

/**
 * Every error Sluice reports carries one of these codes, so that users can search for it and
 * tools can react to it. Codes are stable: never renumber, only add.
 */
public enum ErrorCode {
    INVALID_ARGUMENT(10001, ErrorType.USER_ERROR),
    INVALID_CONFIG(10002, ErrorType.USER_ERROR),
    SOURCE_UNREACHABLE(20001, ErrorType.EXTERNAL),
    SOURCE_AUTHENTICATION_FAILED(20002, ErrorType.USER_ERROR),
    SOURCE_PRIVILEGE_MISSING(20003, ErrorType.USER_ERROR),
    BINLOG_NOT_ENABLED(20004, ErrorType.USER_ERROR),
    BINLOG_FORMAT_UNSUPPORTED(20005, ErrorType.USER_ERROR),
    BINLOG_PURGED(20006, ErrorType.USER_ERROR),
    BINLOG_CONNECTION_LOST(20007, ErrorType.EXTERNAL),
    BINLOG_EVENT_UNDECODABLE(20008, ErrorType.INTERNAL_ERROR),
    BINLOG_SERVER_ERROR(20009, ErrorType.EXTERNAL),
    BINLOG_EVENT_UNSUPPORTED(20010, ErrorType.USER_ERROR),
    TARGET_UNREACHABLE(21001, ErrorType.EXTERNAL),
    TARGET_AUTHENTICATION_FAILED(21002, ErrorType.USER_ERROR),
    TARGET_PRIVILEGE_MISSING(21003, ErrorType.USER_ERROR),
    TARGET_APPLY_FAILED(21004, ErrorType.USER_ERROR),
    TARGET_TABLE_MISSING(21005, ErrorType.USER_ERROR),
    TARGET_DDL_FAILED(21006, ErrorType.USER_ERROR),
    SNAPSHOT_FAILED(22001, ErrorType.EXTERNAL),
    SNAPSHOT_UNSUPPORTED(22002, ErrorType.USER_ERROR),
    SCHEMA_UNKNOWN_TABLE(30001, ErrorType.USER_ERROR),
    SCHEMA_MISMATCH(30002, ErrorType.USER_ERROR),
    SCHEMA_DDL_UNSUPPORTED(30003, ErrorType.USER_ERROR),
    RULE_INVALID(40001, ErrorType.USER_ERROR),
    RULE_BLOCKED_EVENT(40002, ErrorType.USER_ERROR),
    TASK_NOT_FOUND(50001, ErrorType.USER_ERROR),
    TASK_EXISTS(50002, ErrorType.USER_ERROR),
    TASK_STAGE_CONFLICT(50003, ErrorType.USER_ERROR),
    SOURCE_NOT_FOUND(50004, ErrorType.USER_ERROR),
    SOURCE_EXISTS(50005, ErrorType.USER_ERROR),
    PRECHECK_FAILED(50006, ErrorType.USER_ERROR),
    SECRET_INVALID(50007, ErrorType.USER_ERROR),
    COMMAND_UNSUPPORTED(50008, ErrorType.USER_ERROR),
    METADATA_UNAVAILABLE(50009, ErrorType.EXTERNAL),
    INTERNAL(90001, ErrorType.INTERNAL_ERROR);

    private final int code;
    private final ErrorType type;

    ErrorCode(int code, ErrorType type) {
        this.code = code;
        this.type = requireNonNull(type, "type is null");
    }

    public int code() {
        return code;
    }

    public ErrorType type() {
        return type;
    }

    /** The form shown to users, e.g. {@code SLUICE-20006 BINLOG_PURGED}. */
    public String display() {
        return "SLUICE-" + code + " " + name();
    }
}
