package dev.descent.compare.ui;

import dev.descent.metrics.Ema;
import dev.descent.metrics.Estimator;
import dev.descent.metrics.LossMetrics;
import dev.descent.metrics.LossMetricsAccumulator;
import dev.descent.metrics.MetricsOptions;
import dev.descent.run.RunSummary;
import dev.descent.run.SeriesData;

/**
 * A run in the comparison: what the table shows and what continues its line live. Its metrics and EMA
 * continue incrementally, so a live point costs O(1), not a re-read of the whole series.
 */
final class ComparedRun {

    final RunSummary run;
    final String color;
    final Ema ema;
    private final LossMetricsAccumulator accumulator = new LossMetricsAccumulator(MetricsOptions.DEFAULT_WINDOW);
    LossMetrics metrics;
    long lastIteration;
    long firstTimestamp;

    ComparedRun(RunSummary run, String color, SeriesData data, Ema ema) {
        this.run = run;
        this.color = color;
        this.ema = ema;
        accumulator.rebuild(data.iterations(), data.epochs(), data.values());
        this.metrics = currentMetrics();
        this.lastIteration = data.size() == 0 ? -1 : data.iterations()[data.size() - 1];
        this.firstTimestamp = data.size() == 0 ? 0 : data.timestamps()[0];
    }

    /** @return false when the point cannot be added in place (it is not after the last one) */
    boolean append(long iteration, double epoch, double value) {
        if (!accumulator.append(iteration, epoch, value)) {
            return false;
        }
        lastIteration = iteration;
        return true;
    }

    void refreshMetrics() {
        metrics = currentMetrics();
    }

    private LossMetrics currentMetrics() {
        return accumulator.metrics(MetricsOptions.DEFAULT_TARGET_LOSS, Estimator.LINEAR);
    }

    long id() {
        return run.id();
    }

    String seriesId() {
        return "run-" + run.id();
    }
}
