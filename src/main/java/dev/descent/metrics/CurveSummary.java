package dev.descent.metrics;

/**
 * The whole history of a series' finite points in at most {@link #MAX_BINS} bins of equal point count, each the
 * mean of its points' iteration, epoch and value: O(1) amortised work and fixed memory per series, however long
 * it runs. When the bins are full, neighbours are merged in pairs and bins hold twice as many points from then
 * on, so the bins always span the whole series evenly. The convergence fit reads its window from here: the
 * latest part of the series in proportion to its length (not a fixed count of points), and means of many
 * points rather than single noisy ones.
 */
final class CurveSummary {

    static final int MAX_BINS = 256;

    private final double[] iterations = new double[MAX_BINS];
    private final double[] epochs = new double[MAX_BINS];
    private final double[] values = new double[MAX_BINS];
    private final long[] counts = new long[MAX_BINS];
    private int bins;
    private long pointsPerBin = 1;

    private double openIterationSum;
    private double openEpochSum;
    private double openValueSum;
    private long openCount;
    private boolean openHasAllEpochs = true;

    void clear() {
        bins = 0;
        pointsPerBin = 1;
        resetOpen();
    }

    private void resetOpen() {
        openIterationSum = 0;
        openEpochSum = 0;
        openValueSum = 0;
        openCount = 0;
        openHasAllEpochs = true;
    }

    /** A finite point; {@code epoch} NaN when it has none. */
    void add(long iteration, double epoch, double value) {
        openIterationSum += iteration;
        openValueSum += value;
        if (Double.isNaN(epoch)) {
            openHasAllEpochs = false;
        } else {
            openEpochSum += epoch;
        }
        openCount++;
        if (openCount == pointsPerBin) {
            if (bins == MAX_BINS) {
                halve();
            }
            iterations[bins] = openIterationSum / openCount;
            epochs[bins] = openHasAllEpochs ? openEpochSum / openCount : Double.NaN;
            values[bins] = openValueSum / openCount;
            counts[bins] = openCount;
            bins++;
            resetOpen();
        }
    }

    private void halve() {
        for (int i = 0; i < bins / 2; i++) {
            int a = 2 * i;
            int b = a + 1;
            long n = counts[a] + counts[b];
            iterations[i] = (iterations[a] * counts[a] + iterations[b] * counts[b]) / n;
            epochs[i] = (epochs[a] * counts[a] + epochs[b] * counts[b]) / n; // NaN stays NaN
            values[i] = (values[a] * counts[a] + values[b] * counts[b]) / n;
            counts[i] = n;
        }
        bins /= 2;
        pointsPerBin *= 2;
    }

    /** Closed bins plus the open one (if it holds points), oldest first. */
    int size() {
        return bins + (openCount > 0 ? 1 : 0);
    }

    double iteration(int i) {
        return i < bins ? iterations[i] : openIterationSum / openCount;
    }

    double epoch(int i) {
        return i < bins ? epochs[i] : openHasAllEpochs ? openEpochSum / openCount : Double.NaN;
    }

    double value(int i) {
        return i < bins ? values[i] : openValueSum / openCount;
    }

    long count(int i) {
        return i < bins ? counts[i] : openCount;
    }
}
