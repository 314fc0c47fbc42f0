package dev.descent.monitor;

import dev.descent.chart.SeriesPoints;
import dev.descent.metrics.Downsampler;
import dev.descent.metrics.Ema;
import dev.descent.run.SeriesData;

import java.util.Arrays;

/**
 * Turns a full-resolution series into what the chart needs: the EMA over every point (so the smoothed line
 * is the same at every zoom level), then M4 down to about one bucket per pixel column, then x values for
 * the chosen axis. Also leaves behind the EMA state, so live points continue the same line.
 */
public final class SeriesRenderer {

    public record Rendered(SeriesPoints raw, SeriesPoints smoothed, SeriesPoints epochs, Ema ema, int fullSize) {
    }

    private SeriesRenderer() {
    }

    /**
     * @param from, to iteration range to show (inclusive); the EMA still runs from the first point
     * @param buckets  M4 buckets (the plot width in pixels)
     */
    public static Rendered render(String id, String emaId, String epochId, SeriesData all, long from, long to, int buckets,
                           double smoothing, XMode xMode, long firstTimestamp) {
        Ema ema = new Ema(smoothing);
        double[] smoothed = new double[all.size()];
        for (int i = 0; i < all.size(); i++) {
            smoothed[i] = ema.next(all.values()[i]);
        }
        int start = all.indexFrom(from);
        int end = all.indexAfter(to);
        long[] iterations = Arrays.copyOfRange(all.iterations(), start, end);
        double[] values = Arrays.copyOfRange(all.values(), start, end);
        int[] kept = Downsampler.m4(iterations, values, Math.max(1, buckets));

        int n = 0;
        double[] x = new double[kept.length];
        double[] y = new double[kept.length];
        double[] ys = new double[kept.length];
        double[] e = new double[kept.length];
        for (int k : kept) {
            int i = start + k;
            double xi = xMode.x(all.iterations()[i], all.epochs()[i], all.timestamps()[i], firstTimestamp);
            if (Double.isNaN(xi)) {
                continue;
            }
            x[n] = xi;
            y[n] = all.values()[i];
            ys[n] = smoothed[i];
            e[n] = all.epochs()[i];
            n++;
        }
        x = Arrays.copyOf(x, n);
        y = Arrays.copyOf(y, n);
        ys = Arrays.copyOf(ys, n);
        e = Arrays.copyOf(e, n);
        sortByX(x, y, ys, e);
        return new Rendered(SeriesPoints.of(id, x, y), SeriesPoints.of(emaId, x, ys), SeriesPoints.of(epochId, x, e),
                ema, iterations.length);
    }

    /** Time and epoch usually grow with the iteration; when they do not (a restarted job), sort for the chart. */
    static void sortByX(double[] x, double[] y, double[] ys, double[] e) {
        for (int i = 1; i < x.length; i++) {
            if (x[i] < x[i - 1]) {
                Integer[] order = new Integer[x.length];
                for (int k = 0; k < order.length; k++) {
                    order[k] = k;
                }
                Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
                double[] cx = x.clone();
                double[] cy = y.clone();
                double[] cs = ys.clone();
                double[] ce = e.clone();
                for (int k = 0; k < order.length; k++) {
                    x[k] = cx[order[k]];
                    y[k] = cy[order[k]];
                    ys[k] = cs[order[k]];
                    e[k] = ce[order[k]];
                }
                return;
            }
        }
    }
}
