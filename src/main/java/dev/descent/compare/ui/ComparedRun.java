package dev.descent.compare.ui;

import dev.descent.metrics.Ema;
import dev.descent.metrics.LossMetrics;
import dev.descent.run.RunSummary;

/** A run in the comparison: what the table shows and what continues its line live. */
final class ComparedRun {

    final RunSummary run;
    final String color;
    LossMetrics metrics;
    Ema ema;
    long lastIteration;
    long firstTimestamp;

    ComparedRun(RunSummary run, String color, LossMetrics metrics, Ema ema, long lastIteration, long firstTimestamp) {
        this.run = run;
        this.color = color;
        this.metrics = metrics;
        this.ema = ema;
        this.lastIteration = lastIteration;
        this.firstTimestamp = firstTimestamp;
    }

    long id() {
        return run.id();
    }

    String seriesId() {
        return "run-" + run.id();
    }
}
