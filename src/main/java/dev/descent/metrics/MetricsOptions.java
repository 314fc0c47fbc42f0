package dev.descent.metrics;

/**
 * @param window     how many of the latest finite points the convergence rate is fitted over (at least 2); the
 *                   convergence estimate fits its own window, the latest half of the series
 * @param estimator  the model of the estimate; the default is the one that did best in the backtest
 *                   (docs/metrics.md)
 * @param targetLoss the loss the convergence estimate aims for
 */
public record MetricsOptions(int window, double targetLoss, Estimator estimator) {

    public static final int DEFAULT_WINDOW = 10;
    public static final double DEFAULT_TARGET_LOSS = 0.01;
    public static final MetricsOptions DEFAULTS =
            new MetricsOptions(DEFAULT_WINDOW, DEFAULT_TARGET_LOSS, Estimator.LOG_LINEAR);

    public MetricsOptions {
        if (window < 2) {
            throw new IllegalArgumentException("window must be >= 2, was " + window);
        }
        if (!Double.isFinite(targetLoss)) {
            throw new IllegalArgumentException("targetLoss must be a finite number, was " + targetLoss);
        }
    }
}
