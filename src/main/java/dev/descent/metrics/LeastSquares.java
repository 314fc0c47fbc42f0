package dev.descent.metrics;

import org.jspecify.annotations.Nullable;

/**
 * Ordinary (or weighted) least squares of y on x, two-pass (centred) so large x such as iteration 10^7 stay exact.
 *
 * @param meanX, meanY the (weighted) means, through which the line passes
 * @param sxx          {@code Σ w (x − x̄)²}
 * @param weight       {@code Σ w} ({@code n} unweighted)
 * @param variance     the residual variance per point of average weight, {@code Σ w r² / (n − 2) · n / Σ w}; NaN
 *                     for fewer than 3 points
 */
record LeastSquares(double slope, double intercept, double meanX, double meanY, double sxx, double weight,
                    double variance) {

    /** Fits the first {@code n} pairs; NaN slope when x does not vary. */
    static LeastSquares fit(double[] x, double[] y, int n) {
        return fit(x, y, null, n);
    }

    /** Weighted by {@code w} (all 1 when null). */
    static LeastSquares fit(double[] x, double[] y, double @Nullable [] w, int n) {
        double sw = 0;
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            sw += wi;
            meanX += wi * x[i];
            meanY += wi * y[i];
        }
        meanX /= sw;
        meanY /= sw;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            double dx = x[i] - meanX;
            sxy += wi * dx * (y[i] - meanY);
            sxx += wi * dx * dx;
        }
        if (sxx == 0) {
            return new LeastSquares(Double.NaN, Double.NaN, meanX, meanY, 0, sw, Double.NaN);
        }
        double slope = sxy / sxx;
        double residuals = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - meanY - slope * (x[i] - meanX);
            residuals += (w == null ? 1 : w[i]) * r * r;
        }
        double variance = n > 2 ? residuals / (n - 2) * n / sw : Double.NaN;
        return new LeastSquares(slope, meanY - slope * meanX, meanX, meanY, sxx, sw, variance);
    }
}
