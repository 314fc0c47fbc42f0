package dev.descent.metrics;

/** Ordinary least squares of y on x, two-pass (centred) so large x such as iteration 10^7 stay exact. */
record LeastSquares(double slope, double intercept) {

    /** Fits the first {@code n} pairs; NaN slope when x does not vary. */
    static LeastSquares fit(double[] x, double[] y, int n) {
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            meanX += x[i];
            meanY += y[i];
        }
        meanX /= n;
        meanY /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - meanX;
            sxy += dx * (y[i] - meanY);
            sxx += dx * dx;
        }
        if (sxx == 0) {
            return new LeastSquares(Double.NaN, Double.NaN);
        }
        double slope = sxy / sxx;
        return new LeastSquares(slope, meanY - slope * meanX);
    }
}
