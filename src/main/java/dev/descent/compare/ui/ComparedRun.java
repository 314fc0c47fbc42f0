package dev.descent.compare.ui;

import dev.descent.metrics.Estimator;
import dev.descent.metrics.LossMetrics;
import dev.descent.metrics.LossMetricsAccumulator;
import dev.descent.metrics.MetricsOptions;
import dev.descent.plot.LiveSeries;
import dev.descent.run.NewPoint;
import dev.descent.run.RunSummary;
import dev.descent.run.SeriesData;

import java.util.List;

/**
 * A run in the comparison: its line (continued live, bounded, see {@link LiveSeries}) and its metrics, which
 * continue incrementally, so a live point costs O(1), not a re-read of the whole series.
 */
final class ComparedRun {

    final RunSummary run;
    /** Its own colour, or its group's when the comparison is grouped. */
    String color;
    /** The group it is drawn in, null when every run is its own line. */
    @org.jspecify.annotations.Nullable ComparedGroup group;
    LiveSeries line;
    LossMetrics metrics;
    private LossMetricsAccumulator accumulator = new LossMetricsAccumulator(MetricsOptions.DEFAULT_WINDOW);

    ComparedRun(RunSummary run, String color, SeriesData data, LiveSeries line) {
        this.run = run;
        this.color = color;
        this.line = line;
        accumulator.rebuild(data.iterations(), data.epochs(), data.values());
        this.metrics = currentMetrics();
    }

    /** After a fresh read of the run (a late point, or its line reached its cap). */
    void redrawn(SeriesData data, LiveSeries newLine) {
        line = newLine;
        accumulator = new LossMetricsAccumulator(MetricsOptions.DEFAULT_WINDOW);
        accumulator.rebuild(data.iterations(), data.epochs(), data.values());
        metrics = currentMetrics();
    }

    /** Continues the metrics with points already accepted by {@link #line}. */
    void appendMetrics(List<NewPoint> points) {
        points.stream().sorted(java.util.Comparator.comparingLong(NewPoint::iteration)).forEach(p ->
                accumulator.append(p.iteration(), p.epoch() == null ? Double.NaN : p.epoch(), p.value()));
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
