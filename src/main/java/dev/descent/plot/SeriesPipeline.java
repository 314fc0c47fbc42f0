package dev.descent.plot;

import dev.descent.metrics.Downsampler;
import dev.descent.run.SeriesData;


/**
 * The one way a stored series becomes drawable points, for the views and the points API alike: the smoothed
 * value of a point depends on every point before it, so the EMA runs over the whole series from its first
 * point; then the range is cut; then M4 keeps at most four points per bucket (every spike survives).
 */
public final class SeriesPipeline {

    private SeriesPipeline() {
    }

    /**
     * The points of {@code all} to draw for an iteration range.
     *
     * @param from    first iteration shown (inclusive)
     * @param to      last iteration shown (inclusive; {@code Long.MAX_VALUE} for "to the end")
     * @param buckets M4 buckets, about one per pixel column of the plot
     * @return indices into {@code all}, ascending
     */
    public static int[] select(SeriesData all, long from, long to, int buckets) {
        int start = all.indexFrom(from);
        int end = all.indexAfter(to);
        if (end <= start) {
            return new int[0];
        }
        return Downsampler.m4(all.iterations(), all.values(), start, end, Math.max(1, buckets));
    }

    /** How many points of {@code all} lie in the range (what "downsampled from" reports). */
    public static int countInRange(SeriesData all, long from, long to) {
        return Math.max(0, all.indexAfter(to) - all.indexFrom(from));
    }
}
