package dev.descent.metrics;

import org.jspecify.annotations.Nullable;

import java.util.Objects;

/**
 * When a loss will reach the target, from a weighted least-squares fit over the latest part of its
 * {@link CurveSummary}, with a confidence interval (formulas in docs/metrics.md, "Estimated convergence epoch").
 * The model is a straight line after a transform of each axis:
 * <ul>
 *   <li>{@link Estimator#LINEAR}: {@code loss = a + b·epoch};</li>
 *   <li>{@link Estimator#LOG_LINEAR}: {@code ln loss = a + b·epoch} (exponential decay);</li>
 *   <li>{@link Estimator#POWER_LAW}: {@code ln loss = a + b·ln epoch}.</li>
 * </ul>
 */
final class CurveFit {

    /**
     * The latest share of the series' points the fit uses: half, long enough that noise does not flip the estimate,
     * recent enough to follow a learning-rate drop. The backtest (docs/metrics.md) ran with it; other shares were
     * not compared.
     */
    static final double WINDOW_SHARE = 0.5;
    /** Fewer bins than this in the window: too little to fit a line and judge it. */
    static final int MIN_BINS = 4;
    /** Two-sided 95 %. */
    static final double Z = 1.96;
    /**
     * A trend that, even at the fastest rate the data allows, needs more than this many times the epochs seen so
     * far to reach the target is reported as not converging.
     */
    static final double HORIZON_RUNS = 10;

    private CurveFit() {
    }

    /** The windows whose fits bound the interval: a curve that bends gives them different answers. */
    static final double[] INTERVAL_SHARES = {0.25, WINDOW_SHARE, 0.75};

    /**
     * The estimate of the fit over the latest {@link #WINDOW_SHARE} of the points. Its interval spans the 95 %
     * intervals of the fits over each of {@link #INTERVAL_SHARES}: the statistical error of one fit is small
     * next to the error of extrapolating a model that is not quite the curve's, and windows of different
     * length disagree exactly when the model does not fit. Unbounded above when any window's fit does not
     * converge with confidence.
     */
    static ConvergenceEstimate estimate(CurveSummary summary, EpochScale scale, double target, Estimator estimator,
                                        double currentEpoch) {
        ConvergenceEstimate main = single(summary, scale, target, estimator, currentEpoch, WINDOW_SHARE);
        if (!main.status().equals(LossMetrics.CONVERGING)) {
            return main;
        }
        double low = Objects.requireNonNull(main.low());
        Double high = main.high();
        for (double share : INTERVAL_SHARES) {
            if (share == WINDOW_SHARE) {
                continue;
            }
            ConvergenceEstimate other = single(summary, scale, target, estimator, currentEpoch, share);
            if (other.low() != null) {
                low = Math.min(low, other.low());
            }
            high = high == null || other.high() == null || !other.status().equals(LossMetrics.CONVERGING) ? null
                    : Math.max(high, other.high());
        }
        return ConvergenceEstimate.converging(Objects.requireNonNull(main.epoch()), low, high);
    }

