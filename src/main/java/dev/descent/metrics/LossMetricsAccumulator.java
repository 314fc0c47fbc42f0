package dev.descent.metrics;

/**
 * {@link LossMetrics} of a growing series with O(1) (amortised) work per appended point: running count, min,
 * max and compensated sum, a ring buffer of the latest finite points for the rate, a {@link CurveSummary} for the
 * convergence fit, and the points where the running minimum fell (a new best loss), from which the first point
 * at or below any target is found by binary search. {@link LossMetrics#compute} is this, fed the whole series.
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
    private double firstFinite = Double.NaN;
    private long nonFiniteSince = -1;
    private final CurveSummary summary = new CurveSummary();
    /** Each point that set a new minimum, in order: values strictly decreasing. */
    private long[] bestIterations = new long[16];
    private double[] bestEpochs = new double[16];
    private double[] bestValues = new double[16];
    private int bestCount;

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
            if (nonFiniteSince < 0) {
                nonFiniteSince = iteration;
            }
            nonFiniteCount++;
            return true;
        }
        nonFiniteSince = -1;
        if (finiteCount == 0) {
            firstFinite = value;
        }
        if (finiteCount == 0 || value < min) {
            min = value;
            minIteration = iteration;
            recordBest(iteration, epoch, value);
        }
        summary.add(iteration, epoch, value);
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

    private void recordBest(long iteration, double epoch, double value) {
        if (bestCount == bestIterations.length) {
            bestIterations = java.util.Arrays.copyOf(bestIterations, bestCount * 2);
            bestEpochs = java.util.Arrays.copyOf(bestEpochs, bestCount * 2);
            bestValues = java.util.Arrays.copyOf(bestValues, bestCount * 2);
        }
        bestIterations[bestCount] = iteration;
        bestEpochs[bestCount] = epoch;
        bestValues[bestCount] = value;
        bestCount++;
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
        firstFinite = Double.NaN;
        nonFiniteSince = -1;
        summary.clear();
        bestCount = 0;
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
        Convergence rate = Convergence.of(wIterations, wEpochs, wValues, ringSize, scale, !Double.isNaN(firstEpoch));
        double epochNow = !Double.isNaN(currentEpoch) ? currentEpoch : scale.epochAt(currentIteration);

        LossMetrics.ReachedAt reached = null;
        int first = firstAtOrBelow(targetLoss);
        if (first >= 0) {
            double epoch = Double.isNaN(bestEpochs[first]) ? scale.epochAt(bestIterations[first]) : bestEpochs[first];
            reached = new LossMetrics.ReachedAt(bestIterations[first], Double.isNaN(epoch) ? null : epoch);
        }
        CurveFit.ConvergenceEstimate estimate = reached != null ? CurveFit.ConvergenceEstimate.reached(reached.epoch())
                : any ? CurveFit.estimate(summary, scale, targetLoss, estimator, epochNow)
                : CurveFit.ConvergenceEstimate.UNKNOWN;
        return new LossMetrics(
                any ? current : null,
                any ? min : null,
                any ? minIteration : null,
                any ? max : null,
                any ? sum.value() / finiteCount : null,
                !any ? null : max == 0 ? 0.0 : (max - current) / Math.abs(max) * 100,
                rate.rate(),
                rate.unit(),
                estimate.epoch(),
                nonFiniteCount,
                nonFiniteCount == 0 ? null : firstNonFiniteIteration,
                pointCount,
                pointCount == 0 ? null : firstIteration,
                pointCount == 0 ? null : lastIteration,
                !any ? null : firstFinite == 0 ? 0.0 : (firstFinite - current) / Math.abs(firstFinite) * 100,
                any ? currentIteration : null,
                nonFiniteSince < 0 ? null : nonFiniteSince,
                reached,
                estimate.status(),
                estimate.low() == null ? null : new LossMetrics.EpochInterval(estimate.low(), estimate.high()));
    }

    /** The index of the first new-best point at or below {@code target}, or -1: best values only decrease. */
    private int firstAtOrBelow(double target) {
        int lo = 0;
        int hi = bestCount;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (bestValues[mid] <= target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo < bestCount ? lo : -1;
    }
}
