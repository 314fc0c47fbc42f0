package dev.descent.watchdog;

import dev.descent.metrics.Ema;
import org.jspecify.annotations.Nullable;

/**
 * Divergence and plateau detection for one loss series, fed its points in iteration order: O(1) time and memory
 * per point, no look back at the series (docs/alerts.md has the rules).
 * <p>
 * A point at or below the last iteration seen (a late or re-sent point) can still reveal a NaN, but does not move
 * the level or the plateau clock, which describe the curve as it goes forward.
 */
final class SeriesDetector {

    /** Points the level needs before a jump against it means anything. */
    static final int WARM_UP_POINTS = 10;
    /** How much of the past the level (for divergence) keeps per point: about the last ten points. */
    static final double LEVEL_WEIGHT = 0.9;

    private final Thresholds thresholds;
    private final Ema level = new Ema(LEVEL_WEIGHT);
    private long points;
    private double currentLevel = Double.NaN;
    private long lastIteration = Long.MIN_VALUE;
    private boolean diverged;

    /** The plateau clock works on buckets a quarter of the span wide (see {@link #plateau}). */
    static final int BUCKETS_PER_SPAN = 4;

    private boolean started;
    private boolean inEpochs;
    private double origin;
    private long bucket;
    private double bucketSum;
    private long bucketCount;
    private long bucketFirstIteration;
    /** The bucket before the current one, which with it makes the smoothing window of half a span. */
    private double previousSum;
    private long previousCount;
    private long previousBucket = Long.MIN_VALUE;
    private double best = Double.NaN;
    private long bestBucket;
    private long bestFirstIteration;
    private boolean onPlateau;

    SeriesDetector(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** What this point reveals, if anything; at most one finding per point. */
    @Nullable Finding accept(long iteration, double epoch, double value) {
        boolean forward = iteration > lastIteration;
        if (!Double.isFinite(value)) {
            if (!diverged) {
                diverged = true;
                return new Finding.Diverged(iteration, value, null, thresholds.divergenceFactor());
            }
            return null;
        }
        if (!forward) {
            return null;
        }
        lastIteration = iteration;
        Finding finding = null;
        if (!diverged && points >= WARM_UP_POINTS && currentLevel > 0
                && value > thresholds.divergenceFactor() * currentLevel) {
            diverged = true;
            finding = new Finding.Diverged(iteration, value, currentLevel, thresholds.divergenceFactor());
        }
        points++;
        currentLevel = level.next(value);
        Finding plateau = plateau(iteration, epoch, value);
        return finding != null ? finding : plateau;
    }

    /**
     * The plateau clock. The series is smoothed by a moving average over half a span (two buckets a quarter span wide,
     * in epochs, or in iterations for a series without epochs): it averages every point logged in it however often
     * the job logs, so minibatch noise shrinks with the logging rate instead of setting a lucky low "best" that the
     * trend then has to beat. {@code best} is the average at the last improvement of more than the threshold on the
     * previous best; a span of buckets after it without such an improvement is a plateau. Small improvements do not
     * restart the clock, so a loss that creeps down by less than the threshold per span is a plateau, as the rule
     * says. Cost per point: one addition; per bucket: a comparison.
     */
    private @Nullable Finding plateau(long iteration, double epoch, double value) {
        boolean epochs = !Double.isNaN(epoch);
        double x = epochs ? epoch : iteration;
        if (!started || epochs != inEpochs) {
            started = true;
            inEpochs = epochs;
            origin = x;
            best = Double.NaN;
            onPlateau = false;
            previousBucket = Long.MIN_VALUE;
            startBucket(0, iteration, value);
            return null;
        }
        long k = (long) Math.floor((x - origin) / bucketWidth());
        if (k <= bucket) {
            bucketSum += value;
            bucketCount++;
            return null;
        }
        Finding finding = bucketDone(iteration, k);
        previousSum = bucketSum;
        previousCount = bucketCount;
        previousBucket = bucket;
        startBucket(k, iteration, value);
        return finding;
    }

    private double bucketWidth() {
        return (inEpochs ? thresholds.plateauEpochs() : thresholds.plateauIterations()) / BUCKETS_PER_SPAN;
    }

    /** The bucket {@code bucket} is complete; {@code next} is the bucket the new point falls in. */
    private @Nullable Finding bucketDone(long iteration, long next) {
        boolean adjacent = previousBucket == bucket - 1;
        double smoothed = adjacent ? (bucketSum + previousSum) / (bucketCount + previousCount) : bucketSum / bucketCount;
        if (Double.isNaN(best)) {
            improved(smoothed);
            return null;
        }
        if (smoothed < best - thresholds.plateauThreshold() * Math.abs(best)) {
            boolean ended = onPlateau;
            long episode = bestFirstIteration;
            improved(smoothed);
            return ended ? new Finding.PlateauEnded(iteration, episode) : null;
        }
        if (!onPlateau && next - bestBucket > BUCKETS_PER_SPAN) {
            onPlateau = true;
            return new Finding.Plateau(iteration, bestFirstIteration, best, (next - bestBucket - 1) * bucketWidth(),
                    inEpochs, thresholds.plateauThreshold());
        }
        return null;
    }

    private void improved(double smoothed) {
        best = smoothed;
        bestBucket = bucket;
        bestFirstIteration = bucketFirstIteration;
        onPlateau = false;
    }

    private void startBucket(long k, long iteration, double value) {
        bucket = k;
        bucketSum = value;
        bucketCount = 1;
        bucketFirstIteration = iteration;
    }
}