    private static ConvergenceEstimate single(CurveSummary summary, EpochScale scale, double target,
                                              Estimator estimator, double currentEpoch, double share) {
        int size = summary.size();
        if (size < MIN_BINS || !Double.isFinite(currentEpoch)) {
            return ConvergenceEstimate.UNKNOWN;
        }
        boolean logValue = estimator != Estimator.LINEAR;
        boolean logEpoch = estimator == Estimator.POWER_LAW;
        if (logValue && !(target > 0)) {
            return ConvergenceEstimate.UNKNOWN;
        }
        long total = 0;
        for (int i = 0; i < size; i++) {
            total += summary.count(i);
        }
        double[] x = new double[size];
        double[] y = new double[size];
        double[] w = new double[size];
        int n = 0;
        long inWindow = 0;
        double firstEpoch = Double.NaN;
        for (int i = size - 1; i >= 0 && (inWindow < total * share || n < MIN_BINS); i--) {
            double epoch = Double.isNaN(summary.epoch(i)) ? scale.epochAt(summary.iteration(i)) : summary.epoch(i);
            double value = summary.value(i);
            inWindow += summary.count(i);
            if (Double.isNaN(epoch) || (logValue && !(value > 0)) || (logEpoch && !(epoch > 0))) {
                continue;
            }
            x[n] = logEpoch ? Math.log(epoch) : epoch;
            y[n] = logValue ? Math.log(value) : value;
            w[n] = summary.count(i);
            firstEpoch = epoch;
            n++;
        }
        if (n < MIN_BINS) {
            return ConvergenceEstimate.UNKNOWN;
        }
        LeastSquares fit = LeastSquares.fit(x, y, w, n);
        if (!(fit.sxx() > 0)) {
            return ConvergenceEstimate.UNKNOWN;
        }
        double slope = fit.slope();
        double meanX = fit.meanX();
        double meanY = fit.meanY();
        double sxx = fit.sxx();
        double sw = fit.weight();
        double variance = fit.variance();
        double slopeError = Math.sqrt(variance / sxx);
        double goal = logValue ? Math.log(target) : target;
        double horizon = currentEpoch + HORIZON_RUNS * Math.max(currentEpoch - firstEpoch, currentEpoch * 0.1);

        if (slope + Z * slopeError < 0) {
            double at = meanX + (goal - meanY) / slope;
            double spread = Z * Math.sqrt(variance / sw + (at - meanX) * (at - meanX) * variance / sxx) / Math.abs(slope);
            double epoch = Math.max(back(at, logEpoch), currentEpoch);
            double low = Math.max(back(at - spread, logEpoch), currentEpoch);
            double high = back(at + spread, logEpoch);
            if (!Double.isFinite(epoch)) {
                return ConvergenceEstimate.notConverging();
            }
            return ConvergenceEstimate.converging(epoch, low, Double.isFinite(high) ? Math.max(high, epoch) : null);
        }
        double fastest = slope - Z * slopeError;
        if (fastest >= 0) {
            return ConvergenceEstimate.notConverging();
        }
        double earliest = Math.max(back(meanX + (goal - meanY) / fastest, logEpoch), currentEpoch);
        if (!(earliest <= horizon)) {
            return ConvergenceEstimate.notConverging();
        }
        return ConvergenceEstimate.uncertain(earliest);
    }

    private static double back(double x, boolean logEpoch) {
        return logEpoch ? Math.exp(x) : x;
    }

    /**
     * @param status one of {@link LossMetrics#REACHED}, {@link LossMetrics#CONVERGING}, {@link LossMetrics#UNCERTAIN},
     *               {@link LossMetrics#NOT_CONVERGING}, {@link LossMetrics#UNKNOWN}
     * @param epoch  the estimate (converging) or the epoch the target was reached at; else null
     * @param low    the interval's lower end: the earliest epoch the data allows; null without an estimate
     * @param high   its upper end; null when unbounded or without an estimate
     */
    record ConvergenceEstimate(String status, @Nullable Double epoch, @Nullable Double low, @Nullable Double high) {
        static final ConvergenceEstimate UNKNOWN = new ConvergenceEstimate(LossMetrics.UNKNOWN, null, null, null);

        static ConvergenceEstimate converging(double epoch, double low, @Nullable Double high) {
            return new ConvergenceEstimate(LossMetrics.CONVERGING, epoch, low, high);
        }

        static ConvergenceEstimate uncertain(double earliest) {
            return new ConvergenceEstimate(LossMetrics.UNCERTAIN, null, earliest, null);
        }

        static ConvergenceEstimate notConverging() {
            return new ConvergenceEstimate(LossMetrics.NOT_CONVERGING, null, null, null);
        }

        static ConvergenceEstimate reached(@Nullable Double epoch) {
            return new ConvergenceEstimate(LossMetrics.REACHED, epoch, epoch, epoch);
        }
    }
}
