package dev.descent.run;

import org.jspecify.annotations.Nullable;

/**
 * One value of one series at one training step, as written by a job.
 *
 * @param epoch     null when the job does not report epochs; may be fractional
 * @param value     any double: NaN and infinities are legal and mean the run diverged
 * @param timestamp epoch milliseconds
 */
public record NewPoint(String series, long iteration, @Nullable Double epoch, double value, long timestamp) {

    public NewPoint {
        if (iteration < 0) {
            throw new IllegalArgumentException("iteration must be >= 0, was " + iteration);
        }
    }
}
