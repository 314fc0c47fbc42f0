package dev.descent.run;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * A run's first finite loss (at its lowest iteration) and its lowest finite loss, kept on the run row so that lists
 * sort and filter by them without reading series. An append folds its points in, O(points); only a point that
 * replaces the stored first or lowest value with something that is no longer it forces a scan of the series
 * ({@link #invalidatedBy}), since what came second is not kept.
 */
record LossExtremes(@Nullable Double first, @Nullable Long firstIteration, @Nullable Double min,
                    @Nullable Long minIteration) {

    static final LossExtremes NONE = new LossExtremes(null, null, null, null);

    /** From a whole loss series (iterations ascending). */
    static LossExtremes scan(long[] iterations, double[] values) {
        LossExtremes e = NONE;
        for (int i = 0; i < iterations.length; i++) {
            e = e.with(iterations[i], values[i]);
        }
        return e;
    }

    /** With the batch's new loss points folded in (non-finite values are not losses to compare). */
    LossExtremes with(List<NewPoint> lossPoints) {
        LossExtremes e = this;
        for (NewPoint p : lossPoints) {
            e = e.with(p.iteration(), p.value());
        }
        return e;
    }

    private LossExtremes with(long iteration, double value) {
        if (!Double.isFinite(value)) {
            return this;
        }
        Long fi = firstIteration;
        Double m = min;
        Long mi = minIteration;
        boolean newFirst = fi == null || iteration <= fi;
        boolean newMin = m == null || mi == null || value < m || (value == m && iteration < mi);
        return new LossExtremes(newFirst ? Double.valueOf(value) : first, newFirst ? Long.valueOf(iteration) : fi,
                newMin ? Double.valueOf(value) : m, newMin ? Long.valueOf(iteration) : mi);
    }

    /**
     * True when a point of the batch replaces the stored first loss with a non-finite value, or the stored lowest
     * loss with a higher or non-finite one: the series must be scanned again.
     */
    boolean invalidatedBy(List<NewPoint> lossPoints) {
        Long fi = firstIteration;
        Double m = min;
        Long mi = minIteration;
        for (NewPoint p : lossPoints) {
            if (fi != null && p.iteration() == fi && !Double.isFinite(p.value())) {
                return true;
            }
            if (mi != null && m != null && p.iteration() == mi && !(Double.isFinite(p.value()) && p.value() <= m)) {
                return true;
            }
        }
        return false;
    }
}
