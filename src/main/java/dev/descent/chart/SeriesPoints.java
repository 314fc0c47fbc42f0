package dev.descent.chart;

import org.jspecify.annotations.Nullable;

/**
 * Points of one series as sent to the browser. JSON has no NaN or infinity, so a non-finite value
 * travels as {@code null} (a gap in the line) and its x is listed in {@code nonFiniteX} to be marked.
 */
public record SeriesPoints(String seriesId, long[] x, @Nullable Double[] y, long[] nonFiniteX) {

    public static SeriesPoints of(String seriesId, long[] x, double[] values, int from, int to) {
        int n = to - from;
        long[] xs = new long[n];
        Double[] ys = new Double[n];
        int nonFinite = 0;
        for (int i = 0; i < n; i++) {
            double v = values[from + i];
            xs[i] = x[from + i];
            if (Double.isFinite(v)) {
                ys[i] = v;
            } else {
                nonFinite++;
            }
        }
        long[] marks = new long[nonFinite];
        for (int i = 0, m = 0; i < n; i++) {
            if (ys[i] == null) {
                marks[m++] = xs[i];
            }
        }
        return new SeriesPoints(seriesId, xs, ys, marks);
    }

    public int size() {
        return x.length;
    }
}
