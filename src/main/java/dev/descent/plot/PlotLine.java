package dev.descent.plot;

/**
 * Points of one series as drawn, in x order: the raw value, the smoothed value and the epoch (NaN when the
 * point has none: a column of doubles, see {@link dev.descent.run.SeriesData}) at each x.
 */
public record PlotLine(double[] x, double[] raw, double[] smoothed, double[] epochs) {

    public PlotLine {
        if (raw.length != x.length || smoothed.length != x.length || epochs.length != x.length) {
            throw new IllegalArgumentException("columns of a plot line differ in length");
        }
    }

    static final PlotLine EMPTY = new PlotLine(new double[0], new double[0], new double[0], new double[0]);

    public int size() {
        return x.length;
    }

    /** The line to draw when one line per series is shown: smoothed, or raw when smoothing is off. */
    public double[] line(Smoothing smoothing) {
        return smoothing.isOff() ? raw : smoothed;
    }
}
