package dev.descent.plot;

import dev.descent.metrics.Ema;
import dev.descent.run.NewPoint;
import dev.descent.run.SeriesData;
import org.jspecify.annotations.Nullable;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One series on one chart, kept live: drawn once through {@link SeriesPipeline}, then continued point by point
 * (the EMA goes on where it stopped, so a live point costs O(1)). It keeps the series' full-resolution values,
 * so a new smoothing recomputes only the smoothed line, without a read. What it shows is bounded: past
 * {@link #CAP_FACTOR} times what M4 draws, {@link #isOverCap()} asks the owner to draw it again, downsampled.
 */
public final class LiveSeries {

    /**
     * Appended points allowed on top of a fresh drawing before it is redrawn: 3 × M4's 4 points per bucket.
     * It bounds the server's and the browser's copy of a chart that stays open for days.
     */
    public static final int CAP_FACTOR = 3;

    private final XMode xMode;
    private final TimeOrigin origin;
    private final int buckets;
    private Ema ema;
    private long lastIteration;
    /** Every value of the series, in iteration order: what a new smoothing is computed from. */
    private double[] values;
    private int valueCount;
    /** What is drawn, in the order sent: the value index, x, raw and smoothed value and epoch of each shown point. */
    private int[] shownIndex;
    private double[] shownX;
    private double[] shownRaw;
    private double[] shownSmoothed;
    private double[] shownEpoch;
    private int shownCount;
    /** The last iteration drawn: a zoomed window stays exactly that window while points arrive beyond it. */
    private long shownTo = Long.MAX_VALUE;

    private LiveSeries(XMode xMode, TimeOrigin origin, int buckets, Smoothing smoothing, SeriesData all) {
        this.xMode = xMode;
        this.origin = origin;
        this.buckets = Math.max(1, buckets);
        this.ema = smoothing.ema();
        this.values = all.values().clone();
        this.valueCount = all.size();
        this.lastIteration = all.size() == 0 ? 0 : all.iterations()[all.size() - 1];
        int capacity = Math.min(all.size(), 4 * this.buckets) + 16;
        shownIndex = new int[capacity];
        shownX = new double[capacity];
        shownRaw = new double[capacity];
        shownSmoothed = new double[capacity];
        shownEpoch = new double[capacity];
    }

    /**
     * Draws {@code all} for an iteration range ({@code Long.MAX_VALUE} as {@code to} for "to the end"): the EMA
     * from the first point, M4 over the range, x on the chosen axis (points without one, such as a step without
     * an epoch on the epoch axis, are left out).
     */
    public static LiveSeries draw(SeriesData all, long from, long to, int buckets, Smoothing smoothing, XMode xMode,
                                  TimeOrigin origin) {
        LiveSeries live = new LiveSeries(xMode, origin, buckets, smoothing, all);
        live.shownTo = to;
        double[] smoothed = live.smoothAll();
        for (int i : SeriesPipeline.select(all, from, to, live.buckets)) {
            double x = xMode.x(all.iterations()[i], all.epochs()[i], all.timestamps()[i], origin);
            if (!Double.isNaN(x)) {
                live.show(i, x, all.values()[i], smoothed[i], all.epochs()[i]);
            }
        }
        return live;
    }

    /** Everything shown now, in x order. */
    public PlotLine line() {
        return lineOf(0);
    }

    /**
     * Continues the line with newly committed points of this series.
     *
     * @return the points to append to the chart, or null when they cannot be appended in place (a point at or
     * before the last one: only a fresh drawing is right)
     */
    public @Nullable PlotLine append(List<NewPoint> points) {
        if (points.isEmpty()) {
            return PlotLine.EMPTY;
        }
        List<NewPoint> sorted = points.stream().sorted(Comparator.comparingLong(NewPoint::iteration)).toList();
        if (valueCount > 0 && sorted.getFirst().iteration() <= lastIteration) {
            return null;
        }
        for (int k = 1; k < sorted.size(); k++) {
            if (sorted.get(k).iteration() == sorted.get(k - 1).iteration()) {
                return null;
            }
        }
        int firstNew = shownCount;
        for (NewPoint p : sorted) {
            double epoch = p.epoch() == null ? Double.NaN : p.epoch();
            int index = addValue(p.value());
            double smoothed = ema.next(p.value());
            lastIteration = p.iteration();
            double x = xMode.x(p.iteration(), epoch, p.timestamp(), origin);
            // Beyond a zoomed window: kept for the smoothing, not drawn. Drawing it would join the window's last
            // point to it across iterations that were never loaded.
            if (!Double.isNaN(x) && p.iteration() <= shownTo) {
                show(index, x, p.value(), smoothed, epoch);
            }
        }
        return lineOf(firstNew);
    }

    /** The whole line smoothed anew, from the full-resolution values: nothing is read again. */
    public PlotLine resmooth(Smoothing newSmoothing) {
        ema = newSmoothing.ema();
        double[] smoothed = smoothAll();
        for (int k = 0; k < shownCount; k++) {
            shownSmoothed[k] = smoothed[shownIndex[k]];
        }
        return line();
    }

    /** True when it shows so many appended points that it should be drawn again, downsampled. */
    public boolean isOverCap() {
        return shownCount > CAP_FACTOR * 4 * buckets;
    }

    public int shownCount() {
        return shownCount;
    }

    /** Runs {@link #ema} over every value held, leaving it ready to continue; the smoothed value of each. */
    private double[] smoothAll() {
        double[] smoothed = new double[valueCount];
        for (int i = 0; i < valueCount; i++) {
            smoothed[i] = ema.next(values[i]);
        }
        return smoothed;
    }

    /** The shown points from {@code from} on, sorted by x if they are not already. */
    private PlotLine lineOf(int from) {
        double[] x = Arrays.copyOfRange(shownX, from, shownCount);
        double[] raw = Arrays.copyOfRange(shownRaw, from, shownCount);
        double[] smoothed = Arrays.copyOfRange(shownSmoothed, from, shownCount);
        double[] epochs = Arrays.copyOfRange(shownEpoch, from, shownCount);
        if (isSorted(x)) {
            return new PlotLine(x, raw, smoothed, epochs);
        }
        // Time and epoch usually grow with the iteration; after a restarted job they may not.
        Integer[] order = new Integer[x.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, Comparator.comparingDouble(k -> x[k]));
        return new PlotLine(permute(x, order), permute(raw, order), permute(smoothed, order), permute(epochs, order));
    }

    private int addValue(double value) {
        if (valueCount == values.length) {
            values = Arrays.copyOf(values, Math.max(16, values.length + (values.length >> 1)));
        }
        values[valueCount] = value;
        return valueCount++;
    }

    private void show(int index, double x, double raw, double smoothed, double epoch) {
        if (shownCount == shownX.length) {
            int capacity = Math.max(16, shownCount + (shownCount >> 1));
            shownIndex = Arrays.copyOf(shownIndex, capacity);
            shownX = Arrays.copyOf(shownX, capacity);
            shownRaw = Arrays.copyOf(shownRaw, capacity);
            shownSmoothed = Arrays.copyOf(shownSmoothed, capacity);
            shownEpoch = Arrays.copyOf(shownEpoch, capacity);
        }
        shownIndex[shownCount] = index;
        shownX[shownCount] = x;
        shownRaw[shownCount] = raw;
        shownSmoothed[shownCount] = smoothed;
        shownEpoch[shownCount] = epoch;
        shownCount++;
    }

    private static boolean isSorted(double[] x) {
        for (int i = 1; i < x.length; i++) {
            if (x[i] < x[i - 1]) {
                return false;
            }
        }
        return true;
    }

    private static double[] permute(double[] column, Integer[] order) {
        double[] out = new double[order.length];
        for (int k = 0; k < order.length; k++) {
            out[k] = column[order[k]];
        }
        return out;
    }
}
