package dev.descent.plot;

import dev.descent.run.SeriesData;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The band of a group of runs: at every iteration any member logged, the mean, sample standard deviation, min and
 * max over the members that logged it, computed from full-resolution (optionally smoothed) values before any
 * downsampling. Runs log at different strides, so {@code n} varies along the band. Pure Java; the formulas are in
 * docs/metrics.md ("Groups").
 */
public final class GroupBand {

    /**
     * One iteration of the band.
     *
     * @param std the sample standard deviation ({@code n − 1}); NaN when {@code n = 1}
     */
    public record Point(long iteration, double mean, double std, double min, double max, int n) {
    }

    private GroupBand() {
    }

    /**
     * The band of the members' series, each smoothed first over its full resolution (as the chart draws it), then
     * cut to {@code from}–{@code to} (inclusive).
     */
    public static List<Point> ofMembers(List<SeriesData> members, Smoothing smoothing, long from, long to) {
        long[][] iterations = new long[members.size()][];
        double[][] values = new double[members.size()][];
        for (int m = 0; m < members.size(); m++) {
            SeriesData data = members.get(m);
            double[] smoothed = smoothing.isOff() ? data.values() : smoothing.smooth(data.values());
            int start = data.indexFrom(from);
            int end = data.indexAfter(to);
            iterations[m] = Arrays.copyOfRange(data.iterations(), start, Math.max(start, end));
            values[m] = Arrays.copyOfRange(smoothed, start, Math.max(start, end));
        }
        return of(iterations, values);
    }

    /**
     * The band of the members' series ({@code iterations[m]} ascending, {@code values[m]} alongside). Non-finite
     * values are left out of the statistics at their iteration (an iteration where every member is non-finite is
     * left out). One merge of the members: O(distinct iterations × members).
     */
    public static List<Point> of(long[][] iterations, double[][] values) {
        int members = iterations.length;
        int[] at = new int[members];
        List<Point> band = new ArrayList<>();
        while (true) {
            long next = Long.MAX_VALUE;
            for (int m = 0; m < members; m++) {
                if (at[m] < iterations[m].length) {
                    next = Math.min(next, iterations[m][at[m]]);
                }
            }
            if (next == Long.MAX_VALUE) {
                return band;
            }
            // Welford: one pass, no cancellation when values are large and close together.
            int n = 0;
            double mean = 0;
            double m2 = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int m = 0; m < members; m++) {
                if (at[m] < iterations[m].length && iterations[m][at[m]] == next) {
                    double v = values[m][at[m]];
                    at[m]++;
                    if (!Double.isFinite(v)) {
                        continue;
                    }
                    n++;
                    double delta = v - mean;
                    mean += delta / n;
                    m2 += delta * (v - mean);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            if (n > 0) {
                band.add(new Point(next, mean, n > 1 ? Math.sqrt(m2 / (n - 1)) : Double.NaN, min, max, n));
            }
        }
    }

    /**
     * At most {@code maxPoints} points, keeping the band's extremes: the iterations split into
     * {@code maxPoints / 4} equal buckets, and each keeps its first and last point, the point of its lowest
     * {@code min} and of its highest {@code max} (M4 on the band's edges), in iteration order.
     */
    public static List<Point> downsample(List<Point> band, int maxPoints) {
        if (band.size() <= maxPoints || band.isEmpty()) {
            return band;
        }
        int buckets = Math.max(1, maxPoints / 4);
        long first = band.getFirst().iteration();
        long last = band.getLast().iteration();
        double width = (double) (last - first + 1) / buckets;
        List<Point> kept = new ArrayList<>();
        int start = 0;
        while (start < band.size()) {
            int bucket = (int) Math.min(buckets - 1, (band.get(start).iteration() - first) / width);
            int end = start;
            int lowest = start;
            int highest = start;
            while (end < band.size() && (int) Math.min(buckets - 1, (band.get(end).iteration() - first) / width) == bucket) {
                if (band.get(end).min() < band.get(lowest).min()) {
                    lowest = end;
                }
                if (band.get(end).max() > band.get(highest).max()) {
                    highest = end;
                }
                end++;
            }
            int[] picks = {start, lowest, highest, end - 1};
            Arrays.sort(picks);
            int previous = -1;
            for (int p : picks) {
                if (p != previous) {
                    kept.add(band.get(p));
                    previous = p;
                }
            }
            start = end;
        }
        return kept;
    }
}
