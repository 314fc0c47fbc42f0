package dev.descent.watchdog;

import org.jspecify.annotations.Nullable;

import java.util.Map;
import java.util.function.DoublePredicate;

/**
 * When the detectors fire. Server-wide defaults come from {@code descent.watchdog.*}; a run overrides any of them
 * with a param of the same name under {@code descent.} (docs/alerts.md), e.g. {@code "descent.plateau.epochs": 20}.
 *
 * @param divergenceFactor  a finite loss above this multiple of its recent level (an EMA) is a divergence
 * @param plateauEpochs     the span, in epochs, without improvement that makes a plateau
 * @param plateauIterations the span in iterations, for series logged without epochs
 * @param plateauThreshold  the relative improvement of the best smoothed loss that counts as progress
 */
public record Thresholds(double divergenceFactor, double plateauEpochs, long plateauIterations,
                         double plateauThreshold) {

    public static final String DIVERGENCE_FACTOR = "descent.divergence.factor";
    public static final String PLATEAU_EPOCHS = "descent.plateau.epochs";
    public static final String PLATEAU_ITERATIONS = "descent.plateau.iterations";
    public static final String PLATEAU_THRESHOLD = "descent.plateau.threshold";

    public static final Thresholds DEFAULTS = new Thresholds(10, 5, 5000, 0.01);

    public Thresholds {
        check(DIVERGENCE_FACTOR, divergenceFactor, v -> v > 1);
        check(PLATEAU_EPOCHS, plateauEpochs, v -> v > 0);
        check(PLATEAU_ITERATIONS, plateauIterations, v -> v >= 1);
        check(PLATEAU_THRESHOLD, plateauThreshold, v -> v >= 0 && v < 1);
    }

    /**
     * These thresholds with a run's overrides applied. An override that is not a number in range is ignored (the
     * run keeps the server's value) rather than refusing the run: a typo in a param must not stop the training job.
     */
    public Thresholds overriddenBy(Map<String, Object> params) {
        Thresholds t = this;
        Thresholds a = t;
        t = with(t, params.get(DIVERGENCE_FACTOR), v -> new Thresholds(v, a.plateauEpochs, a.plateauIterations,
                a.plateauThreshold));
        Thresholds b = t;
        t = with(t, params.get(PLATEAU_EPOCHS), v -> new Thresholds(b.divergenceFactor, v, b.plateauIterations,
                b.plateauThreshold));
        Thresholds c = t;
        t = with(t, params.get(PLATEAU_ITERATIONS), v -> new Thresholds(c.divergenceFactor, c.plateauEpochs,
                Math.round(v), c.plateauThreshold));
        Thresholds d = t;
        t = with(t, params.get(PLATEAU_THRESHOLD), v -> new Thresholds(d.divergenceFactor, d.plateauEpochs,
                d.plateauIterations, v));
        return t;
    }

    private interface Rebuild {
        Thresholds with(double value);
    }

    private static Thresholds with(Thresholds current, @Nullable Object raw, Rebuild rebuild) {
        @Nullable Double value = raw instanceof Number n ? Double.valueOf(n.doubleValue())
                : raw instanceof String s ? parse(s) : null;
        if (value == null) {
            return current;
        }
        try {
            return rebuild.with(value);
        } catch (IllegalArgumentException outOfRange) {
            return current;
        }
    }

    private static @Nullable Double parse(String s) {
        try {
            return Double.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void check(String name, double value, DoublePredicate rule) {
        if (!Double.isFinite(value) || !rule.test(value)) {
            throw new IllegalArgumentException(name + ": out of range (" + value + ")");
        }
    }
}
