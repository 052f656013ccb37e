package io.sluice.mysql.check;

/**
 * The outcome of one precheck item on one server: {@link #PASS}, {@link #WARN} (the task can
 * start, but something will be slower, less safe or surprising), {@link #FAIL} (the task would
 * fail or lose data), or {@link #SKIPPED} because the task lists the item in
 * {@code ignore-checking-items}. Declared from best to worst, so the worst of several findings is
 * the one with the highest ordinal.
 */
public enum CheckState {
    SKIPPED("skip"),
    PASS("success"),
    WARN("warn"),
    FAIL("fail");

    private final String dmName;

    CheckState(String dmName) {
        this.dmName = dmName;
    }

    /** The word DM's check-task prints for this state ({@code success}, {@code warn}, {@code fail}; {@code skip} is Sluice's own). */
    public String dmName() {
        return dmName;
    }

    static CheckState worst(CheckState a, CheckState b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
