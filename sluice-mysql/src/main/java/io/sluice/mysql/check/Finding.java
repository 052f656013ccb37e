package io.sluice.mysql.check;

import static java.util.Objects.requireNonNull;

/**
 * One problem a precheck item found: how bad it is, what exactly is wrong (naming the setting,
 * table or privilege), and what a DBA runs or edits to fix it (a GRANT statement, a my.cnf line).
 * Messages never carry a password.
 */
public record Finding(CheckState severity, String message, String instruction) {
    public Finding {
        requireNonNull(severity, "severity is null");
        requireNonNull(message, "message is null");
        requireNonNull(instruction, "instruction is null");
        if (severity != CheckState.WARN && severity != CheckState.FAIL) {
            throw new IllegalArgumentException("a finding is a warning or a failure, not " + severity);
        }
        if (message.isBlank()) {
            throw new IllegalArgumentException("message is blank");
        }
    }

    public static Finding fail(String message, String instruction) {
        return new Finding(CheckState.FAIL, message, instruction);
    }

    public static Finding warn(String message, String instruction) {
        return new Finding(CheckState.WARN, message, instruction);
    }
}
