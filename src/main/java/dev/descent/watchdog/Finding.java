package dev.descent.watchdog;

import org.jspecify.annotations.Nullable;

/** What a {@link SeriesDetector} noticed at one point. */
sealed interface Finding {

    long iteration();

    /**
     * The series diverged at {@code iteration}.
     *
     * @param level the recent level it jumped above (its EMA), null when the value is NaN or ±∞
     */
    record Diverged(long iteration, double value, @Nullable Double level, double factor) implements Finding {
    }

    /**
     * The smoothed loss has not improved since {@code sinceIteration} (the episode's key) by more than the threshold.
     *
     * @param span how far it has gone without progress, in epochs when {@code inEpochs}, else in iterations
     */
    record Plateau(long iteration, long sinceIteration, double best, double span, boolean inEpochs, double threshold)
            implements Finding {
    }

    /** The smoothed loss improved again after the plateau that started at {@code sinceIteration}. */
    record PlateauEnded(long iteration, long sinceIteration) implements Finding {
    }
}
