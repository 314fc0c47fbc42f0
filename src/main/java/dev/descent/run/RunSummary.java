package dev.descent.run;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a list or header needs to know about a run, without touching its points.
 *
 * @param lastLoss           value of the {@code loss} series at its highest iteration, null before the first one
 * @param lastFiniteLoss     the latest finite value of the {@code loss} series: what the views show as its current
 *                           value (docs/metrics.md)
 * @param lossNonFiniteSince when the latest losses are NaN or ±∞: the iteration they start at; else null
 * @param notes              what the team wrote about the run, null if nothing
 * @param stalledSince       for a RUNNING run that received no point for {@code descent.watchdog.stalled-after}:
 *                           when its last point (or its start) was; null otherwise, and again once a point arrives
 * @param firstLoss          the finite loss at the lowest iteration, null before one
 * @param minLoss            the lowest finite loss, at {@code minLossIteration}; null before one
 */
public record RunSummary(
        long id,
        String project,
        String name,
        RunStatus status,
        Map<String, Object> params,
        List<String> tags,
        Instant createdAt,
        Instant updatedAt,
        long pointCount,
        @Nullable Double lastLoss,
        @Nullable Double lastFiniteLoss,
        @Nullable Long lossNonFiniteSince,
        @Nullable String notes,
        @Nullable Instant stalledSince,
        @Nullable Double firstLoss,
        @Nullable Double minLoss,
        @Nullable Long minLossIteration) {

    public boolean stalled() {
        return stalledSince != null;
    }

    /**
     * {@code (first − current) / |first| × 100} over finite losses, as the monitor's card computes it
     * (docs/metrics.md); null before a loss, 0 when the first loss is 0.
     */
    public @Nullable Double improvementFromFirst() {
        if (firstLoss == null || lastFiniteLoss == null) {
            return null;
        }
        return firstLoss == 0 ? 0.0 : (firstLoss - lastFiniteLoss) / Math.abs(firstLoss) * 100;
    }
}
