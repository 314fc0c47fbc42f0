package dev.descent.run;

import java.util.Arrays;
import java.util.List;

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

    private Columns(SeriesData data) {
        iterations = data.iterations();
        epochs = data.epochs();
        values = data.values();
        timestamps = data.timestamps();
        size = data.size();
    }

    /** A series' own arrays as columns, not copied: appends copy them first ({@link #ensureCapacity}). */
    static Columns of(SeriesData data) {
        return new Columns(data);
    }

    /** The last iteration, {@code Long.MIN_VALUE} when empty. */
    long last() {
        return size == 0 ? Long.MIN_VALUE : iterations[size - 1];
    }

    /** Appends points that come after {@link #last()}, in iteration order; full arrays grow by half. */
    void append(List<NewPoint> sorted) {
        int needed = size + sorted.size();
        if (needed > iterations.length) {
            ensureCapacity(Math.max(needed, iterations.length + (iterations.length >> 1) + 16));
        }
        for (NewPoint p : sorted) {
            add(p.iteration(), p.epoch() == null ? Double.NaN : p.epoch(), p.value(), p.timestamp());
        }
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
            // The whole series, its arrays full: handed over without a copy (32 MB for a 1M-point series). Safe to
            // share: an append to full arrays copies them first (SeriesCache changes its columns only by appends).
            return new SeriesData(series, iterations, epochs, values, timestamps);
        }
        return new SeriesData(series, Arrays.copyOfRange(iterations, start, end), Arrays.copyOfRange(epochs, start, end),
                Arrays.copyOfRange(values, start, end), Arrays.copyOfRange(timestamps, start, end));
    }

    private int lowerBound(long iteration) {
        int i = Arrays.binarySearch(iterations, 0, size, iteration);
        return i >= 0 ? i : -i - 1;
    }
}
