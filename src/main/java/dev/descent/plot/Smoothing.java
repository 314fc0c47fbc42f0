package dev.descent.plot;

import dev.descent.metrics.Ema;

import java.util.Locale;

/**
 * How much of the past the smoothed line keeps, as TensorBoard's slider: 0 is off (the raw values), higher is
 * smoother, below 1. The one type every caller uses, so the API, the URL and the slider accept the same values.
 *
 * @param weight in [0, 1)
 */
public record Smoothing(double weight) {

    /** The rule, as the API's 400 and this constructor's exception state it. */
    public static final String RULE = "must be a number in [0, 1)";
    /** The slider's top: past 0.99 a line barely moves on a screen. */
    public static final double SLIDER_MAX = 0.99;
    public static final Smoothing OFF = new Smoothing(0);
    /** TensorBoard's default. */
    public static final Smoothing DEFAULT = new Smoothing(0.6);

    public Smoothing {
        if (!(weight >= 0 && weight < 1)) {
            throw new IllegalArgumentException("smoothing: " + RULE + ", was " + weight);
        }
    }

    /**
     * What a URL or a slider asks for, where anything may arrive: clamped to the slider and to its steps of
     * 0.01 (so a link written from a state reads back as the same state), else the fallback.
     */
    public static Smoothing lenient(double value, Smoothing fallback) {
        return Double.isFinite(value) ? new Smoothing(Math.round(Math.clamp(value, 0, SLIDER_MAX) * 100) / 100.0)
                : fallback;
    }

    public static boolean isValid(double value) {
        return value >= 0 && value < 1;
    }

    public boolean isOff() {
        return weight == 0;
    }

    /** A fresh moving average with this weight, to continue point by point. */
    public Ema ema() {
        return new Ema(weight);
    }

    /** The smoothed value of every point of a whole series. */
    public double[] smooth(double[] values) {
        return Ema.smooth(values, weight);
    }

    /** As a URL parameter: two decimals, like the slider. */
    public String param() {
        return String.format(Locale.ROOT, "%.2f", weight);
    }
}
