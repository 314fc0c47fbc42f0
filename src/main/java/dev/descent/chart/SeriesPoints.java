package dev.descent.chart;

import org.jspecify.annotations.Nullable;

/**
 * Points of one series as sent to the browser, x ascending. JSON has no NaN or infinity, so a non-finite
 * value travels as {@code null} (a gap in the line) and its x is listed in {@code nonFiniteX} to be marked.
 */
public record SeriesPoints(String seriesId, double[] x, @Nullable Double[] y, double[] nonFiniteX) {

    public static SeriesPoints of(String seriesId, double[] x, double[] values) {
        int n = x.length;
        Double[] ys = new Double[n];
        int nonFinite = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isFinite(values[i])) {
                ys[i] = values[i];
            } else {
                nonFinite++;
            }
        }
        double[] marks = new double[nonFinite];
        for (int i = 0, m = 0; i < n; i++) {
            if (ys[i] == null) {
                marks[m++] = x[i];
            }
        }
        return new SeriesPoints(seriesId, x.clone(), ys, marks);
    }

    /**
     * Values shown only in the cursor's readout (the epoch of each step). A missing value there (a run logged without
     * epochs) is not a diverged loss: it travels as {@code null} but is never marked.
     */
    public static SeriesPoints readout(String seriesId, double[] x, double[] values) {
        Double[] ys = new Double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(values[i])) {
                ys[i] = values[i];
            }
        }
        return new SeriesPoints(seriesId, x.clone(), ys, new double[0]);
    }

    public static SeriesPoints empty(String seriesId) {
        return new SeriesPoints(seriesId, new double[0], new Double[0], new double[0]);
    }

    public int size() {
        return x.length;
    }
}
