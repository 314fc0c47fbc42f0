package dev.descent.metrics;

/** How {@link LossMetrics#estimatedConvergenceEpoch()} extrapolates to the target loss. */
public enum Estimator {
    /** Straight line at the current rate: {@code currentEpoch + ceil((currentLoss - target) / |rate|)}. */
    LINEAR,
    /** Exponential decay: fit {@code ln(loss)} against epoch over the window and solve for {@code ln(target)}. */
    LOG_LINEAR
}
