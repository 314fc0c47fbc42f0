package dev.descent.metrics;

import org.jspecify.annotations.Nullable;

/**
 * The metrics of one series. Field names are the JSON names of the seed's {@code LossMetrics}; formulas,
 * units and edge cases are in docs/metrics.md. Non-finite values (NaN, ±Infinity: a diverged run) are
 * left out of every statistic and counted instead.
 *
 * @param currentLoss               value at the highest iteration among finite values; null if none
 * @param lossImprovement           percent from the worst value to now, {@code (max - current) / |max| * 100}
 * @param convergenceRate           least-squares slope over the window, negative when converging
 * @param convergenceRateUnit       {@value #PER_EPOCH} or {@value #PER_ITERATION}
 * @param estimatedConvergenceEpoch when the loss reaches the target; null when not converging or unknown
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
        @Nullable Long lastIteration) {

    public static final String PER_EPOCH = "per_epoch";
    public static final String PER_ITERATION = "per_iteration";

    /**
     * Computes everything from the whole series in one pass.
     *
     * @param iterations strictly increasing
     * @param epochs     NaN where a point has no epoch
     */
    public static LossMetrics compute(long[] iterations, double[] epochs, double[] values, MetricsOptions options) {
        int n = iterations.length;
        if (epochs.length != n || values.length != n) {
            throw new IllegalArgumentException("iterations, epochs and values differ in length");
        }
        for (int i = 1; i < n; i++) {
            if (iterations[i] <= iterations[i - 1]) {
                throw new IllegalArgumentException("iterations must be strictly increasing at index " + i);
            }
        }
        int finite = 0;
        int minAt = -1;
        int maxAt = -1;
        int lastFinite = -1;
        long nonFinite = 0;
        int firstNonFinite = -1;
        int firstEpoch = -1;
        int lastEpoch = -1;
        var sum = new NeumaierSum();
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(epochs[i])) {
                if (firstEpoch < 0) {
                    firstEpoch = i;
                }
                lastEpoch = i;
            }
            double v = values[i];
            if (!Double.isFinite(v)) {
                nonFinite++;
                if (firstNonFinite < 0) {
                    firstNonFinite = i;
                }
                continue;
            }
            finite++;
            sum.add(v);
            if (minAt < 0 || v < values[minAt]) {
                minAt = i;
            }
            if (maxAt < 0 || v > values[maxAt]) {
                maxAt = i;
            }
            lastFinite = i;
        }

        int w = Math.min(options.window(), finite);
        long[] wIterations = new long[w];
        double[] wEpochs = new double[w];
        double[] wValues = new double[w];
        for (int i = n - 1, k = w - 1; k >= 0; i--) {
            if (Double.isFinite(values[i])) {
                wIterations[k] = iterations[i];
                wEpochs[k] = epochs[i];
                wValues[k] = values[i];
                k--;
            }
        }
        EpochScale scale = firstEpoch < 0 ? EpochScale.UNKNOWN
                : EpochScale.of(iterations[firstEpoch], epochs[firstEpoch], iterations[lastEpoch], epochs[lastEpoch]);
        return assemble(finite == 0 ? Double.NaN : values[lastFinite],
                finite == 0 ? Double.NaN : epochs[lastFinite],
                finite == 0 ? Double.NaN : values[minAt], finite == 0 ? 0 : iterations[minAt],
                finite == 0 ? Double.NaN : values[maxAt], finite == 0 ? Double.NaN : sum.value() / finite,
                lastFinite < 0 ? 0 : iterations[lastFinite],
                wIterations, wEpochs, wValues, w, scale, firstEpoch >= 0, nonFinite,
                firstNonFinite < 0 ? null : iterations[firstNonFinite], n,
                n == 0 ? null : iterations[0], n == 0 ? null : iterations[n - 1], options);
    }

    /** Shared by {@link #compute} and {@link LossMetricsAccumulator}: identical inputs give identical results. */
    static LossMetrics assemble(double current, double currentEpochRaw, double min, long minIteration, double max,
                                double mean, long currentIteration,
                                long[] wIterations, double[] wEpochs, double[] wValues, int w,
                                EpochScale scale, boolean seriesHasEpochs, long nonFinite,
                                @Nullable Long firstNonFiniteIteration, long pointCount,
                                @Nullable Long firstIteration, @Nullable Long lastIteration, MetricsOptions options) {
        boolean any = !Double.isNaN(current);
        double currentEpoch = !Double.isNaN(currentEpochRaw) ? currentEpochRaw : scale.epochAt(currentIteration);
        Convergence convergence = Convergence.of(wIterations, wEpochs, wValues, w, scale, seriesHasEpochs,
                current, any ? currentEpoch : Double.NaN, options);
        Double improvement = !any ? null : max == 0 ? 0.0 : (max - current) / Math.abs(max) * 100;
        return new LossMetrics(
                any ? current : null,
                any ? min : null,
                any ? minIteration : null,
                any ? max : null,
                any ? mean : null,
                improvement,
                convergence.rate(),
                convergence.unit(),
                convergence.estimatedEpoch(),
                nonFinite,
                firstNonFiniteIteration,
                pointCount,
                firstIteration,
                lastIteration);
    }
}
