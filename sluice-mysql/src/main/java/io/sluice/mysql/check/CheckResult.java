package io.sluice.mysql.check;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The result of one precheck item on one server. {@code source} is the source id, or
 * {@value #TARGET} for the target. {@code state} is the worst of the {@code findings} (pass when
 * there are none, skipped when the task ignores the item); {@code message} says what was verified
 * when the item passes and joins the findings' messages otherwise, and {@code instruction} joins
 * their fixes (empty when there is nothing to do).
 */
public record CheckResult(PrecheckItem item, String source, CheckState state, String message, String instruction, List<Finding> findings) {
    public static final String TARGET = "target";

    public CheckResult {
        requireNonNull(item, "item is null");
        requireNonNull(source, "source is null");
        requireNonNull(state, "state is null");
        requireNonNull(message, "message is null");
        requireNonNull(instruction, "instruction is null");
        findings = List.copyOf(requireNonNull(findings, "findings is null"));
        CheckState worst = findings.stream().map(Finding::severity).reduce(CheckState.PASS, CheckState::worst);
        if (state != CheckState.SKIPPED && state != worst) {
            throw new IllegalArgumentException("state " + state + " does not match the worst finding " + worst);
        }
        if (state == CheckState.SKIPPED && !findings.isEmpty()) {
            throw new IllegalArgumentException("a skipped item has no findings");
        }
    }

    /** DM's item name, e.g. {@code binlog_format}. */
    public String name() {
        return item.configName();
    }

    public static CheckResult passed(PrecheckItem item, String source, String message) {
        return new CheckResult(item, source, CheckState.PASS, message, "", List.of());
    }

    public static CheckResult skipped(PrecheckItem item, String source) {
        return new CheckResult(item, source, CheckState.SKIPPED, "skipped: ignore-checking-items lists " + item.configName(), "", List.of());
    }

    /** The result of the findings, or a pass saying {@code passMessage} when there are none. */
    public static CheckResult of(PrecheckItem item, String source, List<Finding> findings, String passMessage) {
        if (findings.isEmpty()) {
            return passed(item, source, passMessage);
        }
        CheckState state = findings.stream().map(Finding::severity).reduce(CheckState.PASS, CheckState::worst);
        String message = findings.stream().map(Finding::message).collect(Collectors.joining("; "));
        // the same fix for several tables is said once
        Set<String> instructions = new LinkedHashSet<>();
        findings.stream().map(Finding::instruction).filter(text -> !text.isBlank()).forEach(instructions::add);
        return new CheckResult(item, source, state, message, String.join(" ", instructions), findings);
    }
}
