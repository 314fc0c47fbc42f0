package dev.descent.metrics;

/**
 * How iterations map to epochs in a run, observed from its first and last points that carry an epoch.
 * Unknown ({@link #UNKNOWN}) when fewer than two such points exist or they do not span both an
 * iteration range and an epoch range.
 */
record EpochScale(long firstIteration, double firstEpoch, long lastIteration, double lastEpoch) {

    static final EpochScale UNKNOWN = new EpochScale(0, Double.NaN, 0, Double.NaN);

    static EpochScale of(long firstIteration, double firstEpoch, long lastIteration, double lastEpoch) {
        if (Double.isNaN(firstEpoch) || Double.isNaN(lastEpoch)
                || lastIteration <= firstIteration || !(lastEpoch > firstEpoch)) {
            return UNKNOWN;
        }
        return new EpochScale(firstIteration, firstEpoch, lastIteration, lastEpoch);
    }

    boolean known() {
        return !Double.isNaN(firstEpoch);
    }

    double iterationsPerEpoch() {
        return known() ? (lastIteration - firstIteration) / (lastEpoch - firstEpoch) : Double.NaN;
    }

    double epochAt(double iteration) {
        return known() ? firstEpoch + (iteration - firstIteration) / iterationsPerEpoch() : Double.NaN;
    }
}
