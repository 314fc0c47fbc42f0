package dev.descent.run;

import java.util.Arrays;

/**
 * One series of one run in iteration order, as primitive columns so a million points stay compact.
 * An epoch of {@code NaN} means the point carried no epoch (a real epoch is never NaN).
 */
public record SeriesData(String series, long[] iterations, double[] epochs, double[] values, long[] timestamps) {

    public SeriesData {
        int n = iterations.length;
        if (epochs.length != n || values.length != n || timestamps.length != n) {
            throw new IllegalArgumentException("columns of series " + series + " differ in length");
        }
    }

    public static SeriesData empty(String series) {
        return new SeriesData(series, new long[0], new double[0], new double[0], new long[0]);
    }

    public int size() {
        return iterations.length;
    }

    /** Index of the first point at or after {@code iteration} ({@link #size()} if there is none). */
    public int indexFrom(long iteration) {
        int i = Arrays.binarySearch(iterations, iteration);
        return i >= 0 ? i : -i - 1;
    }

    /** Index just past the last point at or before {@code iteration}. */
    public int indexAfter(long iteration) {
        return iteration == Long.MAX_VALUE ? size() : indexFrom(iteration + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesData other
                && series.equals(other.series)
                && Arrays.equals(iterations, other.iterations)
                && Arrays.equals(epochs, other.epochs)
                && Arrays.equals(values, other.values)
                && Arrays.equals(timestamps, other.timestamps);
    }

    @Override
    public int hashCode() {
        return series.hashCode() * 31 + Arrays.hashCode(iterations);
    }

    @Override
    public String toString() {
        return "SeriesData[" + series + ", " + size() + " points]";
    }
}
