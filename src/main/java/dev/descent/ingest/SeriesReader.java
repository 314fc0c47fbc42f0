package dev.descent.ingest;

import dev.descent.plot.SeriesPipeline;
import dev.descent.plot.Smoothing;
import dev.descent.run.RunService;
import dev.descent.run.SeriesData;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;

/** One series for reading, through the same pipeline as the charts: smoothed at full resolution, then M4. */
final class SeriesReader {

    private SeriesReader() {
    }

    static ApiJson.Series read(RunService runs, long runId, String name, long from, long to, int maxPoints,
                               @Nullable Smoothing smoothing) {
        // The EMA at an iteration depends on everything before it; read from the start so a zoomed-in
        // range shows the same smoothed line as the whole run.
        return points(runs.readSeries(runId, name, smoothing == null ? from : 0, to), from, to, maxPoints, smoothing);
    }

    /** What the API answers for a series read as {@code all}: smoothed, cut to the range, then M4. */
    static ApiJson.Series points(SeriesData all, long from, long to, int maxPoints, @Nullable Smoothing smoothing) {
        double[] smoothed = smoothing == null ? null : smoothing.smooth(all.values());
        int[] kept = SeriesPipeline.select(all, from, to, maxPoints / 4);
        List<ApiJson.Point> points = new ArrayList<>(kept.length);
        for (int i : kept) {
            double epoch = all.epochs()[i];
            points.add(new ApiJson.Point(all.iterations()[i], Double.isNaN(epoch) ? null : epoch,
                    all.values()[i], all.timestamps()[i], smoothed == null ? null : smoothed[i]));
        }
        int total = SeriesPipeline.countInRange(all, from, to);
        return new ApiJson.Series(all.series(), points, kept.length < total, total);
    }
}
