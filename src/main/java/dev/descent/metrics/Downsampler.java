package dev.descent.metrics;

/**
 * M4 downsampling for line charts: split the x-range into {@code B} equal buckets (one per pixel column)
 * and keep, per bucket, its minimum, maximum, first and last point. A line through these looks the same as
 * one through every point, and no spike is ever lost, however narrow.
 * <p>
 * Non-finite values mark divergence and are kept too: ±Infinity order as the bucket's extremes, and the
 * first NaN of a bucket takes a place before its first/last points. The series' first and last points are
 * always kept. Each bucket keeps at most 4 points, so the result has at most {@code 4·B} points, in x
 * order, without duplicates.
 */
public final class Downsampler {

    private Downsampler() {
    }

    /**
     * Indices of the points to keep.
     *
     * @param x strictly increasing
     * @return every index when the series already fits in {@code 4·buckets} points
     */
    public static int[] m4(long[] x, double[] y, int buckets) {
        if (y.length != x.length) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        return m4(x, y, 0, x.length, buckets);
    }

    /**
     * Indices of the points to keep among those from {@code from} (inclusive) to {@code to} (exclusive): the same
     * points as {@code m4} of a copy of that range, shifted by {@code from}, without copying it (a read of a
     * million-point series used to copy 16 MB for this).
     *
     * @param x strictly increasing from {@code from} to {@code to}
     */
    public static int[] m4(long[] x, double[] y, int from, int to, int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be >= 1, was " + buckets);
        }
        if (from < 0 || from > to || to > Math.min(x.length, y.length)) {
            throw new IllegalArgumentException("range " + from + ".." + to + " outside the " + x.length + " points");
        }
        int n = to - from;
        if (n <= 4L * buckets) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = from + i;
            }
            return all;
        }
        // In doubles: x[to-1] - x[from] overflows a long for ranges past 2^63 (iterations 0 … Long.MAX_VALUE, or
        // negative x), and an index past the last bucket is clamped, not written past the end of out.
        double x0 = x[from];
        double scale = buckets / ((double) x[to - 1] - x0 + 1);
        int[] out = new int[4 * buckets];
        int size = 0;
        int[] picked = new int[4];

        int bucket = -1;
        int first = from;
        int last = from;
        int minAt = -1;
        int maxAt = -1;
        int nanAt = -1;
        for (int i = from; i < to; i++) {
            int b = Math.min(buckets - 1, (int) (((double) x[i] - x0) * scale));
            if (b != bucket) {
                if (bucket >= 0) {
                    size = flush(out, size, picked, minAt, maxAt, nanAt, first, last, from, to - 1);
                }
                bucket = b;
                first = i;
                minAt = -1;
                maxAt = -1;
                nanAt = -1;
            }
            last = i;
            double v = y[i];
            if (Double.isNaN(v)) {
                if (nanAt < 0) {
                    nanAt = i;
                }
            } else {
                if (minAt < 0 || v < y[minAt]) {
                    minAt = i;
                }
                if (maxAt < 0 || v > y[maxAt]) {
                    maxAt = i;
                }
            }
        }
        size = flush(out, size, picked, minAt, maxAt, nanAt, first, last, from, to - 1);
        return java.util.Arrays.copyOf(out, size);
    }

    /**
     * Appends a bucket's points, at most four, chosen in this order: its minimum and maximum, the series' own
     * first or last point if the bucket holds it (so the x-range never shrinks), its first NaN, then its
     * first and last points. Sorted by x.
     */
    private static int flush(int[] out, int size, int[] picked, int minAt, int maxAt, int nanAt, int first, int last,
                             int seriesStart, int seriesEnd) {
        int k = 0;
        k = add(picked, k, minAt);
        k = add(picked, k, maxAt);
        if (first == seriesStart) {
            k = add(picked, k, first);
        }
        if (last == seriesEnd) {
            k = add(picked, k, last);
        }
        k = add(picked, k, nanAt);
        k = add(picked, k, first);
        k = add(picked, k, last);
        for (int i = 1; i < k; i++) {
            int v = picked[i];
            int j = i - 1;
            while (j >= 0 && picked[j] > v) {
                picked[j + 1] = picked[j];
                j--;
            }
            picked[j + 1] = v;
        }
        System.arraycopy(picked, 0, out, size, k);
        return size + k;
    }

    private static int add(int[] picked, int k, int index) {
        if (index < 0 || k == 4) {
            return k;
        }
        for (int i = 0; i < k; i++) {
            if (picked[i] == index) {
                return k;
            }
        }
        picked[k] = index;
        return k + 1;
    }

    public static long[] select(long[] values, int[] indices) {
        long[] out = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = values[indices[i]];
        }
        return out;
    }

    public static double[] select(double[] values, int[] indices) {
        double[] out = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = values[indices[i]];
        }
        return out;
    }
}
