package dev.descent.metrics;

/**
 * TensorBoard-compatible debiased exponential moving average. The weight {@code w} in [0, 1) is how much
 * of the past each step keeps (0 = raw, higher = smoother), like TensorBoard's smoothing slider. The seed's
 * factor {@code f} (weight of the current value) is {@code w = 1 - f}.
 * <p>
 * Debiasing divides by {@code 1 - w^n}, so the line starts at the first value instead of climbing from 0.
 * Non-finite values pass through unsmoothed and do not enter the average. Always smooth the full-resolution
 * series, before any downsampling, so the line is the same at every zoom level.
 */
public final class Ema {

    private final double weight;
    private double last;
    private double debias;

    public Ema(double weight) {
        this.weight = checkWeight(weight);
    }

    /** Smoothed value of the next point of an evenly spaced series. */
    public double next(double value) {
        if (!Double.isFinite(value)) {
            return value;
        }
        last = last * weight + (1 - weight) * value;
        debias = debias * weight + (1 - weight);
        return last / debias;
    }

    /** Debiased EMA of a whole series. */
    public static double[] smooth(double[] values, double weight) {
        checkWeight(weight);
        double[] out = new double[values.length];
        double last = 0;
        double debias = 0;
        double keep = 1 - weight;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (Double.isFinite(v)) {
                last = last * weight + keep * v;
                debias = debias * weight + keep;
                out[i] = last / debias;
            } else {
                out[i] = v;
            }
        }
        return out;
    }

    private static double checkWeight(double weight) {
        if (!(weight >= 0 && weight < 1)) {
            throw new IllegalArgumentException("smoothing weight must be in [0, 1), was " + weight);
        }
        return weight;
    }
}
