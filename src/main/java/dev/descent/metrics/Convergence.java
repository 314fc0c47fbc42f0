package dev.descent.metrics;

/**
 * The convergence rate over the window of the latest finite points. Shared by the full computation and the
 * incremental accumulator, so both give bit-identical answers.
 */
record Convergence(double rate, String unit) {

    /**
     * @param iterations, epochs, values the window in iteration order (epoch NaN = none), first {@code n} used
     */
    static Convergence of(long[] iterations, double[] epochs, double[] values, int n, EpochScale scale,
                          boolean seriesHasEpochs) {
        String fallbackUnit = seriesHasEpochs ? LossMetrics.PER_EPOCH : LossMetrics.PER_ITERATION;
        if (n < 2) {
            return new Convergence(0, fallbackUnit);
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
        if (epochsUsable) {
            System.arraycopy(epochs, 0, x, 0, n);
            rate = LeastSquares.fit(x, values, n).slope();
            unit = LossMetrics.PER_EPOCH;
        } else {
            for (int i = 0; i < n; i++) {
                x[i] = iterations[i];
            }
            double perIteration = LeastSquares.fit(x, values, n).slope();
            if (scale.known()) {
                rate = perIteration * scale.iterationsPerEpoch();
                unit = LossMetrics.PER_EPOCH;
            } else {
                rate = perIteration;
                unit = LossMetrics.PER_ITERATION;
            }
        }
        return new Convergence(rate, unit);
    }
}
