package dev.descent.run;

import java.util.Arrays;

/** Growable primitive columns of one series, in iteration order, turned into {@link SeriesData} at the end. */
final class Columns {

    long[] iterations;
    double[] epochs;
    double[] values;
    long[] timestamps;
    int size;

    Columns(int capacity) {
        int c = Math.max(16, capacity);
        iterations = new long[c];
        epochs = new double[c];
        values = new double[c];
        timestamps = new long[c];
    }

    void add(long iteration, double epoch, double value, long timestamp) {
        if (size == iterations.length) {
            ensureCapacity(size * 2);
        }
        iterations[size] = iteration;
        epochs[size] = epoch;
        values[size] = value;
        timestamps[size] = timestamp;
        size++;
    }

    void ensureCapacity(int capacity) {
        if (capacity > iterations.length) {
            iterations = Arrays.copyOf(iterations, capacity);
            epochs = Arrays.copyOf(epochs, capacity);
            values = Arrays.copyOf(values, capacity);
            timestamps = Arrays.copyOf(timestamps, capacity);
        }
    }

    /** The points with iterations in {@code [from, to]}. */
    SeriesData toSeries(String series, long from, long to) {
        int start = lowerBound(from);
        int end = to == Long.MAX_VALUE ? size : lowerBound(to + 1);
        if (start == 0 && end == iterations.length) {
            return new SeriesData(series, iterations, epochs, values, timestamps); // the whole series: no copy
        }
        return new SeriesData(series, Arrays.copyOfRange(iterations, start, end), Arrays.copyOfRange(epochs, start, end),
                Arrays.copyOfRange(values, start, end), Arrays.copyOfRange(timestamps, start, end));
    }

    private int lowerBound(long iteration) {
        int i = Arrays.binarySearch(iterations, 0, size, iteration);
        return i >= 0 ? i : -i - 1;
    }
}
