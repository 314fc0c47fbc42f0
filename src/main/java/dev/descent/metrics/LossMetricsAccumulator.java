package dev.descent.metrics;

import org.jspecify.annotations.Nullable;

/**
 * {@link LossMetrics} of a growing series with O(1) work per appended point: running count, min, max and
 * compensated sum, plus a ring buffer of the latest finite points for the regression. Its results are
 * identical to {@link LossMetrics#compute} over the same points.
 * <p>
 * Only appends after the last iteration can be applied in place. A point at or before it (out of order, or
 * replacing a stored value) changes earlier history that is not kept here, so {@link #append} refuses it
 * and reports the accumulator stale; the owner then {@link #rebuild rebuilds} it from the stored series.
 */
public final class LossMetricsAccumulator {

    private final int window;
    private final long[] ringIterations;
    private final double[] ringEpochs;
    private final double[] ringValues;
    private int ringStart;
    private int ringSize;

    private long pointCount;
    private long firstIteration;
    private long lastIteration;
    private long finiteCount;
    private final NeumaierSum sum = new NeumaierSum();
    private double min;
    private long minIteration;
    private double max;
    private double current = Double.NaN;
    private double currentEpoch = Double.NaN;
    private long currentIteration;
    private long nonFiniteCount;
    private long firstNonFiniteIteration;
    private long firstEpochIteration;
    private double firstEpoch = Double.NaN;
    private long lastEpochIteration;
    private double lastEpoch = Double.NaN;
    private boolean stale;

    public LossMetricsAccumulator(int window) {
        if (window < 2) {
            throw new IllegalArgumentException("window must be >= 2, was " + window);
        }
        this.window = window;
        this.ringIterations = new long[window];
        this.ringEpochs = new double[window];
        this.ringValues = new double[window];
        clear();
    }

    public int window() {
        return window;
    }

    /**
     * @param epoch NaN when the point has no epoch
     * @return false, and the accumulator is stale, when the point is not after the last iteration
     */
    public boolean append(long iteration, double epoch, double value) {
        if (stale || (pointCount > 0 && iteration <= lastIteration)) {
            stale = true;
            return false;
        }
        if (pointCount == 0) {
            firstIteration = iteration;
        }
        pointCount++;
        lastIteration = iteration;
        if (!Double.isNaN(epoch)) {
            if (Double.isNaN(firstEpoch)) {
                firstEpochIteration = iteration;
                firstEpoch = epoch;
            }
            lastEpochIteration = iteration;
            lastEpoch = epoch;
        }
        if (!Double.isFinite(value)) {
            if (nonFiniteCount == 0) {
                firstNonFiniteIteration = iteration;
            }
            nonFiniteCount++;
            return true;
        }
        if (finiteCount == 0 || value < min) {
            min = value;
            minIteration = iteration;
        }
        if (finiteCount == 0 || value > max) {
            max = value;
        }
        finiteCount++;
        sum.add(value);
        current = value;
        currentEpoch = epoch;
        currentIteration = iteration;
        int slot = (ringStart + ringSize) % window;
        if (ringSize == window) {
            ringStart = (ringStart + 1) % window;
        } else {
            ringSize++;
        }
        ringIterations[slot] = iteration;
        ringEpochs[slot] = epoch;
        ringValues[slot] = value;
        return true;
    }

    /** True after a refused append: the metrics no longer describe the series until {@link #rebuild}. */
    public boolean isStale() {
        return stale;
    }

    /** Starts over from a whole series (strictly increasing iterations). */
    public void rebuild(long[] iterations, double[] epochs, double[] values) {
        clear();
        for (int i = 0; i < iterations.length; i++) {
            if (!append(iterations[i], epochs[i], values[i])) {
                throw new IllegalArgumentException("iterations must be strictly increasing at index " + i);
            }
        }
    }

    public void clear() {
        ringStart = 0;
        ringSize = 0;
        pointCount = 0;
        finiteCount = 0;
        sum.reset();
        current = Double.NaN;
        currentEpoch = Double.NaN;
        nonFiniteCount = 0;
        firstEpoch = Double.NaN;
        lastEpoch = Double.NaN;
        stale = false;
    }

    public LossMetrics metrics(double targetLoss, Estimator estimator) {
        if (stale) {
            throw new IllegalStateException("accumulator is stale after an out-of-order point; rebuild it first");
        }
        long[] wIterations = new long[ringSize];
        double[] wEpochs = new double[ringSize];
        double[] wValues = new double[ringSize];
        for (int k = 0; k < ringSize; k++) {
            int slot = (ringStart + k) % window;
            wIterations[k] = ringIterations[slot];
            wEpochs[k] = ringEpochs[slot];
            wValues[k] = ringValues[slot];
        }
        EpochScale scale = Double.isNaN(firstEpoch) ? EpochScale.UNKNOWN
                : EpochScale.of(firstEpochIteration, firstEpoch, lastEpochIteration, lastEpoch);
        boolean any = finiteCount > 0;
        @Nullable Long firstNonFinite = nonFiniteCount == 0 ? null : firstNonFiniteIteration;
        return LossMetrics.assemble(current, currentEpoch, any ? min : Double.NaN, minIteration,
                any ? max : Double.NaN, any ? sum.value() / finiteCount : Double.NaN, currentIteration,
                wIterations, wEpochs, wValues, ringSize, scale, !Double.isNaN(firstEpoch), nonFiniteCount,
                firstNonFinite, pointCount, pointCount == 0 ? null : firstIteration,
                pointCount == 0 ? null : lastIteration,
                new MetricsOptions(window, targetLoss, estimator));
    }
}
