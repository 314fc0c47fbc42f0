package dev.descent.plot;

import org.jspecify.annotations.Nullable;

/**
 * Where relative time starts: the first point's timestamp, known once a point is. Shared by the series of one
 * chart so they line up; a run without points yet takes it from its first live point.
 */
public final class TimeOrigin {

    private @Nullable Long first;

    public TimeOrigin() {
    }

    public TimeOrigin(long first) {
        this.first = first;
    }

    /** The origin, fixed by {@code timestamp} if none is known yet. */
    public long firstOr(long timestamp) {
        Long known = first;
        if (known == null) {
            first = timestamp;
            return timestamp;
        }
        return known;
    }
}
