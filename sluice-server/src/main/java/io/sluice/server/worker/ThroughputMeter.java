package io.sluice.server.worker;

/**
 * Transactions per second for query-status: the average since the subtask started ({@code totalTps})
 * and over the last sampling interval of at least one second ({@code recentTps}). Samples are taken
 * when status is read, so an unobserved subtask costs nothing.
 */
final class ThroughputMeter {
    private static final long MIN_INTERVAL_NANOS = 1_000_000_000L;

    private long startNanos = System.nanoTime();
    private long previousNanos = startNanos;
    private long previousCount;
    private double recent;

    synchronized void reset() {
        startNanos = System.nanoTime();
        previousNanos = startNanos;
        previousCount = 0;
        recent = 0;
    }

    synchronized Rates sample(long count) {
        long now = System.nanoTime();
        double total = count / Math.max(1e-9, (now - startNanos) / 1e9);
        if (now - previousNanos >= MIN_INTERVAL_NANOS) {
            recent = Math.max(0, count - previousCount) / ((now - previousNanos) / 1e9);
            previousNanos = now;
            previousCount = count;
        }
        return new Rates(total, recent);
    }

    record Rates(double total, double recent) {}
}
