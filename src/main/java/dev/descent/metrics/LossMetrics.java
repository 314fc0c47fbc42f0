package dev.descent.metrics;

import org.jspecify.annotations.Nullable;

/**
 * The metrics of one series. Field names are the JSON names of the seed's {@code LossMetrics}; formulas,
 * units and edge cases are in docs/metrics.md. Non-finite values (NaN, ±Infinity: a diverged run) are
 * left out of every statistic and counted instead.
 *
 * @param currentLoss                  value of the latest finite point; null if none
 * @param lossImprovement              percent from the worst value to now, {@code (max - current) / |max| * 100}
 * @param convergenceRate              least-squares slope over the window, negative when converging
 * @param convergenceRateUnit          {@value #PER_EPOCH} or {@value #PER_ITERATION}
 * @param estimatedConvergenceEpoch    the epoch the target was reached at, or when the fit says it will be; null
 *                                     when not converging, uncertain or unknown
 * @param improvementFromFirst         signed percent from the first finite value to now,
 *                                     {@code (first - current) / |first| * 100}: negative when worse
 * @param currentIteration             the iteration of {@code currentLoss}
 * @param nonFiniteSince               when the latest point is NaN or ±Infinity: the iteration from which every
 *                                     point is (the run diverged there); null when the latest point is finite
 * @param targetReachedAt              the first point whose value is at or below the target; null if none
 * @param convergenceStatus            {@value #REACHED}, {@value #CONVERGING}, {@value #UNCERTAIN},
 *                                     {@value #NOT_CONVERGING} or {@value #UNKNOWN}
 * @param estimatedConvergenceInterval the 95 % interval of the estimate (high null when unbounded)
 */
public record LossMetrics(
        @Nullable Double currentLoss,
        @Nullable Double minLoss,
        @Nullable Long minLossIteration,
        @Nullable Double maxLoss,
        @Nullable Double avgLoss,
        @Nullable Double lossImprovement,
        double convergenceRate,
        String convergenceRateUnit,
        @Nullable Double estimatedConvergenceEpoch,
        long nonFiniteCount,
        @Nullable Long firstNonFiniteIteration,
        long pointCount,
        @Nullable Long firstIteration,
        @Nullable Long lastIteration,
        @Nullable Double improvementFromFirst,
        @Nullable Long currentIteration,
        @Nullable Long nonFiniteSince,
        @Nullable ReachedAt targetReachedAt,
        String convergenceStatus,
        @Nullable EpochInterval estimatedConvergenceInterval) {

    public static final String PER_EPOCH = "per_epoch";
    public static final String PER_ITERATION = "per_iteration";

    /** The target was reached: {@code targetReachedAt} says where. */
    public static final String REACHED = "reached";
    /** The fit decreases with confidence: an estimate and its interval. */
    public static final String CONVERGING = "converging";
    /** The fit may decrease or not: only the earliest epoch the data allows ({@code interval.low}). */
    public static final String UNCERTAIN = "uncertain";
    /** The fit says with confidence that the target will not be reached (flat or rising). */
    public static final String NOT_CONVERGING = "not_converging";
    /** Too few points, no epochs, or the estimator does not apply (a log fit of losses ≤ 0). */
    public static final String UNKNOWN = "unknown";

    /** A point of the series: its iteration, and its epoch (given, or from the run's iterations per epoch). */
    public record ReachedAt(long iteration, @Nullable Double epoch) {
    }

    /** @param high null when the data does not bound it */
    public record EpochInterval(double low, @Nullable Double high) {
    }

    /**
     * Computes everything from the whole series; the same as an accumulator fed the series point by point.
     *
     * @param iterations strictly increasing
     * @param epochs     NaN where a point has no epoch
     */
    public static LossMetrics compute(long[] iterations, double[] epochs, double[] values, MetricsOptions options) {
        int n = iterations.length;
        if (epochs.length != n || values.length != n) {
            throw new IllegalArgumentException("iterations, epochs and values differ in length");
        }
        LossMetricsAccumulator accumulator = new LossMetricsAccumulator(options.window());
        accumulator.rebuild(iterations, epochs, values);
        return accumulator.metrics(options.targetLoss(), options.estimator());
    }
}
