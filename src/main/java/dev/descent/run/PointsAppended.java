package dev.descent.run;

import java.util.List;

/**
 * Published after a batch of points is committed.
 *
 * @param points           the batch as stored (one point per series and iteration, in no particular order)
 * @param replacedExisting true when at least one point replaced a stored one, so anything kept incrementally
 *                         must be recomputed rather than appended to
 */
public record PointsAppended(long runId, List<NewPoint> points, boolean replacedExisting) {
}
