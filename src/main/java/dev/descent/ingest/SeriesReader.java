package dev.descent.ingest;

import dev.descent.metrics.Downsampler;
import dev.descent.metrics.Ema;
import dev.descent.run.RunService;
import dev.descent.run.SeriesData;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One series for reading: smoothed at full resolution, then M4-downsampled to the requested budget. */
final class SeriesReader {

    private SeriesReader() {
    }

    static ApiJson.Series read(RunService runs, long runId, String name, long from, long to, int maxPoints,
                               @Nullable Double smoothing) {
        // The EMA at an iteration depends on everything before it; read from the start so a zoomed-in
        // range shows the same smoothed line as the whole run.
        SeriesData all = runs.readSeries(runId, name, smoothing == null ? from : 0, to);
        double[] smoothed = smoothing == null ? null : Ema.smooth(all.values(), smoothing);
        int start = smoothing == null ? 0 : all.indexFrom(from);
        long[] iterations = Arrays.copyOfRange(all.iterations(), start, all.size());
        double[] values = Arrays.copyOfRange(all.values(), start, all.size());
        int[] kept = Downsampler.m4(iterations, values, Math.max(1, maxPoints / 4));
        List<ApiJson.Point> points = new ArrayList<>(kept.length);
        for (int k : kept) {
            int i = start + k;
            double epoch = all.epochs()[i];
            points.add(new ApiJson.Point(all.iterations()[i], Double.isNaN(epoch) ? null : epoch,
                    all.values()[i], all.timestamps()[i], smoothed == null ? null : smoothed[i]));
        }
        return new ApiJson.Series(name, points, kept.length < iterations.length, iterations.length);
    }
}
