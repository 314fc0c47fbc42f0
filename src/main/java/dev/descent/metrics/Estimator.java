package dev.descent.metrics;

/**
 * The model {@link LossMetrics#estimatedConvergenceEpoch()} extrapolates to the target loss with, fitted over the
 * latest half of the series (docs/metrics.md; chosen by backtest on real training curves).
 */
public enum Estimator {
    /** A straight line: {@code loss = a + b·epoch}. */
    LINEAR,
    /** Exponential decay: {@code ln loss = a + b·epoch}. */
    LOG_LINEAR,
    /** A power law, as training losses usually follow: {@code ln loss = a + b·ln epoch}. */
    POWER_LAW;

    /** The estimator named, in any case ({@code log_linear}, {@code LOG_LINEAR}); empty for any other text. */
    public static java.util.Optional<Estimator> parse(String name) {
        for (Estimator e : values()) {
            if (e.name().equalsIgnoreCase(name)) {
                return java.util.Optional.of(e);
            }
        }
        return java.util.Optional.empty();
    }
}
