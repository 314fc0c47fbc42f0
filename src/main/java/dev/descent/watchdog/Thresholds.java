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
        return new Thresholds(
                override(params, DIVERGENCE_FACTOR, divergenceFactor, v -> v > 1),
                override(params, PLATEAU_EPOCHS, plateauEpochs, v -> v > 0),
                Math.round(override(params, PLATEAU_ITERATIONS, plateauIterations, v -> v >= 1)),
                override(params, PLATEAU_THRESHOLD, plateauThreshold, v -> v >= 0 && v < 1));
    }

    /** The run's value of one threshold if it is a number (or a numeric string) within {@code rule}, else {@code current}. */
    private static double override(Map<String, Object> params, String name, double current, DoublePredicate rule) {
        Object raw = params.get(name);
        Double value = raw instanceof Number n ? Double.valueOf(n.doubleValue())
                : raw instanceof String s ? parse(s) : null;
        return value != null && Double.isFinite(value) && rule.test(value) ? value : current;
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
