package dev.descent.metrics;

import org.jspecify.annotations.Nullable;

/**
 * Rate and estimate over the window of the latest finite points. Shared by the full computation and the
 * incremental accumulator, so both give bit-identical answers.
 */
record Convergence(double rate, String unit, @Nullable Double estimatedEpoch) {

    /**
     * @param iterations, epochs, values the window in iteration order (epoch NaN = none), first {@code n} used
     * @param currentEpoch epoch of the latest finite point, NaN when unknown
     */
    static Convergence of(long[] iterations, double[] epochs, double[] values, int n, EpochScale scale,
                          boolean seriesHasEpochs, double currentLoss, double currentEpoch, MetricsOptions options) {
        String fallbackUnit = seriesHasEpochs ? LossMetrics.PER_EPOCH : LossMetrics.PER_ITERATION;
        if (n < 2) {
            return new Convergence(0, fallbackUnit, estimate(Double.NaN, null, currentLoss, currentEpoch, options));
        }
        double[] x = new double[n];
        boolean epochsUsable = true;
        double minEpoch = Double.POSITIVE_INFINITY;
        double maxEpoch = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double e = epochs[i];
            if (Double.isNaN(e)) {
                epochsUsable = false;
                break;
            }
            minEpoch = Math.min(minEpoch, e);
            maxEpoch = Math.max(maxEpoch, e);
        }
        epochsUsable &= maxEpoch > minEpoch;

        double rate;
        String unit;
        double[] epochX = null;
        if (epochsUsable) {
            System.arraycopy(epochs, 0, x, 0, n);
            rate = LeastSquares.fit(x, values, n).slope();
            unit = LossMetrics.PER_EPOCH;
            epochX = x;
        } else {
            for (int i = 0; i < n; i++) {
                x[i] = iterations[i];
            }
            double perIteration = LeastSquares.fit(x, values, n).slope();
            if (scale.known()) {
                rate = perIteration * scale.iterationsPerEpoch();
                unit = LossMetrics.PER_EPOCH;
                epochX = new double[n];
                for (int i = 0; i < n; i++) {
                    epochX[i] = scale.epochAt(iterations[i]);
                }
            } else {
                rate = perIteration;
                unit = LossMetrics.PER_ITERATION;
            }
        }
        Double estimate = switch (options.estimator()) {
            case LINEAR -> unit.equals(LossMetrics.PER_EPOCH)
                    ? estimate(rate, null, currentLoss, currentEpoch, options) : reachedOrNull(currentLoss, currentEpoch, options);
            case LOG_LINEAR -> estimate(Double.NaN, logLinearTarget(epochX, values, n, options.targetLoss()),
                    currentLoss, currentEpoch, options);
        };
        return new Convergence(rate, unit, estimate);
    }

    private static @Nullable Double reachedOrNull(double currentLoss, double currentEpoch, MetricsOptions options) {
        return currentLoss <= options.targetLoss() && Double.isFinite(currentEpoch) ? currentEpoch : null;
    }

    /** Epoch at which the fitted exponential decay reaches the target; NaN when the model does not apply. */
    private static double logLinearTarget(double @Nullable [] epochX, double[] values, int n, double target) {
        if (epochX == null || !(target > 0)) {
            return Double.NaN;
        }
        double[] logs = new double[n];
        for (int i = 0; i < n; i++) {
            if (!(values[i] > 0)) {
                return Double.NaN;
            }
            logs[i] = Math.log(values[i]);
        }
        LeastSquares fit = LeastSquares.fit(epochX, logs, n);
        if (!(fit.slope() < 0)) {
            return Double.NaN;
        }
        return (Math.log(target) - fit.intercept()) / fit.slope();
    }

    /**
     * @param linearRate   per-epoch rate for LINEAR, NaN otherwise
     * @param logLinearEpoch solved epoch for LOG_LINEAR, null for LINEAR, NaN when LOG_LINEAR does not apply
     */
    private static @Nullable Double estimate(double linearRate, @Nullable Double logLinearEpoch, double currentLoss,
                                             double currentEpoch, MetricsOptions options) {
        if (Double.isNaN(currentLoss) || !Double.isFinite(currentEpoch)) {
            return null;
        }
        if (currentLoss <= options.targetLoss()) {
            return currentEpoch;
        }
        double result;
        if (logLinearEpoch != null) {
            result = Math.max(logLinearEpoch, currentEpoch);
        } else {
            if (!(linearRate < 0)) {
                return null;
            }
            result = currentEpoch + Math.ceil((currentLoss - options.targetLoss()) / Math.abs(linearRate));
        }
        return Double.isFinite(result) && result >= 0 ? result : null;
    }
}
